package io.nplus.alerting.rules;

import io.nplus.alerting.model.Observation;
import io.nplus.mibs.vocab.Component;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * What the engine remembers of one target across polls (in memory: after a restart flapping windows and
 * baselines start again; alert states themselves are persisted).
 */
public final class TargetMemory {
    /** The last poll that answered, and the one before the current evaluation. */
    Observation lastReachable;
    Observation previous;
    Instant lastObservedAt;
    /** When the target was added to the fleet (null: when nplus started). */
    Instant watchedSince;
    /** Components of the last poll that answered, by "kind/id". */
    final Map<String, Component> components = new HashMap<>();
    /** Every component seen (by "kind/id"), as last seen and when: what may be missed if it vanishes. */
    final Map<String, Component> known = new HashMap<>();
    final Map<String, Instant> knownAt = new HashMap<>();
    /** Profiles that gave components in an earlier poll, with when they last did. */
    final Map<String, Instant> profiles = new HashMap<>();
    /** Per "kind/id|field": the last value and the times it changed. */
    final Map<String, String> lastValue = new HashMap<>();
    final Map<String, Deque<Instant>> transitions = new HashMap<>();
    /** Per rule and "kind/id": a baseline value and since when it held. */
    final Map<String, Baseline> baselines = new HashMap<>();
    /** Per "kind/id": the highest speed seen while the link was up. */
    final Map<String, Double> speeds = new HashMap<>();
    /** When the device was seen to reboot. */
    final Deque<Instant> reboots = new ArrayDeque<>();

    record Baseline(double value, Instant since) {
    }

    public Observation previous() {
        return previous;
    }

    public Instant lastObservedAt() {
        return lastObservedAt;
    }

    /** Notes when the target was added to the fleet: a collection gap is measured from there until its first poll. */
    public void watchSince(Instant t) {
        if (watchedSince == null) {
            watchedSince = t;
        }
    }

    /**
     * Remembers a component known before a restart (from a persisted absence alert) so that it is still missed;
     * {@code lastSeen} is as close as the alert tells (its activeAt). Nothing changes if it is known already.
     */
    public void restoreKnown(Component c, Instant lastSeen) {
        String key = key(c);
        if (!known.containsKey(key)) {
            known.put(key, c);
            knownAt.put(key, lastSeen);
        }
    }

    /** A change rule's baselines are kept per rule and component. */
    public static String baselineKey(String rule, String componentKey) {
        return rule + "|" + componentKey;
    }

    /** Likewise for the baseline a persisted change alert compares against. */
    public void restoreBaseline(String rule, String componentKey, double value, Instant since) {
        baselines.putIfAbsent(baselineKey(rule, componentKey), new Baseline(value, since));
    }

    /** Likewise for the speed a persisted speed drop alert says a link had. */
    public void restoreSpeed(String componentKey, double bitsPerSecond) {
        speeds.merge(componentKey, bitsPerSecond, Math::max);
    }

    /** Likewise for a profile whose tables came back empty (a persisted profile absence alert). */
    public void restoreProfile(String profile, Instant lastSeen) {
        profiles.putIfAbsent(profile, lastSeen);
    }

    /** Times {@code field} of a component changed at or after {@code since}. */
    public int changesSince(String componentKey, String field, Instant since) {
        Deque<Instant> d = transitions.get(componentKey + "|" + field);
        if (d == null) {
            return 0;
        }
        int n = 0;
        for (Instant t : d) {
            if (!t.isBefore(since)) {
                n++;
            }
        }
        return n;
    }

    public Deque<Instant> reboots() {
        return reboots;
    }

    /** Records what a poll showed; called by the engine after the poll's rules ran. */
    public void remember(Observation o) {
        lastObservedAt = o.at();
        previous = o;
        if (!o.reachable()) {
            return;
        }
        if (o.rebooted()) {
            reboots.addLast(o.at());
            while (reboots.size() > 32) {
                reboots.removeFirst();
            }
        }
        components.clear();
        for (Component c : o.components()) {
            String key = key(c);
            components.put(key, c);
            known.put(key, c);
            knownAt.put(key, o.at());
            profiles.put(c.profile(), o.at());
            track(key, "state", c.state(), o.at());
            track(key, "health", c.health().word(), o.at());
        }
        lastReachable = o;
        // A component gone for a week is forgotten (its absence alert resolves); so is a profile.
        Instant forget = o.at().minus(java.time.Duration.ofDays(7));
        knownAt.entrySet().removeIf(e -> {
            boolean old = e.getValue().isBefore(forget);
            if (old) {
                known.remove(e.getKey());
            }
            return old;
        });
        profiles.entrySet().removeIf(e -> e.getValue().isBefore(forget));
    }

    /**
     * A component's state or health as a trap reported it between polls: a change counts for flapping rules as a
     * polled one does (a link that bounced between two polls is still a link that bounced).
     *
     * @param componentKey as {@link #key(Component)}: "interface/3"
     * @param field "state" or "health"
     */
    public void recordEvent(String componentKey, String field, String value, Instant at) {
        track(componentKey, field, value, at);
    }

    private void track(String key, String field, String value, Instant at) {
        String k = key + "|" + field;
        String before = lastValue.put(k, value);
        if (before != null && !before.equals(value)) {
            Deque<Instant> d = transitions.computeIfAbsent(k, x -> new ArrayDeque<>());
            d.addLast(at);
            while (d.size() > 64) {
                d.removeFirst();
            }
        }
    }

    public static String key(Component c) {
        return c.kind().word() + "/" + c.id();
    }
}
