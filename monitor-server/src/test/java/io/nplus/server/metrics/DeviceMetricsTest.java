package io.nplus.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.core.model.DeviceSnapshot;
import io.nplus.core.model.PollStatus;
import io.nplus.mibs.detect.Detector;
import io.nplus.mibs.interpret.DeviceInterpreter;
import io.nplus.mibs.profile.ProfileCatalog;
import io.nplus.mibs.testdata.TestData;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.Thresholds;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 4: metrics that reuse the last poll's label sets are exactly the metrics built from scratch. */
class DeviceMetricsTest {
    static final DeviceInterpreter INTERPRETER = new DeviceInterpreter(new Detector(ProfileCatalog.builtIn()));

    static DeviceSnapshot snapshot(String walk) throws Exception {
        var health = INTERPRETER.interpret(TestData.read(walk));
        return withComponents(new DeviceSnapshot(walk, Instant.parse("2026-11-21T00:00:00Z"), Duration.ofMillis(120),
            PollStatus.OK, "", health.system(), health.profiles(), health.components(), List.of(), 10, 100),
            health.components());
    }

    static DeviceSnapshot withComponents(DeviceSnapshot s, List<Component> components) {
        return new DeviceSnapshot(s.target(), s.polledAt(), s.duration(), s.status(), s.error(), s.system(), s.profiles(),
            components, s.problems(), s.requests(), s.varbinds());
    }

    /** Every point as text: family, labels, value. */
    static List<String> points(DeviceMetrics m) {
        List<String> out = new ArrayList<>();
        for (DeviceMetrics.Points p : m.families().values()) {
            for (DataPointSnapshot d : p.points()) {
                String value = d instanceof io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot g
                    ? Double.toString(g.getValue())
                    : d instanceof io.prometheus.metrics.model.snapshots.StateSetSnapshot.StateSetDataPointSnapshot st
                    ? st.isTrue(0) + "," + st.isTrue(1) + "," + st.isTrue(2) + "," + st.isTrue(3) + "," + st.isTrue(4)
                    : d instanceof io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot c
                    ? Double.toString(c.getValue()) : "";
                out.add(p.family().name() + d.getLabels() + " " + value);
            }
        }
        return out;
    }

    @Test
    void reusedLabelsGiveTheSamePointsAsFreshOnes() throws Exception {
        for (String walk : List.of("arista_eos", "drac_idrac7", "junos_mx5t-isis")) {
            DeviceSnapshot s = snapshot(walk);
            DeviceMetrics first = DeviceMetrics.of(walk, Map.of("site", "fra1"), s, Map.of());
            DeviceMetrics second = DeviceMetrics.of(walk, Map.of("site", "fra1"), s, Map.of(), first);
            assertThat(points(second)).as(walk).isEqualTo(points(first)).hasSizeGreaterThan(50);
        }
    }

    @Test
    void aHealthChangeWithTheSameLabelsIsExposedNotTheLastPollsState() throws Exception {
        // Issue 8: the demo's drive going from ok to warning stayed "ok" on /metrics (a reused state set point).
        DeviceSnapshot s = snapshot("drac_idrac7");
        DeviceMetrics first = DeviceMetrics.of("raid", Map.of(), s, Map.of());
        List<Component> changed = new ArrayList<>();
        for (Component c : s.components()) {
            if (c.health() == io.nplus.mibs.vocab.Health.OK && c.name().equals("Physical Disk 0:1:2")) {
                c = new Component(c.kind(), c.id(), c.name(), io.nplus.mibs.vocab.Health.WARNING, c.state(), c.readings(),
                    c.counters(), c.labels(), c.thresholds(), "SMART alert", c.notes(), c.profile());
            }
            changed.add(c);
        }
        DeviceSnapshot next = withComponents(s, changed);
        List<String> reused = points(DeviceMetrics.of("raid", Map.of(), next, Map.of(), first));
        assertThat(reused).isEqualTo(points(DeviceMetrics.of("raid", Map.of(), next, Map.of())));
        assertThat(reused).anyMatch(p -> p.startsWith("nplus_component_health{") && p.contains("Physical Disk 0:1:2")
            && p.endsWith(" false,false,false,false,true"));
    }

