package io.nplus.mibs.expr;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.Variable;

/**
 * The functions profiles may call. Each knows its arity; the few that need a column itself rather than its value
 * ({@code raw}, {@code bit}, {@code find}) are checked for that when the expression compiles.
 */
final class Functions {
    /** A function; {@code needsColumn} means argument 0 must name a column (or a column lookup). */
    record Function(String name, int minArgs, int maxArgs, boolean needsColumn, String help, Impl impl) {
        Object apply(Row row, Expr[] args) {
            return impl.apply(row, args);
        }
    }

    @FunctionalInterface
    interface Impl {
        Object apply(Row row, Expr[] args);
    }

    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
    /** ENTITY-SENSOR-MIB / CISCO-ENTITY-SENSOR-MIB SensorDataScale words, by code (units = 9 = 10^0). */
    private static final String[] SCALE_WORDS = {"", "yocto", "zepto", "atto", "femto", "pico", "nano", "micro",
        "milli", "units", "kilo", "mega", "giga", "tera", "exa", "peta", "zetta", "yotta"};
    /** The floor of optical power: a dark receiver reads 0 mW, which most vendors print as -40 dBm. */
    static final double DBM_FLOOR = -40.0;

    static final Map<String, Function> ALL = new TreeMap<>();
    private static final Map<String, Pattern> PATTERNS = new java.util.concurrent.ConcurrentHashMap<>();

