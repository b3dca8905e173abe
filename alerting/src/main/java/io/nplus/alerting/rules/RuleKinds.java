package io.nplus.alerting.rules;

import io.nplus.alerting.model.Group;
import io.nplus.alerting.model.Observation;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.ComponentKind;
import io.nplus.mibs.vocab.Health;
import io.nplus.mibs.vocab.Thresholds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The rule kinds. Each says what is true now; the engine turns that into pending, firing and resolved. */
public final class RuleKinds {
    private RuleKinds() {
    }

    static Map<String, String> componentLabels(Component c) {
        return Map.of("component", c.id(), "name", c.name(), "kind", c.kind().word());
    }

    static Map<String, String> componentVars(String target, Component c) {
        Map<String, String> v = new HashMap<>();
        v.put("target", target);
        v.put("component", c.id());
        v.put("name", c.name());
        v.put("kind", c.kind().word().replace('_', ' '));
        v.put("health", c.health().word());
        v.put("state", c.state());
        v.put("reason", c.reason().isEmpty() ? c.state() : c.reason());
        // ": the reason", or the state in brackets, or nothing: so "is failed" never ends in a dangling colon.
        v.put("because", !c.reason().isEmpty() ? ": " + c.reason() : c.state().isEmpty() ? "" : " (" + c.state() + ")");
        v.put("profile", c.profile());
        return v;
    }

