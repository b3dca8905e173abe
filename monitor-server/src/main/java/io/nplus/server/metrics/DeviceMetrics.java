package io.nplus.server.metrics;

import io.nplus.core.model.DeviceSnapshot;
import io.nplus.core.model.PollStatus;
import io.nplus.core.model.WalkProblem;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.Counter;
import io.nplus.mibs.vocab.Health;
import io.nplus.mibs.vocab.Thresholds;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot.StateSetDataPointSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data points of one device, built when its poll ends, so a scrape only concatenates lists. Series of a
 * device that did not answer its last poll are left out (Prometheus marks them stale); {@code nplus_target_up}
 * says why.
 */
public final class DeviceMetrics {
    /** Health states of the state set, in rank order. */
    static final String[] STATES = {"ok", "unknown", "warning", "degraded", "failed"};
    /** Counter values are wrapped at 2^53 for exposition, as snmp_exporter does: a double holds them exactly. */
    static final long WRAP_53 = 1L << 53;

    /** A family's kind and help, and the points this device contributes. */
    record Points(Family family, List<DataPointSnapshot> points) {
    }

    enum Type { GAUGE, COUNTER, STATESET, INFO }

    record Family(String name, Type type, String help, String unit) {
    }

    private final Map<String, Points> families;

    private DeviceMetrics(Map<String, Points> families) {
        this.families = families;
    }

    public Map<String, Points> families() {
        return families;
    }

    public static DeviceMetrics of(String target, Map<String, String> targetLabels, DeviceSnapshot last,
                                   Map<String, Map<String, Double>> rates) {
        Builder b = new Builder(target, targetLabels);
        boolean up = last != null && last.status() == PollStatus.OK;
        b.gauge(new Family("nplus_target_up", Type.GAUGE, "1 when the last poll reached the device, 0 when it did not", ""),
            b.base, up ? 1 : 0);
        if (last == null) {
            return new DeviceMetrics(b.families);
        }
        b.gauge(new Family("nplus_poll_duration_seconds", Type.GAUGE, "How long the last poll of the device took", "seconds"),
            b.base, last.duration().toNanos() / 1e9);
        if (!up) {
            return new DeviceMetrics(b.families);
        }
        if (last.system().uptimeSeconds() != null) {
            b.gauge(new Family("nplus_device_uptime_seconds", Type.GAUGE, "sysUpTime: how long the agent has run", "seconds"),
                b.base, last.system().uptimeSeconds());
        }
        b.gauge(new Family("nplus_poll_incomplete_tables", Type.GAUGE,
            "Tables the last poll could not read completely (see /api/v1/devices/<name>)", ""), b.base, last.problems().size());
        for (Component c : last.components()) {
            b.component(c, rates.getOrDefault(c.kind().word() + "/" + c.id(), Map.of()));
        }
        return new DeviceMetrics(b.families);
    }

    /** The reasons of a poll's problems, for nplus_poll_errors_total. */
    public static List<String> errorReasons(DeviceSnapshot s) {
        List<String> out = new ArrayList<>();
        if (s.status() != PollStatus.OK) {
            out.add(s.status().word());
        }
        for (WalkProblem p : s.problems()) {
            out.add(p.reason());
        }
        return out;
    }

    private static final class Builder {
        final Map<String, Points> families = new LinkedHashMap<>();
        final Labels base;

        Builder(String target, Map<String, String> labels) {
            Labels l = Labels.of("target", target);
            for (Map.Entry<String, String> e : labels.entrySet()) {
                l = l.add(e.getKey(), e.getValue());
            }
            this.base = l;
        }

        void add(Family f, DataPointSnapshot p) {
            families.computeIfAbsent(f.name(), k -> new Points(f, new ArrayList<>())).points().add(p);
        }

        void gauge(Family f, Labels labels, double value) {
            add(f, new GaugeDataPointSnapshot(value, labels, null));
        }

