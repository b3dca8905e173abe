package io.nplus.mibs.profile;

import io.nplus.mibs.expr.ColumnDef;
import io.nplus.mibs.expr.Expr;
import io.nplus.mibs.expr.ExprException;
import io.nplus.mibs.expr.Scope;
import io.nplus.mibs.expr.Template;
import io.nplus.mibs.vocab.Health;
import io.nplus.mibs.yaml.YamlDocument;
import io.nplus.mibs.yaml.YamlException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.snmp4j.smi.OID;

/**
 * Reads one profile file and checks it completely: unknown keys, OIDs, state words, every name an expression
 * uses, health words. A profile that loads is one whose every reference resolves; any mistake is a
 * {@link YamlException} naming file, line and key path.
 */
public final class ProfileLoader {
    private static final Pattern OID_TEXT = Pattern.compile("\\d+(\\.\\d+)+");
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern SNAKE = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern STATE_WORD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]*");

    private ProfileLoader() {
    }

    public static Profile load(YamlDocument doc) {
        ProfileSpec spec = doc.bind(ProfileSpec.class);
        return new Compilation(doc, spec).compile();
    }

    private static final class Compilation {
        private final YamlDocument doc;
        private final ProfileSpec spec;
        private final Map<String, ColumnDef> columns = new LinkedHashMap<>();
        private final Set<ColumnDef> used = new LinkedHashSet<>();

        Compilation(YamlDocument doc, ProfileSpec spec) {
            this.doc = doc;
            this.spec = spec;
        }

        Profile compile() {
            if (spec.profile() == null || !SNAKE.matcher(spec.profile()).matches()) {
                throw doc.error("profile", "every profile needs an id in snake_case (profile: if_mib), got '"
                    + spec.profile() + "'");
            }
            compileColumns();
            Detect detect = compileDetect();
            SystemRecipe system = compileSystem();
            List<ComponentRecipe> components = new ArrayList<>();
            List<ProfileSpec.ComponentSpec> specs = spec.components() == null ? List.of() : spec.components();
            for (int i = 0; i < specs.size(); i++) {
                components.add(compileComponent(specs.get(i), "components[" + i + "]"));
            }
            if (components.isEmpty() && system == null) {
                throw doc.error("components", "a profile must describe at least one component");
            }
            return new Profile(spec.profile(), nonNull(spec.title()), nonNull(spec.mib()),
                orEmpty(spec.testedOn()), detect, orEmpty(spec.supersedes()), system, columns, components, used,
                doc.name());
        }

        private void compileColumns() {
            if (spec.columns() == null || spec.columns().isEmpty()) {
                throw doc.error("columns", "a profile must declare the MIB objects it reads under 'columns'");
            }
            Set<String> oids = new HashSet<>();
            for (Map.Entry<String, ProfileSpec.ColumnSpec> e : spec.columns().entrySet()) {
                String path = "columns." + e.getKey();
                if (!NAME.matcher(e.getKey()).matches()) {
                    throw doc.error(path, "'" + e.getKey() + "' is not a usable name: letters, digits and _ only"
                        + " (write adapterID-APT as adapterID_APT)");
                }
                ProfileSpec.ColumnSpec c = e.getValue();
                if (c == null || c.oid() == null || !OID_TEXT.matcher(c.oid()).matches()) {
                    throw doc.error(path, "'" + (c == null ? null : c.oid()) + "' is not a numeric OID");
                }
                if (!oids.add(c.oid())) {
                    throw doc.error(path, "OID " + c.oid() + " is declared twice");
                }
                Map<String, String> states = new LinkedHashMap<>();
                for (Map.Entry<String, String> s : c.states().entrySet()) {
                    if (!s.getKey().matches("-?\\d+") && !OID_TEXT.matcher(s.getKey()).matches()) {
                        throw doc.error(path + ".states", "state key '" + s.getKey() + "' must be an integer (or the OID"
                            + " an OBJECT IDENTIFIER value names)");
                    }
                    if (s.getValue() == null || !STATE_WORD.matcher(s.getValue()).matches()) {
                        throw doc.error(path + ".states", "state " + s.getKey() + " needs a word, got '" + s.getValue()
                            + "'" + booleanHint(s.getValue()));
                    }
                    if (states.containsValue(s.getValue())) {
                        throw doc.error(path + ".states", "state word '" + s.getValue() + "' is used twice");
                    }
                    states.put(s.getKey(), s.getValue());
                }
                columns.put(e.getKey(), new ColumnDef(e.getKey(), new OID(c.oid()), states, c.scalar()));
            }
        }

        private Detect compileDetect() {
            ProfileSpec.DetectSpec d = spec.detect();
            if (d == null) {
                return new Detect(List.of(), null, List.of());
            }
            List<OID> prefixes = new ArrayList<>();
            for (String p : orEmpty(d.sysObjectId())) {
                String t = p.startsWith(".") ? p.substring(1) : p;
                if (!OID_TEXT.matcher(t).matches()) {
                    throw doc.error("detect.sys_object_id", "'" + p + "' is not a numeric OID prefix");
                }
                prefixes.add(new OID(t));
            }
            Pattern descr = null;
            if (d.sysDescr() != null) {
                try {
                    descr = Pattern.compile(d.sysDescr());
                } catch (PatternSyntaxException e) {
                    throw doc.error("detect.sys_descr", "bad regular expression: " + e.getDescription());
                }
            }
            List<ColumnDef> tables = new ArrayList<>();
            for (String t : orEmpty(d.tables())) {
                ColumnDef c = column(t, "detect.tables");
                if (c.scalar()) {
                    throw doc.error("detect.tables", t + " is a scalar; tables lists columns whose rows show the MIB is there");
                }
                tables.add(c);
            }
            return new Detect(prefixes, descr, tables);
        }

        private SystemRecipe compileSystem() {
            ProfileSpec.SystemSpec s = spec.system();
            if (s == null) {
                return null;
            }
            Scope scope = new ProfileScope(columns, List.of(), List.of(), false);
            return new SystemRecipe(expr(s.name(), scope, "system.name"), expr(s.descr(), scope, "system.descr"),
                expr(s.objectId(), scope, "system.object_id"), expr(s.uptimeSeconds(), scope, "system.uptime_seconds"));
        }

        private ComponentRecipe compileComponent(ProfileSpec.ComponentSpec c, String path) {
            if (c.kind() == null) {
                throw doc.error(path, "every component needs a kind (" + io.nplus.mibs.vocab.ComponentKind.allWords() + ")");
            }
            List<ColumnDef> rows = new ArrayList<>();
            for (String r : orEmpty(c.rows())) {
                ColumnDef def = column(r, path + ".rows");
                if (def.scalar()) {
                    throw doc.error(path + ".rows", r + " is a scalar; rows are the instances of table columns"
                        + " (for scalars write 'scalar: true')");
                }
                rows.add(def);
                used.add(def);
            }
            if (rows.isEmpty() == !Boolean.TRUE.equals(c.scalar())) {
                throw doc.error(path, "give either 'rows: <column>' (one component per table row) or 'scalar: true'");
            }
            if (rows.isEmpty() && c.id() == null) {
                throw doc.error(path, "a scalar component needs an 'id': it has no table index to take one from");
            }
            List<String> indexNames = orEmpty(c.index());
            for (String n : indexNames) {
                if (!NAME.matcher(n).matches() || columns.containsKey(n) || n.equals("index")) {
                    throw doc.error(path + ".index", "index part name '" + n + "' must be a new name (letters, digits, _)");
                }
            }
            List<String> readingNames = new ArrayList<>();
            boolean lanes = c.repeat() != null;
            if (lanes && c.groupBy() != null) {
                throw doc.error(path, "'repeat' and 'group_by' exclude each other");
            }
            if (lanes && (indexNames.contains("lane") || columns.containsKey("lane"))) {
                throw doc.error(path + ".repeat", "'lane' names the repeated component's number; rename the index part or column");
            }
            Scope rowScope = new ProfileScope(columns, indexNames, List.of(), false);
            Expr where = expr(c.where(), rowScope, path + ".where");
            Expr groupBy = expr(c.groupBy(), rowScope, path + ".group_by");
            Expr repeat = expr(c.repeat(), rowScope, path + ".repeat");

            Map<String, Expr> vars = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : ProfileSpec.orEmpty(c.vars()).entrySet()) {
                String vp = path + ".vars." + e.getKey();
                if (!SNAKE.matcher(e.getKey()).matches() || columns.containsKey(e.getKey())) {
                    throw doc.error(vp, "var names are snake_case and differ from column names");
                }
                vars.put(e.getKey(), expr(e.getValue(), new ProfileScope(columns, indexNames, readingNames, lanes), vp));
                readingNames.add(e.getKey());
            }
            List<ReadingRecipe> readings = new ArrayList<>();
            Map<String, ProfileSpec.ReadingSpec> readingSpecs = ProfileSpec.orEmpty(c.readings());
            for (Map.Entry<String, ProfileSpec.ReadingSpec> e : readingSpecs.entrySet()) {
                String rp = path + ".readings." + e.getKey();
                if (!SNAKE.matcher(e.getKey()).matches()) {
                    throw doc.error(rp, "reading names are snake_case with the unit last (rx_power_dbm, used_ratio)");
                }
                if (columns.containsKey(e.getKey()) || vars.containsKey(e.getKey())) {
                    throw doc.error(rp, "reading '" + e.getKey() + "' has the name of a column or var");
                }
                ProfileSpec.ReadingSpec r = e.getValue();
                if (r == null || r.value() == null) {
                    throw doc.error(rp, "a reading needs a value expression");
                }
                Scope scope = new ProfileScope(columns, indexNames, readingNames, lanes);
                ProfileSpec.ThresholdSpec t = r.thresholds();
                readings.add(new ReadingRecipe(e.getKey(), expr(r.value(), scope, rp + (r.thresholds() == null
                        && r.checkWhen() == null ? "" : ".value")),
                    t == null ? null : expr(t.lowAlarm(), scope, rp + ".thresholds.low_alarm"),
                    t == null ? null : expr(t.lowWarning(), scope, rp + ".thresholds.low_warning"),
                    t == null ? null : expr(t.highWarning(), scope, rp + ".thresholds.high_warning"),
                    t == null ? null : expr(t.highAlarm(), scope, rp + ".thresholds.high_alarm"),
                    expr(r.checkWhen(), scope, rp + ".check_when")));
                readingNames.add(e.getKey());
            }
            Scope full = new ProfileScope(columns, indexNames, readingNames, lanes);
            Template id = template(c.id() == null ? "{index}" : c.id(), full, path + ".id");
            List<Template> names = new ArrayList<>();
            List<String> nameSpecs = orEmpty(c.name());
            for (int i = 0; i < nameSpecs.size(); i++) {
                names.add(template(nameSpecs.get(i), full, path + ".name" + (nameSpecs.size() > 1 ? "[" + i + "]" : "")));
            }
            Expr state = expr(c.state(), full, path + ".state");
            Map<String, Template> labels = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : ProfileSpec.orEmpty(c.labels()).entrySet()) {
                if (!SNAKE.matcher(e.getKey()).matches()) {
                    throw doc.error(path + ".labels." + e.getKey(), "label names are snake_case");
                }
                labels.put(e.getKey(), template(e.getValue(), full, path + ".labels." + e.getKey()));
            }
            Map<String, List<ColumnDef>> counters = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> e : ProfileSpec.orEmpty(c.counters()).entrySet()) {
                String cp = path + ".counters." + e.getKey();
                if (!SNAKE.matcher(e.getKey()).matches()) {
                    throw doc.error(cp, "counter names are snake_case (in_octets)");
                }
                List<ColumnDef> choices = new ArrayList<>();
                for (String col : e.getValue()) {
                    ColumnDef def = column(col, cp);
                    choices.add(def);
                    used.add(def);
                }
                counters.put(e.getKey(), choices);
            }
            List<HealthRule> health = new ArrayList<>();
            List<ProfileSpec.HealthRuleSpec> rules = orEmpty(c.health());
            for (int i = 0; i < rules.size(); i++) {
                health.add(compileRule(rules.get(i), full, path + ".health[" + i + "]"));
            }
            List<ComponentRecipe.NoteRule> notes = new ArrayList<>();
            List<ProfileSpec.NoteSpec> noteSpecs = orEmpty(c.notes());
            for (int i = 0; i < noteSpecs.size(); i++) {
                ProfileSpec.NoteSpec n = noteSpecs.get(i);
                String np = path + ".notes[" + i + "]";
                if (n.when() == null || n.text() == null) {
                    throw doc.error(np, "a note needs 'when' (a condition) and 'text' (a template)");
                }
                notes.add(new ComponentRecipe.NoteRule(expr(n.when(), full, np + ".when"), template(n.text(), full, np + ".text")));
            }
            return new ComponentRecipe(c.kind(), rows, where, groupBy, repeat, id, names, state, labels, vars, readings,
                counters, health, notes, path);
        }

        private HealthRule compileRule(ProfileSpec.HealthRuleSpec r, Scope scope, String path) {
            Template reason = r.reason() == null ? null : template(r.reason(), scope, path + ".reason");
            if ((r.map() == null) == (r.when() == null)) {
                throw doc.error(path, "a health rule has either 'map' (with 'to') or 'when' (with 'health')");
            }
            if (r.map() != null) {
                if (r.to() == null || r.to().isEmpty()) {
                    throw doc.error(path + ".to", "'map' needs 'to': the health of each value ({up: ok, down: failed})");
                }
                if (r.health() != null) {
                    throw doc.error(path + ".health", "'health' goes with 'when'; with 'map' use 'to' and 'default'");
                }
                Expr input = expr(r.map(), scope, path + ".map");
                Set<ColumnDef> read = new LinkedHashSet<>();
                input.columns(read);
                ColumnDef only = read.size() == 1 ? read.iterator().next() : null;
                if (only != null && only.isEnum() && input.source().equals(only.name())) {
                    for (String word : r.to().keySet()) {
                        if (!only.states().containsValue(word)) {
                            throw doc.error(path + ".to", "unknown state '" + word + "' of " + only.name() + "; expected "
                                + String.join(", ", only.stateWords()) + booleanHint(word));
                        }
                    }
                }
                return new HealthRule.MapRule(input, r.to(), r.defaultHealth() == null ? Health.UNKNOWN : r.defaultHealth(),
                    reason);
            }
            if (r.health() == null) {
                throw doc.error(path, "'when' needs 'health': the verdict when the condition holds");
            }
            if (r.to() != null || r.defaultHealth() != null) {
                throw doc.error(path, "'to' and 'default' go with 'map', not 'when'");
            }
            return new HealthRule.WhenRule(expr(r.when(), scope, path + ".when"), r.health(), reason);
        }

        private ColumnDef column(String name, String path) {
            ColumnDef c = columns.get(name);
            if (c == null) {
                throw doc.error(path, "'" + name + "' is not declared under columns; declared: "
                    + String.join(", ", columns.keySet()));
            }
            return c;
        }

        private Expr expr(String source, Scope scope, String path) {
            if (source == null) {
                return null;
            }
            try {
                Expr e = Expr.compile(source, scope);
                e.columns(used);
                return e;
            } catch (ExprException e) {
                throw doc.error(path, e.getMessage());
            }
        }

        private Template template(String source, Scope scope, String path) {
            try {
                Template t = Template.compile(source, scope);
                t.columns(used);
                return t;
            } catch (ExprException e) {
                throw doc.error(path, e.getMessage());
            }
        }
    }

    /** The words YAML 1.1 reads as booleans when unquoted (the binding keeps their text, other YAML tools do not). */
    private static final Set<String> YAML_BOOLEAN_WORDS = Set.of("y", "n", "yes", "no", "on", "off", "true", "false");

    private static String booleanHint(String word) {
        return word != null && YAML_BOOLEAN_WORDS.contains(word.toLowerCase(java.util.Locale.ROOT))
            ? " (YAML reads unquoted yes/no/on/off as true/false: quote the word, as 'no')" : "";
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static <T> List<T> orEmpty(List<T> l) {
        return l == null ? List.of() : l;
    }

    /** Names visible to an expression: the profile's columns, the index and its named parts, earlier readings. */
    private record ProfileScope(Map<String, ColumnDef> columns, List<String> indexNames, List<String> readings,
                                boolean lanes) implements Scope {
        @Override
        public Symbol resolve(String name) {
            if (name.equals("index")) {
                return new IndexPart(-1);
            }
            if (lanes && name.equals("lane")) {
                return new Lane();
            }
            int part = indexNames.indexOf(name);
            if (part >= 0) {
                return new IndexPart(part);
            }
            if (readings.contains(name)) {
                return new Reading(name);
            }
            ColumnDef c = columns.get(name);
            return c == null ? null : new Column(c);
        }

        @Override
        public List<String> names() {
            List<String> all = new ArrayList<>(columns.keySet());
            all.addAll(indexNames);
            all.addAll(readings);
            all.add("index");
            if (lanes) {
                all.add("lane");
            }
            return all;
        }
    }
}
