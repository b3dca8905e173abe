package io.nplus.server.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;

/** nplus's own health as a collector: polls, their errors by reason, lateness, reloads. */
public final class CollectorMetrics {
    private final PrometheusRegistry registry;
    private final Counter polls;
    private final Counter errors;
    private final Counter varbinds;
    private final Counter requests;
    private final Counter discontinuities;
    private final Histogram lateness;
    private final Counter reloads;
    private final Gauge targets;
    private final java.util.Map<String, java.util.Set<String>> reasonsSeen = new java.util.concurrent.ConcurrentHashMap<>();

    public CollectorMetrics(PrometheusRegistry registry, String version) {
        this.registry = registry;
        polls = Counter.builder().name("nplus_polls_total").help("Polls finished, per target")
            .labelNames("target").register(registry);
        errors = Counter.builder().name("nplus_poll_errors_total")
            .help("Polls that failed (unreachable, auth_failed, error) or left a table incomplete (timeout,"
                + " non_increasing_oid, row_limit, deadline, too_big, ...), per target and reason")
            .labelNames("target", "reason").register(registry);
        varbinds = Counter.builder().name("nplus_poll_varbinds_total").help("Variable bindings received, per target")
            .labelNames("target").register(registry);
        requests = Counter.builder().name("nplus_poll_requests_total").help("SNMP requests sent (retries excluded), per target")
            .labelNames("target").register(registry);
        discontinuities = Counter.builder().name("nplus_counter_discontinuities_total")
            .help("Reboots and counter discontinuities seen, per target: rate samples dropped instead of spiking")
            .labelNames("target").register(registry);
        lateness = Histogram.builder().name("nplus_poll_lateness_seconds")
            .help("How long after its due time each poll started (waiting for a free slot, a busy scheduler)")
            .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10).classicOnly().register(registry);
        reloads = Counter.builder().name("nplus_config_reloads_total").help("Configuration reloads, by result (ok, failed)")
            .labelNames("result").register(registry);
        targets = Gauge.builder().name("nplus_targets").help("Configured targets").register(registry);
        Gauge.builder().name("nplus_build_info").help("The nplus version running").labelNames("version").register(registry)
            .labelValues(version).set(1);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    public void polled(String target, int requestCount, int varbindCount, Duration late, Iterable<String> errorReasons,
                       int discontinuityCount) {
        polls.labelValues(target).inc();
        requests.labelValues(target).inc(requestCount);
        varbinds.labelValues(target).inc(varbindCount);
        lateness.observe(Math.max(0, late.toNanos() / 1e9));
        for (String reason : errorReasons) {
            errors.labelValues(target, reason).inc();
            reasonsSeen.computeIfAbsent(target, k -> java.util.concurrent.ConcurrentHashMap.newKeySet()).add(reason);
        }
        if (discontinuityCount > 0) {
            discontinuities.labelValues(target).inc(discontinuityCount);
        }
    }

    /** Drops the series of a target that is no longer configured. */
    public void forget(String target) {
        polls.remove(target);
        varbinds.remove(target);
        requests.remove(target);
        discontinuities.remove(target);
        java.util.Set<String> reasons = reasonsSeen.remove(target);
        if (reasons != null) {
            for (String r : reasons) {
                errors.remove(target, r);
            }
        }
    }

    public void reloaded(boolean ok) {
        reloads.labelValues(ok ? "ok" : "failed").inc();
    }

    public void targets(int n) {
        targets.set(n);
    }
}