        void component(Component c, Map<String, Double> rates) {
            String kind = c.kind().word();
            Labels id = base.add("component", c.id()).add("name", c.name());
            Labels withKind = id.add("kind", kind);
            boolean[] on = new boolean[STATES.length];
            on[c.health().rank()] = true;
            add(new Family("nplus_component_health", Type.STATESET, "Health of each component: ok, unknown, warning,"
                + " degraded or failed", ""), new StateSetDataPointSnapshot(STATES, on, withKind));
            gauge(new Family("nplus_component_severity", Type.GAUGE,
                "Health as a number: 0 ok, 1 unknown, 2 warning, 3 degraded, 4 failed", ""), withKind, c.health().rank());
            Labels info = withKind.add("state", c.state()).add("profile", c.profile());
            for (Map.Entry<String, String> e : c.labels().entrySet()) {
                String name = info.contains(e.getKey()) ? "component_" + e.getKey() : e.getKey();
                if (!info.contains(name)) {
                    info = info.add(name, e.getValue());
                }
            }
            add(new Family("nplus_component", Type.INFO, "Each component's state word and labels (serial, model, port)", ""),
                new InfoDataPointSnapshot(info));
            for (Map.Entry<String, Double> r : c.readings().entrySet()) {
                String reading = r.getKey();
                double value = r.getValue();
                if (reading.endsWith("_bits_per_second")) {
                    // Prometheus' base unit is bytes (node_network_speed_bytes); JSON keeps the bits of the MIB.
                    reading = reading.substring(0, reading.length() - "_bits_per_second".length()) + "_bytes_per_second";
                    value /= 8;
                }
                gauge(new Family(MetricNames.reading(kind, reading), Type.GAUGE, Units.help(kind, reading),
                    MetricNames.unitOf(reading)), id, value);
            }
            for (Map.Entry<String, Thresholds> t : c.thresholds().entrySet()) {
                Family f = new Family(MetricNames.threshold(kind, t.getKey()), Type.GAUGE,
                    "The device's own limits for " + Units.help(kind, t.getKey()).toLowerCase(java.util.Locale.ROOT),
                    MetricNames.unitOf(t.getKey()));
                Thresholds v = t.getValue();
                if (v.lowAlarm() != null) {
                    gauge(f, id.add("level", "low_alarm"), v.lowAlarm());
                }
                if (v.lowWarning() != null) {
                    gauge(f, id.add("level", "low_warning"), v.lowWarning());
                }
                if (v.highWarning() != null) {
                    gauge(f, id.add("level", "high_warning"), v.highWarning());
                }
                if (v.highAlarm() != null) {
                    gauge(f, id.add("level", "high_alarm"), v.highAlarm());
                }
            }
            for (Map.Entry<String, Counter> e : c.counters().entrySet()) {
                long raw = e.getValue().value();
                // Unsigned, then wrapped at 2^53 so the double Prometheus stores is exact.
                double v = raw >= 0 ? raw % WRAP_53 : Long.remainderUnsigned(raw, WRAP_53);
                add(new Family(MetricNames.counter(kind, e.getKey()), Type.COUNTER, "SNMP counter " + e.getKey()
                    .replace('_', ' ') + " of " + kind.replace('_', ' ') + " components (wrapped at 2^53)", ""),
                    new CounterDataPointSnapshot(v, id, null, 0));
            }
            for (Map.Entry<String, Double> e : rates.entrySet()) {
                gauge(new Family(MetricNames.rate(kind, e.getKey()), Type.GAUGE, "Per-second rate of " + e.getKey()
                    .replace('_', ' ') + ", computed by nplus across counter wraps and reboots", ""), id, e.getValue());
            }
        }
    }

    /** Help texts from reading names. */
    static final class Units {
        private Units() {
        }

        static String help(String kind, String reading) {
            String unit = MetricNames.unitOf(reading);
            String what = unit.isEmpty() ? reading : reading.substring(0, reading.length() - unit.length() - 1);
            String text = what.replace('_', ' ') + " of " + kind.replace('_', ' ') + " components";
            text = Character.toUpperCase(text.charAt(0)) + text.substring(1);
            return unit.isEmpty() ? text : text + ", in " + unit.replace('_', ' ');
        }
    }

    /** Whether a health is worse than ok (for tests and the status page). */
    static boolean bad(Health h) {
        return h != Health.OK;
    }
}
