package io.nplus.alerting.testing;

import io.nplus.alerting.engine.AlertEngine;
import io.nplus.alerting.model.Alert;
import io.nplus.alerting.model.AlertState;
import io.nplus.alerting.model.Observation;
import io.nplus.alerting.testing.RuleTestFile.Case;
import io.nplus.alerting.testing.RuleTestFile.ComponentData;
import io.nplus.alerting.testing.RuleTestFile.Expected;
import io.nplus.alerting.testing.RuleTestFile.HeartbeatData;
import io.nplus.alerting.testing.RuleTestFile.RuleTest;
import io.nplus.alerting.testing.RuleTestFile.TargetData;
import io.nplus.core.time.Durations;
import io.nplus.core.time.VirtualClock;
import io.nplus.mibs.expr.Values;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.Health;
import io.nplus.mibs.vocab.Thresholds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Runs rule tests the way nplus runs its rules: an {@link AlertEngine} on a virtual clock, fed one observation per
 * target per interval (step {@code i} at {@code i x interval}, from {@link #START}), with heartbeats at their times
 * and the engine's tick after each step. At each eval_time the alerts firing (and pending, when a check expects a
 * pending one), of every rule or of the check's alertname, must be exactly the ones expected.
 *
 * <pre>{@code
 * for (RuleTestRunner.Result r : RuleTestRunner.run(RuleTestFile.read(path), name -> true)) {
 *     System.out.println(r.name() + (r.passed() ? ": ok" : ": " + r.failures()));
 * }
 * }</pre>
 */
public final class RuleTestRunner {
    /** A test's time 0: summaries that print times read as times into the test (1970-01-01T00:06:00Z is 6m). */
    public static final Instant START = Instant.EPOCH;

    private RuleTestRunner() {
    }

    /**
     * One test's outcome.
     *
     * @param where file:line of the test
     * @param failures one entry per failed check, each a few lines: the eval_time, the missing and unexpected alerts
     */
    public record Result(String file, String name, String where, List<String> failures) {
        public Result {
            failures = List.copyOf(failures);
        }

        public boolean passed() {
            return failures.isEmpty();
        }
    }

    /** Runs the tests of a file whose names {@code select} accepts. */
    public static List<Result> run(RuleTestFile file, Predicate<String> select) {
        List<Result> out = new ArrayList<>();
        for (RuleTest t : file.tests()) {
            if (select.test(t.name())) {
                out.add(run(file, t));
            }
        }
        return out;
    }

    static Result run(RuleTestFile file, RuleTest test) {
        List<String> failures = new ArrayList<>();
        Duration now = Duration.ZERO;
        try {
            VirtualClock clock = new VirtualClock(START);
            AlertEngine engine = new AlertEngine(clock, file.rules(), AlertEngine.Persistence.NONE);
            Map<String, Duration> fleet = new LinkedHashMap<>();
            for (TargetData t : test.targets()) {
                fleet.put(t.name(), test.interval());
            }
            engine.setFleet(fleet, test.groups());

            // Every moment something happens: steps, heartbeats and checks, in order.
            Duration last = Duration.ZERO;
            TreeMap<Duration, List<Case>> checks = new TreeMap<>();
            for (Case c : test.cases()) {
                checks.computeIfAbsent(c.evalTime(), k -> new ArrayList<>()).add(c);
                last = c.evalTime().compareTo(last) > 0 ? c.evalTime() : last;
            }
            TreeSet<Duration> moments = new TreeSet<>(checks.keySet());
            long steps = last.toMillis() / test.interval().toMillis();
            for (long i = 0; i <= steps; i++) {
                moments.add(test.interval().multipliedBy(i));
            }
            Map<Duration, List<HeartbeatData>> beats = new HashMap<>();
            for (HeartbeatData h : test.heartbeats()) {
                for (Duration at : h.at()) {
                    if (at.compareTo(last) <= 0) {
                        moments.add(at);
                        beats.computeIfAbsent(at, k -> new ArrayList<>()).add(h);
                    }
                }
            }

            Map<String, Double> uptimes = new HashMap<>();
            for (Duration t : moments) {
                now = t;
                clock.advanceTo(START.plus(t));
                for (HeartbeatData h : beats.getOrDefault(t, List.of())) {
                    engine.heartbeat(h.name(), h.maxAge());
                }
                if (t.toMillis() % test.interval().toMillis() == 0) {
                    int step = (int) (t.toMillis() / test.interval().toMillis());
                    for (TargetData target : test.targets()) {
                        Observation o = observation(target, step, clock.instant(), test.interval(), uptimes);
                        if (o != null) {
                            engine.observe(o);
                        }
                    }
                }
                engine.tick();
                for (Case c : checks.getOrDefault(t, List.of())) {
                    String failure = compare(c, engine.alerts());
                    if (failure != null) {
                        failures.add(failure);
                    }
                }
            }
        } catch (RuntimeException e) {
            failures.add("at " + Durations.format(now) + ": the engine failed: " + e);
        }
        return new Result(file.name(), test.name(), test.where(), failures);
    }

    /** What a poll of {@code target} shows at {@code step}; null when it is not polled then. */
    static Observation observation(TargetData target, int step, Instant at, Duration interval, Map<String, Double> uptimes) {
        Double up = target.up() == null ? Double.valueOf(1) : Series.at(target.up(), step);
        if (up == null) {
            return null;
        }
        if (up == 0) {
            return new Observation(target.name(), at, false, target.error(), List.of(), Map.of(), false, interval,
                target.labels());
        }
        Double uptime = target.uptime() == null ? null : Series.at(target.uptime(), step);
        Double before = uptimes.get(target.name());
        boolean rebooted = uptime != null && before != null && uptime < before;
        if (uptime != null) {
            uptimes.put(target.name(), uptime);
        }
        List<Component> components = new ArrayList<>();
        Map<String, Map<String, Double>> rates = new LinkedHashMap<>();
        for (ComponentData c : target.components()) {
            if (!c.presentAt(step)) {
                continue;
            }
            components.add(component(c, step));
            Map<String, Double> r = new LinkedHashMap<>();
            c.rates().forEach((counter, values) -> {
                Double v = Series.at(values, step);
                if (v != null) {
                    r.put(counter, v);
                }
            });
            if (!r.isEmpty()) {
                rates.put(c.kind().word() + "/" + c.id(), r);
            }
        }
        return new Observation(target.name(), at, true, "", components, rates, rebooted, interval, target.labels());
    }

    static Component component(ComponentData c, int step) {
        Component.Builder b = Component.builder(c.kind(), c.id()).name(c.name()).profile(c.profile());
        c.labels().forEach(b::label);
        Map<String, Double> readings = new LinkedHashMap<>();
        c.readings().forEach((name, values) -> {
            Double v = Series.at(values, step);
            if (v != null) {
                readings.put(name, v);
                b.reading(name, v);
            }
        });
        c.thresholds().forEach(b::thresholds);
        String state = c.state() == null ? "" : Series.at(c.state(), step);
        b.state(state == null ? "" : state);
        Health health;
        String reason;
        if (c.health() != null) {
            health = Series.at(c.health(), step);
            reason = c.reason();
        } else {
            // As a profile judges readings against the device's own limits: alarm is degraded, warning is warning.
            health = Health.OK;
            reason = "";
            for (Map.Entry<String, Double> r : readings.entrySet()) {
                Thresholds t = c.thresholds().get(r.getKey());
                Crossing x = t == null ? null : crossing(r.getKey(), r.getValue(), t);
                if (x != null && x.health().isWorseThan(health)) {
                    health = x.health();
                    reason = x.reason();
                }
            }
            reason = c.reason().isEmpty() ? reason : c.reason();
        }
        b.health(health);
        b.reason(health == Health.OK ? "" : reason);
        return b.build();
    }

    private record Crossing(Health health, String reason) {
    }

    /** A crossed device threshold (strict comparisons), worded as the profiles word it. */
    private static Crossing crossing(String reading, double v, Thresholds t) {
        String value = reading + " " + Values.formatNumber(v);
        if (t.lowAlarm() != null && v < t.lowAlarm()) {
            return new Crossing(Health.DEGRADED, value + " below low alarm " + Values.formatNumber(t.lowAlarm()));
        }
        if (t.highAlarm() != null && v > t.highAlarm()) {
            return new Crossing(Health.DEGRADED, value + " above high alarm " + Values.formatNumber(t.highAlarm()));
        }
        if (t.lowWarning() != null && v < t.lowWarning()) {
            return new Crossing(Health.WARNING, value + " below low warning " + Values.formatNumber(t.lowWarning()));
        }
        if (t.highWarning() != null && v > t.highWarning()) {
            return new Crossing(Health.WARNING, value + " above high warning " + Values.formatNumber(t.highWarning()));
        }
        return null;
    }

    // ---- comparing ----

    /** Null when the alerts are the ones expected; otherwise what is missing and what is unexpected. */
    static String compare(Case c, List<AlertEngine.View> views) {
        boolean pending = c.alerts().stream().anyMatch(e -> e.state() == AlertState.PENDING);
        List<AlertEngine.View> actual = new ArrayList<>();
        for (AlertEngine.View v : views) {
            AlertState s = v.alert().state();
            boolean compared = c.alertname() == null || c.alertname().equals(v.alert().rule());
            if (compared && (s == AlertState.FIRING || pending && s == AlertState.PENDING)) {
                actual.add(v);
            }
        }
        List<Expected> expected = c.alerts();
        int[] matchOfActual = match(expected, actual);
        boolean[] expectedMatched = new boolean[expected.size()];
        List<AlertEngine.View> unexpected = new ArrayList<>();
        for (int a = 0; a < actual.size(); a++) {
            if (matchOfActual[a] >= 0) {
                expectedMatched[matchOfActual[a]] = true;
            } else {
                unexpected.add(actual.get(a));
            }
        }
        List<Expected> missing = new ArrayList<>();
        for (int e = 0; e < expected.size(); e++) {
            if (!expectedMatched[e]) {
                missing.add(expected.get(e));
            }
        }
        if (missing.isEmpty() && unexpected.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        sb.append("at ").append(Durations.format(c.evalTime())).append(" (").append(c.where()).append("): ");
        sb.append(missing.size()).append(" missing, ").append(unexpected.size()).append(" unexpected");
        sb.append(pending ? " (firing and pending alerts" : " (firing alerts").append(c.alertname() == null ? ""
            : " of " + c.alertname()).append(')');
        for (Expected e : missing) {
            sb.append("\n  missing:    ").append(describe(e));
            for (AlertEngine.View v : views) {
                if (sameIdentity(e, v.alert()) && !unexpected.contains(v)) {
                    sb.append("\n              there is ").append(describe(v));
                }
            }
        }
        for (AlertEngine.View v : unexpected) {
            sb.append("\n  unexpected: ").append(describe(v));
        }
        if (expected.isEmpty() && !unexpected.isEmpty()) {
            sb.append("\n  (exp_alerts is empty: nothing").append(c.alertname() == null ? "" : " of " + c.alertname())
                .append(" may be firing at ").append(Durations.format(c.evalTime())).append(")");
        }
        return sb.toString();
    }

    /** A maximum matching of expected to actual alerts (augmenting paths): for each actual, its expected or -1. */
    private static int[] match(List<Expected> expected, List<AlertEngine.View> actual) {
        boolean[][] fits = new boolean[expected.size()][actual.size()];
        for (int e = 0; e < expected.size(); e++) {
            for (int a = 0; a < actual.size(); a++) {
                fits[e][a] = matches(expected.get(e), actual.get(a));
            }
        }
        int[] owner = new int[actual.size()];
        Arrays.fill(owner, -1);
        for (int e = 0; e < expected.size(); e++) {
            augment(e, fits, owner, new boolean[actual.size()]);
        }
        return owner;
    }

    private static boolean augment(int e, boolean[][] fits, int[] owner, boolean[] seen) {
        for (int a = 0; a < owner.length; a++) {
            if (fits[e][a] && !seen[a]) {
                seen[a] = true;
                if (owner[a] < 0 || augment(owner[a], fits, owner, seen)) {
                    owner[a] = e;
                    return true;
                }
            }
        }
        return false;
    }

    static boolean matches(Expected e, AlertEngine.View v) {
        Alert a = v.alert();
        if (!sameIdentity(e, a) || a.state() != e.state() || v.inhibited() != e.inhibited()) {
            return false;
        }
        if (e.severity() != null && a.severity() != e.severity()) {
            return false;
        }
        if (e.summary() != null && !a.summary().contains(e.summary())) {
            return false;
        }
        for (Map.Entry<String, String> l : e.labels().entrySet()) {
            if (!a.label(l.getKey()).equals(l.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** The same rule about the same thing: alertname, target and component (empty when not given). */
    private static boolean sameIdentity(Expected e, Alert a) {
        return a.rule().equals(e.alertname()) && a.label("target").equals(nz(e.target()))
            && a.label("component").equals(nz(e.component()));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** The labels that say what an alert is about, and its severity. */
    private static final List<String> SHOWN = List.of("target", "component", "group", "heartbeat", "profile", "severity");

    static String describe(Expected e) {
        Map<String, String> l = new LinkedHashMap<>();
        if (e.target() != null) {
            l.put("target", e.target());
        }
        if (e.component() != null) {
            l.put("component", e.component());
        }
        l.putAll(e.labels());
        if (e.severity() != null) {
            l.put("severity", e.severity().word());
        }
        StringBuilder sb = new StringBuilder(e.alertname()).append(labels(l)).append(' ').append(e.state().word());
        if (e.inhibited()) {
            sb.append(", held back");
        }
        if (e.summary() != null) {
            sb.append(", summary containing \"").append(e.summary()).append('"');
        }
        return sb.toString();
    }

    static String describe(AlertEngine.View v) {
        Alert a = v.alert();
        Map<String, String> l = new LinkedHashMap<>();
        for (String k : SHOWN) {
            if (!a.label(k).isEmpty()) {
                l.put(k, a.label(k));
            }
        }
        StringBuilder sb = new StringBuilder(a.rule()).append(labels(l)).append(' ').append(a.state().word());
        switch (a.state()) {
            case PENDING -> sb.append(" since ").append(at(a.activeAt()));
            case FIRING -> sb.append(" since ").append(at(a.firedAt() != null ? a.firedAt() : a.activeAt()));
            default -> sb.append(" at ").append(at(a.resolvedAt()));
        }
        if (v.inhibited()) {
            sb.append(", held back by ").append(v.inhibitedBy());
        }
        sb.append(": \"").append(a.summary()).append('"');
        return sb.toString();
    }

    private static String labels(Map<String, String> l) {
        StringBuilder sb = new StringBuilder("{");
        l.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(k).append("=\"").append(v).append('"'));
        return sb.append('}').toString();
    }

    private static String at(Instant t) {
        return t == null ? "?" : Durations.format(Duration.between(START, t));
    }

    static String num(double v) {
        return Values.formatNumber(v);
    }
}
