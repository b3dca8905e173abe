package io.nplus.server.metrics;

import io.nplus.alerting.engine.AlertEngine;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code nplus_alerts{alertname,severity,state}}: how many alerts are pending and firing. */
public final class AlertCollector implements MultiCollector {
    private final AlertEngine engine;

    public AlertCollector(AlertEngine engine) {
        this.engine = engine;
    }

    @Override
    public MetricSnapshots collect() {
        List<GaugeSnapshot.GaugeDataPointSnapshot> points = new ArrayList<>();
        for (Map.Entry<List<String>, Integer> e : engine.counts().entrySet()) {
            points.add(new GaugeSnapshot.GaugeDataPointSnapshot(e.getValue(), Labels.of("alertname", e.getKey().get(0),
                "severity", e.getKey().get(1), "state", e.getKey().get(2)), null));
        }
        return MetricSnapshots.of(new GaugeSnapshot(new MetricMetadata("nplus_alerts",
            "Alerts pending or firing, by rule, severity and state (see /api/v1/alerts)"), points));
    }
}
