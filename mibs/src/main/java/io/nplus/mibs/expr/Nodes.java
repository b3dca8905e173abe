package io.nplus.mibs.expr;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.snmp4j.smi.Variable;

/** The node types of a compiled expression. Each evaluates itself; absent (null) propagates. */
final class Nodes {
    private static final int[] SCALAR_INDEX = {0};

    private Nodes() {
    }

    abstract static class Node implements Expr {
        final String source;

        Node(String source) {
            this.source = source;
        }

        @Override
        public String source() {
            return source;
        }

        @Override
        public void columns(Set<ColumnDef> out) {
        }

        @Override
        public String toString() {
            return source;
        }
    }

    static final class Literal extends Node {
        final Object value;

        Literal(String source, Object value) {
            super(source);
            this.value = value;
        }

        @Override
        public Object eval(Row row) {
            return value;
        }
    }

    /** A column read at the row's own index (or .0 for a scalar). */
    static class ColumnRef extends Node {
        final ColumnDef def;

        ColumnRef(String source, ColumnDef def) {
            super(source);
            this.def = def;
        }

        Variable variable(Row row) {
            return row.variable(def, def.scalar() ? SCALAR_INDEX : row.index());
        }

        @Override
        public Object eval(Row row) {
            return Values.of(variable(row), def);
        }

        @Override
        public void columns(Set<ColumnDef> out) {
            out.add(def);
        }
    }

    /** {@code column[i, j]}: a column read at another row, as ENTITY-MIB containment or hrFSStorageIndex need. */
    static final class Lookup extends ColumnRef {
        final Expr[] index;

        Lookup(String source, ColumnDef def, Expr[] index) {
            super(source, def);
            this.index = index;
        }

        @Override
        Variable variable(Row row) {
            int[] arcs = indexOf(row, index);
            return arcs == null ? null : row.variable(def, arcs);
        }

        @Override
        public void columns(Set<ColumnDef> out) {
            out.add(def);
            for (Expr e : index) {
                e.columns(out);
            }
        }
    }

