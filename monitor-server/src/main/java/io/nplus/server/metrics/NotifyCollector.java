package io.nplus.server.metrics;

import io.nplus.alerting.notify.Notifier;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Notifications: delivered, refused (by reason), retried, and waiting in the outbox. */
public final class NotifyCollector implements MultiCollector {
    private final Notifier notifier;

    public NotifyCollector(Notifier notifier) {
        this.notifier = notifier;
    }

    @Override
    public MetricSnapshots collect() {
        List<CounterSnapshot.CounterDataPointSnapshot> sent = new ArrayList<>();
        notifier.sentCounts().forEach((r, n) -> sent.add(point(n, Labels.of("receiver", r))));
        List<CounterSnapshot.CounterDataPointSnapshot> failed = new ArrayList<>();
        for (Map.Entry<List<String>, Long> e : notifier.failedCounts().entrySet()) {
            failed.add(point(e.getValue(), Labels.of("receiver", e.getKey().get(0), "reason", e.getKey().get(1))));
        }
        List<CounterSnapshot.CounterDataPointSnapshot> retries = new ArrayList<>();
        notifier.retryCounts().forEach((r, n) -> retries.add(point(n, Labels.of("receiver", r))));
        return MetricSnapshots.of(
            new CounterSnapshot(new MetricMetadata("nplus_notifications_sent", "Notifications a receiver accepted"), sent),
            new CounterSnapshot(new MetricMetadata("nplus_notifications_failed", "Notifications a receiver refused for good"
                + " (reason: http_400, http_403 ..., receiver_removed); not retried"), failed),
            new CounterSnapshot(new MetricMetadata("nplus_notifications_retries", "Delivery attempts to be repeated (429,"
                + " 5xx, no answer)"), retries),
            new GaugeSnapshot(new MetricMetadata("nplus_notifications_queued", "Notifications waiting in the outbox"),
                List.of(new GaugeSnapshot.GaugeDataPointSnapshot(notifier.queued(), Labels.EMPTY, null))));
    }

    private static CounterSnapshot.CounterDataPointSnapshot point(long v, Labels l) {
        return new CounterSnapshot.CounterDataPointSnapshot(v, l, null, 0);
    }
}
