package io.nplus.mibs.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.nplus.mibs.data.MibSnapshot;
import io.nplus.mibs.data.Snmprec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;

/**
 * The expression language, evaluated against the rows of {@code expr/rows.snmprec}. Tables give the expression,
 * the row index it is evaluated at, and the value it must give (null is absent).
 */
class ExprTest {
    private static final String TABLE = "1.3.6.1.4.1.99999.5.1.";
    static final Map<String, ColumnDef> COLUMNS = new LinkedHashMap<>();

    static {
        column("status", TABLE + "2", Map.of("1", "up", "2", "down", "3", "testing"));
        column("value", TABLE + "3", Map.of());
        column("descr", TABLE + "4", Map.of());
        column("bits", TABLE + "5", Map.of());
        column("namedBits", TABLE + "5", Map.of("0", "rxLoss", "4", "txFault")); // the same BITS, with bit names
        column("ref", TABLE + "6", Map.of());
        column("hc", TABLE + "7", Map.of());
        column("objId", TABLE + "8", Map.of());
        Map<String, String> scales = new HashMap<>();
        String[] words = {"yocto", "zepto", "atto", "femto", "pico", "nano", "micro", "milli", "units", "kilo", "mega",
            "giga", "tera", "exa", "peta", "zetta", "yotta"};
        for (int i = 0; i < words.length; i++) {
            scales.put(Integer.toString(i + 1), words[i]);
        }
        column("scale", TABLE + "9", scales);
        column("lanesCol", TABLE + "10", Map.of());
        column("missing", TABLE + "11", Map.of());
        column("pairName", "1.3.6.1.4.1.99999.6.1.2", Map.of());
        COLUMNS.put("sysName", new ColumnDef("sysName", new OID("1.3.6.1.2.1.1.5"), Map.of(), true));
    }

    private static void column(String name, String oid, Map<String, String> states) {
        COLUMNS.put(name, new ColumnDef(name, new OID(oid), states, false));
    }

    static final MibSnapshot DATA = load("expr/rows.snmprec");
    /** Index parts named slot and port (as a profile's {@code index: [slot, port]}); one earlier reading. */
    static final Scope SCOPE = new TestScope(COLUMNS, List.of("slot", "port"), List.of("earlier_celsius"));

