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
    private final Labels base;
    private final Map<String, String> targetLabels;
    /** Label sets per component ("kind/id"), handed to the next poll's metrics to reuse while they still fit. */
    private final Map<String, ComponentLabels> labels;

    private DeviceMetrics(Builder b) {
        this.families = b.families;
        this.base = b.base;
        this.targetLabels = b.targetLabels;
        this.labels = b.labels;
    }

    public Map<String, Points> families() {
        return families;
    }

    public static DeviceMetrics of(String target, Map<String, String> targetLabels, DeviceSnapshot last,
                                   Map<String, Map<String, Double>> rates) {
        return of(target, targetLabels, last, rates, null);
    }

    /**
     * The device's points after a poll. {@code previous} (the metrics of its last poll, or null) lends its label
     * sets to components whose name, state and labels did not change, which is nearly all of them: no new label
     * objects, nothing to validate again, and fewer objects for the garbage collector to copy.
     */
    public static DeviceMetrics of(String target, Map<String, String> targetLabels, DeviceSnapshot last,
                                   Map<String, Map<String, Double>> rates, DeviceMetrics previous) {
        Builder b = new Builder(target, targetLabels, previous);
        boolean up = last != null && last.status() == PollStatus.OK;
        b.gauge(TARGET_UP, b.base, up ? 1 : 0);
        if (last == null) {
            return new DeviceMetrics(b);
        }
        b.gauge(POLL_DURATION, b.base, last.duration().toNanos() / 1e9);
        if (!up) {
            return new DeviceMetrics(b);
        }
        if (last.system().uptimeSeconds() != null) {
            b.gauge(UPTIME, b.base, last.system().uptimeSeconds());
        }
        b.gauge(INCOMPLETE, b.base, last.problems().size());
        for (Component c : last.components()) {
            b.component(c, rates.getOrDefault(c.kind().word() + "/" + c.id(), Map.of()));
        }
        return new DeviceMetrics(b);
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

    /**
     * What a component's label sets were made from, the sets, and the component's points of that poll in the
     * order they were made (a point whose labels and value did not change is reused, not made again).
     */
    private record ComponentLabels(String name, String state, String profile, Map<String, String> own, Labels id,
                                   Labels withKind, Labels info, Labels[] levels, DataPointSnapshot[] points) {
        boolean fits(Component c) {
            return name.equals(c.name()) && state.equals(c.state()) && profile.equals(c.profile()) && own.equals(c.labels());
        }

        ComponentLabels withPoints(DataPointSnapshot[] next) {
            return new ComponentLabels(name, state, profile, own, id, withKind, info, levels, next);
        }
    }

    /**
     * Whether {@code state} is the one true state of a state set point. By name: the point keeps its states in
     * alphabetical order, not in {@link #STATES}' order, so an index from STATES would compare the wrong state.
     */
    static boolean isOnly(StateSetDataPointSnapshot st, String state) {
        for (int i = 0; i < st.size(); i++) {
            if (st.isTrue(i) != st.getName(i).equals(state)) {
                return false;
            }
        }
        return true;
    }

    private static final DataPointSnapshot[] NO_POINTS = new DataPointSnapshot[0];

    private static final class Builder {
        final Map<String, Points> families = new LinkedHashMap<>();
        final Map<String, ComponentLabels> labels = new java.util.HashMap<>();
        final Map<String, ComponentLabels> before;
        final Labels base;
        final Map<String, String> targetLabels;

        Builder(String target, Map<String, String> targetLabels, DeviceMetrics previous) {
            this.targetLabels = targetLabels;
            if (previous != null && previous.base.get("target").equals(target)
                && previous.targetLabels.equals(targetLabels)) {
                this.base = previous.base;
                this.before = previous.labels;
            } else {
                Labels l = Labels.of("target", target);
                for (Map.Entry<String, String> e : targetLabels.entrySet()) {
                    l = l.add(e.getKey(), e.getValue());
                }
                this.base = l;
                this.before = Map.of();
            }
        }

        /** The component's label sets: last poll's when they still fit, else new ones (recorded by component()). */
        ComponentLabels labelsOf(Component c, String key) {
            ComponentLabels old = before.get(key);
            ComponentLabels now;
            if (old != null && old.fits(c)) {
                return old.levels != null || c.thresholds().isEmpty() ? old : new ComponentLabels(old.name, old.state,
                    old.profile, old.own, old.id, old.withKind, old.info, levels(old.id), old.points);
            }
            String kind = c.kind().word();
            Labels id = base.merge(Labels.of("component", c.id(), "name", c.name()));
            Labels withKind = base.merge(Labels.of("component", c.id(), "kind", kind, "name", c.name()));
            Labels info = withKind.merge(infoLabels(c, withKind));
            // New label sets: the last poll's points (made with the old ones) cannot be reused.
            return new ComponentLabels(c.name(), c.state(), c.profile(), c.labels(), id, withKind, info,
                c.thresholds().isEmpty() ? null : levels(id), NO_POINTS);
        }

        void add(Family f, DataPointSnapshot p) {
            families.computeIfAbsent(f.name(), k -> new Points(f, new ArrayList<>())).points().add(p);
        }

        void gauge(Family f, Labels labels, double value) {
            add(f, new GaugeDataPointSnapshot(value, labels, null));
        }

        /** The points of the component being built, and the same component's points of the last poll. */
        private List<DataPointSnapshot> mine;
        private DataPointSnapshot[] prior = NO_POINTS;

        /** The point at this position last poll, to reuse if it says the same. */
        private DataPointSnapshot prior() {
            int i = mine.size();
            return i < prior.length ? prior[i] : null;
        }

        private void own(Family f, DataPointSnapshot p) {
            mine.add(p);
            add(f, p);
        }

        private void ownGauge(Family f, Labels l, double value) {
            DataPointSnapshot p = prior();
            own(f, p instanceof GaugeDataPointSnapshot g && g.getLabels() == l && Double.compare(g.getValue(), value) == 0
                ? p : new GaugeDataPointSnapshot(value, l, null));
        }

        void component(Component c, Map<String, Double> rates) {
            String kind = c.kind().word();
            // Label sets are shared by the component's points, and reused from the last poll while they fit.
            String key = kind + "/" + c.id();
            ComponentLabels cl = labelsOf(c, key);
            Labels id = cl.id();
            Labels withKind = cl.withKind();
            mine = new ArrayList<>(Math.max(8, cl.points().length));
            prior = cl.points();
            int rank = c.health().rank();
            DataPointSnapshot p = prior();
            if (!(p instanceof StateSetDataPointSnapshot st && st.getLabels() == withKind && isOnly(st, STATES[rank]))) {
                boolean[] on = new boolean[STATES.length];
                on[rank] = true;
                p = new StateSetDataPointSnapshot(STATES, on, withKind);
            }
            own(HEALTH, p);
            ownGauge(SEVERITY, withKind, rank);
            p = prior();
            own(INFO, p instanceof InfoDataPointSnapshot i && i.getLabels() == cl.info() ? p
                : new InfoDataPointSnapshot(cl.info()));
            for (Map.Entry<String, Double> r : c.readings().entrySet()) {
                ReadingFamily rf = ReadingFamily.of(kind, r.getKey());
                ownGauge(rf.family(), id, r.getValue() * rf.factor());
            }
            Labels[] levels = cl.levels();
            for (Map.Entry<String, Thresholds> t : c.thresholds().entrySet()) {
                ReadingFamily rf = ReadingFamily.of(kind, t.getKey()); // the unit the reading is exposed in
                String exposed = rf.exposedName();
                Family f = family("threshold", kind, exposed, () -> new Family(MetricNames.threshold(kind, exposed),
                    Type.GAUGE, "The device's own limits for " + Units.help(kind, exposed).toLowerCase(java.util.Locale.ROOT),
                    MetricNames.unitOf(exposed)));
                Thresholds v = t.getValue();
                Double[] limits = {v.lowAlarm(), v.lowWarning(), v.highWarning(), v.highAlarm()};
                for (int i = 0; i < limits.length; i++) {
                    if (limits[i] != null) {
                        ownGauge(f, levels[i], limits[i] * rf.factor());
                    }
                }
            }
            for (Map.Entry<String, Counter> e : c.counters().entrySet()) {
                long raw = e.getValue().value();
                // Unsigned, then wrapped at 2^53 so the double Prometheus stores is exact.
                double v = raw >= 0 ? raw % WRAP_53 : Long.remainderUnsigned(raw, WRAP_53);
                Family f = family("counter", kind, e.getKey(), () -> new Family(MetricNames.counter(kind, e.getKey()),
                    Type.COUNTER, "SNMP counter " + e.getKey().replace('_', ' ') + " of " + kind.replace('_', ' ')
                    + " components (wrapped at 2^53)", ""));
                p = prior();
                own(f, p instanceof CounterDataPointSnapshot cp && cp.getLabels() == id && Double.compare(cp.getValue(), v) == 0
                    ? p : new CounterDataPointSnapshot(v, id, null, 0));
            }
            for (Map.Entry<String, Double> e : rates.entrySet()) {
                Family f = family("rate", kind, e.getKey(), () -> new Family(MetricNames.rate(kind, e.getKey()),
                    Type.GAUGE, "Per-second rate of " + e.getKey().replace('_', ' ') + ", computed by nplus across"
                    + " counter wraps and reboots", ""));
                ownGauge(f, id, e.getValue());
            }
            labels.put(key, cl.withPoints(mine.toArray(NO_POINTS)));
        }

        /** The component's labels plus level=low_alarm, low_warning, high_warning, high_alarm. */
        private static Labels[] levels(Labels id) {
            Labels[] out = new Labels[LEVELS.length];
            for (int i = 0; i < LEVELS.length; i++) {
                out[i] = id.merge(Labels.of("level", LEVELS[i]));
            }
            return out;
        }

        /**
         * state, profile and the component's own labels; one whose name is taken (by {@code have} or an earlier one)
         * gets a component_ prefix, and is left out if that is taken too.
         */
        private static Labels infoLabels(Component c, Labels have) {
            List<String> names = new ArrayList<>(c.labels().size() + 2);
            List<String> values = new ArrayList<>(c.labels().size() + 2);
            names.add("state");
            values.add(c.state());
            names.add("profile");
            values.add(c.profile());
            for (Map.Entry<String, String> e : c.labels().entrySet()) {
                String name = have.contains(e.getKey()) || names.contains(e.getKey()) ? "component_" + e.getKey() : e.getKey();
                if (!have.contains(name) && !names.contains(name)) {
                    names.add(name);
                    values.add(e.getValue());
                }
            }
            return Labels.of(names, values);
        }
    }

    static final String[] LEVELS = {"low_alarm", "low_warning", "high_warning", "high_alarm"};

    private static final Family TARGET_UP = new Family("nplus_target_up", Type.GAUGE,
        "1 when the last poll reached the device, 0 when it did not", "");
    private static final Family POLL_DURATION = new Family("nplus_poll_duration_seconds", Type.GAUGE,
        "How long the last poll of the device took", "seconds");
    private static final Family UPTIME = new Family("nplus_device_uptime_seconds", Type.GAUGE,
        "sysUpTime: how long the agent has run", "seconds");
    private static final Family INCOMPLETE = new Family("nplus_poll_incomplete_tables", Type.GAUGE,
        "Tables the last poll could not read completely (see /api/v1/devices/<name>)", "");
    private static final Family HEALTH = new Family("nplus_component_health", Type.STATESET, "Health of each component:"
        + " ok, unknown, warning, degraded or failed", "");
    private static final Family SEVERITY = new Family("nplus_component_severity", Type.GAUGE,
        "Health as a number: 0 ok, 1 unknown, 2 warning, 3 degraded, 4 failed", "");
    private static final Family INFO = new Family("nplus_component", Type.INFO,
        "Each component's state word and labels (serial, model, port)", "");

    /** Families by what they are made from (role, kind, name): names and help texts are built once, not per point. */
    private static final Map<String, Map<String, Map<String, Family>>> FAMILIES = new java.util.concurrent.ConcurrentHashMap<>();

    private static Family family(String role, String kind, String name, java.util.function.Supplier<Family> make) {
        Map<String, Family> byName = FAMILIES.computeIfAbsent(role, r -> new java.util.concurrent.ConcurrentHashMap<>())
            .computeIfAbsent(kind, k -> new java.util.concurrent.ConcurrentHashMap<>());
        Family f = byName.get(name);
        return f != null ? f : byName.computeIfAbsent(name, n -> make.get());
    }

    /** A reading's family, and the factor its value is exposed with (bits per second become bytes). */
    record ReadingFamily(Family family, double factor, String exposedName) {
        private static final Map<String, Map<String, ReadingFamily>> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

        static ReadingFamily of(String kind, String reading) {
            Map<String, ReadingFamily> byReading = CACHE.computeIfAbsent(kind, k -> new java.util.concurrent.ConcurrentHashMap<>());
            ReadingFamily rf = byReading.get(reading);
            if (rf == null) {
                rf = byReading.computeIfAbsent(reading, k -> {
                    String name = reading;
                    double factor = 1;
                    if (name.endsWith("_bits_per_second")) {
                        // Prometheus' base unit is bytes (node_network_speed_bytes); JSON keeps the bits of the MIB.
                        name = name.substring(0, name.length() - "_bits_per_second".length()) + "_bytes_per_second";
                        factor = 1.0 / 8;
                    }
                    return new ReadingFamily(new Family(MetricNames.reading(kind, name), Type.GAUGE, Units.help(kind, name),
                        MetricNames.unitOf(name)), factor, name);
                });
            }
            return rf;
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
