package io.nplus.server.metrics;

import io.nplus.snmp.trap.DropReason;
import io.nplus.snmp.trap.TrapCounters;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code nplus_traps_received_total{trap}} and {@code nplus_traps_dropped_total{reason}}: what the trap receiver
 * turned into events, and what it dropped (every reason, zeros included, so a rate() works from the start).
 */
public final class TrapCollector implements MultiCollector {
    private final Supplier<TrapCounters.Snapshot> counters;

    /** @param counters the receiver's counters, or null while no receiver runs (nothing is exported then) */
    public TrapCollector(Supplier<TrapCounters.Snapshot> counters) {
        this.counters = counters;
    }

    @Override
    public MetricSnapshots collect() {
        TrapCounters.Snapshot s = counters.get();
        if (s == null) {
            return MetricSnapshots.of();
        }
        List<CounterSnapshot.CounterDataPointSnapshot> received = new ArrayList<>();
        for (Map.Entry<String, Long> e : s.received().entrySet()) {
            received.add(new CounterSnapshot.CounterDataPointSnapshot(e.getValue(), Labels.of("trap", e.getKey()), null, 0));
        }
        List<CounterSnapshot.CounterDataPointSnapshot> dropped = new ArrayList<>();
        for (DropReason r : DropReason.values()) {
            dropped.add(new CounterSnapshot.CounterDataPointSnapshot(s.dropped(r), Labels.of("reason", r.word()), null, 0));
        }
        return MetricSnapshots.of(
            new CounterSnapshot(new MetricMetadata("nplus_traps_received", "Traps and informs accepted and turned into"
                + " events, by trap name (the OID when no mapping knows it)"), received),
            new CounterSnapshot(new MetricMetadata("nplus_traps_dropped", "Datagrams on the trap port that became no"
                + " event, by reason (unknown_source, bad_community, unknown_user, bad_auth, malformed,"
                + " not_a_notification, rate_limited, queue_full)"), dropped));
    }
}