    @Test
    void aChangedComponentGetsNewLabelsAndTheOthersKeepTheirs() throws Exception {
        DeviceSnapshot s = snapshot("arista_eos");
        DeviceMetrics first = DeviceMetrics.of("sw", Map.of(), s, Map.of());
        List<Component> changed = new ArrayList<>();
        for (Component c : s.components()) {
            if (c.name().equals("Ethernet1") && c.kind().word().equals("interface")) {
                Map<String, String> labels = new LinkedHashMap<>(c.labels());
                labels.put("alias", "uplink to core-2");
                c = new Component(c.kind(), c.id(), c.name(), c.health(), "down", c.readings(), c.counters(), labels,
                    Map.of("speed_bits_per_second", new Thresholds(null, null, null, 1e9)), c.reason(), c.notes(), c.profile());
            }
            changed.add(c);
        }
        DeviceSnapshot next = withComponents(s, changed);
        List<String> reused = points(DeviceMetrics.of("sw", Map.of(), next, Map.of(), first));
        List<String> fresh = points(DeviceMetrics.of("sw", Map.of(), next, Map.of()));
        assertThat(reused).isEqualTo(fresh);
        assertThat(reused).anyMatch(p -> p.startsWith("nplus_component{") && p.contains("name=\"Ethernet1\"")
            && p.contains("state=\"down\"") && p.contains("alias=\"uplink to core-2\""));
        // A limit on a bits-per-second reading is exposed in bytes, like the reading.
        assertThat(reused).anyMatch(p -> p.startsWith("nplus_interface_speed_threshold_bytes_per_second{")
            && p.contains("level=\"high_alarm\"") && p.endsWith(" 1.25E8"));

        // New target labels (a reload) are not taken from the old metrics either.
        assertThat(points(DeviceMetrics.of("sw", Map.of("site", "ams1"), next, Map.of(), first)))
            .allMatch(p -> p.contains("site=\"ams1\""));
    }

    @Test
    void pointsThatSayTheSameAreReusedAndChangedOnesAreNew() throws Exception {
        DeviceSnapshot s = snapshot("junos_qfx5130-32cd-evo");
        DeviceMetrics first = DeviceMetrics.of("qfx", Map.of(), s, Map.of());
        // The next poll: every reading of one transceiver moved, everything else the same.
        Component moved = s.components().stream().filter(c -> c.kind().word().equals("transceiver")
            && !c.readings().isEmpty()).findFirst().orElseThrow();
        Map<String, Double> readings = new LinkedHashMap<>();
        moved.readings().forEach((k, v) -> readings.put(k, v + 0.5));
        List<Component> next = new ArrayList<>();
        for (Component c : s.components()) {
            next.add(c == moved ? new Component(c.kind(), c.id(), c.name(), c.health(), c.state(), readings, c.counters(),
                c.labels(), c.thresholds(), c.reason(), c.notes(), c.profile()) : c);
        }
        Map<String, Map<String, Double>> rates = Map.of("interface/" + s.components().stream()
            .filter(c -> c.kind().word().equals("interface")).findFirst().orElseThrow().id(), Map.of("in_octets", 125.0));
        DeviceMetrics second = DeviceMetrics.of("qfx", Map.of(), withComponents(s, next), rates, first);
        assertThat(points(second)).isEqualTo(points(DeviceMetrics.of("qfx", Map.of(), withComponents(s, next), rates)));

        java.util.Set<DataPointSnapshot> before = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        first.families().values().forEach(p -> before.addAll(p.points()));
        int reused = 0;
        int made = 0;
        for (DeviceMetrics.Points p : second.families().values()) {
            for (DataPointSnapshot d : p.points()) {
                boolean same = before.contains(d);
                boolean ofMoved = moved.id().equals(d.getLabels().get("component"))
                    && p.family().name().startsWith("nplus_transceiver_") && !p.family().name().contains("threshold");
                if (ofMoved) {
                    assertThat(same).as("a changed reading is a new point: %s", p.family().name()).isFalse();
                }
                if (same) {
                    reused++;
                } else {
                    made++;
                }
            }
        }
        assertThat(made).isGreaterThan(0);
        assertThat(reused).isGreaterThan(made * 10);
    }
}