    private static MibSnapshot load(String resource) {
        try (InputStream in = ExprTest.class.getClassLoader().getResourceAsStream(resource)) {
            return Snmprec.read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Names a profile would see: its columns, index and index parts, earlier readings. */
    record TestScope(Map<String, ColumnDef> columns, List<String> indexNames, List<String> readings) implements Scope {
        @Override
        public Symbol resolve(String name) {
            if (name.equals("index")) {
                return new IndexPart(-1);
            }
            if (indexNames.contains(name)) {
                return new IndexPart(indexNames.indexOf(name));
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
            return all;
        }
    }

    /** One row of a snapshot, as the interpreter gives it: columns at any index, readings by name. */
    record SnapshotRow(MibSnapshot data, int[] index, Map<String, Object> readings) implements Row {
        @Override
        public Variable variable(ColumnDef column, int[] at) {
            return data.get(new OID(column.oid().getValue(), at));
        }

        @Override
        public Object reading(String name) {
            return readings.get(name);
        }

        @Override
        public int[] find(ColumnDef column, Object value) {
            OID prefix = column.oid();
            for (int i = data.higher(prefix); i < data.size() && data.oid(i).startsWith(prefix); i++) {
                Object v = Values.of(data.value(i), column);
                if (v != null && Values.format(v).equals(Values.format(value))) {
                    int[] arcs = data.oid(i).getValue();
                    return java.util.Arrays.copyOfRange(arcs, prefix.size(), arcs.length);
                }
            }
            return null;
        }

        @Override
        public java.util.List<int[]> indexesUnder(ColumnDef column, int[] prefix) {
            OID from = new OID(column.oid().getValue(), prefix);
            java.util.List<int[]> out = new java.util.ArrayList<>();
            for (int i = data.higher(from); i < data.size() && data.oid(i).startsWith(from); i++) {
                int[] arcs = data.oid(i).getValue();
                out.add(java.util.Arrays.copyOfRange(arcs, column.oid().size(), arcs.length));
            }
            return out;
        }
    }

    static Row row(int... index) {
        return new SnapshotRow(DATA, index, Map.of("earlier_celsius", 41.5));
    }

    static Object eval(String source, int... index) {
        return Expr.compile(source, SCOPE).eval(row(index));
    }

    static void assertEvaluates(String source, int index, Object expected) {
        Object actual = eval(source, index);
        if (expected == null) {
            assertThat(actual).as("%s at row %s", source, index).isNull();
        } else {
            assertThat(actual).as("%s at row %s", source, index).isEqualTo(expected);
        }
    }

    static ExprException compileError(String source) {
        try {
            Expr.compile(source, SCOPE);
        } catch (ExprException e) {
            return e;
        }
        throw new AssertionError("'" + source + "' compiled");
    }

    static Arguments at(int index, String source, Object expected) {
        return arguments(source, index, expected);
    }

    @Nested
    class Arithmetic {
        static Stream<Arguments> cases() {
            return Stream.of(
                at(1, "1 + 2 * 3", 7.0),
                at(1, "(1 + 2) * 3", 9.0),
                at(1, "10 - 4 - 3", 3.0),
                at(1, "2 * 3 % 4", 2.0),
                at(1, "7 / 2", 3.5),
                at(1, "-2 * 3", -6.0),
                at(1, "-(2 + 3)", -5.0),
                at(1, "2 - -3", 5.0),
                at(1, "1.5e3 + .5", 1500.5),
                at(1, "1 + 2 == 3", true),
                at(1, "1 < 2 and 2 < 1", false),
                at(1, "1 < 2 or 2 < 1", true),
                at(1, "not 1 > 2", true),
                at(1, "2 <= 2", true),
                at(1, "3 >= 4", false),
                at(1, "1 == 1.0", true),
                at(1, "1 == '1'", false),
                at(1, "'a' == 'a'", true),
                at(1, "'a' != 'b'", true),
                // order is for numbers only
                at(1, "'a' < 'b'", null),
                at(1, "'Slot ' + 3", "Slot 3"),
                at(1, "'v' + 1.5", "v1.5"),
                // a division by zero is absent, not infinity
                at(1, "1 / 0", null),
                at(1, "0 % 0", null),
                at(1, "value", 533.0),
                at(2, "value", -267.0),
                at(1, "value / 10", 53.3),
                at(1, "-value", -533.0),
                at(1, "sysName", "host"),
                at(7, "sysName", "host"),
                at(1, "earlier_celsius + 1", 42.5),
                at(1, "status", "up"),
                // an enumerated value the MIB has no word for is its number, as text
                at(3, "status", "7"),
                at(1, "descr =~ '^eth[0-9]+$'", true),
                // a backslash escapes only the quote: regex escapes reach the regex intact
                at(1, "descr =~ '^eth\\d$'", true),
                at(1, "descr =~ '^ethd$'", false),
                at(1, "'it\\'s' + descr", "it's" + "eth0"),
                at(2, "descr !~ '^FAN '", false),
                at(1, "hc", 18446744073709551615.0),
                at(1, "objId", "1.3.6.1.2.1.2.2.1.1.5"));
        }

        @ParameterizedTest(name = "{0} at row {1} = {2}")
        @MethodSource("cases")
        void evaluatesWithPrecedence(String source, int index, Object expected) {
            assertEvaluates(source, index, expected);
        }

        @Test
        void indexIsANumberForOneArcAndDottedTextForSeveral() {
            assertThat(eval("index", 3)).isEqualTo(3.0);
            assertThat(eval("index", 1, 2)).isEqualTo("1.2");
            assertThat(eval("slot", 1, 2)).isEqualTo(1.0);
            assertThat(eval("port", 1, 2)).isEqualTo(2.0);
            assertThat(eval("port", 5)).isNull();
            assertThat(eval("index")).isNull();
            // arcs are unsigned
            assertThat(eval("index", -1)).isEqualTo(4294967295.0);
        }
    }

    /** Absent (a missing column, none, a division by zero) propagates and counts as false in conditions. */
    @Nested
    class Absent {
        static Stream<Arguments> cases() {
            return Stream.of(
                at(1, "missing", null),
                at(3, "value", null),
                at(1, "missing + 1", null),
                at(1, "1 - missing", null),
                at(1, "-missing", null),
                at(1, "missing * 0", null),
                at(1, "'text ' + missing", null),
                at(1, "missing == 1", null),
                // not true: a guard "status != 'ok'" must not fire when there is no status
                at(1, "missing != 1", null),
                at(1, "missing < 1", null),
                at(1, "missing =~ 'x'", null),
                at(1, "missing ?? 5", 5.0),
                at(1, "none ?? 'x'", "x"),
                at(1, "value ?? 5", 533.0),
                at(3, "value ?? 5", 5.0),
                // ?? binds loosest
                at(1, "missing + 1 ?? 2", 2.0),
                at(1, "missing ?? none ?? 3", 3.0),
                at(1, "missing ?? none", null),
                at(1, "present(missing)", false),
                at(1, "present(value)", true),
                at(1, "present(1 / 0)", false),
                at(1, "missing > 1 and true", false),
                at(1, "true and missing > 1", false),
                at(1, "missing > 1 or true", true),
                at(1, "missing > 1 or false", false),
                at(1, "true and 1", false),
                at(1, "not (missing > 1)", null),
                at(1, "not 5", null),
                at(1, "not false", true),
                at(1, "if(missing > 1, 'yes', 'no')", "no"),
                at(1, "if(not (missing > 1), 'yes', 'no')", "no"));
        }

        @ParameterizedTest(name = "{0} at row {1} = {2}")
        @MethodSource("cases")
        void propagates(String source, int index, Object expected) {
            assertEvaluates(source, index, expected);
        }

        @Test
        void onlyTrueSatisfiesACondition() {
            assertThat(Expr.isTrue(eval("not (missing > 1)", 1))).isFalse();
            assertThat(Expr.isTrue(eval("1", 1))).isFalse();
            assertThat(Expr.isTrue(eval("'true'", 1))).isFalse();
            assertThat(Expr.isTrue(eval("1 < 2", 1))).isTrue();
        }
    }

    @Nested
    class CompileErrors {
        @Test
        void comparingAnEnumWithAWordThatIsNotAStateListsTheStates() {
            assertThat(compileError("status == 'upp'"))
                .hasMessage("unknown state 'upp' of status; expected up, down, testing in 'status == 'upp'' at column 8");
            assertThat(compileError("'dwn' != status")).hasMessageStartingWith("unknown state 'dwn' of status; expected up, down, testing");
            assertThat(compileError("status[2] == 'dwn'")).hasMessageStartingWith("unknown state 'dwn' of status");
            assertThat(eval("status == 'up' and 'down' == status[2]", 1)).isEqualTo(true);
        }

        @Test
        void comparingAnEnumWithANumberIsAnErrorThatSuggestsRaw() {
            assertThat(compileError("status == 1")).hasMessageStartingWith(
                "status is enumerated: compare it with a state word (up, down, testing) or use raw(status)");
            assertThat(compileError("2 < status")).hasMessageContaining("status is enumerated");
            assertThat(eval("raw(status) == 1", 1)).isEqualTo(true);
        }

        @Test
        void anUnknownNameSuggestsTheClosest() {
            assertThat(compileError("statsu == 'up'"))
                .hasMessage("unknown name 'statsu'; did you mean 'status'? in 'statsu == 'up'' at column 1");
            assertThat(compileError("1 + lanescol")).hasMessageContaining("did you mean 'lanesCol'?");
            assertThat(compileError("earlier_celcius")).hasMessageContaining("did you mean 'earlier_celsius'?");
        }

        @Test
        void anUnknownNameWithNothingCloseListsEveryName() {
            assertThat(compileError("qqqqqqqqqqqq")).hasMessageContaining("unknown name 'qqqqqqqqqqqq'; declared: status, value,")
                .hasMessageContaining("slot, port, earlier_celsius, index")
                .hasMessageNotContaining("did you mean");
        }

        @Test
        void anUnknownFunctionListsTheKnownOnes() {
            assertThat(compileError("frobnicate(value)")).hasMessageStartingWith("unknown function 'frobnicate'; known: "
                + "abs, bit, bits, capture, child, count, dbm_from_mw, dbm_from_uw, find, if, lane, lanes, last_arc, lower, max, "
                + "min, none_if, number, octets, present, raw, replace, round, sensor_value in");
        }

        @Test
        void wrongArityNamesTheExpectedCountAndTheHelp() {
            assertThat(compileError("abs(1, 2)")).hasMessageStartingWith("abs takes 1 arguments, got 2 (abs(x))");
            assertThat(compileError("round()")).hasMessageStartingWith("round takes 1 to 2 arguments, got 0 (round(x, digits)");
            assertThat(compileError("if(true, 1)")).hasMessageStartingWith("if takes 3 arguments, got 2");
            assertThat(compileError("sensor_value(1, 2)")).hasMessageStartingWith("sensor_value takes 3 arguments, got 2");
        }

        @Test
        void functionsThatReadAColumnRefuseOtherArguments() {
            assertThat(compileError("raw(1)")).hasMessageStartingWith("the first argument of raw must be a column");
            assertThat(compileError("octets('ab')")).hasMessageStartingWith("the first argument of octets must be a column");
            assertThat(compileError("bit(value + 1, 2)")).hasMessageStartingWith("the first argument of bit must be a column");
            assertThat(compileError("find('x', 1)")).hasMessageStartingWith("the first argument of find must be a column");
        }

        @Test
        void aMatchNeedsARegexLiteral() {
            assertThat(compileError("descr =~ descr")).hasMessageStartingWith("a regular expression must be a quoted string");
            assertThat(compileError("descr !~ 5")).hasMessageStartingWith("a regular expression must be a quoted string");
            assertThat(compileError("descr =~ '('")).hasMessageStartingWith("bad regular expression: Unclosed group");
        }

        @Test
        void syntaxErrorsPointAtTheProblem() {
            assertThat(compileError("")).hasMessage("empty expression");
            assertThat(compileError("1 +")).hasMessage("expression ends too early in '1 +' at column 4");
            assertThat(compileError("1 2")).hasMessage("unexpected '2' in '1 2' at column 3");
            assertThat(compileError("'abc")).hasMessageStartingWith("unterminated string");
            assertThat(compileError("1 # 2")).hasMessageStartingWith("unexpected character '#'");
            assertThat(compileError("(1 + 2")).hasMessageStartingWith("expected ')' but found ''");
            assertThat(compileError("3[1]")).hasMessageStartingWith("only a column can be read at another index with [...]");
        }
    }

    /** source() is shown in explain output, in notes and as a when rule's default reason: the whole text. */
    @Nested
    class Sources {
        @ParameterizedTest
        @ValueSource(strings = {
            "value / 100",
            "1 + 2 * 3",
            "(1 + 2) * 3",
            "-value * 2",
            "missing ?? value ?? 0",
            "value > 1 and value < 5 or not (value == 3)",
            "present(value) and status == 'up' and descr =~ '^eth'",
            "descr[ref] + 'x'",
            "sensor_value(value, scale, 1) * 10"})
        void sourceIsTheWholeExpression(String source) {
            assertThat(Expr.compile(source, SCOPE).source()).isEqualTo(source);
            assertThat(Expr.compile("  " + source + " ", SCOPE).source()).isEqualTo(source);
        }
    }

    @Nested
    class Lookups {
        static Stream<Arguments> cases() {
            return Stream.of(
                at(1, "descr[ref]", ""),
                at(1, "descr[2]", "FAN Fan 1"),
                at(2, "descr[ref]", null),
                at(1, "descr[missing]", null),
                at(1, "descr[-1]", null),
                at(1, "descr[1.5]", null),
                at(1, "descr['x']", null),
                at(1, "status[2]", "down"),
                at(1, "raw(status[2])", 2.0),
                at(1, "pairName[1, 2]", "one-two"),
                at(1, "pairName['3.4']", "three-four"),
                at(1, "pairName[3, '4']", "three-four"),
                at(1, "pairName[1]", null),
                at(1, "value[ref - 2]", 533.0),
                at(1, "descr[ref ?? 2]", ""));
        }

        @ParameterizedTest(name = "{0} at row {1} = {2}")
        @MethodSource("cases")
        void readsAnotherRow(String source, int index, Object expected) {
            assertEvaluates(source, index, expected);
        }

        @Test
        void aMultiPartIndexIsReadByItsNamedParts() {
            assertThat(Expr.compile("pairName[slot, port]", SCOPE).eval(row(3, 4))).isEqualTo("three-four");
            assertThat(Expr.compile("pairName[index]", SCOPE).eval(row(1, 2))).isEqualTo("one-two");
            assertThat(Expr.compile("pairName", SCOPE).eval(row(1, 2))).isEqualTo("one-two");
        }

        @Test
        void columnsListsEveryColumnReadIncludingLookupIndexes() {
            Set<ColumnDef> read = new LinkedHashSet<>();
            Expr.compile("descr[ref] ?? sysName + 'x' ?? if(present(value), raw(status), none)", SCOPE).columns(read);
            assertThat(read).extracting(ColumnDef::name).containsExactlyInAnyOrder("descr", "ref", "sysName", "value", "status");
        }
    }

    @Nested
    class FunctionCalls {
        static Stream<Arguments> cases() {
            return Stream.of(
                at(1, "number('28 C/82 F')", 28.0),
                at(1, "number(' -3.5e2 W')", -350.0),
                at(1, "number('n/a')", null),
                at(1, "number(7)", 7.0),
                at(1, "number(missing)", null),
                at(1, "number(true)", null),
                at(1, "raw(status)", 1.0),
                at(3, "raw(status)", 7.0),
                at(1, "raw(descr)", null),
                at(1, "raw(missing)", null),
                // octets: the length of the value as sent, whether it prints as hex (8001) or as text
                at(1, "octets(bits)", 2.0),
                at(2, "octets(bits)", 10.0),
                at(3, "octets(descr)", 0.0),
                at(1, "octets(value)", null),
                at(1, "octets(missing)", null),
                at(1, "none_if(value, -267, 0)", 533.0),
                at(2, "none_if(value, -267, 0)", null),
                at(1, "none_if(missing, 1)", null),
                at(1, "none_if('x', 'y', 'x')", null),
                at(1, "present(descr)", true),
                at(1, "dbm_from_mw(1)", 0.0),
                at(1, "dbm_from_mw(10)", 10.0),
                at(1, "dbm_from_mw(0)", -40.0),
                at(1, "dbm_from_mw(-1)", -40.0),
                at(1, "dbm_from_mw(0.000001)", -40.0),
                at(1, "dbm_from_mw(missing)", null),
                at(1, "dbm_from_mw('x')", null),
                at(1, "dbm_from_uw(1000)", 0.0),
                at(1, "dbm_from_uw(100)", -10.0),
                at(1, "dbm_from_uw(0)", -40.0),
                at(1, "dbm_from_uw(missing)", null),
                at(1, "find(descr, 'FAN Fan 1')", 2.0),
                at(1, "find(descr, 'nope')", null),
                at(1, "find(descr, missing)", null),
                at(1, "find(status, 'down')", 2.0),
                at(1, "find(pairName, 'three-four')", "3.4"),
                at(1, "descr[find(status, 'down')]", "FAN Fan 1"),
                // child: a sub-table row under this row's index (pairName is indexed {a, b})
                at(3, "child(pairName, true)", "three-four"),
                at(1, "child(pairName, pairName =~ 'two')", "one-two"),
                at(1, "child(pairName, pairName =~ 'four')", null),
                at(2, "child(pairName, true)", null),
                // count: rows of a column, all or where a condition holds at each of them
                at(1, "count(status)", 3.0),
                at(1, "count(status, status == 'up' or status == 'down')", 2.0),
                at(1, "count(value, value > earlier_celsius)", 1.0),
                at(1, "count(missing)", 0.0),
                // capture: the first group, or the whole match
                at(2, "capture(descr, 'Fan ([0-9]+)')", "1"),
                at(2, "capture(descr, '[A-Z]+')", "FAN"),
                at(1, "capture(descr, 'Fan ([0-9]+)')", null),
                at(1, "capture(missing, '.')", null),
                at(1, "lane(lanesCol, 1)", -2.5),
                at(1, "lane(lanesCol, 2)", -3.1),
                at(1, "lane(lanesCol, 3)", -40.0),
                at(1, "lane(lanesCol, 4)", null),
                at(1, "lane(lanesCol, 0)", null),
                at(1, "lane('a,b', 1)", null),
                at(1, "lane(missing, 1)", null),
                at(1, "lanes(lanesCol)", 3.0),
                at(1, "lanes('5')", 1.0),
                at(1, "lanes('')", null),
                at(1, "lanes(5)", null),
                at(1, "if(true, 1, 2)", 1.0),
                at(1, "if(false, 1, 2)", 2.0),
                at(1, "if(1, 1, 2)", 2.0),
                at(1, "if(true, none, 2)", null),
                at(1, "min(3, -2)", -2.0),
                at(1, "max(3, -2)", 3.0),
                at(1, "min(missing, 2)", null),
                at(1, "max(2, 'x')", null),
                at(1, "abs(-4.5)", 4.5),
                at(1, "abs('x')", null),
                at(1, "round(2.346, 2)", 2.35),
                at(1, "round(2.5)", 3.0),
                at(1, "round(-2.4)", -2.0),
                at(1, "round(1234.5, -2)", 1200.0),
                at(1, "round(missing)", null),
                at(1, "round(1.5, missing)", null),
                at(1, "lower('ETH0')", "eth0"),
                at(1, "lower(5)", null),
                at(2, "replace(descr, '^FAN ', '')", "Fan 1"),
                at(1, "replace('a.b', '[.]', '$1')", "a$1b"),
                at(1, "replace(7, '7', 'seven')", "seven"),
                at(1, "replace(missing, 'a', 'b')", null),
                at(1, "last_arc(objId)", 5.0),
                at(2, "last_arc(objId)", null),
                at(1, "last_arc('1.3.6.1.2.1.2.2.1.1.10')", 10.0),
                at(1, "last_arc(5)", null),
                at(1, "last_arc(missing)", null));
        }

        @ParameterizedTest(name = "{0} at row {1} = {2}")
        @MethodSource("cases")
        void computes(String source, int index, Object expected) {
            assertEvaluates(source, index, expected);
        }

        @Test
        void everyFunctionIsCoveredHere() {
            Set<String> called = new LinkedHashSet<>();
            Stream.concat(cases(), Stream.concat(SensorValue.precisionCases(), Bits.cases()))
                .map(a -> (String) a.get()[0])
                .forEach(src -> Functions.ALL.keySet().stream()
                    .filter(f -> java.util.regex.Pattern.compile("(?<![A-Za-z0-9_])" + f + "\\(").matcher(src).find())
                    .forEach(called::add));
            assertThat(called).containsExactlyInAnyOrderElementsOf(Functions.ALL.keySet());
        }
    }

    /** ENTITY-SENSOR-MIB: value x 10^(3 x (scale - units)) x 10^-precision. */
    @Nested
    class SensorValue {
        static Stream<Arguments> everyScaleWord() {
            // RFC 3433 names code 14 exa and 15 peta (10^15 and 10^18 by code): the code decides, not the word.
            String[] words = {"yocto", "zepto", "atto", "femto", "pico", "nano", "micro", "milli", "units", "kilo", "mega",
                "giga", "tera", "exa", "peta", "zetta", "yotta"};
            List<Arguments> out = new ArrayList<>();
            for (int i = 0; i < words.length; i++) {
                out.add(arguments(words[i], i + 1, 3 * (i + 1 - 9)));
            }
            return out.stream();
        }

        @ParameterizedTest(name = "{0} ({1}) is 10^{2}")
        @MethodSource("everyScaleWord")
        void scalesByEveryWordAndCode(String word, int code, int exponent) {
            double expected = Math.pow(10, exponent);
            assertThat((Double) eval("sensor_value(7, '" + word + "', 0)", 1)).isCloseTo(7 * expected, withinPercentage(1e-9));
            assertThat((Double) eval("sensor_value(7, " + code + ", 0)", 1)).isCloseTo(7 * expected, withinPercentage(1e-9));
        }

        static Stream<Arguments> precisionCases() {
            return Stream.of(
                // dividing, not multiplying by 0.1: 533 * 0.1 is 53.300000000000004
                at(1, "sensor_value(533, 'units', 1)", 53.3),
                at(1, "sensor_value(-267, 'units', 2)", -2.67),
                at(1, "sensor_value(1234567, 'milli', 4)", 0.1234567),
                at(1, "sensor_value(5, 'units', -2)", 500.0),
                at(1, "sensor_value(1, 'kilo', 2)", 10.0),
                at(1, "sensor_value(value, scale, 1)", 0.0533),
                at(2, "sensor_value(value, scale, 0)", -267.0),
                // no scale is units, no precision is 0
                at(1, "sensor_value(42, none, none)", 42.0),
                at(3, "sensor_value(1, scale, 0)", null),
                at(1, "sensor_value(1, 0, 0)", null),
                at(1, "sensor_value(1, 18, 0)", null),
                at(1, "sensor_value(1, 'hecto', 0)", null),
                at(3, "sensor_value(value, 'units', 0)", null),
                at(1, "sensor_value('12', 'units', 0)", null));
        }

        @ParameterizedTest(name = "{0} at row {1} = {2}")
        @MethodSource("precisionCases")
        void appliesPrecisionExactly(String source, int index, Object expected) {
            assertEvaluates(source, index, expected);
        }
    }

    /** BITS: bit 0 is the high bit of the first octet; net-snmp's display form is recognised only when consistent. */
    @Nested
    class Bits {
        static Stream<Arguments> cases() {
            return Stream.of(
                // raw octets 80 01
                at(1, "bit(bits, 0)", true),
                at(1, "bit(bits, 1)", false),
                at(1, "bit(bits, 7)", false),
                at(1, "bit(bits, 15)", true),
                at(1, "bit(bits, 16)", false),
                // "08 00 00 4": octets 08 00 00, bit 4 set. Read as raw text, '0' (0x30) would set bits 2 and 3.
                at(2, "bit(bits, 4)", true),
                at(2, "bit(bits, 2)", false),
                at(2, "bit(bits, 3)", false),
                at(2, "bit(bits, 0)", false),
                at(2, "bit(bits, 23)", false),
                // "8A 80 00 0 4 6 8": octets 8A 80 00, bits 0, 4, 6 and 8 set
                at(3, "bit(bits, 0)", true),
                at(3, "bit(bits, 4)", true),
                at(3, "bit(bits, 6)", true),
                at(3, "bit(bits, 8)", true),
                at(3, "bit(bits, 1)", false),
                at(3, "bit(bits, 5)", false),
                at(3, "bit(bits, 9)", false),
                // "08 00 00 5" lists a bit the octets do not have: not the display form, so the octets are the text
                at(4, "bit(bits, 2)", true),
                at(4, "bit(bits, 3)", true),
                at(4, "bit(bits, 4)", false),
                at(1, "bit(bits, -1)", null),
                at(1, "bit(value, 0)", null),
                at(1, "bit(missing, 0)", null),
                at(1, "bit(bits, missing)", null),
                at(1, "bit(bits[2], 4)", true),
                // bits(): the set bits by name, unnamed ones as "bit N", from octets or the display form
                at(1, "bits(namedBits)", "rxLoss, bit 15"),
                at(2, "bits(namedBits)", "txFault"),
                at(3, "bits(bits)", "bit 0, bit 4, bit 6, bit 8"),
                at(1, "bits(value)", null),
                at(1, "bits(missing)", null));
        }

        @ParameterizedTest(name = "{0} at row {1} = {2}")
        @MethodSource("cases")
        void readsOctetsAndNetSnmpDisplayForm(String source, int index, Object expected) {
            assertEvaluates(source, index, expected);
        }
    }

    /** Every unit conversion profiles use, in one table: scale/precision, mW and µW to dBm, hundredths of a dBm. */
    @Nested
    class UnitConversions {
        static Stream<Arguments> everyUnitConversion() {
            return Stream.of(
                // expression, row, expected SI value, tolerance (0 = exact)
                arguments("sensor_value(533, 'units', 1)", 1, 53.3, 0.0),
                arguments("sensor_value(value, scale, 1)", 1, 0.0533, 0.0),
                arguments("sensor_value(12, 'milli', 0)", 1, 0.012, 0.0),
                arguments("sensor_value(2, 'micro', 0)", 1, 0.000002, 0.0),
                arguments("sensor_value(5, 'kilo', -1)", 1, 50000.0, 0.0),
                arguments("sensor_value(3, 'mega', 0)", 1, 3000000.0, 0.0),
                arguments("dbm_from_mw(1)", 1, 0.0, 0.0),
                arguments("dbm_from_mw(2)", 1, 3.0103, 1e-4),
                arguments("dbm_from_mw(0.5)", 1, -3.0103, 1e-4),
                arguments("dbm_from_mw(0.0001)", 1, -40.0, 1e-9),
                // a dark receiver: 0 mW is the -40 dBm floor, not -infinity
                arguments("dbm_from_mw(0)", 1, -40.0, 0.0),
                arguments("dbm_from_uw(1000)", 1, 0.0, 0.0),
                arguments("dbm_from_uw(1)", 1, -30.0, 1e-9),
                arguments("dbm_from_uw(500)", 1, -3.0103, 1e-4),
                arguments("dbm_from_uw(0)", 1, -40.0, 0.0),
                // hundredths of a dBm (Juniper jnxDomCurrentRxLaserPower), tenths of a degree
                arguments("value / 100", 2, -2.67, 0.0),
                arguments("value / 10", 1, 53.3, 0.0));
        }

        @ParameterizedTest(name = "{0} at row {1} = {2}")
        @MethodSource("everyUnitConversion")
        void everyUnitConversionGivesTheSiValue(String source, int index, double expected, double tolerance) {
            Object v = eval(source, index);
            assertThat(v).isInstanceOf(Double.class);
            if (tolerance == 0) {
                assertThat((Double) v).isEqualTo(expected);
            } else {
                assertThat((Double) v).isCloseTo(expected, within(tolerance));
            }
        }
    }

    @Nested
    class Templates {
        static Template compile(String source) {
            return Template.compile(source, SCOPE);
        }

        @Test
        void embedsFormattedValues() {
            assertThat(compile("Slot {value} of {descr}").eval(row(1))).isEqualTo("Slot 533 of eth0");
            assertThat(compile("{value / 10} C").eval(row(1))).isEqualTo("53.3 C");
            assertThat(compile("if{index}").eval(row(3))).isEqualTo("if3");
            assertThat(compile("{round(value / 7, 1)}%").eval(row(1))).isEqualTo("76.1%");
            assertThat(compile("plain").eval(row(1))).isEqualTo("plain");
        }

        @Test
        void anAbsentEmbeddedValueMakesTheWholeTemplateAbsent() {
            // so that name: ["{ifName}", "{ifDescr}", "if{index}"] falls back to the next template
            assertThat(compile("{missing} of {descr}").eval(row(1))).isNull();
            assertThat(compile("Slot {value}").eval(row(3))).isNull();
            assertThat(compile("{descr}").eval(row(3))).as("blank text").isNull();
            assertThat(compile("  {descr}  ").eval(row(1))).isEqualTo("eth0");
        }

        @Test
        void mistakesAreCompileErrors() {
            assertThatThrownBy(() -> compile("Slot {value"))
                .isInstanceOf(ExprException.class).hasMessage("unclosed '{' in template 'Slot {value'");
            assertThatThrownBy(() -> compile("Slot {valeu}"))
                .isInstanceOf(ExprException.class).hasMessageStartingWith("unknown name 'valeu'; did you mean 'value'?");
        }

        @Test
        void columnsListsTheColumnsOfEveryEmbeddedExpression() {
            Set<ColumnDef> read = new LinkedHashSet<>();
            compile("{descr} at {pairName[slot, port]}: {raw(status)}").columns(read);
            assertThat(read).extracting(ColumnDef::name).containsExactly("descr", "pairName", "status");
        }
    }

    @Nested
    class Formatting {
        @Test
        void numbersHaveNoTrailingZeroAndAtMostSixSignificantDigits() {
            assertThat(Values.format(3.0)).isEqualTo("3");
            assertThat(Values.format(-0.5)).isEqualTo("-0.5");
            assertThat(Values.format(2.0 / 3)).isEqualTo("0.666667");
            assertThat(Values.format(18446744073709551615.0)).isEqualTo("18446700000000000000");
            assertThat(Values.format("text")).isEqualTo("text");
        }

        @Test
        void textIsTrimmedOfBlanksAndTrailingNulsAndBinaryIsHex() {
            assertThat(Values.text(" eth0 \0\0".getBytes(StandardCharsets.UTF_8))).isEqualTo("eth0");
            assertThat(Values.text(new byte[] {0x00, 0x1b, 0x21})).isEqualTo("00:1b:21");
            assertThat(Values.text(new byte[0])).isEmpty();
        }
    }
}