    /** Index arcs from values: a number is one arc, text "1.2.3" is several. Null when any part is unusable. */
    static int[] indexOf(Row row, Expr[] parts) {
        int[][] pieces = new int[parts.length][];
        int total = 0;
        for (int i = 0; i < parts.length; i++) {
            Object v = parts[i].eval(row);
            pieces[i] = arcs(v);
            if (pieces[i] == null) {
                return null;
            }
            total += pieces[i].length;
        }
        int[] all = new int[total];
        int at = 0;
        for (int[] p : pieces) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    static int[] arcs(Object v) {
        if (v instanceof Double d) {
            if (d < 0 || d > 0xFFFFFFFFL || d != Math.rint(d)) {
                return null;
            }
            return new int[] {(int) d.longValue()};
        }
        if (v instanceof String s && !s.isEmpty()) {
            String[] parts = s.split("\\.");
            int[] out = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    long arc = Long.parseLong(parts[i]);
                    if (arc < 0 || arc > 0xFFFFFFFFL) {
                        return null;
                    }
                    out[i] = (int) arc;
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            return out;
        }
        return null;
    }

    static Object indexValue(int[] arcs) {
        if (arcs.length == 1) {
            return (double) (arcs[0] & 0xFFFFFFFFL);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < arcs.length; i++) {
            if (i > 0) {
                sb.append('.');
            }
            sb.append(arcs[i] & 0xFFFFFFFFL);
        }
        return sb.toString();
    }

    static final class IndexRef extends Node {
        final int part;

        IndexRef(String source, int part) {
            super(source);
            this.part = part;
        }

        @Override
        public Object eval(Row row) {
            int[] idx = row.index();
            if (part < 0) {
                return idx.length == 0 ? null : indexValue(idx);
            }
            return part < idx.length ? (double) (idx[part] & 0xFFFFFFFFL) : null;
        }
    }

    static final class LaneRef extends Node {
        LaneRef(String source) {
            super(source);
        }

        @Override
        public Object eval(Row row) {
            return row.lane() > 0 ? (double) row.lane() : null;
        }
    }

    /**
     * A row of the same data at another index: what {@code child(...)} and {@code count(...)} evaluate their
     * condition on. Readings and vars still come from the row being built.
     */
    static final class OtherRow implements Row {
        private final Row outer;
        private final int[] index;

        OtherRow(Row outer, int[] index) {
            this.outer = outer;
            this.index = index;
        }

        @Override
        public int[] index() {
            return index;
        }

        @Override
        public Variable variable(ColumnDef column, int[] at) {
            return outer.variable(column, at);
        }

        @Override
        public Object reading(String name) {
            return outer.reading(name);
        }

        @Override
        public int[] find(ColumnDef column, Object value) {
            return outer.find(column, value);
        }

        @Override
        public int lane() {
            return outer.lane();
        }

        @Override
        public java.util.List<int[]> indexesUnder(ColumnDef column, int[] prefix) {
            return outer.indexesUnder(column, prefix);
        }
    }

    static final class ReadingRef extends Node {
        final String name;

        ReadingRef(String source, String name) {
            super(source);
            this.name = name;
        }

        @Override
        public Object eval(Row row) {
            return row.reading(name);
        }
    }

    static final class Negate extends Node {
        final Expr operand;

        Negate(String source, Expr operand) {
            super(source);
            this.operand = operand;
        }

        @Override
        public Object eval(Row row) {
            return operand.eval(row) instanceof Double d ? -d : null;
        }

        @Override
        public void columns(Set<ColumnDef> out) {
            operand.columns(out);
        }
    }

    static final class Not extends Node {
        final Expr operand;

        Not(String source, Expr operand) {
            super(source);
            this.operand = operand;
        }

        @Override
        public Object eval(Row row) {
            return operand.eval(row) instanceof Boolean b ? !b : null;
        }

        @Override
        public void columns(Set<ColumnDef> out) {
            operand.columns(out);
        }
    }

    abstract static class Binary extends Node {
        final Expr left;
        final Expr right;

        Binary(String source, Expr left, Expr right) {
            super(source);
            this.left = left;
            this.right = right;
        }

        @Override
        public void columns(Set<ColumnDef> out) {
            left.columns(out);
            right.columns(out);
        }
    }

    static final class Arithmetic extends Binary {
        final char op;

        Arithmetic(String source, char op, Expr left, Expr right) {
            super(source, left, right);
            this.op = op;
        }

        @Override
        public Object eval(Row row) {
            Object a = left.eval(row);
            Object b = right.eval(row);
            if (op == '+' && (a instanceof String || b instanceof String) && a != null && b != null) {
                return Values.format(a) + Values.format(b); // '+' joins text, as in 'Slot ' + slotNumber
            }
            if (!(a instanceof Double x) || !(b instanceof Double y)) {
                return null;
            }
            double r;
            switch (op) {
                case '+': r = x + y; break;
                case '-': r = x - y; break;
                case '*': r = x * y; break;
                case '/': r = x / y; break;
                default: r = x % y; break;
            }
            return Double.isFinite(r) ? r : null;
        }
    }

    static final class Compare extends Binary {
        final String op;

        Compare(String source, String op, Expr left, Expr right) {
            super(source, left, right);
            this.op = op;
        }

        @Override
        public Object eval(Row row) {
            Object a = left.eval(row);
            Object b = right.eval(row);
            if (a == null || b == null) {
                return null;
            }
            if (op.equals("==") || op.equals("!=")) {
                boolean eq = equal(a, b);
                return op.equals("==") == eq;
            }
            if (!(a instanceof Double x) || !(b instanceof Double y)) {
                return null;
            }
            int c = Double.compare(x, y);
            switch (op) {
                case "<": return c < 0;
                case "<=": return c <= 0;
                case ">": return c > 0;
                default: return c >= 0;
            }
        }
    }

    static boolean equal(Object a, Object b) {
        if (a instanceof Double x && b instanceof Double y) {
            return x.doubleValue() == y.doubleValue();
        }
        return Objects.equals(a, b);
    }

    static final class Match extends Node {
        final Expr subject;
        final Pattern pattern;
        final boolean negate;

        Match(String source, Expr subject, Pattern pattern, boolean negate) {
            super(source);
            this.subject = subject;
            this.pattern = pattern;
            this.negate = negate;
        }

        @Override
        public Object eval(Row row) {
            Object s = subject.eval(row);
            if (s == null) {
                return null;
            }
            return pattern.matcher(Values.format(s)).find() != negate;
        }

        @Override
        public void columns(Set<ColumnDef> out) {
            subject.columns(out);
        }
    }

    static final class And extends Binary {
        And(String source, Expr left, Expr right) {
            super(source, left, right);
        }

        @Override
        public Object eval(Row row) {
            if (!Expr.isTrue(left.eval(row))) {
                return false;
            }
            return Expr.isTrue(right.eval(row));
        }
    }

    static final class Or extends Binary {
        Or(String source, Expr left, Expr right) {
            super(source, left, right);
        }

        @Override
        public Object eval(Row row) {
            return Expr.isTrue(left.eval(row)) || Expr.isTrue(right.eval(row));
        }
    }

    /** {@code a ?? b}: a when present, else b. */
    static final class Coalesce extends Binary {
        Coalesce(String source, Expr left, Expr right) {
            super(source, left, right);
        }

        @Override
        public Object eval(Row row) {
            Object a = left.eval(row);
            return a != null ? a : right.eval(row);
        }
    }

    static final class Call extends Node {
        final Functions.Function fn;
        final Expr[] args;

        Call(String source, Functions.Function fn, Expr[] args) {
            super(source);
            this.fn = fn;
            this.args = args;
        }

        @Override
        public Object eval(Row row) {
            return fn.apply(row, args);
        }

        @Override
        public void columns(Set<ColumnDef> out) {
            for (Expr e : args) {
                e.columns(out);
            }
        }

        @Override
        public String toString() {
            return source + Arrays.toString(args);
        }
    }
}
