package io.nplus.mibs.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.nplus.mibs.testdata.TestData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.Opaque;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.Variable;

class SnmprecTest {
    private static final String FILE = "inline.snmprec";

    static MibSnapshot read(String text) throws IOException {
        return Snmprec.read(new BufferedReader(new StringReader(text)), FILE);
    }

    static Variable single(String line) throws IOException {
        MibSnapshot s = read(line + "\n");
        assertThat(s.size()).isEqualTo(1);
        return s.value(0);
    }

    static byte[] hex(String h) {
        return java.util.HexFormat.of().parseHex(h);
    }

    @Nested
    class TypeTags {
        static Stream<Arguments> everyTag() {
            return Stream.of(
                Arguments.of("1.3.6.1.9.1|2|-42", new Integer32(-42)),
                Arguments.of("1.3.6.1.9.1|2| 7 ", new Integer32(7)),
                Arguments.of("1.3.6.1.9.1|2|2147483647", new Integer32(Integer.MAX_VALUE)),
                Arguments.of("1.3.6.1.9.1|2|-2147483648", new Integer32(Integer.MIN_VALUE)),
                Arguments.of("1.3.6.1.9.1|2x|ff", new Integer32(255)),
                Arguments.of("1.3.6.1.9.1|4|eth0", new OctetString("eth0")),
                // the value is everything after the second bar, blanks and bars included
                Arguments.of("1.3.6.1.9.1|4| a|b ", new OctetString(" a|b ")),
                Arguments.of("1.3.6.1.9.1|4|", new OctetString(new byte[0])),
                Arguments.of("1.3.6.1.9.1|4x|001B21BBE6F0", new OctetString(hex("001b21bbe6f0"))),
                Arguments.of("1.3.6.1.9.1|4x|", new OctetString(new byte[0])),
                Arguments.of("1.3.6.1.9.1|5|", new Null()),
                Arguments.of("1.3.6.1.9.1|6|1.3.6.1.4.1.8072.3.2.10", new OID("1.3.6.1.4.1.8072.3.2.10")),
                Arguments.of("1.3.6.1.9.1|6|.1.3.6.1.4.1.9", new OID("1.3.6.1.4.1.9")),
                Arguments.of("1.3.6.1.9.1|6|", new OID("0.0")),
                Arguments.of("1.3.6.1.9.1|6x|312e332e36", new OID("1.3.6")),
                Arguments.of("1.3.6.1.9.1|64|192.0.2.17", new IpAddress("192.0.2.17")),
                Arguments.of("1.3.6.1.9.1|64x|0a000001", new IpAddress("10.0.0.1")),
                Arguments.of("1.3.6.1.9.1|65|4294967295", new Counter32(4294967295L)),
                Arguments.of("1.3.6.1.9.1|65x|ffffffff", new Counter32(4294967295L)),
                Arguments.of("1.3.6.1.9.1|66|0", new Gauge32(0)),
                Arguments.of("1.3.6.1.9.1|66|1000000000", new Gauge32(1_000_000_000L)),
                Arguments.of("1.3.6.1.9.1|67|123456", new TimeTicks(123456)),
                Arguments.of("1.3.6.1.9.1|67|4294967295", new TimeTicks(4294967295L)),
                Arguments.of("1.3.6.1.9.1|68|ab", new Opaque(new byte[] {'a', 'b'})),
                Arguments.of("1.3.6.1.9.1|68x|9f780441200000", new Opaque(hex("9f780441200000"))),
                Arguments.of("1.3.6.1.9.1|70|12345678901234", new Counter64(12345678901234L)),
                // Counter64 is unsigned: 2^63 and above do not fit a signed long and must not be rejected
                Arguments.of("1.3.6.1.9.1|70|9223372036854775808", new Counter64(Long.MIN_VALUE)),
                Arguments.of("1.3.6.1.9.1|70|18446744073709551615", new Counter64(-1L)),
                Arguments.of("1.3.6.1.9.1|70x|ffffffffffffffff", new Counter64(-1L)));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("everyTag")
        void parsesTypeTag(String line, Variable expected) throws IOException {
            Variable v = single(line);
            assertThat(v.getSyntax()).isEqualTo(expected.getSyntax());
            assertThat(v).isEqualTo(expected);
        }

        @Test
        void readsEveryTypeOfTheSyntheticWalk() throws IOException {
            MibSnapshot s = Snmprec.read(TestData.special("all-types"));
            assertThat(s.size()).isEqualTo(24);
            assertThat(s.get(new OID("1.3.6.1.2.1.1.5.0"))).isEqualTo(new OctetString("all-types"));
            assertThat(s.get(new OID("1.3.6.1.2.1.1.3.0"))).isEqualTo(new TimeTicks(123456));
            assertThat(s.get(new OID("1.3.6.1.4.1.99999.1.1.0"))).isEqualTo(new Integer32(Integer.MIN_VALUE));
            assertThat(s.get(new OID("1.3.6.1.4.1.99999.1.3.0")))
                .isEqualTo(new OctetString("text with spaces and ümlaut".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(s.get(new OID("1.3.6.1.4.1.99999.1.4.0"))).isEqualTo(new OctetString(hex("00ff7f80c0de")));
            assertThat(s.get(new OID("1.3.6.1.4.1.99999.1.5.0"))).isEqualTo(new OctetString(new byte[0]));
            assertThat(s.get(new OID("1.3.6.1.4.1.99999.1.6.0")).getSyntax()).isEqualTo(SMIConstants.SYNTAX_NULL);
            assertThat(s.get(new OID("1.3.6.1.4.1.99999.1.7.0"))).isEqualTo(new OID("1.3.6.1.4.1.99999.42"));
            assertThat(s.get(new OID("1.3.6.1.4.1.99999.1.8.0"))).isEqualTo(new IpAddress("192.0.2.17"));
            assertThat(s.get(new OID("1.3.6.1.4.1.99999.1.9.0"))).isEqualTo(new Counter32(4294967295L));
            assertThat(s.get(new OID("1.3.6.1.4.1.99999.1.10.0"))).isEqualTo(new Gauge32(0));
            assertThat(s.get(new OID("1.3.6.1.4.1.99999.1.11.0"))).isEqualTo(new TimeTicks(4294967295L));
            assertThat(s.get(new OID("1.3.6.1.4.1.99999.1.12.0")))
                .satisfies(v -> assertThat(v.getSyntax()).isEqualTo(SMIConstants.SYNTAX_OPAQUE))
                .isEqualTo(new Opaque(hex("9f780441200000")));
            assertThat(s.get(new OID("1.3.6.1.4.1.99999.1.13.0")))
                .asInstanceOf(type(Counter64.class))
                .satisfies(c -> assertThat(Long.toUnsignedString(c.getValue())).isEqualTo("18446744073709551615"));
            assertThat(s.get(new OID("1.3.6.1.4.1.99999.1.14.0")))
                .asInstanceOf(type(Counter64.class))
                .satisfies(c -> assertThat(Long.toUnsignedString(c.getValue())).isEqualTo("9223372036854775808"));
            assertThat(s.get(new OID("1.3.6.1.4.1.99999.1.15.0"))).isEqualTo(new OctetString(new byte[0]));
            assertThat(s.get(new OID("1.3.6.1.4.1.99999.1.16.0"))).isEqualTo(new IpAddress("10.0.0.1"));
        }
    }

    @Nested
    class Order {
        @Test
        void answersInOidOrderWhateverTheFileOrder() throws IOException {
            // all-types.snmprec starts with sysName (.5.0) before sysDescr (.1.0), and has .10.0 after .9.0
            MibSnapshot s = Snmprec.read(TestData.special("all-types"));
            List<OID> oids = new ArrayList<>();
            for (int i = 0; i < s.size(); i++) {
                oids.add(s.oid(i));
            }
            assertThat(oids).isSorted().doesNotHaveDuplicates();
            assertThat(s.oid(0)).isEqualTo(new OID("1.3.6.1.2.1.1.1.0"));
            assertThat(s.higher(new OID("1.3.6.1.4.1.99999.1.9.0")))
                .satisfies(i -> assertThat(s.oid(i)).isEqualTo(new OID("1.3.6.1.4.1.99999.1.10.0")));
        }

        @Test
        void sortsArcsNumericallyNotAsText() throws IOException {
            MibSnapshot s = read("""
                1.3.6.1.9.10|2|10
                1.3.6.1.9.2|2|2
                1.3.6.1.9.1.5|2|15
                1.3.6.1.9.1|2|1
                """);
            assertThat(List.of(s.oid(0), s.oid(1), s.oid(2), s.oid(3))).containsExactly(
                new OID("1.3.6.1.9.1"), new OID("1.3.6.1.9.1.5"), new OID("1.3.6.1.9.2"), new OID("1.3.6.1.9.10"));
            assertThat(s.value(3)).isEqualTo(new Integer32(10));
        }

        @Test
        void skipsCommentsAndBlankLinesAndAcceptsALeadingDot() throws IOException {
            MibSnapshot s = read("""
                # recorded by hand

                .1.3.6.1.9.1|2|1
                   \t
                1.3.6.1.9.2|2|2
                """);
            assertThat(s.size()).isEqualTo(2);
            assertThat(s.get(new OID("1.3.6.1.9.1"))).isEqualTo(new Integer32(1));
        }

        @Test
        void acceptsTheLargestArc() throws IOException {
            MibSnapshot s = read("1.3.6.1.9.4294967295|2|1\n");
            assertThat(s.oid(0).get(5) & 0xFFFFFFFFL).isEqualTo(4294967295L);
        }

        @Test
        void anEmptyInputIsAnEmptySnapshot() throws IOException {
            assertThat(read("").size()).isZero();
            assertThat(read("# only a comment\n").size()).isZero();
        }
    }

    @Nested
    class Malformed {
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = ';', value = {
            // line; problem named in the message
            "1.3.6.1.9.1 2 5;                      expected OID|TYPE|VALUE, got '1.3.6.1.9.1 2 5'",
            "1.3.6.1.9.1|2;                        expected OID|TYPE|VALUE, got '1.3.6.1.9.1|2'",
            "iso.3.6.1|2|5;                        'iso.3.6.1' is not a numeric OID",
            "1.3..6|2|5;                           '1.3..6' is not a numeric OID",
            "|2|5;                                 '' is not a numeric OID",
            "1.3.6.1.9.4294967296|2|5;             OID arc 4294967296 is larger than 2^32-1",
            "1.3.6.1.9.1|3|5;                      unknown type tag '3'; known: 2, 4, 5, 6, 64, 65, 66, 67, 68, 70",
            "1.3.6.1.9.1|4xx|00;                   unknown type tag '4xx'",
            "1.3.6.1.9.1|2|five;                   bad value for type 2: 'five' is not an integer",
            "1.3.6.1.9.1|2|1.5;                    bad value for type 2: '1.5' is not an integer",
            "1.3.6.1.9.1|2|2147483648;             bad value for type 2: 2147483648 is outside -2147483648..2147483647",
            "1.3.6.1.9.1|65|4294967296;            bad value for type 65: 4294967296 is outside 0..4294967295",
            "1.3.6.1.9.1|65|-1;                    bad value for type 65: -1 is outside 0..4294967295",
            "1.3.6.1.9.1|66|4294967296;            bad value for type 66: 4294967296 is outside 0..4294967295",
            "1.3.6.1.9.1|67|-5;                    bad value for type 67: -5 is outside 0..4294967295",
            "1.3.6.1.9.1|70|18446744073709551616;  bad value for type 70: 18446744073709551616 is outside 0..2^64-1",
            "1.3.6.1.9.1|70|-1;                    bad value for type 70: -1 is outside 0..2^64-1",
            "1.3.6.1.9.1|4x|abc;                   bad value for type 4x: odd number of hex digits in 'abc'",
            "1.3.6.1.9.1|4x|zz;                    bad value for type 4x",
            "1.3.6.1.9.1|64|300.1.2.3;             bad value for type 64: '300.1.2.3' is not an IPv4 address",
            "1.3.6.1.9.1|64|192.0.2;               bad value for type 64: '192.0.2' is not an IPv4 address",
            "1.3.6.1.9.1|64|example.com;           bad value for type 64: 'example.com' is not an IPv4 address",
            "1.3.6.1.9.1|64x|0a0000;               bad value for type 64x: an IpAddress has 4 bytes, not 3",
            "1.3.6.1.9.1|6|1.3.six;                bad value for type 6: '1.3.six' is not a numeric OID",
            "1.3.6.1.9.1|2:numeric|rate=10;        type '2:numeric' uses an snmpsim variation module, which nplus does not run",
            "1.3.6.1.9.1|4:writecache|value=x;     type '4:writecache' uses an snmpsim variation module",
        })
        void namesFileLineAndProblem(String line, String problem) {
            // Two good lines and a comment first, so the line number counts every line of the file.
            String text = "1.3.6.1.1|2|1\n# comment\n1.3.6.1.2|2|2\n" + line + "\n1.3.6.1.3|2|3\n";
            assertThatThrownBy(() -> read(text))
                .isInstanceOfSatisfying(SnmprecException.class, e -> {
                    assertThat(e.file()).isEqualTo(FILE);
                    assertThat(e.line()).isEqualTo(4);
                    assertThat(e.getMessage()).startsWith(FILE + ":4: ").contains(problem);
                });
        }

        @Test
        void duplicateOidNamesTheFirstLine() {
            String text = """
                1.3.6.1.9.1|2|1
                1.3.6.1.9.2|2|2
                .1.3.6.1.9.1|2|3
                """;
            assertThatThrownBy(() -> read(text))
                .isInstanceOf(SnmprecException.class)
                .hasMessage(FILE + ":3: duplicate OID .1.3.6.1.9.1 (first at line 1)");
        }

        @Test
        void longLinesAreAbbreviatedInTheMessage() {
            String junk = "x".repeat(200);
            assertThatThrownBy(() -> read(junk + "\n"))
                .isInstanceOf(SnmprecException.class)
                .hasMessageContaining("got '" + "x".repeat(57) + "...'")
                .hasMessageNotContaining("x".repeat(61));
        }

        @Test
        void aFileOnDiskIsNamedByItsPath(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
            java.nio.file.Path f = dir.resolve("broken.snmprec");
            java.nio.file.Files.writeString(f, "1.3.6.1.9.1|2|1\n1.3.6.1.9.2|99|1\n");
            assertThatThrownBy(() -> Snmprec.read(f))
                .isInstanceOf(SnmprecException.class)
                .hasMessageStartingWith(f + ":2: unknown type tag '99'");
        }
    }

    @Nested
    class RoundTrip {
        static MibSnapshot roundTrip(MibSnapshot s) throws IOException {
            StringWriter out = new StringWriter();
            Snmprec.write(s, out);
            return read(out.toString());
        }

        @Test
        void writeThenReadGivesTheSameSnapshotForEveryType() throws IOException {
            MibSnapshot s = Snmprec.read(TestData.special("all-types"));
            MibSnapshot again = roundTrip(s);
            assertThat(again.toMap()).isEqualTo(s.toMap());
            for (int i = 0; i < s.size(); i++) {
                assertThat(again.value(i).getSyntax()).as("syntax of %s", s.oid(i)).isEqualTo(s.value(i).getSyntax());
            }
        }

        @Test
        void timeTicksAreWrittenAsANumber() throws IOException {
            // SNMP4J's TimeTicks.toString() is "0:20:34.56", which the reader rightly rejects.
            StringWriter out = new StringWriter();
            Snmprec.write(MibSnapshot.of(Map.of(new OID("1.3.6.1.2.1.1.3.0"), new TimeTicks(123456))), out);
            assertThat(out).hasToString("1.3.6.1.2.1.1.3.0|67|123456\n");
        }

        @Test
        void textThatIsNotPrintableIsWrittenAsHex() throws IOException {
            MibSnapshot s = MibSnapshot.of(Map.of(
                new OID("1.3.6.1.9.1"), new OctetString("plain text"),
                new OID("1.3.6.1.9.2"), new OctetString(hex("00ff")),
                new OID("1.3.6.1.9.3"), new OctetString("two\nlines"),
                new OID("1.3.6.1.9.4"), new Null()));
            StringWriter out = new StringWriter();
            Snmprec.write(s, out);
            assertThat(out.toString()).isEqualTo("""
                1.3.6.1.9.1|4|plain text
                1.3.6.1.9.2|4x|00ff
                1.3.6.1.9.3|4x|74776f0a6c696e6573
                1.3.6.1.9.4|5|
                """);
            assertThat(roundTrip(s).toMap()).isEqualTo(s.toMap());
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.nplus.mibs.testdata.TestData#walkNames")
        void everyRealWalkSurvivesARoundTrip(String walk) throws IOException {
            MibSnapshot s = TestData.read(walk);
            MibSnapshot again = roundTrip(s);
            assertThat(again.size()).isEqualTo(s.size());
            for (int i = 0; i < s.size(); i++) {
                assertThat(again.oid(i)).isEqualTo(s.oid(i));
                assertThat(again.value(i).getSyntax()).isEqualTo(s.value(i).getSyntax());
                assertThat(again.value(i)).as("%s", s.oid(i)).isEqualTo(s.value(i));
            }
        }
    }

    @Nested
    class Snapshot {
        // 1.3.6.1.9.1.1, .1.2, .2.1, .10.1; lookups below land between and around them.
        private final MibSnapshot s = MibSnapshot.of(Map.of(
            new OID("1.3.6.1.9.2.1"), new Integer32(21),
            new OID("1.3.6.1.9.1.1"), new Integer32(11),
            new OID("1.3.6.1.9.10.1"), new Integer32(101),
            new OID("1.3.6.1.9.1.2"), new Integer32(12)));

        @Test
        void getAnswersExactOidsOnly() {
            assertThat(s.get(new OID("1.3.6.1.9.1.2"))).isEqualTo(new Integer32(12));
            assertThat(s.get(new OID("1.3.6.1.9.1"))).isNull();
            assertThat(s.get(new OID("1.3.6.1.9.1.2.0"))).isNull();
        }

        @Test
        void higherIsGetNext() {
            assertThat(s.higher(new OID("1.3.6.1.9.1.1"))).isEqualTo(1);
            assertThat(s.higher(new OID("1.3.6.1.9.1"))).isEqualTo(0);
            assertThat(s.higher(new OID("1.3.6.1.9.1.2"))).isEqualTo(2);
            assertThat(s.higher(new OID("1.3.6.1.9.3"))).isEqualTo(3);
            assertThat(s.higher(new OID("1.3.6.1.9.10.1"))).isEqualTo(s.size());
            assertThat(s.higher(new OID("1.3.6.1.9.11"))).isEqualTo(s.size());
        }

        @Test
        void ceilingIncludesTheOidItself() {
            assertThat(s.ceiling(new OID("1.3.6.1.9.1.1"))).isEqualTo(0);
            assertThat(s.ceiling(new OID("1.3.6.1.9.1.3"))).isEqualTo(2);
            assertThat(s.ceiling(new OID("1.3.6.1.9.2.1"))).isEqualTo(2);
            assertThat(s.ceiling(new OID("1.3.6.1.9.99"))).isEqualTo(s.size());
        }

        @Test
        void hasUnderExcludesThePrefixItself() {
            assertThat(s.hasUnder(new OID("1.3.6.1.9.1"))).isTrue();
            assertThat(s.hasUnder(new OID("1.3.6.1.9.10"))).isTrue();
            assertThat(s.hasUnder(new OID("1.3.6.1.9.1.1"))).isFalse();
            assertThat(s.hasUnder(new OID("1.3.6.1.9.3"))).isFalse();
            // 1.3.6.1.9.1 is a prefix of .1.x but not of .10.x: arcs, not characters
            assertThat(s.hasUnder(new OID("1.3.6.1.9.10.1"))).isFalse();
        }

        @Test
        void endOfSubtreeIsThePositionAfterTheLastOidUnderThePrefix() {
            assertThat(s.endOfSubtree(new OID("1.3.6.1.9.1"), 0)).isEqualTo(2);
            assertThat(s.endOfSubtree(new OID("1.3.6.1.9.2"), 0)).isEqualTo(3);
            assertThat(s.endOfSubtree(new OID("1.3.6.1.9"), 0)).isEqualTo(4);
            assertThat(s.endOfSubtree(new OID("1.3.6.1.9.1"), 1)).isEqualTo(2);
            // an empty subtree ends where it would begin
            assertThat(s.endOfSubtree(new OID("1.3.6.1.9.3"), 0)).isEqualTo(3);
            assertThat(s.endOfSubtree(new OID("1.3.6.1.8"), 0)).isEqualTo(0);
        }

        @Test
        void withAddsAndReplacesWithoutChangingTheOriginal() {
            MibSnapshot changed = s.with(Map.of(new OID("1.3.6.1.9.1.1"), new Integer32(0),
                new OID("1.3.6.1.9.0"), new Integer32(-1)));
            assertThat(changed.size()).isEqualTo(5);
            assertThat(changed.oid(0)).isEqualTo(new OID("1.3.6.1.9.0"));
            assertThat(changed.get(new OID("1.3.6.1.9.1.1"))).isEqualTo(new Integer32(0));
            assertThat(s.get(new OID("1.3.6.1.9.1.1"))).isEqualTo(new Integer32(11));
            assertThat(s.size()).isEqualTo(4);
        }

        @Test
        void theEmptySnapshotAnswersNothing() {
            MibSnapshot e = MibSnapshot.empty();
            assertThat(e.size()).isZero();
            assertThat(e.get(new OID("1.3"))).isNull();
            assertThat(e.higher(new OID("1.3"))).isZero();
            assertThat(e.hasUnder(new OID("1.3"))).isFalse();
        }
    }
}
