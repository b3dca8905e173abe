package io.nplus.alerting.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One alert as it stands: its identity ({@link #key}, stable across restarts: rule + target + component or
 * group), state and times, and what it says.
 *
 * @param activeAt when its condition became true (a {@code for} timer runs from here)
 * @param firedAt when it started firing, or null
 * @param resolvedAt when it resolved, or null
 * @param labels alertname, severity, target, component, name, kind, group ... and the target's labels
 * @param annotations summary (what broke, with the reading and threshold), runbook
 * @param value the number behind it (a reading, a count of healthy members), NaN when there is none
 */
public record Alert(String key, String rule, Severity severity, AlertState state, Instant activeAt, Instant firedAt,
                    Instant resolvedAt, Instant lastTrue, Map<String, String> labels, Map<String, String> annotations,
                    double value) {
    public Alert {
        Objects.requireNonNull(key);
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    public String label(String name) {
        return labels.getOrDefault(name, "");
    }

    public String summary() {
        return annotations.getOrDefault("summary", "");
    }

    public Alert with(AlertState s, Instant firedAt, Instant resolvedAt) {
        return new Alert(key, rule, severity, s, activeAt, firedAt, resolvedAt, lastTrue, labels, annotations, value);
    }
}
