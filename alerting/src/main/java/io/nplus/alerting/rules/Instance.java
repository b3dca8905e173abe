package io.nplus.alerting.rules;

import java.util.Map;

/**
 * What a rule found true in one evaluation: one alert's worth.
 *
 * @param id what the alert is about within its target: "kind/component id", a group name, a heartbeat name, or ""
 *           for the target itself; with the rule and target it makes the alert's identity
 * @param labels added to the alert's labels (component, name, kind, group ...)
 * @param vars for the summary template (health, reason, value, threshold, before, after ...)
 * @param value the number behind it, or NaN
 */
public record Instance(String target, String id, Map<String, String> labels, Map<String, String> vars, double value) {
    public Instance {
        labels = Map.copyOf(labels);
        vars = Map.copyOf(vars);
    }
}
