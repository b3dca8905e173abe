package io.nplus.alerting.testing;

import io.nplus.alerting.model.AlertState;
import io.nplus.alerting.model.Group;
import io.nplus.alerting.model.Severity;
import io.nplus.alerting.rules.RulePack;
import io.nplus.alerting.rules.Select;
import io.nplus.core.time.Durations;
import io.nplus.mibs.vocab.ComponentKind;
import io.nplus.mibs.vocab.Health;
import io.nplus.mibs.vocab.Thresholds;
import io.nplus.mibs.yaml.YamlDocument;
import io.nplus.mibs.yaml.YamlException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A file of rule tests ({@code nplus rules test}): the rules under test and, per test, what the fleet shows step
 * by step and which alerts must fire when. Read strictly: an unknown key, a bad series or an expectation naming
 * no rule fails with file, line and key path.
 *
 * <pre>
 * rule_files: [site-rules.yaml]     # relative to this file
 * default_rules: true               # the built-in pack first (default true)
 * tests:
 *   - name: a degraded array pages at once
 *     interval: 1m
 *     targets:
 *       - name: db1
 *         components:
 *           - {kind: virtual_drive, id: vd.0, profile: megaraid, health: "ok x5 degraded x25", reason: "a member failed"}
 *     alert_rule_test:
 *       - eval_time: 6m
 *         exp_alerts:
 *           - {alertname: StorageRedundancyLost, target: db1, component: vd.0, severity: page}
 * </pre>
 */
public final class RuleTestFile {
    /** Where the built-in pack's tests are, on the class path. */
    public static final String BUILT_IN = "rules/default.tests.yaml";

    /** Observations per test at most: a 30-day test at a 1-minute interval is 43 200. */
    static final long MAX_STEPS = 200_000;

    private final String name;
    private final RulePack rules;
    private final List<RuleTest> tests;

    private RuleTestFile(String name, RulePack rules, List<RuleTest> tests) {
        this.name = name;
        this.rules = rules;
        this.tests = List.copyOf(tests);
    }

    public String name() {
        return name;
    }

    public RulePack rules() {
        return rules;
    }

    public List<RuleTest> tests() {
        return tests;
    }

    // ---- the file format ----

    /** The file as written (keys in snake_case). */
    public record Spec(List<String> ruleFiles, Boolean defaultRules, List<TestSpec> tests) {
    }

    public record TestSpec(String name, String interval, List<GroupSpec> groups, List<TargetSpec> targets,
                           List<HeartbeatSpec> heartbeats, List<CaseSpec> alertRuleTest) {
    }

    /** A redundancy group as in nplus.yaml; {@code need} defaults to the number of member selectors. */
    public record GroupSpec(String name, Integer need, List<MemberSpec> members) {
    }

    public record MemberSpec(String target, String kind, String component) {
    }

    /**
     * @param up per step: 1 answers, 0 does not answer, _ not polled (a collection gap); default 1
     * @param uptime sysUpTime in seconds per step; lower than at the previous answer is a reboot
     * @param error what an unanswered poll says (the unreachable alert's {error})
     */
    public record TargetSpec(String name, Map<String, String> labels, String up, String uptime, String error,
                             List<ComponentSpec> components) {
    }

    /**
     * @param health words per step (ok, unknown, warning, degraded, failed; _ absent); without it the health comes
     *               from the readings against the thresholds (alarm: degraded, warning: warning), else ok
     * @param state the device's word per step (optimal, degraded, up, down, readOnly ...)
     * @param reason why, while the health is not ok
     * @param rates per-second rates of counters (in_octets, out_octets, in_errors ...) per step
     */
    public record ComponentSpec(String kind, String id, String name, String profile, String health, String state,
                                String reason, Map<String, String> labels, Map<String, String> readings,
                                Map<String, Thresholds> thresholds, Map<String, String> rates) {
    }

    public record HeartbeatSpec(String name, List<String> at, String maxAge) {
    }

    /** A check; with {@code alertname} only that rule's alerts are compared (as promtool does). */
    public record CaseSpec(String evalTime, String alertname, List<AlertSpec> expAlerts) {
    }

