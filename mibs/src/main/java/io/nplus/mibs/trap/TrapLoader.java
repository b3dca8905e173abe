package io.nplus.mibs.trap;

import com.fasterxml.jackson.databind.JsonNode;
import io.nplus.mibs.expr.ColumnDef;
import io.nplus.mibs.expr.Expr;
import io.nplus.mibs.expr.ExprException;
import io.nplus.mibs.expr.Template;
import io.nplus.mibs.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.snmp4j.smi.OID;

/**
 * Reads one trap mapping file and checks it completely: unknown keys, OIDs, state words, severity words, component
 * kinds and every name an expression uses. Any mistake is a {@link io.nplus.mibs.yaml.YamlException} naming file,
 * line and key path, as for profiles.
 */
public final class TrapLoader {
    private static final Pattern OID_TEXT = Pattern.compile("\\d+(\\.\\d+)+");
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern SNAKE = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern STATE_WORD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]*");

    private TrapLoader() {
    }

    public static List<TrapMapping> load(YamlDocument doc) {
        TrapFileSpec spec = doc.bind(TrapFileSpec.class);
        return new Compilation(doc, spec).compile();
    }

    private static final class Compilation {
        private final YamlDocument doc;
        private final TrapFileSpec spec;
        private final Map<String, ColumnDef> objects = new LinkedHashMap<>();

        Compilation(YamlDocument doc, TrapFileSpec spec) {
            this.doc = doc;
            this.spec = spec;
        }

        List<TrapMapping> compile() {
            if (spec.mib() == null || spec.mib().isBlank()) {
                throw doc.error("mib", "every trap file names the MIB module its notifications come from (mib: IF-MIB)");
            }
            compileObjects();
            if (spec.traps() == null || spec.traps().isEmpty()) {
                throw doc.error("traps", "a trap file maps at least one notification under 'traps'");
            }
            List<TrapMapping> out = new ArrayList<>();
            Set<String> names = new HashSet<>();
            Set<String> oids = new HashSet<>();
            for (int i = 0; i < spec.traps().size(); i++) {
                String path = "traps[" + i + "]";
                TrapFileSpec.TrapSpec t = spec.traps().get(i);
                if (t == null) {
                    throw doc.error(path, "an empty entry; give name, oid, severity and text");
                }
                TrapMapping m = compileTrap(t, path);
                if (!names.add(m.name())) {
                    throw doc.error(path + ".name", "trap '" + m.name() + "' is mapped twice in this file");
                }
                if (!oids.add(m.oid().toDottedString())) {
                    throw doc.error(path + ".oid", "OID " + m.oid() + " is mapped twice in this file");
                }
                out.add(m);
            }
            return out;
        }

        private void compileObjects() {
            if (spec.objects() == null) {
                return; // traps without varbinds (coldStart) need none; a name used anyway is reported where used
            }
            Set<String> oids = new HashSet<>();
            for (Map.Entry<String, TrapFileSpec.ObjectSpec> e : spec.objects().entrySet()) {
                String path = "objects." + e.getKey();
                if (!NAME.matcher(e.getKey()).matches() || e.getKey().equals("index")) {
                    throw doc.error(path, "'" + e.getKey() + "' is not a usable name: letters, digits and _ only (write"
                        + " adapterID-APT as adapterID_APT), and not 'index'");
                }
                TrapFileSpec.ObjectSpec o = e.getValue();
                if (o == null || o.oid() == null || !OID_TEXT.matcher(o.oid()).matches()) {
                    throw doc.error(path, "'" + (o == null ? null : o.oid()) + "' is not a numeric OID");
                }
                if (!oids.add(o.oid())) {
                    throw doc.error(path, "OID " + o.oid() + " is declared twice");
                }
                Map<String, String> states = new LinkedHashMap<>();
                for (Map.Entry<String, String> s : o.states().entrySet()) {
                    if (!s.getKey().matches("-?\\d+")) {
                        throw doc.error(path + ".states", "state key '" + s.getKey() + "' must be an integer (the"
                            + " enumeration's value, or a BITS bit number)");
                    }
                    if (s.getValue() == null || !STATE_WORD.matcher(s.getValue()).matches()) {
                        throw doc.error(path + ".states", "state " + s.getKey() + " needs a word, got '" + s.getValue()
                            + "'");
                    }
                    if (states.containsValue(s.getValue())) {
                        throw doc.error(path + ".states", "state word '" + s.getValue() + "' is used twice");
                    }
                    states.put(s.getKey(), s.getValue());
                }
                objects.put(e.getKey(), new ColumnDef(e.getKey(), new OID(o.oid()), states, false));
            }
            // A varbind is found by its object's OID as a prefix, so no object may lie under another one.
            for (ColumnDef a : objects.values()) {
                for (ColumnDef b : objects.values()) {
                    if (a != b && b.oid().size() > a.oid().size() && b.oid().startsWith(a.oid())) {
                        throw doc.error("objects." + b.name(), "OID " + b.oid() + " lies under " + a.name() + " ("
                            + a.oid() + "): declare objects, not instances");
                    }
                }
            }
        }

        private TrapMapping compileTrap(TrapFileSpec.TrapSpec t, String path) {
            if (t.name() == null || !NAME.matcher(t.name()).matches()) {
                throw doc.error(path + ".name", "every trap needs its MIB name (name: linkDown), got '" + t.name() + "'");
            }
            if (t.oid() == null || !OID_TEXT.matcher(t.oid()).matches()) {
                throw doc.error(path + ".oid", "'" + t.oid() + "' is not a numeric OID (the notification's, or for an"
                    + " SNMPv1 TRAP-TYPE its enterprise.0.specific form)");
            }
            ColumnDef row = null;
            if (t.row() != null) {
                row = objects.get(t.row());
                if (row == null) {
                    throw doc.error(path + ".row", "'" + t.row() + "' is not declared under objects; declared: "
                        + String.join(", ", objects.keySet()));
                }
            }
            List<String> indexNames = t.index() == null ? List.of() : t.index();
            if (!indexNames.isEmpty() && row == null) {
                throw doc.error(path + ".index", "index parts need 'row': the object whose instance is the index");
            }
            for (String n : indexNames) {
                if (n == null || !NAME.matcher(n).matches() || objects.containsKey(n) || n.equals("index")) {
                    throw doc.error(path + ".index", "index part name '" + n + "' must be a new name (letters, digits, _)");
                }
            }
            TrapScope scope = new TrapScope(objects, indexNames);
            TrapFileSpec.ComponentSpec c = t.component();
            Template id = null;
            List<Template> names = new ArrayList<>();
            Map<String, Template> matchLabels = new LinkedHashMap<>();
            List<Template> matchNames = new ArrayList<>();
            if (c != null) {
                String cp = path + ".component";
                if (c.kind() == null) {
                    throw doc.error(cp, "a component needs a kind (" + io.nplus.mibs.vocab.ComponentKind.allWords() + ")");
                }
                id = c.id() == null ? null : template(c.id(), scope, cp + ".id");
                List<String> nameSpecs = c.name() == null ? List.of() : c.name();
                for (int i = 0; i < nameSpecs.size(); i++) {
                    names.add(template(nameSpecs.get(i), scope, cp + ".name" + (nameSpecs.size() > 1 ? "[" + i + "]" : "")));
                }
                if (id == null && names.isEmpty()) {
                    throw doc.error(cp, "a component needs an id or a name, or the event could not say which it is");
                }
                if (c.match() != null) {
                    if (c.match().labels() != null) {
                        for (Map.Entry<String, String> e : c.match().labels().entrySet()) {
                            if (!SNAKE.matcher(e.getKey()).matches() || e.getValue() == null) {
                                throw doc.error(cp + ".match.labels." + e.getKey(), "label names are snake_case, each"
                                    + " with a template");
                            }
                            matchLabels.put(e.getKey(), template(e.getValue(), scope, cp + ".match.labels." + e.getKey()));
                        }
                    }
                    List<String> globs = c.match().names() == null ? List.of() : c.match().names();
                    for (int i = 0; i < globs.size(); i++) {
                        matchNames.add(template(globs.get(i), scope, cp + ".match.names[" + i + "]"));
                    }
                }
            }
            Expr state = null;
            if (t.state() != null) {
                if (c == null) {
                    throw doc.error(path + ".state", "a state belongs to a component: give 'component' too");
                }
                state = expr(t.state(), scope, path + ".state");
            }
            if (t.severity() == null) {
                throw doc.error(path, "trap " + t.name() + " needs a severity (" + TrapSeverity.allWords() + ", or"
                    + " {map: ..., to: {...}, default: ...})");
            }
            TrapMapping.SeverityRule severity = severity(t.severity(), scope, path + ".severity");
            if (t.text() == null || t.text().isEmpty()) {
                throw doc.error(path, "trap " + t.name() + " needs a text: what the event says, as a template");
            }
            List<Template> text = new ArrayList<>();
            for (int i = 0; i < t.text().size(); i++) {
                text.add(template(t.text().get(i), scope, path + ".text" + (t.text().size() > 1 ? "[" + i + "]" : "")));
            }
            List<String> repollProfiles = new ArrayList<>();
            boolean repoll = repoll(t.repoll(), path + ".repoll", repollProfiles);
            return new TrapMapping(t.name(), new OID(t.oid()), spec.mib(), row, c == null ? null : c.kind(), id, names,
                matchLabels, matchNames, state, severity, text, repoll, repollProfiles, doc.name());
        }

        /** {@code repoll}: absent or true (the whole device), false (nothing), or a list of built-in profile ids. */
        private boolean repoll(JsonNode node, String path, List<String> profiles) {
            if (node == null || node.isNull() || node.isMissingNode()) {
                return true;
            }
            if (node.isBoolean()) {
                return node.booleanValue();
            }
            List<JsonNode> items = new ArrayList<>();
            if (node.isArray()) {
                node.forEach(items::add);
            } else {
                items.add(node);
            }
            for (JsonNode item : items) {
                if (!item.isTextual() || !SNAKE.matcher(item.textValue()).matches()) {
                    throw doc.error(path, "repoll is true, false or a list of profile ids (repoll: [if_mib]), got '"
                        + (item.isTextual() ? item.textValue() : item.toString()) + "'");
                }
                if (profiles.contains(item.textValue())) {
                    throw doc.error(path, "profile '" + item.textValue() + "' is listed twice");
                }
                profiles.add(item.textValue());
            }
            if (profiles.isEmpty()) {
                throw doc.error(path, "an empty repoll list polls nothing: write repoll: false, or name the profiles");
            }
            return true;
        }

        private TrapMapping.SeverityRule severity(TrapFileSpec.SeveritySpec s, TrapScope scope, String path) {
            if (s.fixed() != null) {
                return new TrapMapping.FixedSeverity(s.fixed());
            }
            if (s.map() == null || s.to() == null || s.to().isEmpty()) {
                throw doc.error(path, "a severity is a word (" + TrapSeverity.allWords() + ") or {map: expression,"
                    + " to: {value: severity}, default: severity}");
            }
            Expr input = expr(s.map(), scope, path + ".map");
            Set<ColumnDef> read = new LinkedHashSet<>();
            input.columns(read);
            ColumnDef only = read.size() == 1 ? read.iterator().next() : null;
            if (only != null && only.isEnum() && input.source().equals(only.name())) {
                for (String word : s.to().keySet()) {
                    if (!only.states().containsValue(word)) {
                        throw doc.error(path + ".to", "unknown state '" + word + "' of " + only.name() + "; expected "
                            + String.join(", ", only.stateWords()));
                    }
                }
            }
            for (Map.Entry<String, TrapSeverity> e : s.to().entrySet()) {
                if (e.getValue() == null) {
                    throw doc.error(path + ".to." + e.getKey(), "no severity for '" + e.getKey() + "'; expected "
                        + TrapSeverity.allWords());
                }
            }
            if (s.defaultSeverity() == null) {
                throw doc.error(path, "a mapped severity needs 'default': the severity of every other value");
            }
            return new TrapMapping.MappedSeverity(input, s.to(), s.defaultSeverity());
        }

        private Expr expr(String source, TrapScope scope, String path) {
            try {
                return Expr.compile(source, scope);
            } catch (ExprException e) {
                throw doc.error(path, e.getMessage());
            }
        }

        private Template template(String source, TrapScope scope, String path) {
            try {
                return Template.compile(source, scope);
            } catch (ExprException e) {
                throw doc.error(path, e.getMessage());
            }
        }
    }
}
