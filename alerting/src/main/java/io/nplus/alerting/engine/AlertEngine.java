package io.nplus.alerting.engine;

import io.nplus.alerting.model.Alert;
import io.nplus.alerting.model.AlertState;
import io.nplus.alerting.model.Group;
import io.nplus.alerting.model.Observation;
import io.nplus.alerting.rules.EvalContext;
import io.nplus.alerting.rules.Instance;
import io.nplus.alerting.rules.Rule;
import io.nplus.alerting.rules.RulePack;
import io.nplus.alerting.rules.TargetMemory;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.ComponentKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Evaluates the rules after each poll and on the clock, and runs every alert's lifecycle: pending while its
 * condition has held less than {@code for}, firing, resolved once the condition is gone (and stayed gone for
 * {@code keep_firing_for}). An alert's identity is rule + target + what it is about, so the same trouble is the
 * same alert across polls and restarts; states are persisted as they change.
 *
 * <pre>{@code
 * AlertEngine engine = new AlertEngine(clock, RulePack.builtIn(), persistence);
 * engine.setFleet(Map.of("core-sw-1", Duration.ofMinutes(1)), groups);
 * engine.observe(observation);     // after each poll
 * engine.tick();                   // every few seconds: collection gaps, heartbeats
 * List<AlertEngine.View> active = engine.alerts();
 * }</pre>
 *
 * <p>An alert that fires again within a day of resolving is the same incident: it keeps its identity and counts
 * its occurrences ("recurred 4 times"), as a filesystem that keeps going read-only should.
 */
public final class AlertEngine {
    /** How long a resolved alert stays listed, and within which a recurrence counts as the same incident. */
    static final Duration REMEMBER_RESOLVED = Duration.ofHours(24);

    /** Where alert states are kept across restarts. */
    public interface Persistence {
        List<Alert> load();

        void save(Alert alert);

        void delete(String key);

        /** Nothing kept: for rule tests. */
        Persistence NONE = new Persistence() {
            @Override
            public List<Alert> load() {
                return List.of();
            }

            @Override
            public void save(Alert alert) {
            }

            @Override
            public void delete(String key) {
            }
        };
    }

    /** An alert as listed: and whether it is held back (its device is unreachable, its group correlated). */
    public record View(Alert alert, String inhibitedBy) {
        public boolean inhibited() {
            return !inhibitedBy.isEmpty();
        }
    }

    private final Clock clock;
    private final Persistence persistence;
    private final Instant started;
    private volatile RulePack pack;
    private final Map<String, Alert> alerts = new LinkedHashMap<>();
    private final Map<String, TargetMemory> memory = new HashMap<>();
    private final Map<String, Observation> latest = new LinkedHashMap<>();
    private final Map<String, EvalContext.Heartbeat> heartbeats = new LinkedHashMap<>();
    /** A resolved alert whose condition is back but pending: restored if it ends before firing (no recurrence). */
    private final Map<String, Alert> recurring = new HashMap<>();
    private Map<String, Duration> targets = Map.of();
    private List<Group> groups = List.of();
    private final List<Consumer<Alert>> listeners = new CopyOnWriteArrayList<>();

    public AlertEngine(Clock clock, RulePack pack, Persistence persistence) {
        this.clock = clock;
        this.pack = pack;
        this.persistence = persistence;
        this.started = clock.instant();
        for (Alert a : persistence.load()) {
            alerts.put(a.key(), a);
            restoreMemory(a);
        }
    }

