package io.nplus.mibs.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nplus.mibs.data.MibSnapshot;
import io.nplus.mibs.expr.ColumnDef;
import io.nplus.mibs.interpret.DeviceInterpreter;
import io.nplus.mibs.profile.Profile;
import io.nplus.mibs.profile.ProfileCatalog;
import io.nplus.mibs.profile.ProfileLoader;
import io.nplus.mibs.testdata.Expected;
import io.nplus.mibs.testdata.TestData;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.SystemInfo;
import io.nplus.mibs.yaml.YamlDocument;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;

class DetectorTest {
    private static final String SYSTEM = """
        profile: sys
        columns:
          sysDescr: {oid: 1.3.6.1.2.1.1.1, scalar: true}
          sysObjectID: {oid: 1.3.6.1.2.1.1.2, scalar: true}
          sysUpTime: {oid: 1.3.6.1.2.1.1.3, scalar: true}
          sysName: {oid: 1.3.6.1.2.1.1.5, scalar: true}
        system:
          name: sysName
          descr: sysDescr
          object_id: sysObjectID
          uptime_seconds: sysUpTime / 100
        """;

    static Profile profile(String id, String head) {
        return ProfileLoader.load(YamlDocument.parse(id + ".yaml", "profile: " + id + "\n" + head + """
            columns:
              ifDescr: 1.3.6.1.2.1.2.2.1.2
              ifName: 1.3.6.1.2.1.31.1.1.1.1
              vendorPort: 1.3.6.1.4.1.99999.9.1.2
            components: [{kind: interface, rows: ifDescr}]
            """));
    }

    private static final ProfileCatalog CATALOG = ProfileCatalog.of(List.of(
        ProfileLoader.load(YamlDocument.parse("sys.yaml", SYSTEM)),
        profile("cisco", "detect: {sys_object_id: 1.3.6.1.4.1.9}\n"),
        profile("arista_or_juniper", "detect: {sys_object_id: [.1.3.6.1.4.1.30065, 1.3.6.1.4.1.2636]}\n"),
        profile("linux", "detect: {sys_descr: '^Linux '}\n"),
        profile("netsnmp_linux", "detect: {sys_object_id: 1.3.6.1.4.1.8072, sys_descr: Linux}\n"),
        profile("generic_ports", "detect: {tables: [ifDescr, ifName]}\n"),
        profile("vendor_ports", "detect: {tables: vendorPort}\nsupersedes: generic_ports\n"),
        profile("everywhere", "")));

    private final Detector detector = new Detector(CATALOG);

    static SystemInfo system(String objectId, String descr) {
        return new SystemInfo("host", descr, objectId, null);
    }

    List<String> candidates(String objectId, String descr) {
        return detector.candidates(system(objectId, descr)).stream().map(Profile::id).toList();
    }

    List<String> select(Set<String> present) {
        List<Profile> all = detector.candidates(system("", ""));
        return detector.select(all, c -> present.contains(c.name())).stream().map(Profile::id).toList();
    }

    @Nested
    class SystemGroup {
        @Test
        void readsTheSystemScalars() {
            MibSnapshot scalars = MibSnapshot.of(Map.of(
                new OID("1.3.6.1.2.1.1.1.0"), new OctetString("Linux host 5.15.0"),
                new OID("1.3.6.1.2.1.1.2.0"), new OID("1.3.6.1.4.1.8072.3.2.10"),
                new OID("1.3.6.1.2.1.1.3.0"), new TimeTicks(123456),
                new OID("1.3.6.1.2.1.1.5.0"), new OctetString("host")));
            assertThat(detector.system(scalars))
                .isEqualTo(new SystemInfo("host", "Linux host 5.15.0", "1.3.6.1.4.1.8072.3.2.10", 1234.56));
        }

        @Test
        void missingScalarsAreEmptyAndNoUptime() {
            assertThat(detector.system(MibSnapshot.empty())).isEqualTo(new SystemInfo("", "", "", null));
        }

        @Test
        void theSystemColumnsAreTheScalarsTheSystemProfileReads() {
            assertThat(detector.systemColumns()).extracting(ColumnDef::name)
                .containsExactlyInAnyOrder("sysDescr", "sysObjectID", "sysUpTime", "sysName");
        }
    }

    @Nested
    class SysObjectId {
        @Test
        void matchesByPrefixOfArcs() {
            assertThat(candidates("1.3.6.1.4.1.9.1.1745", "")).contains("cisco");
            assertThat(candidates("1.3.6.1.4.1.9", "")).contains("cisco");
            // 99 starts with the characters "9" but is another arc
            assertThat(candidates("1.3.6.1.4.1.99.1", "")).doesNotContain("cisco");
            assertThat(candidates("1.3.6.1.4.1", "")).doesNotContain("cisco");
        }

