package io.nplus.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nplus.mibs.data.MibSnapshot;
import io.nplus.mibs.expr.Values;
import io.nplus.mibs.testdata.Expected;
import io.nplus.mibs.testdata.TestData;
import io.nplus.snmp.lab.LabAgent;
import io.nplus.snmp.lab.LabWalks;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snmp4j.smi.OID;

/**
 * Issue 2: {@code nplus poll --json} against the lab agent serving each corpus walk reports exactly the reviewed
 * expected components, and the counts and names of interfaces, filesystems, storage and sensors agree with
 * the raw walk file, counted here independently of the profiles.
 */
class PollGoldenTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LabAgent agent;

    @BeforeAll
    static void startLab() throws Exception {
        agent = LabAgent.start(LabAgent.Options.loopback(0), LabWalks.load(TestData.walks()));
    }

    @AfterAll
    static void stopLab() throws Exception {
        agent.close();
    }

    static Stream<String> walks() {
        return TestData.selectedWalkNames().stream();
    }

    @ParameterizedTest
    @MethodSource("walks")
    void pollMatchesReviewedExpectedComponents(String walk) throws Exception {
        NplusRun run = NplusRun.of("poll", "127.0.0.1:" + agent.port(), "--community", walk, "--json", "--timeout", "5s");
        assertThat(run.err()).isEmpty();
        JsonNode snapshot = JSON.readTree(run.out());
        assertThat(snapshot.get("status").asText()).isEqualTo("ok");
        assertThat(snapshot.get("problems")).as("tables that ended early").isEmpty();
        String actual = Expected.canonical(walk, snapshot);
        if (Expected.updating() || !Expected.exists(walk)) {
            Expected.write(walk, actual);
        }
        assertThat(actual).isEqualTo(Expected.read(walk));
        assertThat(run.exit()).isEqualTo(exitFor(snapshot));
    }

    @ParameterizedTest
    @MethodSource("walks")
    void countsAndNamesAgreeWithTheRawWalk(String walk) throws Exception {
        MibSnapshot raw = TestData.read(walk);
        JsonNode snapshot = JSON.readTree(NplusRun.of("poll", "127.0.0.1:" + agent.port(), "--community", walk,
            "--json").out());

        // Interfaces: one per ifIndex in ifDescr or ifName; named by ifName, else ifDescr.
        Set<String> ifIndexes = new LinkedHashSet<>(indexes(raw, "1.3.6.1.2.1.2.2.1.2"));
        ifIndexes.addAll(indexes(raw, "1.3.6.1.2.1.31.1.1.1.1"));
        List<String> expectedNames = new ArrayList<>();
        for (String i : ifIndexes) {
            Object name = Values.of(raw.get(new OID("1.3.6.1.2.1.31.1.1.1.1." + i)));
            if (name == null || name.toString().isEmpty()) {
                name = Values.of(raw.get(new OID("1.3.6.1.2.1.2.2.1.2." + i)));
            }
            expectedNames.add(name == null || name.toString().isEmpty() ? "if" + i : name.toString());
        }
        assertThat(namesOf(snapshot, "interface", "if_mib")).containsExactlyInAnyOrderElementsOf(expectedNames);

        // Filesystems: one per hrFSMountPoint row, named by it.
        List<String> mounts = new ArrayList<>();
        for (String i : indexes(raw, "1.3.6.1.2.1.25.3.8.1.2")) {
            mounts.add(String.valueOf(Values.of(raw.get(new OID("1.3.6.1.2.1.25.3.8.1.2." + i)))));
        }
        assertThat(namesOf(snapshot, "filesystem", "host_resources")).containsExactlyInAnyOrderElementsOf(mounts);

        // Storage: every hrStorage row except hrStorageOther (buffers, caches).
        long storage = indexes(raw, "1.3.6.1.2.1.25.2.3.1.3").stream()
            .filter(i -> !"1.3.6.1.2.1.25.2.1.1".equals(String.valueOf(Values.of(raw.get(new OID("1.3.6.1.2.1.25.2.3.1.2." + i))))))
            .count();
        assertThat(namesOf(snapshot, "storage", "host_resources")).hasSize((int) storage);

        // Entity sensors: one per entPhySensorValue row. Where a vendor profile supersedes entity_sensor (Cisco,
        // Arista), it folds a transceiver's DOM sensors into one transceiver component: then every other row is
        // one sensor, with the row's index as its id, and none is reported twice.
        List<String> sensorRows = indexes(raw, "1.3.6.1.2.1.99.1.1.1.4");
        if (profilesOf(snapshot).contains("entity_sensor")) {
            assertThat(namesOf(snapshot, "sensor", "entity_sensor")).hasSize(sensorRows.size());
        } else if (!sensorRows.isEmpty()) {
            List<String> ids = new ArrayList<>();
            for (JsonNode c : snapshot.get("components")) {
                if (c.get("kind").asText().equals("sensor") && sensorRows.contains(c.get("id").asText())) {
                    ids.add(c.get("id").asText());
                }
            }
            assertThat(ids).doesNotHaveDuplicates();
            assertThat(ids.size() + namesOf(snapshot, "transceiver").size()).isBetween(1, sensorRows.size());
        }
    }

    private static List<String> profilesOf(JsonNode snapshot) {
        List<String> out = new ArrayList<>();
        snapshot.get("profiles").forEach(p -> out.add(p.asText()));
        return out;
    }

    private static List<String> namesOf(JsonNode snapshot, String kind) {
        List<String> names = new ArrayList<>();
        for (JsonNode c : snapshot.get("components")) {
            if (c.get("kind").asText().equals(kind)) {
                names.add(c.get("name").asText());
            }
        }
        return names;
    }

    private static List<String> namesOf(JsonNode snapshot, String kind, String profile) {
        List<String> names = new ArrayList<>();
        for (JsonNode c : snapshot.get("components")) {
            if (c.get("kind").asText().equals(kind) && c.get("profile").asText().equals(profile)) {
                names.add(c.get("name").asText());
            }
        }
        return names;
    }

    private static List<String> indexes(MibSnapshot raw, String column) {
        OID prefix = new OID(column);
        List<String> out = new ArrayList<>();
        for (int i = raw.higher(prefix); i < raw.size() && raw.oid(i).startsWith(prefix); i++) {
            int[] arcs = raw.oid(i).getValue();
            out.add(new OID(java.util.Arrays.copyOfRange(arcs, prefix.size(), arcs.length)).toDottedString());
        }
        return out;
    }

    private static int exitFor(JsonNode snapshot) {
        switch (snapshot.get("health").asText()) {
            case "failed":
            case "degraded":
                return 2;
            case "warning":
                return 1;
            case "unknown":
                return 3;
            default:
                return 0;
        }
    }
}