    /**
     * Target memory is not persisted, but some alerts are about what only memory knows: a component or profile
     * seen before (absence), a baseline (change), a link's best speed (speed_drop). Without it the first polls after
     * a restart would find nothing wrong and resolve a drive still gone or a limit still off; and then learn the
     * wrong value as normal. The alert's labels say enough to remember it again.
     */
    private void restoreMemory(Alert a) {
        Rule r = pack.get(a.rule());
        String target = a.label("target");
        if (a.state() == AlertState.RESOLVED || r == null || target.isEmpty()) {
            return;
        }
        TargetMemory m;
        switch (r.kind()) {
            case "absence": {
                if (a.label("profile").isEmpty()) {
                    return;
                }
                m = memory.computeIfAbsent(target, k -> new TargetMemory());
                if (a.label("component").isEmpty()) {
                    m.restoreProfile(a.label("profile"), a.activeAt());
                    return;
                }
                ComponentKind kind;
                try {
                    kind = ComponentKind.parse(a.label("kind"));
                } catch (IllegalArgumentException e) {
                    return;
                }
                Component c = Component.builder(kind, a.label("component")).name(a.label("name"))
                    .profile(a.label("profile")).build();
                m.restoreKnown(c, a.activeAt());
                return;
            }
            case "change":
            case "speed_drop": {
                double baseline;
                try {
                    baseline = Double.parseDouble(a.label("baseline"));
                } catch (NumberFormatException e) {
                    return;
                }
                String componentKey = a.label("kind") + "/" + a.label("component");
                m = memory.computeIfAbsent(target, k -> new TargetMemory());
                if (r.kind().equals("change")) {
                    m.restoreBaseline(r.name(), componentKey, baseline, a.activeAt());
                } else {
                    m.restoreSpeed(componentKey, baseline);
                }
                return;
            }
            default:
        }
    }

    /**
     * Called with an alert each time it starts firing or resolves (notifications listen here). The listener runs on
     * the evaluating thread while the engine is locked, so it must only hand the alert on (log it, queue work) and
     * never block or call back into the engine from another thread it waits for.
     */
    public void onTransition(Consumer<Alert> listener) {
        listeners.add(listener);
    }