    /**
     * An expected alert. alertname, target and component (what it is about) must match exactly: leave target or
     * component out only when the alert has none. The rest is checked when given.
     *
     * @param summary text the summary must contain
     * @param state firing (default) or pending
     * @param inhibited held back (its target is unreachable, its group's correlated alert covers it); default false
     */
    public record AlertSpec(String alertname, String target, String component, String severity, String state,
                            String summary, Boolean inhibited, Map<String, String> labels) {
    }

    // ---- compiled ----

    /** One test: what each target shows per step, and the checks. */
    public record RuleTest(String name, String where, Duration interval, List<Group> groups, List<TargetData> targets,
                           List<HeartbeatData> heartbeats, List<Case> cases) {
    }

    /** A target's series; {@code up} null: answers at every step. */
    public record TargetData(String name, Map<String, String> labels, List<Double> up, List<Double> uptime,
                             String error, List<ComponentData> components) {
    }

    /** A component's series; {@code health} or {@code state} null when not given. */
    public record ComponentData(ComponentKind kind, String id, String name, String profile, String reason,
                                Map<String, String> labels, List<Health> health, List<String> state,
                                Map<String, List<Double>> readings, Map<String, Thresholds> thresholds,
                                Map<String, List<Double>> rates) {
        /** Present at step {@code i}: where its health (or, without health, its state) series is not _. */
        public boolean presentAt(int i) {
            if (health != null) {
                return Series.at(health, i) != null;
            }
            return state == null || Series.at(state, i) != null;
        }
    }

    public record HeartbeatData(String name, List<Duration> at, Duration maxAge) {
    }

    /**
     * The alerts expected at {@code evalTime} (after the test's start); {@code where} is file:line. With
     * {@code alertname} (else null) only the alerts of that rule are compared.
     */
    public record Case(Duration evalTime, String where, String alertname, List<Expected> alerts) {
    }

    public record Expected(String alertname, String target, String component, Severity severity, AlertState state,
                           boolean inhibited, String summary, Map<String, String> labels) {
    }

    // ---- loading ----

    /** Reads a test file; its rule_files are relative to its directory. */
    public static RuleTestFile read(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        return compile(YamlDocument.read(file), dir);
    }

    /** Reads test text; rule_files are relative to {@code dir} (null: none may be given). */
    public static RuleTestFile parse(String name, String text, Path dir) {
        return compile(YamlDocument.parse(name, text), dir);
    }

