package io.nplus.server.metrics;

import io.nplus.core.model.DeviceSnapshot;
import io.nplus.core.model.PollStatus;
import io.nplus.core.store.SeriesKey;
import io.nplus.core.store.StoreService;
import io.nplus.core.store.codec.Kind;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.Counter;
import io.nplus.mibs.vocab.Thresholds;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns each poll into the samples history keeps, named as on /metrics: per target {@code nplus_target_up} and
 * {@code nplus_poll_duration_seconds}; per component {@code nplus_component_severity}, every reading, the
 * device's thresholds, and the SNMP counters as the unsigned 64-bit values read (not wrapped, unlike /metrics).
 * Series are identified by target, component id and name (plus kind, level): not by the config's extra labels,
 * so relabelling a target does not split its history. Rates are not stored; they follow from the counters.
 *
 * <p>The series references are made once per component and reused, so a poll costs no string building.
 */
public final class HistoryFeed {
    private final Map<String, TargetRefs> targets = new ConcurrentHashMap<>();

    private static final class TargetRefs {
        final StoreService.SeriesRef up;
        final StoreService.SeriesRef duration;
        final Map<String, ComponentRefs> components = new HashMap<>();

        TargetRefs(String target) {
            up = new StoreService.SeriesRef(SeriesKey.of("nplus_target_up", Map.of("target", target)), Kind.GAUGE);
            duration = new StoreService.SeriesRef(SeriesKey.of("nplus_poll_duration_seconds", Map.of("target", target)),
                Kind.GAUGE);
        }
    }

    private static final class ComponentRefs {
        final String name;
        final Map<String, String> id;
        final StoreService.SeriesRef severity;
        final Map<String, StoreService.SeriesRef> readings = new HashMap<>();
        final Map<String, StoreService.SeriesRef[]> thresholds = new HashMap<>();
        final Map<String, StoreService.SeriesRef> counters = new HashMap<>();

        ComponentRefs(String target, Component c) {
            name = c.name();
            id = Map.of("target", target, "component", c.id(), "name", c.name());
            Map<String, String> withKind = new TreeMap<>(id);
            withKind.put("kind", c.kind().word());
            severity = new StoreService.SeriesRef(SeriesKey.of("nplus_component_severity", withKind), Kind.GAUGE);
        }
    }

    /** The samples of one poll, or null when there is nothing to keep. */
    public StoreService.Poll samples(String target, DeviceSnapshot s) {
        TargetRefs t = targets.computeIfAbsent(target, TargetRefs::new);
        boolean up = s.status() == PollStatus.OK;
        int capacity = 2;
        if (up) {
            for (Component c : s.components()) {
                capacity += 1 + c.readings().size() + 4 * c.thresholds().size() + c.counters().size();
            }
        }
        StoreService.SeriesRef[] refs = new StoreService.SeriesRef[capacity];
        long[] values = new long[capacity];
        int n = 0;
        refs[n] = t.up;
        values[n++] = gauge(up ? 1 : 0);
        refs[n] = t.duration;
        values[n++] = gauge(s.duration().toNanos() / 1e9);
        if (up) {
            synchronized (t) {
                for (Component c : s.components()) {
                    String kind = c.kind().word();
                    String key = kind + "/" + c.id();
                    ComponentRefs cr = t.components.get(key);
                    if (cr == null || !cr.name.equals(c.name())) {
                        cr = new ComponentRefs(target, c);
                        t.components.put(key, cr);
                    }
                    refs[n] = cr.severity;
                    values[n++] = gauge(c.health().rank());
                    for (Map.Entry<String, Double> r : c.readings().entrySet()) {
                        DeviceMetrics.ReadingFamily rf = DeviceMetrics.ReadingFamily.of(kind, r.getKey());
                        ComponentRefs owner = cr;
                        refs[n] = cr.readings.computeIfAbsent(r.getKey(), k -> new StoreService.SeriesRef(
                            SeriesKey.of(rf.family().name(), owner.id), Kind.GAUGE));
                        values[n++] = gauge(r.getValue() * rf.factor());
                    }
                    for (Map.Entry<String, Thresholds> th : c.thresholds().entrySet()) {
                        DeviceMetrics.ReadingFamily rf = DeviceMetrics.ReadingFamily.of(kind, th.getKey());
                        ComponentRefs owner = cr;
                        StoreService.SeriesRef[] levels = cr.thresholds.computeIfAbsent(th.getKey(), k -> {
                            StoreService.SeriesRef[] out = new StoreService.SeriesRef[DeviceMetrics.LEVELS.length];
                            String metric = MetricNames.threshold(kind, rf.exposedName());
                            for (int i = 0; i < out.length; i++) {
                                Map<String, String> l = new TreeMap<>(owner.id);
                                l.put("level", DeviceMetrics.LEVELS[i]);
                                out[i] = new StoreService.SeriesRef(SeriesKey.of(metric, l), Kind.GAUGE);
                            }
                            return out;
                        });
                        Thresholds v = th.getValue();
                        Double[] limits = {v.lowAlarm(), v.lowWarning(), v.highWarning(), v.highAlarm()};
                        for (int i = 0; i < limits.length; i++) {
                            if (limits[i] != null) {
                                refs[n] = levels[i];
                                values[n++] = gauge(limits[i] * rf.factor());
                            }
                        }
                    }
                    for (Map.Entry<String, Counter> e : c.counters().entrySet()) {
                        ComponentRefs owner = cr;
                        refs[n] = cr.counters.computeIfAbsent(e.getKey(), k -> new StoreService.SeriesRef(
                            SeriesKey.of(MetricNames.counter(kind, k) + "_total", owner.id), Kind.COUNTER));
                        values[n++] = e.getValue().value();
                    }
                }
            }
        }
        return new StoreService.Poll(target, s.polledAt().toEpochMilli(), refs, values, n);
    }

    /** Forgets a target that is no longer configured (its history stays in the store). */
    public void forget(String target) {
        targets.remove(target);
    }

    private static long gauge(double v) {
        return Double.doubleToRawLongBits(v);
    }
}