    /**
     * A component's labels and the value it is compared against, exactly: the baseline is stable while the alert
     * lasts, and a restarted engine (whose memory is empty) takes it back from the persisted alert.
     */
    static Map<String, String> withBaseline(Component c, double baseline) {
        Map<String, String> l = new HashMap<>(componentLabels(c));
        l.put("baseline", baseline == Math.rint(baseline) && Math.abs(baseline) < 1e15 ? Long.toString((long) baseline)
            : Double.toString(baseline));
        return l;
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        // Six significant digits at most, no trailing zeros: 0.5, -3.12, 5000.5, 1.23457.
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /** A component's health at or worse than a level (and at or better than another). */
    static final class HealthRule extends Rule {
        private final Health atLeast;
        private final Health atMost;

        HealthRule(Common c, Health atLeast, Health atMost) {
            super(c);
            this.atLeast = atLeast;
            this.atMost = atMost;
        }

        @Override
        public void evaluate(EvalContext ctx, List<Instance> out) {
            Observation o = ctx.observation();
            // The lanes of one optic (and the module itself) are one alert: a 40G optic losing light is one page.
            Map<String, List<Component>> byModule = new LinkedHashMap<>();
            for (Component c : o.components()) {
                int r = c.health().rank();
                if (r >= atLeast.rank() && r <= atMost.rank() && select.component(o.target(), c)) {
                    byModule.computeIfAbsent(moduleOf(c), k -> new ArrayList<>()).add(c);
                }
            }
            for (List<Component> parts : byModule.values()) {
                List<Component> lanes = parts.stream().filter(c -> !c.labels().getOrDefault("lane", "").isEmpty()).toList();
                if (lanes.isEmpty()) {
                    for (Component c : parts) {
                        out.add(new Instance(o.target(), TargetMemory.key(c), componentLabels(c),
                            componentVars(o.target(), c), c.health().rank()));
                    }
                } else {
                    out.add(moduleInstance(o, parts, lanes));
                }
            }
        }

        /** The module a lane belongs to (its "module" label), or the component itself. */
        private static String moduleOf(Component c) {
            String module = c.labels().getOrDefault("module", "");
            return module.isEmpty() || c.labels().getOrDefault("lane", "").isEmpty() ? c.id() : module;
        }

        private static Instance moduleInstance(Observation o, List<Component> parts, List<Component> lanes) {
            Component worst = parts.stream().max(java.util.Comparator.comparingInt(c -> c.health().rank())).orElseThrow();
            String moduleId = lanes.get(0).labels().get("module");
            String name = o.components().stream().filter(c -> c.id().equals(moduleId)).map(Component::name).findFirst()
                .orElse(lanes.get(0).labels().getOrDefault("interface", lanes.get(0).name().replaceFirst(" lane \\S+$", "")));
            Map<String, String> labels = Map.of("component", moduleId, "name", name, "kind", worst.kind().word());
            Map<String, String> vars = componentVars(o.target(), worst);
            vars.put("component", moduleId);
            vars.put("name", name);
            String laneList = String.join(", ", lanes.stream().map(c -> c.labels().get("lane")).toList());
            String why = worst.reason().isEmpty() ? worst.state() : worst.reason();
            String where = (lanes.size() == 1 ? "lane " : "lanes ") + laneList;
            vars.put("reason", where + ": " + why);
            vars.put("because", ": " + where + (why.isEmpty() ? "" : ": " + why));
            return new Instance(o.target(), worst.kind().word() + "/" + moduleId, labels, vars, worst.health().rank());
        }
    }

    /** A reading (or a counter's rate) against a fixed value or the device's own limits, with hysteresis. */
    static final class ThresholdRule extends Rule {
        private final String reading;
        private final boolean isRate;
        private final Double above;
        private final Double below;
        private final Double clear;
        private final String deviceLevel;

        ThresholdRule(Common c, String reading, boolean isRate, Double above, Double below, Double clear, String deviceLevel) {
            super(c);
            this.reading = reading;
            this.isRate = isRate;
            this.above = above;
            this.below = below;
            this.clear = clear;
            this.deviceLevel = deviceLevel;
        }

        @Override
        public void evaluate(EvalContext ctx, List<Instance> out) {
            Observation o = ctx.observation();
            for (Component c : o.components()) {
                if (!select.component(o.target(), c)) {
                    continue;
                }
                Double v = isRate ? o.ratesOf(c).get(reading) : c.readings().get(reading);
                if (v == null || v.isNaN()) {
                    continue;
                }
                String key = TargetMemory.key(c);
                boolean active = ctx.isActive(name(), o.target(), key);
                Double limit = null;
                String side = null;
                if (deviceLevel != null) {
                    Thresholds t = c.thresholds().get(reading);
                    if (t != null) {
                        Double hi = deviceLevel.equals("alarm") ? t.highAlarm() : t.highWarning();
                        Double lo = deviceLevel.equals("alarm") ? t.lowAlarm() : t.lowWarning();
                        if (hi != null && v > hi) {
                            limit = hi;
                            side = "above";
                        } else if (lo != null && v < lo) {
                            limit = lo;
                            side = "below";
                        }
                    }
                } else if (above != null && (v > above || (active && clear != null && v > clear))) {
                    limit = above;
                    side = "above";
                } else if (below != null && (v < below || (active && clear != null && v < clear))) {
                    limit = below;
                    side = "below";
                }
                if (limit != null) {
                    Map<String, String> vars = componentVars(o.target(), c);
                    vars.put("reading", reading.replace('_', ' ') + (isRate ? " per second" : ""));
                    vars.put("value", num(v));
                    vars.put("threshold", num(limit));
                    vars.put("side", side);
                    out.add(new Instance(o.target(), key, componentLabels(c), vars, v));
                }
            }
        }
    }

    /**
     * Something that was there is gone while the device answers: a component (a drive no longer listed), or every
     * component of a profile (the RAID agent died and its tables came back empty; one alert, not one per drive).
     */
    static final class AbsenceRule extends Rule {
        private final boolean ofProfile;

        AbsenceRule(Common c, boolean ofProfile) {
            super(c);
            this.ofProfile = ofProfile;
        }

        @Override
        public void evaluate(EvalContext ctx, List<Instance> out) {
            Observation o = ctx.observation();
            TargetMemory m = ctx.memory(o.target());
            Set<String> profilesNow = new HashSet<>();
            Set<String> keysNow = new HashSet<>();
            for (Component c : o.components()) {
                profilesNow.add(c.profile());
                keysNow.add(TargetMemory.key(c));
            }
            if (ofProfile) {
                for (Map.Entry<String, java.time.Instant> p : m.profiles.entrySet()) {
                    if (!profilesNow.contains(p.getKey()) && (select.profile() == null
                        || select.profile().matcher(p.getKey()).matches()) && select.target(o.target())) {
                        Map<String, String> vars = new HashMap<>();
                        vars.put("target", o.target());
                        vars.put("profile", p.getKey());
                        vars.put("since", p.getValue().toString());
                        out.add(new Instance(o.target(), "profile/" + p.getKey(), Map.of("profile", p.getKey()), vars,
                            Double.NaN));
                    }
                }
                return;
            }
            for (Map.Entry<String, Component> e : m.known.entrySet()) {
                Component c = e.getValue();
                if (!keysNow.contains(e.getKey()) && profilesNow.contains(c.profile()) && select.component(o.target(), c)) {
                    Map<String, String> vars = componentVars(o.target(), c);
                    vars.put("since", m.knownAt.get(e.getKey()).toString());
                    // The profile too: with it a restarted engine can keep missing what is still missing.
                    Map<String, String> labels = new HashMap<>(componentLabels(c));
                    labels.put("profile", c.profile());
                    out.add(new Instance(o.target(), e.getKey(), labels, vars, Double.NaN));
                }
            }
        }
    }

    /** The device does not answer. */
    static final class UnreachableRule extends Rule {
        UnreachableRule(Common c) {
            super(c);
        }

        @Override
        public boolean whenUnreachable() {
            return true;
        }

        @Override
        public boolean inhibitedByUnreachable() {
            return false;
        }

        @Override
        public void evaluate(EvalContext ctx, List<Instance> out) {
            Observation o = ctx.observation();
            if (!o.reachable() && select.target(o.target())) {
                out.add(new Instance(o.target(), "", Map.of(), Map.of("target", o.target(), "error", o.error()),
                    Double.NaN));
            }
        }
    }

    /** sysUpTime went backwards: the device restarted. */
    static final class RebootRule extends Rule {
        RebootRule(Common c) {
            super(c);
        }

        @Override
        public void evaluate(EvalContext ctx, List<Instance> out) {
            Observation o = ctx.observation();
            if (o.rebooted() && select.target(o.target())) {
                out.add(new Instance(o.target(), "", Map.of(), Map.of("target", o.target(), "at", o.at().toString()),
                    Double.NaN));
            }
        }
    }

    /** No poll of a target has finished for too long: nplus's own collection stalled (or fell behind). */
    static final class GapRule extends Rule {
        private final double intervals;

        GapRule(Common c, double intervals) {
            super(c);
            this.intervals = intervals;
        }

        @Override
        public Scope scope() {
            return Scope.FLEET;
        }

        @Override
        public boolean inhibitedByUnreachable() {
            return false;
        }

        @Override
        public void evaluate(EvalContext ctx, List<Instance> out) {
            for (Map.Entry<String, Duration> t : ctx.targets().entrySet()) {
                if (!select.target(t.getKey())) {
                    continue;
                }
                TargetMemory m = ctx.memory(t.getKey());
                Instant last = m.lastObservedAt != null ? m.lastObservedAt
                    : m.watchedSince != null && m.watchedSince.isAfter(ctx.started()) ? m.watchedSince : ctx.started();
                long allowed = (long) (t.getValue().toMillis() * intervals);
                if (m.lastObservedAt != null && m.nextDueIn != null && m.nextDueIn.compareTo(t.getValue()) > 0) {
                    // the collector backs off an unreachable target: the gap counts from its next attempt
                    allowed += m.nextDueIn.toMillis() - t.getValue().toMillis();
                }
                long age = ctx.now().toEpochMilli() - last.toEpochMilli();
                if (age > allowed) {
                    out.add(new Instance(t.getKey(), "", Map.of(), Map.of("target", t.getKey(), "age",
                        io.nplus.core.time.Durations.format(Duration.ofMillis(age)), "interval",
                        io.nplus.core.time.Durations.format(t.getValue())), age / 1000.0));
                }
            }
        }
    }

    /** How stale a heartbeat may get when neither its job nor the rule said (a nightly job, with an hour's slack). */
    public static final Duration HEARTBEAT_MAX_AGE = Duration.ofHours(25);

    /** A job's heartbeat is older than allowed (or never came). */
    static final class HeartbeatRule extends Rule {
        private final String glob;
        private final Pattern heartbeat;
        private final Duration maxAge;
        private final String exactName;
        /** Heartbeats other rules of the pack name exactly: a glob rule leaves them to those. */
        private final Set<String> namedElsewhere;

        HeartbeatRule(Common c, String heartbeat, Duration maxAge) {
            this(c, heartbeat, maxAge, Set.of());
        }

        private HeartbeatRule(Common c, String heartbeat, Duration maxAge, Set<String> namedElsewhere) {
            super(c);
            this.glob = heartbeat;
            this.heartbeat = Select.glob(heartbeat);
            this.maxAge = maxAge;
            this.exactName = heartbeat.contains("*") || heartbeat.contains("?") ? null : heartbeat;
            this.namedElsewhere = Set.copyOf(namedElsewhere);
        }

        /** This glob rule without the heartbeats other rules watch by name (one missing backup, one page). */
        HeartbeatRule leaving(Set<String> names) {
            return new HeartbeatRule(new Common(name(), kind(), severity(), forDuration(), keepFiringFor(), summary(),
                runbook(), select), glob, maxAge, names);
        }

        @Override
        public Scope scope() {
            return Scope.FLEET;
        }

        /** A rule naming one heartbeat expects it even before it was ever received. */
        public String expected() {
            return exactName;
        }

        public Duration maxAge() {
            return maxAge;
        }

        @Override
        public void evaluate(EvalContext ctx, List<Instance> out) {
            Map<String, EvalContext.Heartbeat> all = new LinkedHashMap<>(ctx.heartbeats());
            if (exactName != null) {
                all.putIfAbsent(exactName, new EvalContext.Heartbeat(exactName, null, maxAge));
            }
            for (EvalContext.Heartbeat h : all.values()) {
                if (!heartbeat.matcher(h.name()).matches() || (exactName == null && namedElsewhere.contains(h.name()))) {
                    continue;
                }
                Duration allowed = maxAge != null ? maxAge : h.maxAge() != null ? h.maxAge() : HEARTBEAT_MAX_AGE;
                Instant last = h.lastSeen() != null ? h.lastSeen() : ctx.started();
                Duration age = Duration.between(last, ctx.now());
                if (age.compareTo(allowed) > 0) {
                    out.add(new Instance("", "heartbeat/" + h.name(), Map.of("heartbeat", h.name()), Map.of("heartbeat",
                        h.name(), "age", io.nplus.core.time.Durations.format(age), "max_age",
                        io.nplus.core.time.Durations.format(allowed), "last", h.lastSeen() == null ? "never (since nplus"
                        + " started)" : h.lastSeen().toString()), age.toSeconds()));
                }
            }
        }
    }

    /**
     * A reading left the value it held (its baseline): "max_connections 5000 -> 30". The baseline is a value held
     * for {@code baseline_for}; the alert stays while the reading is off it, and the new value becomes the baseline
     * once it has held for a day.
     */
    static final class ChangeRule extends Rule {
        private final String reading;
        private final double minChange;
        private final Duration baselineFor;

        ChangeRule(Common c, String reading, double minChange, Duration baselineFor) {
            super(c);
            this.reading = reading;
            this.minChange = minChange;
            this.baselineFor = baselineFor;
        }

        @Override
        public void evaluate(EvalContext ctx, List<Instance> out) {
            Observation o = ctx.observation();
            TargetMemory m = ctx.memory(o.target());
            for (Component c : o.components()) {
                Double v = c.readings().get(reading);
                if (v == null || !select.component(o.target(), c)) {
                    continue;
                }
                String key = TargetMemory.baselineKey(name(), TargetMemory.key(c));
                TargetMemory.Baseline base = m.baselines.get(key);
                TargetMemory.Baseline candidate = m.baselines.get(key + "|candidate");
                if (candidate == null || candidate.value() != v) {
                    candidate = new TargetMemory.Baseline(v, o.at());
                    m.baselines.put(key + "|candidate", candidate);
                }
                boolean held = !candidate.since().plus(baselineFor).isAfter(o.at());
                if (base == null) {
                    if (held) {
                        m.baselines.put(key, candidate);
                    }
                    continue;
                }
                double delta = Math.abs(v - base.value());
                boolean off = v != base.value() && (minChange <= 0 || delta > minChange * Math.abs(base.value()));
                if (off && !candidate.since().plus(Duration.ofDays(1)).isAfter(o.at())) {
                    m.baselines.put(key, candidate); // held a day: the new normal
                    continue;
                }
                if (off) {
                    Map<String, String> vars = componentVars(o.target(), c);
                    vars.put("reading", reading.replace('_', ' '));
                    vars.put("before", num(base.value()));
                    vars.put("after", num(v));
                    out.add(new Instance(o.target(), TargetMemory.key(c), withBaseline(c, base.value()), vars, v));
                }
            }
        }
    }

    /** A component's state (or health) changed too often in a window: a loose cable, a drive dropping in and out. */
    static final class FlappingRule extends Rule {
        private final String field;
        private final int changes;
        private final Duration within;

        FlappingRule(Common c, String field, int changes, Duration within) {
            super(c);
            this.field = field;
            this.changes = changes;
            this.within = within;
        }

        @Override
        public void evaluate(EvalContext ctx, List<Instance> out) {
            Observation o = ctx.observation();
            TargetMemory m = ctx.memory(o.target());
            Instant since = o.at().minus(within);
            for (Component c : o.components()) {
                if (!select.component(o.target(), c)) {
                    continue;
                }
                String key = TargetMemory.key(c);
                String now = field.equals("state") ? c.state() : c.health().word();
                String before = m.lastValue.get(key + "|" + field);
                int n = m.changesSince(key, field, since) + (before != null && !before.equals(now) ? 1 : 0);
                if (n >= changes) {
                    Map<String, String> vars = componentVars(o.target(), c);
                    vars.put("changes", Integer.toString(n));
                    vars.put("within", io.nplus.core.time.Durations.format(within));
                    vars.put("field", field);
                    out.add(new Instance(o.target(), key, componentLabels(c), vars, n));
                }
            }
        }
    }

    /** A redundancy group with fewer healthy members than it needs: "storage-uplinks: 0 of 2 healthy, need 2". */
    static final class RedundancyRule extends Rule {
        private final Pattern groups;

        RedundancyRule(Common c, Pattern groups) {
            super(c);
            this.groups = groups;
        }

        @Override
        public Scope scope() {
            return Scope.FLEET;
        }

        @Override
        public boolean inhibitedByUnreachable() {
            return false;
        }

        @Override
        public void evaluate(EvalContext ctx, List<Instance> out) {
            for (Group g : ctx.groups()) {
                if (groups != null && !groups.matcher(g.name()).matches()) {
                    continue;
                }
                int total = 0;
                int healthy = 0;
                boolean unknown = false;
                List<String> bad = new java.util.ArrayList<>();
                for (Map.Entry<String, Duration> t : ctx.targets().entrySet()) {
                    String target = t.getKey();
                    boolean inGroup = g.members().stream().anyMatch(mem -> mem.matchesTarget(target));
                    if (!inGroup) {
                        continue;
                    }
                    TargetMemory m = ctx.memory(target);
                    Observation last = m.previous;
                    boolean up = last != null && last.reachable();
                    unknown |= last == null;
                    for (Group.Member mem : g.members()) {
                        if (!mem.matchesTarget(target)) {
                            continue;
                        }
                        if (mem.isWholeTarget()) {
                            total++;
                            if (up) {
                                healthy++;
                            } else {
                                bad.add(target + " (" + (last == null ? "not polled yet" : "unreachable") + ")");
                            }
                            continue;
                        }
                        // Components as last seen; while the device is unreachable they count as unhealthy.
                        for (Component c : m.components.values()) {
                            if (!mem.matches(target, c)) {
                                continue;
                            }
                            total++;
                            boolean ok = up && c.health() == Health.OK && (c.kind() != ComponentKind.INTERFACE
                                || c.state().equals("up"));
                            if (ok) {
                                healthy++;
                            } else {
                                bad.add(target + " " + c.name() + " (" + (up ? c.health() == Health.OK ? c.state()
                                    : c.health().word() : "device unreachable") + ")");
                            }
                        }
                    }
                }
                // A member not polled yet (nplus just started) is unknown, not unhealthy: judge the group once every
                // member was polled, but keep an alert already raised (restored after a restart) until then.
                String id = "group/" + g.name();
                if (healthy < g.need() && (!unknown || ctx.isActive(name(), "", id))) {
                    Map<String, String> vars = new HashMap<>();
                    vars.put("group", g.name());
                    vars.put("healthy", Integer.toString(healthy));
                    vars.put("total", Integer.toString(total));
                    vars.put("need", Integer.toString(g.need()));
                    vars.put("members", bad.isEmpty() ? "no member found" : String.join(", ", bad));
                    out.add(new Instance("", id, Map.of("group", g.name()), vars, healthy));
                }
            }
        }
    }

    /** Several members of a group rebooted (or stopped answering) within a window: one incident, not one per device. */
    static final class CorrelatedRule extends Rule {
        private final Pattern groups;
        private final String of;
        private final Duration window;
        private final int atLeast;

        CorrelatedRule(Common c, Pattern groups, String of, Duration window, int atLeast) {
            super(c);
            this.groups = groups;
            this.of = of;
            this.window = window;
            this.atLeast = atLeast;
        }

        @Override
        public Scope scope() {
            return Scope.FLEET;
        }

        @Override
        public boolean inhibitedByUnreachable() {
            return false;
        }

        /** The group this alert is about covers the target: its own reboot or unreachable alerts are held back. */
        public Pattern groupPattern() {
            return groups;
        }

        @Override
        public void evaluate(EvalContext ctx, List<Instance> out) {
            Instant since = ctx.now().minus(window);
            for (Group g : ctx.groups()) {
                if (groups != null && !groups.matcher(g.name()).matches()) {
                    continue;
                }
                List<String> hit = new java.util.ArrayList<>();
                for (String target : ctx.targets().keySet()) {
                    // Devices that are members, not devices that hold members: when both switches of a pair
                    // reboot, the pair's group pages, not also every link bundle they carry (one page, not two).
                    if (g.members().stream().noneMatch(mem -> mem.isWholeTarget() && mem.matchesTarget(target))) {
                        continue;
                    }
                    TargetMemory m = ctx.memory(target);
                    boolean yes = of.equals("reboot") ? m.reboots.stream().anyMatch(t -> !t.isBefore(since))
                        || (ctx.observation() != null && ctx.observation().target().equals(target)
                        && ctx.observation().rebooted())
                        : m.previous != null && !m.previous.reachable();
                    if (yes) {
                        hit.add(target);
                    }
                }
                if (hit.size() >= atLeast) {
                    Map<String, String> vars = new HashMap<>();
                    vars.put("group", g.name());
                    vars.put("count", Integer.toString(hit.size()));
                    vars.put("targets", String.join(", ", hit));
                    vars.put("window", io.nplus.core.time.Durations.format(window));
                    vars.put("what", of.equals("reboot") ? "rebooted" : "stopped answering");
                    out.add(new Instance("", "group/" + g.name(), Map.of("group", g.name()), vars, hit.size()));
                }
            }
        }
    }

    static double bytesPerSecond(Observation o, Component c) {
        Map<String, Double> r = o.ratesOf(c);
        Double in = r.get("in_octets");
        Double out = r.get("out_octets");
        if (in == null && out == null) {
            return Double.NaN;
        }
        return (in == null ? 0 : in) + (out == null ? 0 : out);
    }

    /**
     * Traffic on an interface of a role (onboard) above a share of the host's traffic while a faster interface
     * exists: the load balancer whose traffic took the onboard NIC.
     */
    static final class NicShareRule extends Rule {
        private final double share;
        private final double minBytes;

        NicShareRule(Common c, double share, double minBytes) {
            super(c);
            this.share = share;
            this.minBytes = minBytes;
        }

        @Override
        public void evaluate(EvalContext ctx, List<Instance> out) {
            Observation o = ctx.observation();
            double total = 0;
            double fastest = 0;
            for (Component c : o.components()) {
                if (c.kind() == ComponentKind.INTERFACE) {
                    double b = bytesPerSecond(o, c);
                    if (!Double.isNaN(b)) {
                        total += b;
                    }
                    fastest = Math.max(fastest, c.readings().getOrDefault("speed_bits_per_second", 0.0));
                }
            }
            if (total <= 0) {
                return;
            }
            for (Component c : o.components()) {
                if (c.kind() != ComponentKind.INTERFACE || !select.component(o.target(), c)) {
                    continue;
                }
                double b = bytesPerSecond(o, c);
                double speed = c.readings().getOrDefault("speed_bits_per_second", 0.0);
                if (!Double.isNaN(b) && b >= minBytes && b > share * total && fastest > speed) {
                    Map<String, String> vars = componentVars(o.target(), c);
                    vars.put("share", String.format(Locale.ROOT, "%.0f%%", 100 * b / total));
                    vars.put("value", num(b * 8 / 1e6) + " Mbit/s");
                    vars.put("speed", num(speed / 1e6) + " Mbit/s");
                    vars.put("fastest", num(fastest / 1e6) + " Mbit/s");
                    vars.put("role", c.labels().getOrDefault("interface_role", ""));
                    out.add(new Instance(o.target(), TargetMemory.key(c), componentLabels(c), vars, b / total));
                }
            }
        }
    }

    /** An interface running near its speed, in or out. */
    static final class NearCapacityRule extends Rule {
        private final double ratio;

        NearCapacityRule(Common c, double ratio) {
            super(c);
            this.ratio = ratio;
        }

        @Override
        public void evaluate(EvalContext ctx, List<Instance> out) {
            Observation o = ctx.observation();
            for (Component c : o.components()) {
                if (c.kind() != ComponentKind.INTERFACE || !select.component(o.target(), c)) {
                    continue;
                }
                double speed = c.readings().getOrDefault("speed_bits_per_second", 0.0);
                if (speed <= 0) {
                    continue;
                }
                Map<String, Double> r = o.ratesOf(c);
                double busiest = Math.max(r.getOrDefault("in_octets", 0.0), r.getOrDefault("out_octets", 0.0)) * 8;
                if (busiest > ratio * speed) {
                    Map<String, String> vars = componentVars(o.target(), c);
                    vars.put("utilization", String.format(Locale.ROOT, "%.0f%%", 100 * busiest / speed));
                    vars.put("value", num(busiest / 1e6) + " Mbit/s");
                    vars.put("speed", num(speed / 1e6) + " Mbit/s");
                    out.add(new Instance(o.target(), TargetMemory.key(c), componentLabels(c), vars, busiest / speed));
                }
            }
        }
    }

    /** A link that is up at a lower speed than it had: it renegotiated down (a bad cable, a failing optic). */
    static final class SpeedDropRule extends Rule {
        SpeedDropRule(Common c) {
            super(c);
        }

        @Override
        public void evaluate(EvalContext ctx, List<Instance> out) {
            Observation o = ctx.observation();
            TargetMemory m = ctx.memory(o.target());
            for (Component c : o.components()) {
                if (c.kind() != ComponentKind.INTERFACE || !c.state().equals("up") || !select.component(o.target(), c)) {
                    continue;
                }
                Double speed = c.readings().get("speed_bits_per_second");
                if (speed == null || speed <= 0) {
                    continue;
                }
                String key = TargetMemory.key(c);
                Double best = m.speeds.get(key);
                if (best == null || speed > best) {
                    m.speeds.put(key, speed);
                } else if (speed < best) {
                    Map<String, String> vars = componentVars(o.target(), c);
                    vars.put("before", num(best / 1e6) + " Mbit/s");
                    vars.put("after", num(speed / 1e6) + " Mbit/s");
                    out.add(new Instance(o.target(), key, withBaseline(c, best), vars, speed));
                }
            }
        }
    }
}