    /** The configured targets (with their intervals, for gap detection) and redundancy groups. */
    public synchronized void setFleet(Map<String, Duration> targets, List<Group> groups) {
        // In the caller's order (Map.copyOf's is random per JVM): group summaries list members in a stable order.
        Map<String, Duration> before = this.targets;
        this.targets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(targets));
        this.groups = List.copyOf(groups);
        for (String t : targets.keySet()) {
            if (!before.containsKey(t)) {
                memory.computeIfAbsent(t, k -> new TargetMemory()).watchSince(clock.instant());
            }
        }
        memory.keySet().retainAll(targets.keySet());
        latest.keySet().retainAll(targets.keySet());
        // Alerts about a target no longer configured would never be evaluated again: they end now.
        retire(a -> !a.label("target").isEmpty() && !targets.containsKey(a.label("target")));
    }

    public synchronized void setRules(RulePack next) {
        this.pack = next;
    }

    public RulePack rules() {
        return pack;
    }

    /** A job said it ran; {@code maxAge} is how stale its heartbeat may get (null: keep the one given before). */
    public synchronized void heartbeat(String name, Duration maxAge) {
        EvalContext.Heartbeat before = heartbeats.get(name);
        Duration age = maxAge != null ? maxAge : before != null ? before.maxAge()
            : io.nplus.alerting.rules.RuleKinds.HEARTBEAT_MAX_AGE;
        heartbeats.put(name, new EvalContext.Heartbeat(name, clock.instant(), age));
        evaluateFleet();
    }

    public synchronized Map<String, EvalContext.Heartbeat> heartbeats() {
        return Map.copyOf(heartbeats);
    }

    /** Restores heartbeats (their last arrival) after a restart. */
    public synchronized void restoreHeartbeat(EvalContext.Heartbeat h) {
        heartbeats.put(h.name(), h);
    }

    /** Evaluates the rules about one poll of one target, then the fleet rules. */
    public synchronized void observe(Observation o) {
        TargetMemory m = memory.computeIfAbsent(o.target(), k -> new TargetMemory());
        latest.put(o.target(), o); // before the rules: their alerts carry this poll's target labels
        Context ctx = new Context(o);
        for (Rule r : pack.rules()) {
            if (r.scope() != Rule.Scope.TARGET || (!o.reachable() && !r.whenUnreachable())) {
                continue;
            }
            List<Instance> found = new ArrayList<>();
            r.evaluate(ctx, found);
            apply(r, found, a -> a.label("target").equals(o.target()), o);
        }
        m.remember(o);
        evaluateFleet();
    }

    /**
     * A component state a trap reported (issue 9): remembered as a change for flapping rules, evaluated with the
     * target's next poll (which the trap also asks for). {@code componentKey} is "kind/id", as TargetMemory.key.
     */
    public synchronized void observeEvent(String target, String componentKey, String field, String value, Instant at) {
        memory.computeIfAbsent(target, k -> new TargetMemory()).recordEvent(componentKey, field, value, at);
    }

    /**
     * Time-driven work: collection gaps, heartbeats, group rules, pending alerts whose 'for' ran out between two
     * polls, and forgetting old resolved alerts.
     */
    public synchronized void tick() {
        retire(a -> pack.get(a.rule()) == null); // its rule was removed (a reload, or a restart with other rules)
        firePendingBetweenPolls();
        evaluateFleet();
        Instant forget = clock.instant().minus(REMEMBER_RESOLVED);
        List<String> old = new ArrayList<>();
        for (Alert a : alerts.values()) {
            if (a.state() == AlertState.RESOLVED && a.resolvedAt() != null && a.resolvedAt().isBefore(forget)) {
                old.add(a.key());
            }
        }
        for (String k : old) {
            alerts.remove(k);
            persistence.delete(k);
        }
    }

    /**
     * A per-poll alert that was still true at its target's latest poll fires when its 'for' runs out, not at the
     * next poll, which may be a backoff away ("unreachable for 3m" pages after 3 minutes, not when the collector
     * tries again).
     */
    private void firePendingBetweenPolls() {
        Instant now = clock.instant();
        List<Alert> due = new ArrayList<>();
        for (Alert a : alerts.values()) {
            Rule r = pack.get(a.rule());
            if (a.state() != AlertState.PENDING || r == null || r.scope() != Rule.Scope.TARGET
                || a.activeAt().plus(r.forDuration()).isAfter(now)) {
                continue;
            }
            TargetMemory m = memory.get(a.labels().getOrDefault("target", ""));
            if (m != null && a.lastTrue().equals(m.lastObservedAt())) {
                due.add(a);
            }
        }
        for (Alert a : due) {
            Alert fired = new Alert(a.key(), a.rule(), a.severity(), AlertState.FIRING, a.activeAt(), now, null,
                a.lastTrue(), a.labels(), a.annotations(), a.value());
            alerts.put(a.key(), fired);
            recurring.remove(a.key());
            persistence.save(fired);
            notifyListeners(fired);
        }
    }

    private void evaluateFleet() {
        Context ctx = new Context(null);
        for (Rule r : pack.rules()) {
            if (r.scope() == Rule.Scope.FLEET) {
                List<Instance> found = new ArrayList<>();
                r.evaluate(ctx, found);
                apply(r, found, a -> true, null);
            }
        }
    }

    /** Turns what a rule found true into alert states; alerts of the rule in scope that it did not find end. */
    private void apply(Rule r, List<Instance> found, Predicate<Alert> inScope, Observation o) {
        Instant now = clock.instant();
        Set<String> trueKeys = new HashSet<>();
        for (Instance i : found) {
            String key = key(r, i);
            trueKeys.add(key);
            Alert before = alerts.get(key);
            if (before != null && before.state() == AlertState.RESOLVED && before.resolvedAt() != null
                && !before.resolvedAt().plus(REMEMBER_RESOLVED).isAfter(now)) {
                before = null; // resolved more than a day ago: a new incident, whether or not tick() forgot it yet
            }
            Map<String, String> labels = labels(r, i);
            Map<String, String> vars = new HashMap<>(i.vars());
            vars.putIfAbsent("value", Double.isNaN(i.value()) ? "" : Double.toString(i.value()));
            Map<String, String> annotations = new LinkedHashMap<>();
            annotations.put("summary", r.summary().render(vars));
            if (!r.runbook().isEmpty()) {
                annotations.put("runbook", r.runbook());
            }
            Alert next;
            if (before == null || before.state() == AlertState.RESOLVED) {
                int occurrences = before == null ? 1 : Integer.parseInt(before.annotations().getOrDefault("occurrences", "1")) + 1;
                if (occurrences > 1) {
                    annotations.put("occurrences", Integer.toString(occurrences));
                    annotations.put("summary", annotations.get("summary") + " (occurrence " + occurrences + " within "
                        + REMEMBER_RESOLVED.toHours() + "h)");
                }
                boolean fire = r.forDuration().isZero();
                next = new Alert(key, r.name(), r.severity(), fire ? AlertState.FIRING : AlertState.PENDING, now,
                    fire ? now : null, null, now, labels, annotations, i.value());
                if (!fire && before != null) {
                    recurring.put(key, before);
                }
            } else {
                if (before.annotations().containsKey("occurrences")) {
                    annotations.put("occurrences", before.annotations().get("occurrences"));
                    annotations.put("summary", annotations.get("summary") + " (occurrence "
                        + before.annotations().get("occurrences") + " within " + REMEMBER_RESOLVED.toHours() + "h)");
                }
                boolean fire = before.state() == AlertState.PENDING
                    && !before.activeAt().plus(r.forDuration()).isAfter(now);
                next = new Alert(key, r.name(), r.severity(), fire ? AlertState.FIRING : before.state(), before.activeAt(),
                    fire ? now : before.firedAt(), null, now, labels, annotations, i.value());
            }
            alerts.put(key, next);
            if (next.state() == AlertState.FIRING) {
                recurring.remove(key);
            }
            if (before == null || before.state() != next.state()) {
                persistence.save(next);
                if (next.state() == AlertState.FIRING) {
                    notifyListeners(next);
                }
            }
        }
        List<Alert> ended = new ArrayList<>();
        for (Alert a : alerts.values()) {
            if (a.rule().equals(r.name()) && a.state() != AlertState.RESOLVED && !trueKeys.contains(a.key()) && inScope.test(a)) {
                ended.add(a);
            }
        }
        for (Alert a : ended) {
            if (a.state() == AlertState.PENDING) {
                Alert was = recurring.remove(a.key());
                if (was != null) {
                    alerts.put(a.key(), was); // a blip shorter than 'for' is no occurrence: back to how it ended
                    persistence.save(was);
                } else if (a.annotations().containsKey("occurrences")) {
                    Alert back = a.with(AlertState.RESOLVED, a.firedAt(), now); // keeps the occurrence count
                    alerts.put(a.key(), back);
                    persistence.save(back);
                } else {
                    alerts.remove(a.key());
                    persistence.delete(a.key());
                }
            } else if (a.lastTrue().plus(r.keepFiringFor()).isAfter(now)) {
                continue; // keep firing a while: a value dancing around its line pages once
            } else {
                Alert resolved = a.with(AlertState.RESOLVED, a.firedAt(), now);
                alerts.put(a.key(), resolved);
                persistence.save(resolved);
                notifyListeners(resolved);
            }
        }
    }

    /** Ends the alerts nothing will evaluate any more: firing ones resolve (and are heard), pending ones go. */
    private void retire(Predicate<Alert> orphan) {
        Instant now = clock.instant();
        List<Alert> ended = new ArrayList<>();
        for (Alert a : alerts.values()) {
            if (a.state() != AlertState.RESOLVED && orphan.test(a)) {
                ended.add(a);
            }
        }
        for (Alert a : ended) {
            Alert was = recurring.remove(a.key());
            if (a.state() == AlertState.PENDING) {
                if (was != null) {
                    alerts.put(a.key(), was);
                    persistence.save(was);
                } else {
                    alerts.remove(a.key());
                    persistence.delete(a.key());
                }
            } else {
                Alert resolved = a.with(AlertState.RESOLVED, a.firedAt(), now);
                alerts.put(a.key(), resolved);
                persistence.save(resolved);
                notifyListeners(resolved);
            }
        }
    }

    private void notifyListeners(Alert a) {
        for (Consumer<Alert> l : listeners) {
            l.accept(a);
        }
    }

    private Map<String, String> labels(Rule r, Instance i) {
        Map<String, String> l = new LinkedHashMap<>();
        l.put("alertname", r.name());
        l.put("severity", r.severity().word());
        if (!i.target().isEmpty()) {
            l.put("target", i.target());
            Observation o = latest.get(i.target());
            if (o != null) {
                o.labels().forEach(l::putIfAbsent);
            }
        }
        l.putAll(i.labels());
        return l;
    }

    /** The identity of an alert: rule, target and what it is about. Also the dedup key receivers see. */
    static String key(Rule r, Instance i) {
        return "nplus:" + r.name() + ":" + i.target() + (i.id().isEmpty() ? "" : ":" + i.id());
    }

    /** Every alert that is pending, firing or resolved within the last day, with whether it is held back. */
    public synchronized List<View> alerts() {
        List<View> out = new ArrayList<>();
        for (Alert a : alerts.values()) {
            out.add(new View(a, inhibitedBy(a)));
        }
        return out;
    }

    public synchronized Alert get(String key) {
        return alerts.get(key);
    }

    /**
     * Why an alert is held back: its device does not answer, its group's correlated incident covers it, or (for a
     * device that does not answer) the pool it belongs to already pages for its lost redundancy.
     */
    private String inhibitedBy(Alert a) {
        Rule r = pack.get(a.rule());
        String target = a.label("target");
        if (target.isEmpty() || r == null) {
            return "";
        }
        for (Alert other : alerts.values()) {
            if (other.state() != AlertState.FIRING || other == a) {
                continue;
            }
            Rule or = pack.get(other.rule());
            if (or == null) {
                continue;
            }
            if (r.inhibitedByUnreachable() && or.kind().equals("unreachable") && other.label("target").equals(target)) {
                return other.key();
            }
            if (or.kind().equals("correlated") && (r.kind().equals("reboot") || r.kind().equals("unreachable"))
                && groupHasTarget(other.label("group"), target, false)) {
                return other.key();
            }
            // A pool that lost its redundancy is the incident; its silent members are named in its summary.
            if (or.kind().equals("redundancy") && r.kind().equals("unreachable")
                && groupHasTarget(other.label("group"), target, true)) {
                return other.key();
            }
        }
        return "";
    }

    private boolean groupHasTarget(String group, String target, boolean wholeTargetsOnly) {
        for (Group g : groups) {
            if (g.name().equals(group)
                && g.members().stream().anyMatch(m -> (!wholeTargetsOnly || m.isWholeTarget()) && m.matchesTarget(target))) {
                return true;
            }
        }
        return false;
    }

    /** Counts by alertname, severity and state, for nplus_alerts. */
    public synchronized Map<List<String>, Integer> counts() {
        Map<List<String>, Integer> out = new LinkedHashMap<>();
        for (Alert a : alerts.values()) {
            if (a.state() != AlertState.RESOLVED) {
                out.merge(List.of(a.rule(), a.severity().word(), a.state().word()), 1, Integer::sum);
            }
        }
        return out;
    }

    private final class Context implements EvalContext {
        private final Observation observation;

        Context(Observation observation) {
            this.observation = observation;
        }

        @Override
        public Instant now() {
            return clock.instant();
        }

        @Override
        public Observation observation() {
            return observation;
        }

        @Override
        public TargetMemory memory(String target) {
            return memory.computeIfAbsent(target, k -> new TargetMemory());
        }

        @Override
        public Collection<Observation> latest() {
            return latest.values();
        }

        @Override
        public Map<String, Duration> targets() {
            return targets;
        }

        @Override
        public List<Group> groups() {
            return groups;
        }

        @Override
        public boolean isActive(String rule, String target, String id) {
            Alert a = alerts.get("nplus:" + rule + ":" + target + (id.isEmpty() ? "" : ":" + id));
            return a != null && a.state() != AlertState.RESOLVED;
        }

        @Override
        public Map<String, Heartbeat> heartbeats() {
            return heartbeats;
        }

        @Override
        public Instant started() {
            return started;
        }
    }
}
