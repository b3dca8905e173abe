package io.nplus.server.metrics;

import io.nplus.core.store.StoreService;
import io.nplus.core.store.TimeSeriesStore;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The history store's health: up or not, errors by reason, what waits in memory, what was written or dropped. */
public final class StoreCollector implements MultiCollector {
    private final StoreService store;

    public StoreCollector(StoreService store) {
        this.store = store;
    }

    @Override
    public MetricSnapshots collect() {
        StoreService.Status s = store.status();
        List<CounterSnapshot.CounterDataPointSnapshot> errors = new ArrayList<>();
        for (Map.Entry<String, Long> e : s.errors().entrySet()) {
            errors.add(new CounterSnapshot.CounterDataPointSnapshot(e.getValue(), Labels.of("reason", e.getKey()), null, 0));
        }
        TimeSeriesStore open = store.store();
        return MetricSnapshots.of(
            gauge("nplus_store_up", "1 while the history store accepts writes, 0 while it is down (see /-/ready)",
                s.up() ? 1 : 0, null),
            new CounterSnapshot(new MetricMetadata("nplus_store_errors", "History store failures, by reason"
                + " (disk_full, io, closed, corrupt, reopen, invalid_poll, error)"), errors),
            gauge("nplus_store_pending_samples", "Samples polled but not yet written (kept in memory while the store"
                + " is down or busy)", s.pendingSamples(), null),
            counter("nplus_store_samples_written", "Samples written to the history store", s.samplesWritten()),
            counter("nplus_store_samples_dropped", "Samples dropped because more waited in memory than allowed",
                s.samplesDropped()),
            gauge("nplus_store_file_bytes", "Size of the history database file", open == null ? 0 : open.fileBytes(),
                Unit.BYTES));
    }

    private static GaugeSnapshot gauge(String name, String help, double v, Unit unit) {
        MetricMetadata meta = unit == null ? new MetricMetadata(name, help) : new MetricMetadata(name, help, unit);
        return new GaugeSnapshot(meta, List.of(new GaugeSnapshot.GaugeDataPointSnapshot(v, Labels.EMPTY, null)));
    }

    private static CounterSnapshot counter(String name, String help, long v) {
        return new CounterSnapshot(new MetricMetadata(name, help),
            List.of(new CounterSnapshot.CounterDataPointSnapshot(v, Labels.EMPTY, null, 0)));
    }
}
