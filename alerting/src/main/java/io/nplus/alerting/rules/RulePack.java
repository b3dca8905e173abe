package io.nplus.alerting.rules;

import io.nplus.alerting.model.Severity;
import io.nplus.core.time.Durations;
import io.nplus.mibs.vocab.ComponentKind;
import io.nplus.mibs.vocab.Health;
import io.nplus.mibs.yaml.YamlDocument;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules nplus evaluates: the built-in pack ({@code rules/default.yaml}, which works with no configuration),
 * then each site file in order. A site rule with the name of an earlier one replaces it; {@code disabled: true}
 * removes it. Every mistake is reported with file, line and key path.
 *
 * <pre>{@code
 * RulePack pack = RulePack.load(List.of(Path.of("site-rules.yaml")), true);
 * }</pre>
 */
public final class RulePack {
    private final Map<String, Rule> rules;

    private RulePack(Map<String, Rule> rules) {
        // A heartbeat a rule watches by name is that rule's: the '*' rule would report the same silence again.
        Set<String> named = new TreeSet<>();
        for (Rule r : rules.values()) {
            if (r instanceof RuleKinds.HeartbeatRule h && h.expected() != null) {
                named.add(h.expected());
            }
        }
        if (!named.isEmpty()) {
            rules.replaceAll((k, r) -> r instanceof RuleKinds.HeartbeatRule h && h.expected() == null ? h.leaving(named) : r);
        }
        this.rules = rules;
    }

    /** The file format: a list of rules. */
    public record RulesFile(List<RuleSpec> rules) {
    }

    private static volatile RulePack builtIn;

