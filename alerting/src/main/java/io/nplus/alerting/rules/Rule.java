package io.nplus.alerting.rules;

import io.nplus.alerting.model.Severity;
import java.time.Duration;
import java.util.List;

/**
 * A compiled rule: what it looks at, when what it finds becomes an alert, and how the alert reads. Each kind
 * ({@link RuleKinds}) decides what is true now; the engine runs the lifecycle (pending for {@link #forDuration},
 * firing, resolved after {@link #keepFiringFor} without being true).
 */
public abstract class Rule {
    /** Where a rule is evaluated: after each poll of a target, or on the clock for the whole fleet. */
    public enum Scope { TARGET, FLEET }

    private final String name;
    private final String kind;
    private final Severity severity;
    private final Duration forDuration;
    private final Duration keepFiringFor;
    private final Template summary;
    private final String runbook;
    protected final Select select;

    protected Rule(Common c) {
        this.name = c.name();
        this.kind = c.kind();
        this.severity = c.severity();
        this.forDuration = c.forDuration();
        this.keepFiringFor = c.keepFiringFor();
        this.summary = c.summary();
        this.runbook = c.runbook();
        this.select = c.select();
    }

    /** What every kind has. */
    public record Common(String name, String kind, Severity severity, Duration forDuration, Duration keepFiringFor,
                         Template summary, String runbook, Select select) {
    }

    public String name() {
        return name;
    }

    public String kind() {
        return kind;
    }

    public Severity severity() {
        return severity;
    }

    public Duration forDuration() {
        return forDuration;
    }

    public Duration keepFiringFor() {
        return keepFiringFor;
    }

    public Template summary() {
        return summary;
    }

    public String runbook() {
        return runbook;
    }

    public Scope scope() {
        return Scope.TARGET;
    }

    /** Whether the rule is evaluated for a target that did not answer (only the rules about answering are). */
    public boolean whenUnreachable() {
        return false;
    }

    /** Whether this rule's alerts about a target are held back while the target is unreachable. */
    public boolean inhibitedByUnreachable() {
        return true;
    }

    /** Adds what is true now to {@code out}. */
    public abstract void evaluate(EvalContext ctx, List<Instance> out);

    @Override
    public String toString() {
        return name + " (" + kind + ")";
    }
}
