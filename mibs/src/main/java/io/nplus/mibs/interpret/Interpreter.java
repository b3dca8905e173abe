package io.nplus.mibs.interpret;

import io.nplus.mibs.data.MibSnapshot;
import io.nplus.mibs.expr.ColumnDef;
import io.nplus.mibs.expr.Expr;
import io.nplus.mibs.expr.Row;
import io.nplus.mibs.expr.Template;
import io.nplus.mibs.expr.Values;
import io.nplus.mibs.profile.ComponentRecipe;
import io.nplus.mibs.profile.HealthRule;
import io.nplus.mibs.profile.Profile;
import io.nplus.mibs.profile.ReadingRecipe;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.Counter;
import io.nplus.mibs.vocab.Health;
import io.nplus.mibs.vocab.Thresholds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;

/**
 * Applies a profile to walked data.
 *
 * <pre>{@code
 * Interpreter.Result r = Interpreter.interpret(profile, walked, false);
 * for (Component c : r.components()) System.out.println(c.name() + " " + c.health());
 * }</pre>
 *
 * <p>Pure and deterministic: the same profile and data give the same components, in table order.
 */
public final class Interpreter {
    private Interpreter() {
    }

    /** The components, and (when asked for) how each was made. */
    public record Result(List<Component> components, List<Explanation> explanations) {
    }

    public static Result interpret(Profile profile, MibSnapshot data, boolean explain) {
        List<Component> components = new ArrayList<>();
        List<Explanation> explanations = new ArrayList<>();
        Map<ColumnDef, Map<String, int[]>> findCache = new HashMap<>();
        MibSnapshot.Reader reader = data.reader();
        for (ComponentRecipe recipe : profile.components()) {
            Map<String, List<RowContext>> groups = new java.util.LinkedHashMap<>();
            for (int[] index : rows(recipe, data)) {
                RowContext row = new RowContext(data, reader, index, 0, findCache, explain);
                List<Explanation.Step> steps = row.steps;
                if (recipe.where() != null && !Expr.isTrue(row.traced(steps, "where", recipe.where()))) {
                    continue;
                }
                if (recipe.groupBy() != null) {
                    Object key = row.traced(steps, "group_by", recipe.groupBy());
                    if (key != null) {
                        groups.computeIfAbsent(Values.format(key), k -> new ArrayList<>()).add(row);
                    }
                } else if (recipe.repeat() != null) {
                    Object n = row.traced(steps, "repeat", recipe.repeat());
                    int count = n instanceof Double d ? (int) Math.min(Math.max(0, d), MAX_LANES) : 0;
                    for (int lane = 1; lane <= count; lane++) {
                        RowContext laneRow = new RowContext(data, reader, index, lane, findCache, explain);
                        laneRow.steps.addAll(steps);
                        groups.put(groups.size() + "", List.of(laneRow));
                    }
                } else {
                    groups.put(groups.size() + "", List.of(row));
                }
            }
            for (List<RowContext> group : groups.values()) {
                Component c = build(profile, recipe, group, explanations);
                if (c != null) {
                    components.add(c);
                }
            }
        }
        return new Result(components, explanations);
    }

    /** The most components {@code repeat} makes of one row (a 400G module has 8 lanes; 16 leaves room). */
    static final int MAX_LANES = 16;

    /** The indexes of a recipe's rows, in OID order: the union of the instances of its row columns. */
    static List<int[]> rows(ComponentRecipe recipe, MibSnapshot data) {
        if (recipe.isScalar()) {
            return List.of(new int[0]);
        }
        List<int[]> first = null;
        TreeMap<int[], int[]> union = null; // only when several columns give rows
        for (ColumnDef col : recipe.rows()) {
            OID prefix = col.oid();
            int n = prefix.size();
            List<int[]> these = new ArrayList<>();
            for (int i = data.higher(prefix); i < data.size() && data.oid(i).startsWith(prefix); i++) {
                int[] arcs = data.oid(i).getValue();
                if (arcs.length > n && !data.value(i).isException()) {
                    these.add(Arrays.copyOfRange(arcs, n, arcs.length));
                }
            }
            if (first == null) {
                first = these; // in OID order already: one column's rows are
            } else if (!these.isEmpty()) {
                if (union == null) {
                    union = new TreeMap<>(Interpreter::compareIndex);
                    for (int[] idx : first) {
                        union.put(idx, idx);
                    }
                }
                for (int[] idx : these) {
                    union.putIfAbsent(idx, idx);
                }
            }
        }
        return union != null ? new ArrayList<>(union.values()) : first == null ? List.of() : first;
    }

