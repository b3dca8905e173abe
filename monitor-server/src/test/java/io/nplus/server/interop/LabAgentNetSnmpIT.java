package io.nplus.server.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.nplus.mibs.data.MibSnapshot;
import io.nplus.mibs.data.Snmprec;
import io.nplus.mibs.testdata.TestData;
import io.nplus.snmp.lab.LabAgent;
import io.nplus.snmp.lab.LabDevice;
import io.nplus.snmp.lab.LabWalks;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.Variable;

/**
 * Issue 2: the lab agent speaks SNMP the way net-snmp's tools expect. Every walk it serves, read back with
 * {@code snmpbulkwalk} (GETBULK) and {@code snmpwalk} (GETNEXT), is exactly the .snmprec file: the same OIDs
 * in OID order, each with the same type and value. Also over SNMPv1 (Counter64 skipped, RFC 3584) and SNMPv3
 * authPriv; noSuchInstance versus noSuchObject on GET; silence for an unknown community.
 *
 * <p>net-snmp runs with {@code -m ''}, {@code -On} (numeric OIDs) and {@code -Ox} (every string in hex), so
 * each varbind prints as {@code .OID = TYPE: value} with nothing left to interpretation; the file's values are
 * rendered the same way ({@link #render}) and the two lists compared line by line.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LabAgentNetSnmpIT {
    private static final String ALL_TYPES = "all-types";
    private static final Duration TOOL_LIMIT = Duration.ofSeconds(90);
    /** A varbind line of net-snmp with -On: ".1.3.6.1.2.1.1.5.0 = STRING: ..."; hex strings continue on more lines. */
    private static final Pattern VARBIND = Pattern.compile("^(\\.\\d+(?:\\.\\d+)*) = (.*)$");
    private static final Pattern TIMETICKS = Pattern.compile("^Timeticks: \\((\\d+)\\) .*$");
    private static final String END_OF_MIB_VIEW =
        "No more variables left in this MIB View (It is past the end of the MIB tree)";
    private static final String NO_SUCH_INSTANCE = "No Such Instance currently exists at this OID";
    private static final String NO_SUCH_OBJECT = "No Such Object available on this agent at this OID";

    @TempDir
    static Path tmp;
    private static LabAgent agent;
    private static Map<String, String> env;

    @BeforeAll
    static void startLab() throws IOException {
        Tool.SNMPWALK.path();
        Tool.SNMPBULKWALK.path();
        Tool.SNMPGET.path();
        Map<String, LabDevice> devices = new LinkedHashMap<>(LabWalks.load(TestData.walks()));
        devices.putAll(LabWalks.load(TestData.special(ALL_TYPES).getParent()));
        agent = LabAgent.start(LabAgent.Options.loopback(0), devices);
        env = Tool.netSnmpEnvironment(tmp);
    }

    @AfterAll
    static void stopLab() throws IOException {
        if (agent != null) {
            agent.close();
        }
    }

    /** Every corpus walk and the synthetic one with every type. */
    static Stream<String> walks() {
        return Stream.concat(TestData.walkNames().stream(), Stream.of(ALL_TYPES));
    }

    @Test
    void servedWalksHoldEveryTypeOfTheFormat() throws IOException {
        Set<String> tags = new TreeSet<>();
        for (String walk : walks().toList()) {
            for (String line : Files.readAllLines(file(walk), StandardCharsets.UTF_8)) {
                String[] parts = line.split("\\|", 3);
                if (parts.length == 3) {
                    tags.add(parts[1]);
                }
            }
        }
        assertThat(tags).as("type tags in the walks served").containsAll(
            List.of("2", "4", "4x", "5", "6", "64", "65", "66", "67", "68x", "70"));
    }

    @ParameterizedTest
    @MethodSource("walks")
    void bulkWalkReturnsExactlyTheFile(String walk) throws Exception {
        Tool.Run run = Tool.SNMPBULKWALK.run(TOOL_LIMIT, env, "-m", "", "-v2c", "-c", walk, "-On", "-Ox",
            "-t", "3", "-r", "1", "-Cr25", address(), ".1");
        assertSameBindings(run, withoutEndOfMibView(run, varbinds(run)), expected(snapshot(walk), false));
    }

    @ParameterizedTest
    @MethodSource("walks")
    void getNextWalkReturnsExactlyTheFile(String walk) throws Exception {
        Tool.Run run = Tool.SNMPWALK.run(TOOL_LIMIT, env, "-m", "", "-v2c", "-c", walk, "-On", "-Ox",
            "-t", "3", "-r", "1", address(), ".1");
        assertSameBindings(run, withoutEndOfMibView(run, varbinds(run)), expected(snapshot(walk), false));
    }

    /** SNMPv1 has no Counter64: GETNEXT steps over those values (RFC 3584 §4.2.2.1), everything else is there. */
    @ParameterizedTest
    @ValueSource(strings = {ALL_TYPES, "junos_qfx5130-32cd-evo"})
    void v1WalkSkipsCounter64AndReturnsEverythingElse(String walk) throws Exception {
        Tool.Run run = Tool.SNMPWALK.run(TOOL_LIMIT, env, "-m", "", "-v1", "-c", walk, "-On", "-Ox",
            "-t", "3", "-r", "1", address(), ".1");
        List<String> walked = varbinds(run);
        assertThat(walked).as("the walk ends with noSuchName past the last OID\n%s", run.describe()).isNotEmpty()
            .endsWith("End of MIB");
        List<String> expected = expected(snapshot(walk), true);
        assertThat(expected.size()).as("the walk holds Counter64 values to skip").isLessThan(snapshot(walk).size());
        assertSameBindings(run, walked.subList(0, walked.size() - 1), expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {ALL_TYPES, "dnos_z9100-on"})
    void v3AuthPrivWalkReturnsExactlyTheFile(String walk) throws Exception {
        Tool.Run run = Tool.SNMPBULKWALK.run(TOOL_LIMIT, env, "-m", "", "-v3", "-l", "authPriv", "-u", "simulator",
            "-a", "SHA-256", "-A", "auctoritas", "-x", "AES", "-X", "privatus", "-n", walk, "-On", "-Ox",
            "-t", "3", "-r", "1", "-Cr25", address(), ".1");
        assertSameBindings(run, withoutEndOfMibView(run, varbinds(run)), expected(snapshot(walk), false));
    }

    /** RFC 3416 §4.2.1: noSuchInstance when the object exists but not this instance, noSuchObject otherwise. */
    @Test
    void getOfMissingInstanceIsNoSuchInstanceAndOfMissingObjectNoSuchObject() throws Exception {
        MibSnapshot data = snapshot(ALL_TYPES);
        Tool.Run run = Tool.SNMPGET.run(TOOL_LIMIT, env, "-m", "", "-v2c", "-c", ALL_TYPES, "-On", "-Ox",
            "-t", "3", "-r", "1", address(),
            ".1.3.6.1.2.1.1.5.0",          // sysName.0: there
            ".1.3.6.1.2.1.1.5.1",          // sysName.1: the object exists, this instance does not
            ".1.3.6.1.4.1.99999.2.1.2.3",  // a column with rows 1 and 2, row 3 asked
            ".1.3.6.1.4.1.99999.1.99.0",   // no such object
            ".1.3.6.1.4.1.99998.1.0");     // nothing near it at all
        assertThat(run.exit()).as(run.describe()).isZero();
        assertThat(varbinds(run)).as(run.describe()).containsExactly(
            ".1.3.6.1.2.1.1.5.0 = " + render(data.get(new OID("1.3.6.1.2.1.1.5.0"))),
            ".1.3.6.1.2.1.1.5.1 = " + NO_SUCH_INSTANCE,
            ".1.3.6.1.4.1.99999.2.1.2.3 = " + NO_SUCH_INSTANCE,
            ".1.3.6.1.4.1.99999.1.99.0 = " + NO_SUCH_OBJECT,
            ".1.3.6.1.4.1.99998.1.0 = " + NO_SUCH_OBJECT);
    }

    /** As on snmpsim, a community that names no walk gets no answer at all: the manager times out. */
    @Test
    void unknownCommunityGetsNoAnswer() throws Exception {
        long droppedBefore = agent.requestsDropped();
        Tool.Run run = Tool.SNMPGET.run(TOOL_LIMIT, env, "-m", "", "-v2c", "-c", "no-such-walk", "-On",
            "-t", "1", "-r", "0", address(), ".1.3.6.1.2.1.1.2.0");
        assertThat(run.exit()).as(run.describe()).isNotZero();
        assertThat(run.out()).as(run.describe()).isEmpty();
        assertThat(run.err()).as(run.describe()).contains("Timeout: No Response from " + address());
        assertThat(agent.requestsDropped()).isGreaterThan(droppedBefore);
    }

    private static String address() {
        return "127.0.0.1:" + agent.port();
    }

    private static Path file(String walk) {
        return ALL_TYPES.equals(walk) ? TestData.special(walk) : TestData.walk(walk);
    }

    /** The file parsed again, independently of what the agent loaded. */
    private static MibSnapshot snapshot(String walk) throws IOException {
        return Snmprec.read(file(walk));
    }

    /** The file's bindings as net-snmp prints them; without Counter64 values for SNMPv1. */
    private static List<String> expected(MibSnapshot data, boolean v1) {
        List<String> out = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            if (v1 && data.value(i) instanceof Counter64) {
                continue;
            }
            out.add("." + data.oid(i).toDottedString() + " = " + render(data.value(i)));
        }
        return out;
    }

    /** A value the way net-snmp prints it with -On -Ox and no MIBs, whitespace collapsed. */
    static String render(Variable v) {
        switch (v.getSyntax()) {
            case SMIConstants.SYNTAX_INTEGER:
                return "INTEGER: " + v.toInt();
            case SMIConstants.SYNTAX_OCTET_STRING: {
                byte[] b = ((OctetString) v).getValue();
                return b.length == 0 ? "\"\"" : "Hex-STRING: " + spacedHex(b);
            }
            case SMIConstants.SYNTAX_NULL:
                return "NULL";
            case SMIConstants.SYNTAX_OBJECT_IDENTIFIER:
                return "OID: ." + ((OID) v).toDottedString();
            case SMIConstants.SYNTAX_IPADDRESS: {
                byte[] b = ((org.snmp4j.smi.IpAddress) v).toByteArray();
                return "IpAddress: " + (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
            }
            case SMIConstants.SYNTAX_COUNTER32:
                return "Counter32: " + v.toLong();
            case SMIConstants.SYNTAX_GAUGE32:
                return "Gauge32: " + v.toLong();
            case SMIConstants.SYNTAX_TIMETICKS:
                return "Timeticks: (" + v.toLong() + ")";
            case SMIConstants.SYNTAX_OPAQUE:
                return opaque(((OctetString) v).getValue());
            case SMIConstants.SYNTAX_COUNTER64:
                return "Counter64: " + Long.toUnsignedString(((Counter64) v).getValue());
            default:
                throw new IllegalArgumentException("no net-snmp rendering for syntax " + v.getSyntaxString());
        }
    }

    /**
     * net-snmp decodes the Opaque-wrapped float and double of the net-snmp extension (RFC draft "opaque
     * special types": tag 0x9f78 float, 0x9f79 double) and prints other Opaque values as hex.
     */
    private static String opaque(byte[] b) {
        if (b.length == 7 && (b[0] & 0xff) == 0x9f && b[1] == 0x78 && b[2] == 4) {
            return "Opaque: Float: " + String.format(Locale.ROOT, "%f", ByteBuffer.wrap(b, 3, 4).getFloat());
        }
        if (b.length == 11 && (b[0] & 0xff) == 0x9f && b[1] == 0x79 && b[2] == 8) {
            return "Opaque: Double: " + String.format(Locale.ROOT, "%f", ByteBuffer.wrap(b, 3, 8).getDouble());
        }
        return "OPAQUE: " + spacedHex(b);
    }

    private static String spacedHex(byte[] b) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(b);
    }

    /**
     * The varbinds net-snmp printed, one string each: ".OID = value", continuation lines of long hex strings
     * joined, whitespace collapsed, Timeticks reduced to the number (the human-readable duration after it is
     * net-snmp's arithmetic, not the agent's). A line that is none of these stays as it is, to fail the comparison.
     */
    static List<String> varbinds(Tool.Run run) {
        List<String> out = new ArrayList<>();
        StringBuilder current = null;
        for (String line : run.out().split("\n", -1)) {
            Matcher m = VARBIND.matcher(line);
            if (m.matches()) {
                flush(current, out);
                current = new StringBuilder(m.group(1)).append(" = ").append(m.group(2));
            } else if (line.equals("End of MIB")) {
                flush(current, out);
                current = null;
                out.add(line);
            } else if (!line.isBlank() && current != null && line.matches("[0-9A-F ]+")) {
                current.append(' ').append(line);
            } else if (!line.isBlank()) {
                flush(current, out);
                current = null;
                out.add(line);
            }
        }
        flush(current, out);
        return out;
    }

    private static void flush(StringBuilder varbind, List<String> out) {
        if (varbind == null) {
            return;
        }
        String s = varbind.toString().replaceAll("\\s+", " ").trim();
        int eq = s.indexOf(" = ");
        Matcher t = TIMETICKS.matcher(s.substring(eq + 3));
        out.add(t.matches() ? s.substring(0, eq) + " = Timeticks: (" + t.group(1) + ")" : s);
    }

    /**
     * A v2c/v3 walk of the whole tree ends when the agent answers endOfMibView, which net-snmp prints under the
     * last OID; that line must be there, and is not a binding of the file.
     */
    private static List<String> withoutEndOfMibView(Tool.Run run, List<String> walked) {
        assertThat(walked).as("the walk ends with endOfMibView\n%s", run.describe()).isNotEmpty();
        assertThat(walked.get(walked.size() - 1)).as(run.describe()).endsWith(" = " + END_OF_MIB_VIEW);
        return walked.subList(0, walked.size() - 1);
    }

    /** Same bindings in the same order; a failure names the first difference instead of printing 10,000 lines. */
    private static void assertSameBindings(Tool.Run run, List<String> walked, List<String> expected) {
        assertThat(run.exit()).as(run.describe()).isZero();
        assertThat(run.err()).as(run.describe()).isEmpty();
        int n = Math.min(walked.size(), expected.size());
        int i = 0;
        while (i < n && walked.get(i).equals(expected.get(i))) {
            i++;
        }
        if (i < n || walked.size() != expected.size()) {
            fail(run.commandLine() + ": " + walked.size() + " varbinds walked, " + expected.size()
                + " in the file; first difference at #" + (i + 1) + ":\n  file:   "
                + (i < expected.size() ? expected.get(i) : "(end)") + "\n  walked: "
                + (i < walked.size() ? walked.get(i) : "(end)"));
        }
    }
}
