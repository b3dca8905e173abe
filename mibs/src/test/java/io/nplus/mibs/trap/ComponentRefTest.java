package io.nplus.mibs.trap;

import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.ComponentKind;
import io.nplus.mibs.vocab.Health;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snmp4j.smi.OID;

/** A trap's event lands on one polled component or on none: never a guess that blames the wrong drive (issue 9). */
class ComponentRefTest {
    private static Component drive(String id, String name, Map<String, String> labels) {
        Component.Builder b = Component.builder(ComponentKind.PHYSICAL_DRIVE, id).name(name).health(Health.OK);
        labels.forEach(b::label);
        return b.build();
    }

    /** linux_lsi-like: the sub-agent gives no adapter column, and device ids repeat on two adapters. */
    @Test
    void aDriveTheLabelsCannotTellApartResolvesToNothing() {
        List<Component> polled = List.of(
            drive("pd.0", "Physical Disk device 8", Map.of("device_id", "8")),
            drive("pd.45", "Physical Disk device 8", Map.of("device_id", "8")),
            drive("pd.1", "Physical Disk device 9", Map.of("device_id", "9")));
        TrapInterpretation t = TrapCatalog.builtIn().interpret(new OID("1.3.6.1.4.1.3582.4.1.8.0.8217"),
            Snmptrap.varbinds("1.3.6.1.4.1.3582.4.1.6.1001.0 i 1", "1.3.6.1.4.1.3582.4.1.8.1201.0 i 8",
                "1.3.6.1.4.1.3582.4.1.8.1204.0 i 17"));
        assertThat(t.component().resolve(polled)).isNull();
        assertThat(t.component().name()).isEqualTo("Physical Disk device 8");
    }

    @Test
    void theAdapterLabelTellsThemApartWhereTheWalkHasIt() {
        List<Component> polled = List.of(
            drive("pd.0", "Physical Disk 0:252:4", Map.of("device_id", "8", "adapter", "0")),
            drive("pd.45", "Physical Disk 1:252:4", Map.of("device_id", "8", "adapter", "1")));
        TrapInterpretation t = TrapCatalog.builtIn().interpret(new OID("1.3.6.1.4.1.3582.4.1.8.0.8217"),
            Snmptrap.varbinds("1.3.6.1.4.1.3582.4.1.6.1001.0 i 1", "1.3.6.1.4.1.3582.4.1.8.1201.0 i 8",
                "1.3.6.1.4.1.3582.4.1.8.1204.0 i 17"));
        assertThat(t.component().resolve(polled).id()).isEqualTo("pd.45");
    }

    @Test
    void aLabelThatDisagreesIsNoMatchEvenIfAnotherAgrees() {
        List<Component> polled = List.of(drive("pd.0", "Physical Disk 0:252:4", Map.of("device_id", "8", "adapter", "0")));
        TrapInterpretation t = TrapCatalog.builtIn().interpret(new OID("1.3.6.1.4.1.3582.4.1.8.0.8217"),
            Snmptrap.varbinds("1.3.6.1.4.1.3582.4.1.6.1001.0 i 1", "1.3.6.1.4.1.3582.4.1.8.1201.0 i 8"));
        assertThat(t.component().resolve(polled)).isNull();
    }

    @Test
    void theIdWinsAndAnotherKindNeverMatches() {
        Component port = Component.builder(ComponentKind.INTERFACE, "3").name("Gi0/3").health(Health.OK).build();
        Component optic = Component.builder(ComponentKind.TRANSCEIVER, "3").name("Gi0/3").health(Health.OK).build();
        TrapInterpretation t = TrapCatalog.builtIn().interpret(new OID("1.3.6.1.6.3.1.1.5.3"),
            Snmptrap.varbinds("1.3.6.1.2.1.2.2.1.1.3 i 3", "1.3.6.1.2.1.2.2.1.7.3 i 1", "1.3.6.1.2.1.2.2.1.8.3 i 2"));
        assertThat(t.component().resolve(List.of(optic, port))).isSameAs(port);
        assertThat(t.component().resolve(List.of(optic))).isNull();
    }

    @Test
    void aVirtualDiskIsFoundByItsNameWithOrWithoutItsLabel() {
        Component labelled = Component.builder(ComponentKind.VIRTUAL_DRIVE, "vd.3").name("Virtual Disk 0:1 (data)")
            .health(Health.OK).build();
        Component other = Component.builder(ComponentKind.VIRTUAL_DRIVE, "vd.4").name("Virtual Disk 0:11")
            .health(Health.OK).build();
        TrapInterpretation t = TrapCatalog.builtIn().interpret(new OID("1.3.6.1.4.1.3582.4.1.7.0.8121"),
            Snmptrap.varbinds("1.3.6.1.4.1.3582.4.1.6.1001.0 i 0", "1.3.6.1.4.1.3582.4.1.7.1101.0 i 1",
                "1.3.6.1.4.1.3582.4.1.7.1105.0 i 2"));
        assertThat(t.component().resolve(List.of(other, labelled))).isSameAs(labelled);
    }
}