    static {
        add("number", 1, 1, false, "number(x): x as a number; from text, its first number ('28 C/82 F' -> 28)",
            (row, a) -> toNumber(a[0].eval(row)));
        add("raw", 1, 1, true, "raw(column): the column's number, ignoring its enumeration",
            (row, a) -> Values.number(((Nodes.ColumnRef) a[0]).variable(row)));
        add("none_if", 2, 16, false, "none_if(x, v...): absent when x equals any v (a sentinel), else x",
            (row, a) -> {
                Object x = a[0].eval(row);
                for (int i = 1; i < a.length; i++) {
                    if (x != null && Nodes.equal(x, a[i].eval(row))) {
                        return null;
                    }
                }
                return x;
            });
        add("octets", 1, 1, true,
            "octets(column): how many octets an OCTET STRING value has, however it prints (hex or text); absent"
                + " for other types",
            (row, a) -> ((Nodes.ColumnRef) a[0]).variable(row) instanceof OctetString os ? (double) os.length() : null);
        add("present", 1, 1, false, "present(x): true when x has a value",
            (row, a) -> a[0].eval(row) != null);
        add("dbm_from_mw", 1, 1, false, "dbm_from_mw(x): milliwatts to dBm, floored at -40 dBm (0 mW = dark)",
            (row, a) -> a[0].eval(row) instanceof Double mw ? dbm(mw) : null);
        add("dbm_from_uw", 1, 1, false, "dbm_from_uw(x): microwatts to dBm, floored at -40 dBm",
            (row, a) -> a[0].eval(row) instanceof Double uw ? dbm(uw / 1000.0) : null);
        add("sensor_value", 3, 3, false,
            "sensor_value(value, scale, precision): ENTITY-SENSOR-MIB value x 10^scale x 10^-precision",
            (row, a) -> sensorValue(a[0].eval(row), a[1].eval(row), a[2].eval(row)));
        add("bit", 2, 2, true, "bit(column, n): BITS bit n set (bit 0 is the high bit of the first octet)",
            (row, a) -> bit(((Nodes.ColumnRef) a[0]).variable(row), a[1].eval(row)));
        add("bits", 1, 1, true,
            "bits(column): the set bits of a BITS value by the names in the column's states (bit number: name),"
                + " comma-separated, 'none' when no bit is set",
            (row, a) -> {
                Nodes.ColumnRef col = (Nodes.ColumnRef) a[0];
                return bits(col.variable(row), col.def);
            });
        add("find", 2, 2, true, "find(column, value): the index of the row whose column equals value",
            (row, a) -> {
                Object v = a[1].eval(row);
                int[] idx = v == null ? null : row.find(((Nodes.ColumnRef) a[0]).def, v);
                return idx == null ? null : Nodes.indexValue(idx);
            });
        add("child", 2, 2, true,
            "child(column, condition): column's value at the first row under this row's index (a sub-table row,"
                + " as a sensor's thresholds) where condition holds; the condition reads that row",
            (row, a) -> {
                Nodes.ColumnRef col = (Nodes.ColumnRef) a[0];
                for (int[] idx : row.indexesUnder(col.def, row.index())) {
                    if (Expr.isTrue(a[1].eval(new Nodes.OtherRow(row, idx)))) {
                        return Values.of(row.variable(col.def, idx), col.def);
                    }
                }
                return null;
            });
        add("count", 1, 2, true,
            "count(column[, condition]): how many rows column has (where condition holds, read at each row;"
                + " vars still mean this row's)",
            (row, a) -> {
                Nodes.ColumnRef col = (Nodes.ColumnRef) a[0];
                int n = 0;
                for (int[] idx : row.indexesUnder(col.def, new int[0])) {
                    if (a.length == 1 || Expr.isTrue(a[1].eval(new Nodes.OtherRow(row, idx)))) {
                        n++;
                    }
                }
                return (double) n;
            });
        add("capture", 2, 2, false,
            "capture(text, regex): the first group the regex captures in text (or the whole match), absent if none",
            (row, a) -> {
                Object s = a[0].eval(row);
                Object re = a[1].eval(row);
                if (s == null || re == null) {
                    return null;
                }
                Matcher m = PATTERNS.computeIfAbsent(Values.format(re), Pattern::compile).matcher(Values.format(s));
                if (!m.find()) {
                    return null;
                }
                return m.groupCount() >= 1 ? m.group(1) : m.group();
            });
        add("lane", 2, 2, false, "lane(text, i): the i-th (1-based) comma-separated number of a lane string",
            (row, a) -> lane(a[0].eval(row), a[1].eval(row)));
        add("lanes", 1, 1, false, "lanes(text): how many comma-separated values a lane string has",
            (row, a) -> a[0].eval(row) instanceof String s && !s.isBlank() ? (double) s.split(",").length : null);
        add("if", 3, 3, false, "if(condition, a, b): a when condition holds, else b",
            (row, a) -> Expr.isTrue(a[0].eval(row)) ? a[1].eval(row) : a[2].eval(row));
        add("min", 2, 2, false, "min(a, b)", (row, a) -> numeric(a[0].eval(row), a[1].eval(row), Math::min));
        add("max", 2, 2, false, "max(a, b)", (row, a) -> numeric(a[0].eval(row), a[1].eval(row), Math::max));
        add("round", 1, 2, false, "round(x, digits): x rounded to digits decimals (0 by default)",
            (row, a) -> {
                Object x = a[0].eval(row);
                Object d = a.length > 1 ? a[1].eval(row) : Double.valueOf(0);
                if (!(x instanceof Double v) || !(d instanceof Double digits)) {
                    return null;
                }
                double f = Math.pow(10, digits.intValue());
                return Math.round(v * f) / f;
            });
        add("abs", 1, 1, false, "abs(x)", (row, a) -> a[0].eval(row) instanceof Double d ? Math.abs(d) : null);
        add("lower", 1, 1, false, "lower(text)",
            (row, a) -> a[0].eval(row) instanceof String s ? s.toLowerCase(Locale.ROOT) : null);
        add("replace", 3, 3, false, "replace(text, regex, replacement)",
            (row, a) -> {
                Object s = a[0].eval(row);
                Object re = a[1].eval(row);
                Object rep = a[2].eval(row);
                return s == null || re == null || rep == null ? null
                    : Values.format(s).replaceAll(Values.format(re), Matcher.quoteReplacement(Values.format(rep)));
            });
        add("last_arc", 1, 1, false, "last_arc(oid): the last number of a dotted OID (IF-MIB::ifIndex.5 -> 5)",
            (row, a) -> {
                Object s = a[0].eval(row);
                if (!(s instanceof String t) || t.isEmpty() || t.equals("0.0")) {
                    return null;
                }
                return toNumber(t.substring(t.lastIndexOf('.') + 1));
            });
    }

    private Functions() {
    }

    private static void add(String name, int min, int max, boolean needsColumn, String help, Impl impl) {
        ALL.put(name, new Function(name, min, max, needsColumn, help, impl));
    }

    static Function get(String name) {
        return ALL.get(name);
    }

