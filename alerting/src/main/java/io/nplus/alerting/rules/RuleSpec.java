package io.nplus.alerting.rules;

import java.util.List;

/**
 * One rule as written in YAML (keys in snake_case). {@link RulePack} checks it against its kind and compiles it;
 * keys a kind does not use are refused, so a typo never turns into a rule that silently never fires.
 *
 * <pre>
 * rules:
 *   - name: OpticAlarm                 # the alertname
 *     kind: health                     # see {@link #KINDS}
 *     select: {kinds: [transceiver]}   # which components (and targets) it looks at
 *     at_least: degraded
 *     for: 1m
 *     severity: page
 *     summary: "{target}: optic {name} is {health}: {reason}"
 * </pre>
 */
public record RuleSpec(
        String name,
        Boolean disabled,
        String kind,
        String severity,
        @com.fasterxml.jackson.annotation.JsonProperty("for") String forDuration,
        String keepFiringFor,
        String summary,
        String runbook,
        SelectSpec select,
        // health
        String atLeast,
        String atMost,
        // threshold, change
        String reading,
        String rate,
        Double above,
        Double below,
        Double clear,
        String deviceThreshold,
        Double minChange,
        String baselineFor,
        // absence
        String of,
        // heartbeat
        String heartbeat,
        String maxAge,
        // flapping
        String field,
        Integer changes,
        String within,
        // redundancy, correlated
        String groups,
        String window,
        Integer atLeastMembers,
        // nic_share, near_capacity
        Double shareAbove,
        Double aboveRatio,
        Double minBytesPerSecond) {

    /** The rule kinds, for messages. */
    public static final List<String> KINDS = List.of("health", "threshold", "absence", "unreachable", "gap", "heartbeat",
        "change", "reboot", "flapping", "redundancy", "correlated", "nic_share", "near_capacity", "speed_drop");

    /**
     * Which components a rule looks at; every given condition must hold (globs: * and ?).
     *
     * @param kinds component kinds (interface, transceiver, virtual_drive ...)
     * @param target target name
     * @param component component id or name
     * @param role interface role from the config (onboard, fabric ...)
     * @param profiles the profiles that made the component (globs)
     */
    public record SelectSpec(List<String> kinds, String target, String component, String role, List<String> profiles) {
    }
}