    /** Row indexes in OID order: arc by arc, unsigned, a shorter index before what extends it. */
    static int compareIndex(int[] a, int[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            if (a[i] != b[i]) {
                return Integer.compareUnsigned(a[i], b[i]);
            }
        }
        return Integer.compare(a.length, b.length);
    }

    /** A reading as one row of a group gave it. */
    private record Given(double value, Thresholds thresholds, boolean checked, RowContext row) {
    }

    /**
     * One component from its rows (one row, or a group). First the readings: each from the first row that gives
     * it, with that row's thresholds. Then, per row and with every reading visible, the rest; the first row that
     * gives an id, name, state or label wins, and health is the worst of all rows' rules.
     */
    private static Component build(Profile profile, ComponentRecipe recipe, List<RowContext> rows,
                                   List<Explanation> out) {
        List<String> notes = new ArrayList<>();
        Map<String, Given> given = new java.util.LinkedHashMap<>();
        for (RowContext row : rows) {
            List<Explanation.Step> steps = row.steps;
            for (Map.Entry<String, Expr> e : recipe.vars().entrySet()) {
                Object v = row.traced(steps, "var " + e.getKey(), e.getValue());
                row.readings.put(e.getKey(), v instanceof Double d ? d : null);
                row.texts.put(e.getKey(), v);
            }
            for (ReadingRecipe r : recipe.readings()) {
                Object v = given.containsKey(r.name()) ? null : row.traced(steps, "reading " + r.name(), r.value());
                if (!(v instanceof Double value)) {
                    continue;
                }
                row.readings.put(r.name(), value);
                Thresholds t = Thresholds.NONE;
                boolean checked = false;
                if (r.hasThresholds()) {
                    t = ThresholdCheck.sanitize(r.name(),
                        number(row.traced(steps, "threshold " + r.name() + " low_alarm", r.lowAlarm())),
                        number(row.traced(steps, "threshold " + r.name() + " low_warning", r.lowWarning())),
                        number(row.traced(steps, "threshold " + r.name() + " high_warning", r.highWarning())),
                        number(row.traced(steps, "threshold " + r.name() + " high_alarm", r.highAlarm())), notes);
                    checked = !t.isEmpty() && (r.checkWhen() == null
                        || Expr.isTrue(row.traced(steps, "check_when " + r.name(), r.checkWhen())));
                    if (!t.isEmpty() && !checked) {
                        notes.add(r.name() + " thresholds not checked: " + r.checkWhen().source() + " does not hold");
                    }
                }
                given.put(r.name(), new Given(value, t, checked, row));
            }
        }
        // Every row sees every reading of the component (its own vars stay its own).
        for (RowContext row : rows) {
            for (Map.Entry<String, Given> e : given.entrySet()) {
                row.readings.putIfAbsent(e.getKey(), e.getValue().value());
            }
        }
        List<Contribution> health = new ArrayList<>();
        Map<String, Thresholds> thresholds = new java.util.LinkedHashMap<>();
        for (ReadingRecipe r : recipe.readings()) {
            Given g = given.get(r.name());
            if (g == null || g.thresholds().isEmpty()) {
                continue;
            }
            thresholds.put(r.name(), g.thresholds());
            if (g.checked()) {
                Contribution c = crossing(r.name(), g.value(), g.thresholds());
                if (c != null) {
                    health.add(c);
                }
            }
        }
        String id = null;
        String name = null;
        String state = null;
        Map<String, String> labels = new java.util.LinkedHashMap<>();
        Counter[] counters = new Counter[recipe.counters().size()];
        boolean anyStatusInput = false;
        boolean anyMapRule = false;
        for (RowContext row : rows) {
            List<Explanation.Step> steps = row.steps;
            if (id == null) {
                id = row.traced(steps, "id", recipe.id());
            }
            for (int i = 0; i < recipe.names().size() && name == null; i++) {
                name = row.traced(steps, "name", recipe.names().get(i));
            }
            if (recipe.state() != null && state == null) {
                Object s = row.traced(steps, "state", recipe.state());
                state = s == null ? null : Values.format(s);
            }
            for (Map.Entry<String, Template> e : recipe.labels().entrySet()) {
                if (!labels.containsKey(e.getKey())) {
                    String v = row.traced(steps, "label " + e.getKey(), e.getValue());
                    if (v != null) {
                        labels.put(e.getKey(), v);
                    }
                }
            }
            int ci = 0;
            for (Map.Entry<String, List<ColumnDef>> e : recipe.counters().entrySet()) {
                if (counters[ci] == null) {
                    counters[ci] = row.counter(e.getValue());
                }
                ci++;
            }
            for (ComponentRecipe.NoteRule n : recipe.notes()) {
                if (Expr.isTrue(row.traced(steps, "note", n.when()))) {
                    String text = row.traced(steps, "note text", n.text());
                    if (text != null) {
                        notes.add(text);
                    }
                }
            }
            for (int i = 0; i < recipe.health().size(); i++) {
                HealthRule rule = recipe.health().get(i);
                if (rule instanceof HealthRule.MapRule m) {
                    anyMapRule = true;
                    Object v = row.traced(steps, "health rule " + i, m.input());
                    if (v == null) {
                        continue;
                    }
                    anyStatusInput = true;
                    String word = Values.format(v);
                    Health h = m.to().getOrDefault(word, m.otherwise());
                    String reason = reason(row, steps, m.reason(), m.input().source() + " is " + word
                        + (m.to().containsKey(word) ? "" : " (not a state nplus knows)"));
                    health.add(new Contribution(h, reason));
                } else {
                    HealthRule.WhenRule w = (HealthRule.WhenRule) rule;
                    if (Expr.isTrue(row.traced(steps, "health rule " + i, w.condition()))) {
                        health.add(new Contribution(w.health(), reason(row, steps, w.reason(), w.condition().source())));
                    }
                }
            }
        }
        if (id == null) {
            return null; // no identity: not a component (e.g. an index we cannot render)
        }
        if (anyMapRule && !anyStatusInput) {
            health.add(new Contribution(Health.UNKNOWN, "no status reported"));
        }
        Component.Builder b = Component.builder(recipe.kind(), id).name(name == null ? id : name).profile(profile.id())
            .state(state == null ? "" : state);
        labels.forEach(b::label);
        for (ReadingRecipe r : recipe.readings()) {
            Given g = given.get(r.name());
            if (g != null) {
                b.reading(r.name(), g.value());
            }
        }
        thresholds.forEach(b::thresholds);
        int ci = 0;
        for (String counter : recipe.counters().keySet()) {
            if (counters[ci] != null) {
                b.counter(counter, counters[ci]);
            }
            ci++;
        }
        Health worst = Health.OK;
        for (Contribution c : health) {
            worst = Health.worst(worst, c.health);
        }
        Set<String> reasons = new LinkedHashSet<>();
        if (worst != Health.OK) {
            for (Contribution c : health) {
                if (c.health == worst) {
                    reasons.add(c.reason);
                }
            }
        }
        b.health(worst).reason(String.join("; ", reasons));
        new LinkedHashSet<>(notes).forEach(b::note);
        Component component = b.build();
        if (rows.get(0).explain) {
            List<Explanation.Step> steps = new ArrayList<>();
            for (RowContext row : rows) {
                steps.addAll(row.steps);
            }
            out.add(new Explanation(profile.id(), recipe.path(), recipe.kind(), id, steps));
        }
        return component;
    }

