package io.nplus.alerting.model;

import io.nplus.mibs.vocab.Component;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one poll of one target showed, as the rules see it.
 *
 * @param reachable false when the device did not answer (then {@code components} is empty)
 * @param rates per component ("kind/id") and counter: per-second rates the poll could compute
 * @param rebooted sysUpTime went backwards since the previous poll
 * @param interval when the next observation of this target is due: the poll interval, or longer while the
 *     collector backs off an unreachable target (a collection gap is judged against it)
 * @param labels the target's labels from the config (site, role ...)
 */
public record Observation(String target, Instant at, boolean reachable, String error, List<Component> components,
                          Map<String, Map<String, Double>> rates, boolean rebooted, Duration interval,
                          Map<String, String> labels) {
    public Observation {
        Objects.requireNonNull(target);
        Objects.requireNonNull(at);
        error = error == null ? "" : error;
        components = List.copyOf(components);
        rates = Map.copyOf(rates);
        labels = Map.copyOf(labels);
    }

    public Map<String, Double> ratesOf(Component c) {
        return rates.getOrDefault(c.kind().word() + "/" + c.id(), Map.of());
    }
}