    public static RulePack builtIn() {
        RulePack p = builtIn;
        if (p == null) {
            try (InputStream in = RulePack.class.getResourceAsStream("/rules/default.yaml")) {
                if (in == null) {
                    throw new IllegalStateException("rules/default.yaml is missing from the jar");
                }
                Map<String, Rule> out = new LinkedHashMap<>();
                add(out, YamlDocument.parse("rules/default.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                p = new RulePack(out);
                builtIn = p;
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the built-in rules", e);
            }
        }
        return p;
    }

    /** The built-in rules (unless {@code withDefaults} is false) and then these files. */
    public static RulePack load(List<Path> files, boolean withDefaults) throws IOException {
        Map<String, Rule> out = new LinkedHashMap<>(withDefaults ? builtIn().rules : Map.of());
        for (Path f : files) {
            add(out, YamlDocument.read(f));
        }
        return new RulePack(out);
    }

    /** Rules from YAML text (tests, nplus rules test). */
    public static RulePack parse(String name, String yaml, boolean withDefaults) {
        Map<String, Rule> out = new LinkedHashMap<>(withDefaults ? builtIn().rules : Map.of());
        add(out, YamlDocument.parse(name, yaml));
        return new RulePack(out);
    }

    public List<Rule> rules() {
        return List.copyOf(rules.values());
    }

    public Rule get(String name) {
        return rules.get(name);
    }

    private static void add(Map<String, Rule> out, YamlDocument doc) {
        RulesFile file = doc.bind(RulesFile.class);
        if (file.rules() == null) {
            throw doc.error("rules", "no 'rules:' list");
        }
        Set<String> seen = new TreeSet<>();
        for (int i = 0; i < file.rules().size(); i++) {
            RuleSpec r = file.rules().get(i);
            String path = "rules[" + i + "]";
            if (r == null || r.name() == null || !r.name().matches("[A-Za-z][A-Za-z0-9_]*")) {
                throw doc.error(path + ".name", "every rule needs a name of letters, digits and _ (it becomes the"
                    + " alertname), got '" + (r == null ? null : r.name()) + "'");
            }
            if (!seen.add(r.name())) {
                throw doc.error(path + ".name", "rule name '" + r.name() + "' is used twice in this file");
            }
            if (Boolean.TRUE.equals(r.disabled())) {
                if (out.remove(r.name()) == null) {
                    throw doc.error(path + ".disabled", "there is no earlier rule '" + r.name() + "' to disable");
                }
                continue;
            }
            out.put(r.name(), new Compiler(doc, path, r).compile());
        }
    }

    /** Checks one rule against its kind and builds it. */
    private static final class Compiler {
        private final YamlDocument doc;
        private final String path;
        private final RuleSpec r;

        Compiler(YamlDocument doc, String path, RuleSpec r) {
            this.doc = doc;
            this.path = path;
            this.r = r;
        }

        private static final Map<String, Set<String>> KEYS = Map.ofEntries(
            Map.entry("health", Set.of("at_least", "at_most")),
            Map.entry("threshold", Set.of("reading", "rate", "above", "below", "clear", "device_threshold")),
            Map.entry("absence", Set.of("of")),
            Map.entry("unreachable", Set.of()),
            Map.entry("gap", Set.of("within")),
            Map.entry("heartbeat", Set.of("heartbeat", "max_age")),
            Map.entry("change", Set.of("reading", "min_change", "baseline_for")),
            Map.entry("reboot", Set.of()),
            Map.entry("flapping", Set.of("field", "changes", "within")),
            Map.entry("redundancy", Set.of("groups")),
            Map.entry("correlated", Set.of("groups", "of", "window", "at_least_members")),
            Map.entry("nic_share", Set.of("share_above", "min_bytes_per_second")),
            Map.entry("near_capacity", Set.of("above_ratio")),
            Map.entry("speed_drop", Set.of()));

        Rule compile() {
            if (r.kind() == null || !KEYS.containsKey(r.kind())) {
                throw doc.error(path + ".kind", "unknown rule kind '" + r.kind() + "'; expected one of "
                    + String.join(", ", RuleSpec.KINDS));
            }
            checkKeys();
            checkSelect();
            Rule.Common c = new Rule.Common(r.name(), r.kind(), severity(), duration(r.forDuration(), "for", Duration.ZERO),
                duration(r.keepFiringFor(), "keep_firing_for", Duration.ZERO),
                new Template(r.summary() != null ? r.summary() : defaultSummary()), r.runbook() == null ? "" : r.runbook(),
                select());
            switch (r.kind()) {
                case "health": {
                    Health lo = health(r.atLeast(), "at_least", Health.WARNING);
                    Health hi = health(r.atMost(), "at_most", Health.FAILED);
                    if (hi.rank() < lo.rank()) {
                        throw doc.error(path + ".at_most", "at_most " + hi.word() + " is better than at_least " + lo.word());
                    }
                    return new RuleKinds.HealthRule(c, lo, hi);
                }
                case "threshold": {
                    if ((r.reading() == null) == (r.rate() == null)) {
                        throw doc.error(path, "a threshold rule needs one of 'reading' (rx_power_dbm) or 'rate' (a"
                            + " counter: in_errors)");
                    }
                    int limits = (r.above() != null ? 1 : 0) + (r.below() != null ? 1 : 0) + (r.deviceThreshold() != null ? 1 : 0);
                    if (limits != 1) {
                        throw doc.error(path, "a threshold rule needs exactly one of 'above', 'below' or"
                            + " 'device_threshold' (alarm or warning)");
                    }
                    if (r.deviceThreshold() != null && !List.of("alarm", "warning").contains(r.deviceThreshold())) {
                        throw doc.error(path + ".device_threshold", "bad value '" + r.deviceThreshold() + "'; expected"
                            + " alarm or warning");
                    }
                    if (r.clear() != null) {
                        if (r.above() != null && r.clear() > r.above()) {
                            throw doc.error(path + ".clear", "clear " + r.clear() + " is above the threshold " + r.above()
                                + "; for 'above' the clear value is lower (hysteresis)");
                        }
                        if (r.below() != null && r.clear() < r.below()) {
                            throw doc.error(path + ".clear", "clear " + r.clear() + " is below the threshold " + r.below()
                                + "; for 'below' the clear value is higher (hysteresis)");
                        }
                        if (r.deviceThreshold() != null) {
                            throw doc.error(path + ".clear", "'clear' goes with 'above' or 'below'");
                        }
                    }
                    return new RuleKinds.ThresholdRule(c, r.reading() != null ? r.reading() : r.rate(), r.rate() != null,
                        r.above(), r.below(), r.clear(), r.deviceThreshold());
                }
                case "absence": {
                    String of = r.of() == null ? "component" : r.of();
                    if (!List.of("component", "profile").contains(of)) {
                        throw doc.error(path + ".of", "bad value '" + of + "'; expected component or profile (a target"
                            + " that stops answering is the 'unreachable' kind, a stalled collection 'gap')");
                    }
                    return new RuleKinds.AbsenceRule(c, of.equals("profile"));
                }
                case "unreachable":
                    return new RuleKinds.UnreachableRule(c);
                case "gap": {
                    double intervals = 3;
                    if (r.within() != null) {
                        String w = r.within().trim();
                        if (!w.endsWith("intervals") || !w.replace("intervals", "").trim().matches("[0-9.]+")) {
                            throw doc.error(path + ".within", "write it as a number of poll intervals: '3 intervals'");
                        }
                        intervals = Double.parseDouble(w.replace("intervals", "").trim());
                    }
                    return new RuleKinds.GapRule(c, intervals);
                }
                case "heartbeat":
                    if (r.heartbeat() == null) {
                        throw doc.error(path, "a heartbeat rule needs 'heartbeat': the name jobs POST to"
                            + " /api/v1/heartbeat/{name} (or * for every heartbeat received)");
                    }
                    return new RuleKinds.HeartbeatRule(c, r.heartbeat(), r.maxAge() == null ? null
                        : duration(r.maxAge(), "max_age", null));
                case "change":
                    if (r.reading() == null) {
                        throw doc.error(path, "a change rule needs 'reading'");
                    }
                    return new RuleKinds.ChangeRule(c, r.reading(), r.minChange() == null ? 0 : r.minChange(),
                        duration(r.baselineFor(), "baseline_for", Duration.ofHours(1)));
                case "reboot":
                    return new RuleKinds.RebootRule(c);
                case "flapping": {
                    String field = r.field() == null ? "state" : r.field();
                    if (!List.of("state", "health").contains(field)) {
                        throw doc.error(path + ".field", "bad value '" + field + "'; expected state or health");
                    }
                    int n = r.changes() == null ? 3 : r.changes();
                    if (n < 2) {
                        throw doc.error(path + ".changes", "at least 2 changes make a flap, got " + n);
                    }
                    return new RuleKinds.FlappingRule(c, field, n, duration(r.within(), "within", Duration.ofMinutes(10)));
                }
                case "redundancy":
                    return new RuleKinds.RedundancyRule(c, Select.glob(r.groups()));
                case "correlated": {
                    String of = r.of() == null ? "reboot" : r.of();
                    if (!List.of("reboot", "unreachable").contains(of)) {
                        throw doc.error(path + ".of", "bad value '" + of + "'; expected reboot or unreachable");
                    }
                    int n = r.atLeastMembers() == null ? 2 : r.atLeastMembers();
                    if (n < 2) {
                        throw doc.error(path + ".at_least_members", "a correlation needs at least 2 members, got " + n);
                    }
                    return new RuleKinds.CorrelatedRule(c, Select.glob(r.groups()), of,
                        duration(r.window(), "window", Duration.ofMinutes(10)), n);
                }
                case "nic_share":
                    return new RuleKinds.NicShareRule(c, fraction(r.shareAbove(), "share_above", 0.2),
                        r.minBytesPerSecond() == null ? 1_000_000 : r.minBytesPerSecond());
                case "near_capacity":
                    return new RuleKinds.NearCapacityRule(c, fraction(r.aboveRatio(), "above_ratio", 0.9));
                default:
                    return new RuleKinds.SpeedDropRule(c);
            }
        }

        /** Keys given that the kind does not use are mistakes. */
        private void checkKeys() {
            Map<String, Object> given = new LinkedHashMap<>();
            given.put("at_least", r.atLeast());
            given.put("at_most", r.atMost());
            given.put("reading", r.reading());
            given.put("rate", r.rate());
            given.put("above", r.above());
            given.put("below", r.below());
            given.put("clear", r.clear());
            given.put("device_threshold", r.deviceThreshold());
            given.put("min_change", r.minChange());
            given.put("baseline_for", r.baselineFor());
            given.put("of", r.of());
            given.put("heartbeat", r.heartbeat());
            given.put("max_age", r.maxAge());
            given.put("field", r.field());
            given.put("changes", r.changes());
            given.put("within", r.within());
            given.put("groups", r.groups());
            given.put("window", r.window());
            given.put("at_least_members", r.atLeastMembers());
            given.put("share_above", r.shareAbove());
            given.put("above_ratio", r.aboveRatio());
            given.put("min_bytes_per_second", r.minBytesPerSecond());
            Set<String> allowed = KEYS.get(r.kind());
            for (Map.Entry<String, Object> e : given.entrySet()) {
                if (e.getValue() != null && !allowed.contains(e.getKey())) {
                    throw doc.error(path + "." + e.getKey(), "'" + e.getKey() + "' is not used by " + r.kind()
                        + " rules" + (allowed.isEmpty() ? "" : "; they take " + String.join(", ", new TreeSet<>(allowed))));
                }
            }
        }

        /**
         * Parts of 'select' a kind ignores are mistakes too: a reboot rule selecting kinds would fire for every
         * reboot, a near_capacity rule selecting transceivers would never fire.
         */
        private void checkSelect() {
            RuleSpec.SelectSpec s = r.select();
            if (s == null) {
                return;
            }
            String kind = r.kind();
            if (List.of("heartbeat", "redundancy", "correlated").contains(kind)) {
                Set<String> allowed = KEYS.get(kind);
                throw doc.error(path + ".select", "'select' is not used by " + kind + " rules; they take "
                    + String.join(", ", new TreeSet<>(allowed)));
            }
            Set<String> uses = List.of("unreachable", "reboot", "gap").contains(kind) ? Set.of("target")
                : kind.equals("absence") && "profile".equals(r.of()) ? Set.of("target", "profiles")
                : Set.of("kinds", "target", "component", "role", "profiles");
            Map<String, Object> given = new LinkedHashMap<>();
            given.put("kinds", s.kinds());
            given.put("target", s.target());
            given.put("component", s.component());
            given.put("role", s.role());
            given.put("profiles", s.profiles());
            for (Map.Entry<String, Object> e : given.entrySet()) {
                if (e.getValue() != null && !uses.contains(e.getKey())) {
                    throw doc.error(path + ".select." + e.getKey(), "'" + e.getKey() + "' is not used by " + kind
                        + (kind.equals("absence") ? " (of: profile)" : "") + " rules; they select by "
                        + String.join(", ", new TreeSet<>(uses)));
                }
            }
            if (List.of("nic_share", "near_capacity", "speed_drop").contains(kind) && s.kinds() != null) {
                for (int i = 0; i < s.kinds().size(); i++) {
                    if (!"interface".equals(s.kinds().get(i))) {
                        throw doc.error(path + ".select.kinds[" + i + "]", kind + " rules look at interfaces only, not '"
                            + s.kinds().get(i) + "'");
                    }
                }
            }
        }

        private Severity severity() {
            if (r.severity() == null) {
                throw doc.error(path, "rule " + r.name() + " needs a severity: page, ticket or info");
            }
            try {
                return Severity.parse(r.severity());
            } catch (IllegalArgumentException e) {
                throw doc.error(path + ".severity", e.getMessage());
            }
        }

        private Duration duration(String text, String key, Duration otherwise) {
            if (text == null) {
                return otherwise;
            }
            try {
                return Durations.parse(text);
            } catch (IllegalArgumentException e) {
                throw doc.error(path + "." + key, e.getMessage());
            }
        }

        private Health health(String word, String key, Health otherwise) {
            if (word == null) {
                return otherwise;
            }
            try {
                return Health.parse(word);
            } catch (IllegalArgumentException e) {
                throw doc.error(path + "." + key, "unknown health '" + word + "'; expected ok, unknown, warning,"
                    + " degraded or failed");
            }
        }

        private double fraction(Double v, String key, double otherwise) {
            if (v == null) {
                return otherwise;
            }
            if (!(v > 0 && v <= 1)) {
                throw doc.error(path + "." + key, "bad value " + v + "; expected a fraction, 0 < x <= 1");
            }
            return v;
        }

        private Select select() {
            RuleSpec.SelectSpec s = r.select();
            if (s == null) {
                return Select.ALL;
            }
            Set<ComponentKind> kinds = null;
            if (s.kinds() != null) {
                kinds = EnumSet.noneOf(ComponentKind.class);
                for (int i = 0; i < s.kinds().size(); i++) {
                    try {
                        kinds.add(ComponentKind.parse(s.kinds().get(i)));
                    } catch (IllegalArgumentException e) {
                        throw doc.error(path + ".select.kinds[" + i + "]", "unknown kind '" + s.kinds().get(i)
                            + "'; expected " + ComponentKind.allWords());
                    }
                }
            }
            return new Select(kinds, Select.glob(s.target()), Select.glob(s.component()), Select.glob(s.role()),
                s.profiles() == null ? null : Select.anyOf(s.profiles()));
        }

        private String defaultSummary() {
            switch (r.kind()) {
                case "health":
                    return "{target}: {kind} {name} is {health}{because}";
                case "threshold":
                    return "{target}: {kind} {name}: {reading} {value} is {side} {threshold}";
                case "absence":
                    return "{target}: {kind} {name} is gone (last seen {since})";
                case "unreachable":
                    return "{target} does not answer: {error}";
                case "gap":
                    return "{target}: no poll has finished for {age} (interval {interval}): collection stalled";
                case "heartbeat":
                    return "heartbeat {heartbeat} is {age} old (allowed {max_age}); last seen {last}";
                case "change":
                    return "{target}: {kind} {name}: {reading} changed {before} -> {after}";
                case "reboot":
                    return "{target} restarted (sysUpTime went back)";
                case "flapping":
                    return "{target}: {kind} {name} changed {field} {changes} times in {within} (now {state})";
                case "redundancy":
                    return "{group}: {healthy} of {total} healthy, need {need}; not healthy: {members}";
                case "correlated":
                    return "{group}: {count} members {what} within {window}: {targets}";
                case "nic_share":
                    return "{target}: {role} interface {name} carries {share} of the host's traffic ({value}) while a"
                        + " {fastest} interface exists";
                case "near_capacity":
                    return "{target}: {name} runs at {utilization} of {speed}";
                default:
                    return "{target}: {name} renegotiated from {before} to {after}";
            }
        }
    }

    /** Used by tests: all rule names, in order. */
    public List<String> names() {
        return new ArrayList<>(rules.keySet());
    }
}