    private record Contribution(Health health, String reason) {
    }

    private static String reason(RowContext row, List<Explanation.Step> steps, Template t, String fallback) {
        if (t == null) {
            return fallback;
        }
        String r = row.traced(steps, "reason", t);
        return r == null ? fallback : r;
    }

    private static Double number(Object o) {
        return o instanceof Double d ? d : null;
    }

    /** A crossed device threshold: alarm is degraded, warning is warning (strict comparisons). */
    static Contribution crossing(String reading, double v, Thresholds t) {
        String value = reading + " " + Values.formatNumber(v);
        if (t.lowAlarm() != null && v < t.lowAlarm()) {
            return new Contribution(Health.DEGRADED, value + " below low alarm " + Values.formatNumber(t.lowAlarm()));
        }
        if (t.highAlarm() != null && v > t.highAlarm()) {
            return new Contribution(Health.DEGRADED, value + " above high alarm " + Values.formatNumber(t.highAlarm()));
        }
        if (t.lowWarning() != null && v < t.lowWarning()) {
            return new Contribution(Health.WARNING, value + " below low warning " + Values.formatNumber(t.lowWarning()));
        }
        if (t.highWarning() != null && v > t.highWarning()) {
            return new Contribution(Health.WARNING, value + " above high warning " + Values.formatNumber(t.highWarning()));
        }
        return null;
    }

