package io.nplus.server.metrics;

import io.nplus.core.model.DeviceState;
import io.nplus.core.model.Fleet;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Exposes every device's {@link DeviceMetrics}, merged per family, in config order. */
public final class FleetCollector implements MultiCollector {
    private final Fleet fleet;

    public FleetCollector(Fleet fleet) {
        this.fleet = fleet;
    }

    @Override
    public MetricSnapshots collect() {
        Map<String, DeviceMetrics.Family> families = new LinkedHashMap<>();
        Map<String, List<DataPointSnapshot>> points = new LinkedHashMap<>();
        for (DeviceState s : fleet.states()) {
            if (!(s.extra() instanceof DeviceMetrics m)) {
                continue;
            }
            for (DeviceMetrics.Points p : m.families().values()) {
                families.putIfAbsent(p.family().name(), p.family());
                points.computeIfAbsent(p.family().name(), k -> new ArrayList<>()).addAll(p.points());
            }
        }
        List<MetricSnapshot> out = new ArrayList<>();
        for (Map.Entry<String, DeviceMetrics.Family> e : families.entrySet()) {
            out.add(snapshot(e.getValue(), points.get(e.getKey())));
        }
        return new MetricSnapshots(out);
    }

    @SuppressWarnings("unchecked")
    private static MetricSnapshot snapshot(DeviceMetrics.Family f, List<DataPointSnapshot> points) {
        Unit unit = f.unit().isEmpty() || f.type() == DeviceMetrics.Type.COUNTER ? null : new Unit(f.unit());
        MetricMetadata meta = unit == null || !f.name().endsWith("_" + f.unit()) ? new MetricMetadata(f.name(), f.help())
            : new MetricMetadata(f.name(), f.help(), unit);
        switch (f.type()) {
            case COUNTER:
                return new CounterSnapshot(meta, (List<CounterSnapshot.CounterDataPointSnapshot>) (List<?>) points);
            case STATESET:
                return new StateSetSnapshot(meta, (List<StateSetSnapshot.StateSetDataPointSnapshot>) (List<?>) points);
            case INFO:
                return new InfoSnapshot(meta, (List<InfoSnapshot.InfoDataPointSnapshot>) (List<?>) points);
            default:
                return new GaugeSnapshot(meta, (List<GaugeSnapshot.GaugeDataPointSnapshot>) (List<?>) points);
        }
    }
}
