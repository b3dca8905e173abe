package io.nplus.alerting.engine;

import io.nplus.alerting.model.Alert;
import io.nplus.alerting.model.AlertState;
import io.nplus.alerting.model.Group;
import io.nplus.alerting.model.Observation;
import io.nplus.alerting.rules.RulePack;
import io.nplus.core.time.VirtualClock;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.ComponentKind;
import io.nplus.mibs.vocab.Health;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An engine on a virtual clock with every transition recorded: what the rule tests drive. Rules come from YAML
 * (as a site writes them) or the built-in pack.
 */
public final class Harness {
    public static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
    public static final Duration MINUTE = Duration.ofMinutes(1);

    public final VirtualClock clock;
    public final AlertEngine engine;
    /** Every FIRING and RESOLVED transition, in order. */
    public final List<Alert> transitions = new ArrayList<>();
    private final Map<String, Duration> targets = new LinkedHashMap<>();
    private final List<Group> groups = new ArrayList<>();

    public Harness(RulePack pack) {
        this(new VirtualClock(T0), pack, AlertEngine.Persistence.NONE);
    }

    public Harness(VirtualClock clock, RulePack pack, AlertEngine.Persistence persistence) {
        this.clock = clock;
        this.engine = new AlertEngine(clock, pack, persistence);
        engine.onTransition(transitions::add);
    }

    /** A harness evaluating only the rules of this YAML text (no built-in pack). */
    public static Harness rules(String yaml) {
        return new Harness(RulePack.parse("test-rules.yaml", yaml, false));
    }

    public static Harness builtIn() {
        return new Harness(RulePack.builtIn());
    }

    /** Declares targets polled every minute. */
    public Harness targets(String... names) {
        for (String n : names) {
            targets.put(n, MINUTE);
        }
        engine.setFleet(targets, groups);
        return this;
    }

    public Harness group(String name, int need, Group.Member... members) {
        groups.add(new Group(name, need, List.of(members)));
        engine.setFleet(targets, groups);
        return this;
    }

    public static Group.Member wholeTarget(String targetGlob) {
        return new Group.Member(io.nplus.alerting.rules.Select.glob(targetGlob), null, null);
    }

    public static Group.Member member(String targetGlob, ComponentKind kind, String componentGlob) {
        return new Group.Member(io.nplus.alerting.rules.Select.glob(targetGlob), kind,
            io.nplus.alerting.rules.Select.glob(componentGlob));
    }

    public void advance(Duration d) {
        clock.advance(d);
    }

    /** Every minute for {@code d}: advances the clock a minute, then runs {@code poll}. */
    public void everyMinuteFor(Duration d, Runnable poll) {
        for (long m = 0; m < d.toMinutes(); m++) {
            advance(MINUTE);
            poll.run();
        }
    }

    public Instant now() {
        return clock.instant();
    }

    // ---- observations ----

    public Obs poll(String target) {
        return new Obs(this, target);
    }

    /** A reachable poll of {@code target} showing these components. */
    public void observe(String target, Component... components) {
        poll(target).components(components).observe();
    }

    /** One observation being put together. */
    public static final class Obs {
        private final Harness h;
        private final String target;
        private boolean reachable = true;
        private String error = "";
        private final List<Component> components = new ArrayList<>();
        private final Map<String, Map<String, Double>> rates = new HashMap<>();
        private boolean rebooted;
        private Duration nextIn = MINUTE;
        private final Map<String, String> labels = new LinkedHashMap<>();

        Obs(Harness h, String target) {
            this.h = h;
            this.target = target;
        }

        public Obs components(Component... cs) {
            components.addAll(List.of(cs));
            return this;
        }

        public Obs components(List<Component> cs) {
            components.addAll(cs);
            return this;
        }

        public Obs rate(Component c, String counter, double perSecond) {
            rates.computeIfAbsent(c.kind().word() + "/" + c.id(), k -> new HashMap<>()).put(counter, perSecond);
            return this;
        }

        public Obs unreachable(String why) {
            reachable = false;
            error = why;
            components.clear();
            return this;
        }

        /** When the collector will try next (longer than the interval while it backs off). */
        public Obs nextIn(Duration d) {
            nextIn = d;
            return this;
        }

        public Obs rebooted() {
            rebooted = true;
            return this;
        }

        public Obs label(String k, String v) {
            labels.put(k, v);
            return this;
        }

        public Observation build() {
            return new Observation(target, h.now(), reachable, error, reachable ? components : List.of(), rates, rebooted,
                nextIn, labels);
        }

        public void observe() {
            h.engine.observe(build());
        }
    }

    // ---- components ----

    public static Component.Builder comp(ComponentKind kind, String id) {
        return Component.builder(kind, id).name(kind.word() + " " + id).profile("test");
    }

    public static Component drive(String id, Health health, String state) {
        return comp(ComponentKind.PHYSICAL_DRIVE, id).name("Disk " + id).health(health).state(state)
            .reason(health == Health.OK ? "" : "drive is " + state).profile("megaraid").build();
    }

    public static Component iface(String id, String name, String state, double speedBitsPerSecond) {
        return comp(ComponentKind.INTERFACE, id).name(name).state(state)
            .reading("speed_bits_per_second", speedBitsPerSecond).profile("if_mib").build();
    }

    // ---- what happened ----

    public List<Alert> fired(String rule) {
        return transitions.stream().filter(a -> a.rule().equals(rule) && a.state() == AlertState.FIRING).toList();
    }

    public List<Alert> resolved(String rule) {
        return transitions.stream().filter(a -> a.rule().equals(rule) && a.state() == AlertState.RESOLVED).toList();
    }

    public List<Alert> firedAll() {
        return transitions.stream().filter(a -> a.state() == AlertState.FIRING).toList();
    }

    /** The alerts of a rule as listed now (pending, firing and recently resolved). */
    public List<AlertEngine.View> views(String rule) {
        return engine.alerts().stream().filter(v -> v.alert().rule().equals(rule)).toList();
    }

    public Optional<Alert> alert(String rule) {
        List<AlertEngine.View> v = views(rule);
        if (v.size() > 1) {
            throw new AssertionError("more than one " + rule + " alert: " + v);
        }
        return v.stream().map(AlertEngine.View::alert).findFirst();
    }

    public AlertState state(String rule) {
        return alert(rule).map(Alert::state).orElse(null);
    }
}
