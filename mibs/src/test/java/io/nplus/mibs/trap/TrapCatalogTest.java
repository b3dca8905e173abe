package io.nplus.mibs.trap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nplus.mibs.profile.Profile;
import io.nplus.mibs.profile.ProfileCatalog;
import io.nplus.mibs.yaml.YamlDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snmp4j.smi.OID;

/** The built-in trap files as a whole (issue 9): list and directory in step, OIDs that are real notifications. */
class TrapCatalogTest {
    /** The mappings as they are in the source tree (the tests run in the module directory). */
    private static final Path SOURCE = Path.of("src/main/resources/traps");
    private static final Path NOTIFICATIONS = Path.of("src/test/resources/traps/notifications.txt");

    static List<String> builtInFiles() {
        return TrapCatalog.builtInFiles();
    }

    /** Drift check: a file added to the directory but not to traps.list would never be loaded. */
    @Test
    void trapsListNamesExactlyTheYamlFilesOfTheDirectory() throws IOException {
        try (Stream<Path> files = Files.list(SOURCE)) {
            List<String> yaml = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml")).toList();
            assertThat(builtInFiles()).doesNotHaveDuplicates().isNotEmpty().containsExactlyInAnyOrderElementsOf(yaml);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtInFiles")
    void everyFileLoadsFromTheSourceTreeAndItsHeaderNamesItsMib(String file) throws IOException {
        List<TrapMapping> mappings = TrapLoader.load(YamlDocument.read(SOURCE.resolve(file)));
        assertThat(mappings).isNotEmpty();
        String mib = mappings.get(0).mib();
        List<String> header = Files.readAllLines(SOURCE.resolve(file)).stream().takeWhile(l -> l.startsWith("#")).toList();
        assertThat(header).as("header comment of %s", file).hasSizeGreaterThan(2);
        assertThat(header.get(0)).as("first line of %s", file).startsWith("# " + mib);
        assertThat(String.join("\n", header)).as("%s says where its OIDs were checked", file).containsIgnoringCase("checked");
        assertThat(TrapCatalog.builtIn().all()).filteredOn(m -> m.source().equals("traps/" + file))
            .extracting(TrapMapping::name).containsExactlyElementsOf(mappings.stream().map(TrapMapping::name).toList());
    }

    /**
     * Every mapped OID is the notification its MIB defines under that name (notifications.txt holds the
     * definitions as read, with their sources), in a notification's form: under snmpTraps, or <prefix>.0.<n>.
     */
    @Test
    void everyMappedOidIsTheNotificationItsMibDefines() throws IOException {
        Map<String, String> defined = new HashMap<>();
        for (String line : Files.readAllLines(NOTIFICATIONS)) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                String[] f = t.split("\\s+");
                assertThat(defined.put(f[0], f[1])).as("%s listed once", f[0]).isNull();
            }
        }
        List<String> checked = new ArrayList<>();
        for (TrapMapping m : TrapCatalog.builtIn().all()) {
            String key = m.mib() + "::" + m.name();
            assertThat(defined).as("notifications.txt defines %s", key).containsKey(key);
            assertThat(m.oid().toDottedString()).as("OID of %s", key).isEqualTo(defined.get(key));
            OID oid = m.oid();
            boolean snmpTraps = oid.startsWith(new OID("1.3.6.1.6.3.1.1.5")) && oid.size() == 10;
            boolean underZero = oid.size() >= 3 && oid.get(oid.size() - 2) == 0;
            assertThat(snmpTraps || underZero).as("%s %s has a notification's form", key, oid).isTrue();
            checked.add(key);
        }
        assertThat(checked).hasSize(defined.size());
    }

    @Test
    void everyRepollNamesABuiltInProfile() {
        List<String> profiles = ProfileCatalog.builtIn().all().stream().map(Profile::id).toList();
        for (TrapMapping m : TrapCatalog.builtIn().all()) {
            assertThat(profiles).as("profiles re-polled by %s", m.name()).containsAll(m.repollProfiles());
        }
    }

    @Test
    void theIssuesTrapsAreAllMapped() {
        assertThat(TrapCatalog.builtIn().all()).extracting(TrapMapping::name).contains(
            "coldStart", "warmStart", "linkDown", "linkUp", "entSensorThresholdNotification",
            "jnxDomAlarmSet", "jnxDomAlarmCleared", "jnxDomLaneAlarmSet", "jnxDomLaneAlarmCleared",
            "cpqDa6LogDrvStatusChange", "cpqDa6AccelStatusChange", "cpqDa6PhyDrvStatusChange", "cpqDa7PhyDrvStatusChange",
            "cpqDaPhyDrvStatusChange", "pdtStateChange", "vdtStateChange", "alertStoragePhysicalDiskFailure",
            "alertArrayDiskFailure", "alertVirtualDiskFailure");
    }

    @Test
    void anUnknownTrapIsStillAnEventThatRepollsTheDevice() {
        TrapInterpretation t = TrapCatalog.builtIn().interpret(new OID("1.3.6.1.4.1.99999.0.7"),
            Snmptrap.varbinds("1.3.6.1.4.1.99999.1.1.0 s hello", "1.3.6.1.4.1.99999.1.2.0 i 3"));
        assertThat(t.mapped()).isFalse();
        assertThat(t.name()).isEqualTo("1.3.6.1.4.1.99999.0.7");
        assertThat(t.oid()).isEqualTo("1.3.6.1.4.1.99999.0.7");
        assertThat(t.mib()).isEmpty();
        assertThat(t.severity()).isEqualTo(TrapSeverity.INFO);
        assertThat(t.component()).isNull();
        assertThat(t.state()).isNull();
        assertThat(t.text()).isEqualTo("trap 1.3.6.1.4.1.99999.0.7 with 2 varbinds (no mapping knows it)");
        assertThat(t.repoll()).isTrue();
        assertThat(t.repollProfiles()).isEmpty();
    }

    @Test
    void aTrapWithoutOidOrVarbindsIsAnEventNotAnException() {
        TrapInterpretation none = TrapCatalog.builtIn().interpret(null, null);
        assertThat(none.mapped()).isFalse();
        assertThat(none.text()).isEqualTo("trap without a trap OID (snmpTrapOID.0) and 0 varbinds");
        TrapInterpretation linkDown = TrapCatalog.builtIn().interpret(new OID("1.3.6.1.6.3.1.1.5.3"), null);
        assertThat(linkDown.name()).isEqualTo("linkDown");
        assertThat(linkDown.text()).isEqualTo("link down on an interface the trap does not name");
        assertThat(linkDown.component().id()).isNull();
    }

    @Test
    void aTrapOidMappedInTwoFilesIsRefusedNamingBoth() {
        List<TrapMapping> a = TrapLoader.load(YamlDocument.parse("traps/a.yaml", """
            # A
            mib: A-MIB
            traps: [{name: first, oid: 1.3.6.1.4.1.1.0.1, severity: info, text: one}]
            """));
        List<TrapMapping> b = TrapLoader.load(YamlDocument.parse("traps/b.yaml", """
            mib: B-MIB
            traps: [{name: second, oid: 1.3.6.1.4.1.1.0.1, severity: info, text: two}]
            """));
        List<TrapMapping> both = new ArrayList<>(a);
        both.addAll(b);
        assertThatThrownBy(() -> TrapCatalog.of(both))
            .hasMessage("trap OID 1.3.6.1.4.1.1.0.1 is mapped by both traps/a.yaml (first) and traps/b.yaml (second)");
    }
}