    static Double toNumber(Object v) {
        if (v instanceof Double d) {
            return d;
        }
        if (v instanceof String s) {
            Matcher m = NUMBER.matcher(s);
            if (m.find()) {
                try {
                    double d = Double.parseDouble(m.group());
                    return Double.isFinite(d) ? d : null;
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    static double dbm(double milliwatts) {
        if (!(milliwatts > 0)) {
            return DBM_FLOOR;
        }
        return Math.max(DBM_FLOOR, 10.0 * Math.log10(milliwatts));
    }

    static Double sensorValue(Object value, Object scale, Object precision) {
        if (!(value instanceof Double v)) {
            return null;
        }
        int code;
        if (scale instanceof Double d) {
            code = d.intValue();
        } else if (scale instanceof String s) {
            code = java.util.Arrays.asList(SCALE_WORDS).indexOf(s);
        } else {
            code = 9;
        }
        if (code < 1 || code > 17) {
            return null;
        }
        int p = precision instanceof Double d ? d.intValue() : 0;
        int exponent = 3 * (code - 9) - p;
        // Divide for negative exponents: 533 / 10 is 53.3, while 533 * 0.1 is 53.300000000000004.
        double r = exponent >= 0 ? v * Math.pow(10, exponent) : v / Math.pow(10, -exponent);
        return Double.isFinite(r) ? r : null;
    }

    /**
     * A bit of a BITS value. Agents send octets. Recordings made from net-snmp's output hold its display form
     * instead, the octets in hex followed by the numbers of the set bits ("08 00 00 4", "8A 80 00 0 4 6 8");
     * that form is recognised only when the listed bits agree with the octets, so real octets are never misread.
     */
    static Boolean bit(Variable v, Object n) {
        if (!(v instanceof OctetString os) || !(n instanceof Double bit) || bit < 0) {
            return null;
        }
        byte[] bytes = netSnmpBitsDisplay(os.getValue());
        if (bytes == null) {
            bytes = os.getValue();
        }
        int b = bit.intValue();
        if (b / 8 >= bytes.length) {
            return false;
        }
        return (bytes[b / 8] & (0x80 >> (b % 8))) != 0;
    }

    /** The names of the set bits (unnamed ones as "bit N"), in bit order; "none" when none is set. */
    static String bits(Variable v, ColumnDef column) {
        if (!(v instanceof OctetString os)) {
            return null;
        }
        byte[] bytes = netSnmpBitsDisplay(os.getValue());
        if (bytes == null) {
            bytes = os.getValue();
        }
        StringBuilder out = new StringBuilder();
        for (int b = 0; b < bytes.length * 8; b++) {
            if ((bytes[b / 8] & (0x80 >> (b % 8))) != 0) {
                if (out.length() > 0) {
                    out.append(", ");
                }
                String name = column.states().get(Integer.toString(b));
                out.append(name != null ? name : "bit " + b);
            }
        }
        return out.length() == 0 ? "none" : out.toString();
    }

    static byte[] netSnmpBitsDisplay(byte[] raw) {
        String text = new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1).trim();
        if (!text.matches("[0-9A-Fa-f]{2}( [0-9A-Fa-f]{1,3})*")) {
            return null;
        }
        String[] tokens = text.split(" ");
        for (int k = tokens.length; k >= 1; k--) {
            byte[] bytes = new byte[k];
            boolean ok = true;
            for (int i = 0; i < k && ok; i++) {
                ok = tokens[i].length() == 2;
                if (ok) {
                    bytes[i] = (byte) Integer.parseInt(tokens[i], 16);
                }
            }
            java.util.BitSet listed = new java.util.BitSet();
            for (int i = k; i < tokens.length && ok; i++) {
                ok = tokens[i].matches("\\d+") && Integer.parseInt(tokens[i]) < 8 * k;
                if (ok) {
                    listed.set(Integer.parseInt(tokens[i]));
                }
            }
            if (!ok) {
                continue;
            }
            java.util.BitSet set = new java.util.BitSet();
            for (int i = 0; i < 8 * k; i++) {
                if ((bytes[i / 8] & (0x80 >> (i % 8))) != 0) {
                    set.set(i);
                }
            }
            if (set.equals(listed)) {
                return bytes;
            }
        }
        return null;
    }

    static Double lane(Object text, Object i) {
        if (!(text instanceof String s) || !(i instanceof Double d)) {
            return null;
        }
        String[] parts = s.split(",");
        int k = d.intValue() - 1;
        return k >= 0 && k < parts.length ? toNumber(parts[k].trim()) : null;
    }

    private static Double numeric(Object a, Object b, java.util.function.DoubleBinaryOperator op) {
        return a instanceof Double x && b instanceof Double y ? op.applyAsDouble(x, y) : null;
    }
}
