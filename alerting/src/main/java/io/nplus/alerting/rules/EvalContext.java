package io.nplus.alerting.rules;

import io.nplus.alerting.model.Group;
import io.nplus.alerting.model.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** What a rule can see while it is evaluated. */
public interface EvalContext {
    Instant now();

    /** The poll being evaluated (rules of {@link Rule.Scope#TARGET}); null for fleet rules. */
    Observation observation();

    /** What the engine remembers of a target across polls. */
    TargetMemory memory(String target);

    /** The latest observation of every target polled so far. */
    Collection<Observation> latest();

    /** Configured targets and their poll intervals. */
    Map<String, Duration> targets();

    List<Group> groups();

    /** Whether the alert of this rule, target and id is pending or firing now (for hysteresis). */
    boolean isActive(String rule, String target, String id);

    /** Heartbeats received (or expected by a rule), by name. */
    Map<String, Heartbeat> heartbeats();

    /** When nplus started watching: a heartbeat never received is late this long after. */
    Instant started();

    /** A job's "I ran" signal: when it last arrived and how stale it may get. */
    record Heartbeat(String name, Instant lastSeen, Duration maxAge) {
    }
}
