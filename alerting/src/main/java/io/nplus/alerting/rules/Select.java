package io.nplus.alerting.rules;

import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.ComponentKind;
import java.util.Set;
import java.util.regex.Pattern;

/** A compiled {@link RuleSpec.SelectSpec}: null parts match everything. */
public record Select(Set<ComponentKind> kinds, Pattern target, Pattern component, Pattern role, Pattern profile) {
    public static final Select ALL = new Select(null, null, null, null, null);

    public boolean target(String t) {
        return target == null || target.matcher(t).matches();
    }

    public boolean component(String t, Component c) {
        return target(t) && (kinds == null || kinds.contains(c.kind()))
            && (component == null || component.matcher(c.id()).matches() || component.matcher(c.name()).matches())
            && (role == null || role.matcher(c.labels().getOrDefault("interface_role", "")).matches())
            && (profile == null || profile.matcher(c.profile()).matches());
    }

    /** Any of several globs. */
    public static Pattern anyOf(java.util.List<String> globs) {
        return Pattern.compile(String.join("|", globs.stream().map(g -> "(?:" + glob(g).pattern() + ")").toList()));
    }

    /** A glob (* and ?) as a whole-string pattern. */
    public static Pattern glob(String g) {
        if (g == null) {
            return null;
        }
        StringBuilder re = new StringBuilder();
        for (char c : g.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString());
    }
}