    /** The tests of the built-in pack, shipped next to it. */
    public static RuleTestFile builtIn() {
        try (InputStream in = RuleTestFile.class.getResourceAsStream("/" + BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException(BUILT_IN + " is missing from the jar");
            }
            return parse(BUILT_IN, new String(in.readAllBytes(), StandardCharsets.UTF_8), null);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + BUILT_IN, e);
        }
    }

    private static RuleTestFile compile(YamlDocument doc, Path dir) {
        Spec spec = doc.bind(Spec.class);
        boolean withDefaults = spec.defaultRules() == null || spec.defaultRules();
        List<Path> files = new ArrayList<>();
        if (spec.ruleFiles() != null) {
            for (int i = 0; i < spec.ruleFiles().size(); i++) {
                String f = spec.ruleFiles().get(i);
                if (f == null || f.isBlank()) {
                    throw doc.error("rule_files[" + i + "]", "empty file name");
                }
                if (dir == null) {
                    throw doc.error("rule_files[" + i + "]", "this file cannot name rule files");
                }
                Path p = dir.resolve(f).normalize();
                if (!Files.isRegularFile(p)) {
                    throw doc.error("rule_files[" + i + "]", "no such file: " + p);
                }
                files.add(p);
            }
        }
        if (files.isEmpty() && !withDefaults) {
            throw doc.error("default_rules", "no rules to test: give rule_files, or default_rules: true");
        }
        RulePack pack;
        try {
            pack = files.isEmpty() ? RulePack.builtIn() : RulePack.load(files, withDefaults);
        } catch (IOException e) {
            throw doc.error("rule_files", "cannot read a rule file: " + e);
        }
        if (spec.tests() == null || spec.tests().isEmpty()) {
            throw doc.error("tests", "no 'tests:' list");
        }
        List<RuleTest> tests = new ArrayList<>();
        for (int i = 0; i < spec.tests().size(); i++) {
            tests.add(new Compiler(doc, pack, "tests[" + i + "]").test(spec.tests().get(i), i));
        }
        return new RuleTestFile(doc.name(), pack, tests);
    }

    /** Checks one test and turns its series into lists. */
    private static final class Compiler {
        private final YamlDocument doc;
        private final RulePack pack;
        private final String path;

        Compiler(YamlDocument doc, RulePack pack, String path) {
            this.doc = doc;
            this.pack = pack;
            this.path = path;
        }

        private YamlException error(String sub, String problem) {
            return doc.error(path + sub, problem);
        }

        RuleTest test(TestSpec t, int index) {
            if (t == null) {
                throw error("", "an empty test");
            }
            String name = t.name() == null || t.name().isBlank() ? "test " + (index + 1) : t.name();
            Duration interval = t.interval() == null ? Duration.ofMinutes(1) : duration(t.interval(), ".interval");
            if (interval.isZero()) {
                throw error(".interval", "the interval must be positive");
            }
            List<TargetData> targets = new ArrayList<>();
            Set<String> names = new HashSet<>();
            if (t.targets() != null) {
                for (int i = 0; i < t.targets().size(); i++) {
                    TargetData td = target(t.targets().get(i), ".targets[" + i + "]");
                    if (!names.add(td.name())) {
                        throw error(".targets[" + i + "].name", "target '" + td.name() + "' is given twice");
                    }
                    targets.add(td);
                }
            }
            List<Group> groups = new ArrayList<>();
            if (t.groups() != null) {
                Set<String> groupNames = new HashSet<>();
                for (int i = 0; i < t.groups().size(); i++) {
                    Group g = group(t.groups().get(i), ".groups[" + i + "]", names);
                    if (!groupNames.add(g.name())) {
                        throw error(".groups[" + i + "].name", "group '" + g.name() + "' is given twice");
                    }
                    groups.add(g);
                }
            }
            List<HeartbeatData> heartbeats = new ArrayList<>();
            if (t.heartbeats() != null) {
                for (int i = 0; i < t.heartbeats().size(); i++) {
                    heartbeats.add(heartbeat(t.heartbeats().get(i), ".heartbeats[" + i + "]"));
                }
            }
            if (t.alertRuleTest() == null || t.alertRuleTest().isEmpty()) {
                throw error("", "test '" + name + "' checks nothing: add alert_rule_test with eval_time and exp_alerts");
            }
            List<Case> cases = new ArrayList<>();
            for (int i = 0; i < t.alertRuleTest().size(); i++) {
                Case c = testCase(t.alertRuleTest().get(i), ".alert_rule_test[" + i + "]", names);
                if (c.evalTime().toMillis() / Math.max(1, interval.toMillis()) > MAX_STEPS) {
                    throw error(".alert_rule_test[" + i + "].eval_time", "more than " + MAX_STEPS + " steps of "
                        + Durations.format(interval) + "; use a longer interval");
                }
                cases.add(c);
            }
            return new RuleTest(name, where(""), interval, groups, targets, heartbeats, cases);
        }

        private String where(String sub) {
            return doc.name() + ":" + doc.lineOf(path + sub);
        }

        private TargetData target(TargetSpec t, String p) {
            if (t == null || t.name() == null || t.name().isBlank()) {
                throw error(p + ".name", "every target needs a name");
            }
            List<Double> up = null;
            if (t.up() != null) {
                up = numbers(t.up(), p + ".up");
                for (Double v : up) {
                    if (v != null && v != 0 && v != 1) {
                        throw error(p + ".up", "up is 1 (answers), 0 (does not answer) or _ (not polled), not "
                            + RuleTestRunner.num(v));
                    }
                }
            }
            List<Double> uptime = null;
            if (t.uptime() != null) {
                uptime = numbers(t.uptime(), p + ".uptime");
                for (Double v : uptime) {
                    if (v != null && v < 0) {
                        throw error(p + ".uptime", "an uptime is seconds since the device started, not "
                            + RuleTestRunner.num(v));
                    }
                }
            }
            List<ComponentData> components = new ArrayList<>();
            if (t.components() != null) {
                Set<String> keys = new HashSet<>();
                for (int i = 0; i < t.components().size(); i++) {
                    ComponentData c = component(t.components().get(i), p + ".components[" + i + "]");
                    if (!keys.add(c.kind().word() + "/" + c.id())) {
                        throw error(p + ".components[" + i + "].id", c.kind().word() + " " + c.id()
                            + " is given twice on " + t.name());
                    }
                    components.add(c);
                }
            }
            String err = t.error() == null ? "no answer (up is 0 in the test)" : t.error();
            return new TargetData(t.name(), t.labels() == null ? Map.of() : t.labels(), up, uptime, err, components);
        }

        private ComponentData component(ComponentSpec c, String p) {
            if (c == null || c.kind() == null) {
                throw error(p + ".kind", "every component needs a kind: " + ComponentKind.allWords());
            }
            ComponentKind kind;
            try {
                kind = ComponentKind.parse(c.kind());
            } catch (IllegalArgumentException e) {
                throw error(p + ".kind", e.getMessage());
            }
            if (c.id() == null || c.id().isBlank()) {
                throw error(p + ".id", "every component needs an id (its index on the device: vd.0, 3, et-0/0/1)");
            }
            List<Health> health = null;
            if (c.health() != null) {
                health = new ArrayList<>();
                for (String w : words(c.health(), p + ".health")) {
                    try {
                        health.add(w == null ? null : Health.parse(w));
                    } catch (IllegalArgumentException e) {
                        throw error(p + ".health", e.getMessage());
                    }
                }
            }
            List<String> state = c.state() == null ? null : words(c.state(), p + ".state");
            Map<String, List<Double>> readings = new LinkedHashMap<>();
            if (c.readings() != null) {
                for (Map.Entry<String, String> e : c.readings().entrySet()) {
                    readings.put(e.getKey(), numbers(e.getValue(), p + ".readings." + e.getKey()));
                }
            }
            Map<String, Thresholds> thresholds = new LinkedHashMap<>();
            if (c.thresholds() != null) {
                for (Map.Entry<String, Thresholds> e : c.thresholds().entrySet()) {
                    if (!readings.containsKey(e.getKey())) {
                        throw error(p + ".thresholds." + e.getKey(), "thresholds for '" + e.getKey() + "' but no such"
                            + " reading; readings: " + String.join(", ", readings.keySet()));
                    }
                    if (e.getValue() == null || e.getValue().isEmpty()) {
                        throw error(p + ".thresholds." + e.getKey(), "give low_alarm, low_warning, high_warning or"
                            + " high_alarm");
                    }
                    thresholds.put(e.getKey(), e.getValue());
                }
            }
            Map<String, List<Double>> rates = new LinkedHashMap<>();
            if (c.rates() != null) {
                for (Map.Entry<String, String> e : c.rates().entrySet()) {
                    rates.put(e.getKey(), numbers(e.getValue(), p + ".rates." + e.getKey()));
                }
            }
            return new ComponentData(kind, c.id(), c.name() == null ? c.id() : c.name(),
                c.profile() == null ? "" : c.profile(), c.reason() == null ? "" : c.reason(),
                c.labels() == null ? Map.of() : c.labels(), health, state, readings, thresholds, rates);
        }

        private Group group(GroupSpec g, String p, Set<String> targets) {
            if (g == null || g.name() == null || g.name().isBlank()) {
                throw error(p + ".name", "every group needs a name");
            }
            if (g.members() == null || g.members().isEmpty()) {
                throw error(p + ".members", "group " + g.name() + " has no members");
            }
            int need = g.need() == null ? g.members().size() : g.need();
            if (need < 1) {
                throw error(p + ".need", "need must be at least 1, got " + need);
            }
            List<Group.Member> members = new ArrayList<>();
            for (int m = 0; m < g.members().size(); m++) {
                MemberSpec ms = g.members().get(m);
                String mp = p + ".members[" + m + "]";
                if (ms == null || ms.target() == null) {
                    throw error(mp, "a member needs 'target' (a target name or glob), and may give kind and component");
                }
                Pattern tp = Select.glob(ms.target());
                if (targets.stream().noneMatch(t -> tp.matcher(t).matches())) {
                    throw error(mp + ".target", "no target of this test matches '" + ms.target() + "'; targets: "
                        + String.join(", ", new TreeSet<>(targets)));
                }
                ComponentKind kind = null;
                if (ms.kind() != null) {
                    try {
                        kind = ComponentKind.parse(ms.kind());
                    } catch (IllegalArgumentException e) {
                        throw error(mp + ".kind", e.getMessage());
                    }
                }
                members.add(new Group.Member(tp, kind, Select.glob(ms.component())));
            }
            return new Group(g.name(), need, members);
        }

        private HeartbeatData heartbeat(HeartbeatSpec h, String p) {
            if (h == null || h.name() == null || h.name().isBlank()) {
                throw error(p + ".name", "every heartbeat needs a name");
            }
            if (h.at() == null || h.at().isEmpty()) {
                throw error(p + ".at", "when the heartbeat arrives: a list of times after the start, like [0m, 24h]");
            }
            List<Duration> at = new ArrayList<>();
            for (int i = 0; i < h.at().size(); i++) {
                at.add(duration(h.at().get(i), p + ".at[" + i + "]"));
            }
            return new HeartbeatData(h.name(), at, h.maxAge() == null ? null : duration(h.maxAge(), p + ".max_age"));
        }

        private Case testCase(CaseSpec c, String p, Set<String> targets) {
            if (c == null || c.evalTime() == null) {
                throw error(p + ".eval_time", "every check needs eval_time: when, after the start, the alerts are"
                    + " compared (like 6m)");
            }
            Duration at = duration(c.evalTime(), p + ".eval_time");
            if (c.alertname() != null) {
                rule(c.alertname(), p + ".alertname");
            }
            List<Expected> alerts = new ArrayList<>();
            if (c.expAlerts() != null) {
                for (int i = 0; i < c.expAlerts().size(); i++) {
                    Expected e = expected(c.expAlerts().get(i), p + ".exp_alerts[" + i + "]", targets);
                    if (c.alertname() != null && !c.alertname().equals(e.alertname())) {
                        throw error(p + ".exp_alerts[" + i + "].alertname", "this check compares only the alerts of "
                            + c.alertname() + " (its alertname), not " + e.alertname());
                    }
                    alerts.add(e);
                }
            }
            return new Case(at, where(p), c.alertname(), alerts);
        }

        private Expected expected(AlertSpec a, String p, Set<String> targets) {
            if (a == null || a.alertname() == null) {
                throw error(p + ".alertname", "an expected alert needs its alertname (the rule's name)");
            }
            rule(a.alertname(), p + ".alertname");
            if (a.target() != null && !targets.contains(a.target())) {
                throw error(p + ".target", "no target '" + a.target() + "' in this test; targets: "
                    + (targets.isEmpty() ? "none" : String.join(", ", new TreeSet<>(targets))));
            }
            Severity severity = null;
            if (a.severity() != null) {
                try {
                    severity = Severity.parse(a.severity());
                } catch (IllegalArgumentException e) {
                    throw error(p + ".severity", e.getMessage());
                }
            }
            AlertState state = AlertState.FIRING;
            if (a.state() != null) {
                if (!a.state().equals("firing") && !a.state().equals("pending")) {
                    throw error(p + ".state", "bad state '" + a.state() + "'; expected firing or pending");
                }
                state = AlertState.parse(a.state());
            }
            Map<String, String> labels = a.labels() == null ? Map.of() : new LinkedHashMap<>(a.labels());
            for (String key : List.of("alertname", "target", "component", "severity")) {
                if (labels.containsKey(key)) {
                    throw error(p + ".labels." + key, "give " + key + " as a key of the alert itself, not under labels");
                }
            }
            return new Expected(a.alertname(), a.target(), a.component(), severity, state,
                Boolean.TRUE.equals(a.inhibited()), a.summary(), labels);
        }

        private void rule(String name, String p) {
            if (pack.get(name) == null) {
                throw error(p, "no rule '" + name + "' among the rules tested; rules: " + String.join(", ", pack.names()));
            }
        }

        private Duration duration(String text, String p) {
            try {
                return Durations.parse(text);
            } catch (IllegalArgumentException e) {
                throw error(p, e.getMessage());
            }
        }

        private List<Double> numbers(String text, String p) {
            try {
                return Series.numbers(text);
            } catch (IllegalArgumentException e) {
                throw error(p, e.getMessage());
            }
        }

        private List<String> words(String text, String p) {
            try {
                return Series.words(text);
            } catch (IllegalArgumentException e) {
                throw error(p, e.getMessage());
            }
        }
    }
}
