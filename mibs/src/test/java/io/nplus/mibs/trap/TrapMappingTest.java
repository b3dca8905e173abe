package io.nplus.mibs.trap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.VariableBinding;

/** How one mapping reads what the sender wrote: instances, hostile strings, null entries (issue 9). */
class TrapMappingTest {
    private static final TrapCatalog CATALOG = TrapCatalog.builtIn();

    @Test
    void aScalarSentWithoutItsInstanceIsStillRead() {
        TrapInterpretation t = CATALOG.interpret(new OID("1.3.6.1.4.1.3582.4.1.6.0.8040"),
            Snmptrap.varbinds("1.3.6.1.4.1.3582.4.1.6.1001 i 3"));
        assertThat(t.text()).isEqualTo("battery on controller 3 needs replacement (state of health bad)");
    }

    @Test
    void theSendersStringsCannotForgeLinesOrGrowTheEventWithoutBound() {
        String longMessage = "Disk failed.\nFAKE LOG LINE " + "x".repeat(1000);
        TrapInterpretation t = CATALOG.interpret(new OID("1.3.6.1.4.1.674.10892.5.3.2.2.0.4345"), List.of(
            new VariableBinding(new OID("1.3.6.1.4.1.674.10892.5.3.1.1.0"), new OctetString("PDR1016")),
            new VariableBinding(new OID("1.3.6.1.4.1.674.10892.5.3.1.2.0"), new OctetString(longMessage)),
            new VariableBinding(new OID("1.3.6.1.4.1.674.10892.5.3.1.7.0"), new OctetString("Disk 1\r\nin bay 2"))));
        assertThat(t.text()).doesNotContain("\n", "\r").startsWith("Disk 1  in bay 2: Disk failed. FAKE LOG LINE xxx")
            .endsWith("...").hasSize(TrapMapping.MAX_TEXT + 3);
        assertThat(t.component().name()).isEqualTo("Disk 1  in bay 2");
    }

    @Test
    void nullEntriesInThePayloadAreSkipped() {
        List<VariableBinding> payload = new java.util.ArrayList<>(
            Snmptrap.varbinds("1.3.6.1.2.1.2.2.1.1.5 i 5", "1.3.6.1.2.1.2.2.1.8.5 i 2"));
        payload.add(1, null);
        TrapInterpretation t = CATALOG.interpret(new OID("1.3.6.1.6.3.1.1.5.3"), payload);
        assertThat(t.text()).isEqualTo("link down on ifIndex 5");
        assertThat(t.component().id()).isEqualTo("5");
        assertThat(t.state()).isEqualTo("down");
    }

    @Test
    void anUnknownEnumerationValueIsShownAsItsNumber() {
        TrapInterpretation t = CATALOG.interpret(new OID("1.3.6.1.4.1.232.3.0.1"),
            Snmptrap.varbinds("1.3.6.1.4.1.232.3.2.3.1.1.4.2.7 i 42"));
        assertThat(t.state()).isEqualTo("42");
        assertThat(t.severity()).isEqualTo(TrapSeverity.WARNING);
        assertThat(t.text()).isEqualTo("Logical Drive 7 on controller 2 is 42");
    }

    /** The last guard: an expression that fails on what the sender wrote (here a regex taken from a varbind). */
    @Test
    void aMappingThatFailsOnTheSendersValuesStillGivesAnEvent() {
        TrapMapping m = TrapLoader.load(io.nplus.mibs.yaml.YamlDocument.parse("inline.yaml", """
            mib: X-MIB
            objects: {text: 1.3.6.1.4.1.1.1, pattern: 1.3.6.1.4.1.1.2}
            traps:
              - name: odd
                oid: 1.3.6.1.4.1.1.0.1
                severity: warning
                text: "matched {capture(text, pattern)}"
                repoll: [if_mib]
            """)).get(0);
        TrapInterpretation t = m.interpret(Snmptrap.varbinds("1.3.6.1.4.1.1.1.0 s abc", "1.3.6.1.4.1.1.2.0 s ([unclosed"));
        assertThat(t.name()).isEqualTo("odd");
        assertThat(t.severity()).isEqualTo(TrapSeverity.WARNING);
        assertThat(t.text()).isEqualTo("odd (its varbinds could not be read: PatternSyntaxException)");
        assertThat(t.repollProfiles()).containsExactly("if_mib");
        assertThat(m.interpret(Snmptrap.varbinds("1.3.6.1.4.1.1.1.0 s abc", "1.3.6.1.4.1.1.2.0 s (b)")).text())
            .isEqualTo("matched b");
    }
}