        @Test
        void anyListedPrefixSufficesAndALeadingDotIsAllowed() {
            assertThat(candidates("1.3.6.1.4.1.30065.1.3011", "")).contains("arista_or_juniper");
            assertThat(candidates("1.3.6.1.4.1.2636.1.1.1.2.21", "")).contains("arista_or_juniper");
            assertThat(candidates("1.3.6.1.4.1.9.1", "")).doesNotContain("arista_or_juniper");
        }

        @Test
        void noObjectIdMatchesNoProfileThatAsksForOne() {
            assertThat(candidates("", "Linux box")).doesNotContain("cisco", "arista_or_juniper", "netsnmp_linux");
        }
    }

    @Nested
    class SysDescr {
        @Test
        void matchesTheRegularExpressionAnywhereInTheText() {
            assertThat(candidates("", "Linux host 5.15.0-91-generic")).contains("linux");
            assertThat(candidates("", "GNU/Linux host")).doesNotContain("linux");
            assertThat(candidates("", "")).doesNotContain("linux");
        }

        @Test
        void objectIdAndDescrMustBothHold() {
            assertThat(candidates("1.3.6.1.4.1.8072.3.2.10", "GNU/Linux host")).contains("netsnmp_linux");
            assertThat(candidates("1.3.6.1.4.1.8072.3.2.10", "FreeBSD host")).doesNotContain("netsnmp_linux");
            assertThat(candidates("1.3.6.1.4.1.9.1", "GNU/Linux host")).doesNotContain("netsnmp_linux");
        }

        @Test
        void aProfileWithoutConditionsIsAlwaysACandidate() {
            assertThat(candidates("", "")).containsExactly("sys", "generic_ports", "vendor_ports", "everywhere");
        }
    }

    @Nested
    class Tables {
        @Test
        void probesAreTheCandidatesTables() {
            assertThat(detector.probes(detector.candidates(system("", "")))).extracting(ColumnDef::name)
                .containsExactly("ifDescr", "ifName", "vendorPort");
            assertThat(detector.probes(detector.candidates(system("1.3.6.1.4.1.9", "")))).extracting(ColumnDef::name)
                .containsExactly("ifDescr", "ifName", "vendorPort");
        }

        @Test
        void anyPresentTableMatches() {
            assertThat(select(Set.of("ifName"))).contains("generic_ports");
            assertThat(select(Set.of("ifDescr"))).contains("generic_ports");
            assertThat(select(Set.of())).doesNotContain("generic_ports", "vendor_ports");
            // profiles without table conditions need no probe
            assertThat(select(Set.of())).containsExactly("sys", "everywhere");
        }

        @Test
        void aMatchedProfileRemovesTheProfilesItSupersedes() {
            assertThat(select(Set.of("ifDescr", "vendorPort"))).contains("vendor_ports").doesNotContain("generic_ports");
            // superseding needs a match: an absent vendor table leaves the generic profile
            assertThat(select(Set.of("ifDescr"))).contains("generic_ports").doesNotContain("vendor_ports");
        }
    }

    @Nested
    class WholeDevice {
        @Test
        void twoProfilesDescribingTheSameComponentKeepTheFirst() {
            ProfileCatalog catalog = ProfileCatalog.of(List.of(
                ProfileLoader.load(YamlDocument.parse("sys.yaml", SYSTEM)),
                profile("first", ""),
                profile("second", "")));
            MibSnapshot data = MibSnapshot.of(Map.of(
                new OID("1.3.6.1.2.1.2.2.1.2.1"), new OctetString("eth0"),
                new OID("1.3.6.1.2.1.2.2.1.2.2"), new OctetString("eth1")));
            DeviceInterpreter.DeviceHealth h = new DeviceInterpreter(new Detector(catalog)).interpret(data);
            assertThat(h.profiles()).containsExactly("sys", "first", "second");
            assertThat(h.components()).extracting(Component::id, Component::profile)
                .containsExactly(tuple("1", "first"), tuple("2", "first"));
        }

        /** The built-in catalog on every real walk matches the profiles the reviewed expected file lists. */
        @ParameterizedTest(name = "{0}")
        @MethodSource("io.nplus.mibs.testdata.TestData#walkNames")
        void builtInDetectionMatchesTheReviewedProfiles(String walk) throws IOException {
            String line = Expected.read(walk).lines().filter(l -> l.startsWith("profiles: ")).findFirst().orElseThrow();
            List<String> expected = List.of(new ObjectMapper().readValue(line.substring("profiles: ".length()), String[].class));
            DeviceInterpreter.DeviceHealth h = new DeviceInterpreter(new Detector(ProfileCatalog.builtIn()))
                .interpret(TestData.read(walk));
            assertThat(h.profiles()).containsExactlyElementsOf(expected);
        }
    }
}
