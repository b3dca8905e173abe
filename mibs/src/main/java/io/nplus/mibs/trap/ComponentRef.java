package io.nplus.mibs.trap;

import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.ComponentKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The component a trap is about, as far as the trap says: its kind, the id its profile would give it (when the
 * trap carries the same index), the labels or name it should have, and a name to show when the device's last
 * poll does not know it.
 *
 * @param id the component id, or null when the trap does not carry it
 * @param name the name the trap's varbinds give, or null
 * @param labels labels the component must not contradict (a component lacking one still matches)
 * @param names globs (* and ?) one of which the component's name must match
 */
public record ComponentRef(ComponentKind kind, String id, String name, Map<String, String> labels, List<String> names) {
    public ComponentRef {
        labels = Map.copyOf(labels);
        names = List.copyOf(names);
    }

    /**
     * The component of a poll this trap is about: by id, else the only one of the kind whose labels agree (at least
     * one present and equal, none different), else the only one whose name matches a glob; null when there is no
     * such component or more than one (a guess would put a drive's failure on another drive).
     */
    public Component resolve(List<Component> components) {
        if (kind == null) {
            return null;
        }
        List<Component> ofKind = new ArrayList<>();
        for (Component c : components) {
            if (c.kind() == kind) {
                if (id != null && id.equals(c.id())) {
                    return c;
                }
                ofKind.add(c);
            }
        }
        if (!labels.isEmpty()) {
            Component found = only(ofKind, this::labelsAgree);
            if (found != null) {
                return found;
            }
        }
        if (!names.isEmpty()) {
            List<Pattern> globs = names.stream().map(ComponentRef::glob).toList();
            return only(ofKind, c -> globs.stream().anyMatch(g -> g.matcher(c.name()).matches()));
        }
        return null;
    }

    private boolean labelsAgree(Component c) {
        int equal = 0;
        for (Map.Entry<String, String> e : labels.entrySet()) {
            String have = c.labels().get(e.getKey());
            if (have == null || have.isEmpty()) {
                continue;
            }
            if (!have.equals(e.getValue())) {
                return false;
            }
            equal++;
        }
        return equal > 0;
    }

    private static Component only(List<Component> list, java.util.function.Predicate<Component> test) {
        Component found = null;
        for (Component c : list) {
            if (test.test(c)) {
                if (found != null) {
                    return null;
                }
                found = c;
            }
        }
        return found;
    }

    static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (char ch : glob.toCharArray()) {
            switch (ch) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
