package io.nplus.alerting.model;

import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.ComponentKind;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A redundancy group: its members, chosen by selectors, and how many must stay healthy.
 *
 * @param need the members that must be healthy
 */
public record Group(String name, int need, List<Member> members) {
    public Group {
        members = List.copyOf(members);
    }

    /** Components of targets matching {@code target}, of kind {@code kind} (null: any), with name or id matching. */
    public record Member(Pattern target, ComponentKind kind, Pattern component) {
        public boolean matchesTarget(String t) {
            return target == null || target.matcher(t).matches();
        }

        public boolean matches(String t, Component c) {
            return matchesTarget(t) && (kind == null || kind == c.kind())
                && (component == null || component.matcher(c.name()).matches() || component.matcher(c.id()).matches());
        }

        /** A member that names no component: the target itself (a switch of a pair). */
        public boolean isWholeTarget() {
            return kind == null && component == null;
        }
    }
}