    /** One row being evaluated: reads columns at any index, remembers readings, and traces for explain. */
    private static final class RowContext implements Row {
        private final MibSnapshot data;
        private final MibSnapshot.Reader reader;
        private final int[] index;
        private final int lane;
        private final Map<ColumnDef, Map<String, int[]>> findCache;
        private final boolean explain;
        private final List<Explanation.Step> steps = new ArrayList<>();
        private final Map<String, Double> readings = new java.util.LinkedHashMap<>();
        private final Map<String, Object> texts = new HashMap<>(); // vars may be text (a name, a lane string)
        private List<String> reads;

        RowContext(MibSnapshot data, MibSnapshot.Reader reader, int[] index, int lane,
                   Map<ColumnDef, Map<String, int[]>> findCache, boolean explain) {
            this.data = data;
            this.reader = reader;
            this.index = index;
            this.lane = lane;
            this.findCache = findCache;
            this.explain = explain;
        }

        @Override
        public int[] index() {
            return index;
        }

        @Override
        public Variable variable(ColumnDef column, int[] at) {
            Variable v = reader.get(column.oid(), at);
            if (reads != null) {
                OID oid = new OID(column.oid().getValue(), at);
                String suffix = new OID(at).toDottedString();
                Object shown = v == null ? "absent" : Values.of(v, column);
                String raw = v == null || !column.isEnum() ? "" : " (" + Values.number(v) + ")";
                reads.add(column.name() + (suffix.isEmpty() ? "" : "." + suffix) + " (" + oid.toDottedString() + ") = "
                    + Values.format(shown) + raw.replace(".0)", ")"));
            }
            return v;
        }

        @Override
        public Object reading(String name) {
            Object v = texts.get(name);
            return v != null ? v : readings.get(name);
        }

        @Override
        public int lane() {
            return lane;
        }

        @Override
        public List<int[]> indexesUnder(ColumnDef column, int[] prefix) {
            OID from = new OID(column.oid().getValue(), prefix);
            int skip = column.oid().size();
            List<int[]> out = new ArrayList<>();
            for (int i = data.higher(from); i < data.size() && data.oid(i).startsWith(from); i++) {
                if (!data.value(i).isException()) {
                    int[] arcs = data.oid(i).getValue();
                    out.add(Arrays.copyOfRange(arcs, skip, arcs.length));
                }
            }
            return out;
        }

        @Override
        public int[] find(ColumnDef column, Object value) {
            Map<String, int[]> byValue = findCache.computeIfAbsent(column, c -> {
                Map<String, int[]> m = new HashMap<>();
                OID prefix = c.oid();
                for (int i = data.higher(prefix); i < data.size() && data.oid(i).startsWith(prefix); i++) {
                    Object v = Values.of(data.value(i), c);
                    if (v != null) {
                        int[] arcs = data.oid(i).getValue();
                        m.putIfAbsent(Values.format(v), Arrays.copyOfRange(arcs, prefix.size(), arcs.length));
                    }
                }
                return m;
            });
            return byValue.get(Values.format(value));
        }

        Counter counter(List<ColumnDef> choices) {
            for (ColumnDef c : choices) {
                Variable v = variable(c, index);
                if (v instanceof Counter64 c64) {
                    return new Counter(c64.getValue(), 64);
                }
                if (v instanceof Counter32 c32) {
                    return new Counter(c32.getValue(), 32);
                }
            }
            return null;
        }

        Object traced(List<Explanation.Step> steps, String what, Expr e) {
            if (e == null) {
                return null;
            }
            if (!explain) {
                return e.eval(this);
            }
            reads = new ArrayList<>();
            Object v = e.eval(this);
            steps.add(new Explanation.Step(what, e.source(), v == null ? "absent" : Values.format(v), reads));
            reads = null;
            return v;
        }

        String traced(List<Explanation.Step> steps, String what, Template t) {
            if (!explain) {
                return t.eval(this);
            }
            reads = new ArrayList<>();
            String v = t.eval(this);
            steps.add(new Explanation.Step(what, t.source(), v == null ? "absent" : v, reads));
            reads = null;
            return v;
        }
    }
}
