package io.nplus.mibs.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
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

/**
 * Reads and writes snmpsim's recording format: one {@code OID|TYPE|VALUE} per line, TYPE the BER tag of the
 * value (2 Integer32, 4 OCTET STRING, 5 NULL, 6 OID, 64 IpAddress, 65 Counter32, 66 Gauge32, 67 TimeTicks,
 * 68 Opaque, 70 Counter64), with an {@code x} suffix when VALUE is hex (as in {@code 4x|001B21BBE6F0}).
 *
 * <p>Every problem is reported with the file and line; nothing is skipped in silence.
 */
public final class Snmprec {
    private static final BigInteger MAX_U64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final String KNOWN_TAGS = "2, 4, 5, 6, 64, 65, 66, 67, 68, 70 (with an x suffix for hex values)";

    private Snmprec() {
    }

    public static MibSnapshot read(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.toString());
        }
    }

    public static MibSnapshot read(BufferedReader in, String name) throws IOException {
        TreeMap<OID, Variable> bindings = new TreeMap<>();
        Map<OID, Integer> firstLine = new HashMap<>();
        String text;
        int lineNo = 0;
        while ((text = in.readLine()) != null) {
            lineNo++;
            if (text.isBlank() || text.startsWith("#")) {
                continue;
            }
            int bar1 = text.indexOf('|');
            int bar2 = bar1 < 0 ? -1 : text.indexOf('|', bar1 + 1);
            if (bar2 < 0) {
                throw new SnmprecException(name, lineNo, "expected OID|TYPE|VALUE, got '" + abbreviate(text) + "'");
            }
            String oidText = text.substring(0, bar1).trim();
            String tag = text.substring(bar1 + 1, bar2).trim();
            String value = text.substring(bar2 + 1);
            OID oid = parseOid(oidText, name, lineNo);
            Variable variable = parseValue(tag, value, name, lineNo);
            Integer earlier = firstLine.putIfAbsent(oid, lineNo);
            if (earlier != null) {
                throw new SnmprecException(name, lineNo, "duplicate OID " + oidText + " (first at line " + earlier + ")");
            }
            bindings.put(oid, variable);
        }
        return MibSnapshot.of(bindings);
    }

    private static OID parseOid(String text, String name, int line) throws SnmprecException {
        String t = text.startsWith(".") ? text.substring(1) : text;
        if (t.isEmpty() || !t.matches("\\d+(\\.\\d+)*")) {
            throw new SnmprecException(name, line, "'" + abbreviate(text) + "' is not a numeric OID");
        }
        String[] parts = t.split("\\.");
        int[] arcs = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            long arc = Long.parseLong(parts[i]);
            if (arc > 0xFFFFFFFFL) {
                throw new SnmprecException(name, line, "OID arc " + parts[i] + " is larger than 2^32-1");
            }
            arcs[i] = (int) arc;
        }
        return new OID(arcs);
    }

    static Variable parseValue(String tag, String value, String name, int line) throws SnmprecException {
        if (tag.contains(":")) {
            throw new SnmprecException(name, line, "type '" + tag + "' uses an snmpsim variation module, which nplus does not run;"
                    + " record the plain value instead");
        }
        boolean hex = tag.endsWith("x");
        String base = hex ? tag.substring(0, tag.length() - 1) : tag;
        try {
            switch (base) {
                case "2":
                    return new Integer32(Math.toIntExact(parseLong(value, hex, Integer.MIN_VALUE, Integer.MAX_VALUE)));
                case "4":
                    return new OctetString(bytes(value, hex));
                case "5":
                    return new Null();
                case "6": {
                    String t = (hex ? new String(bytes(value, true), StandardCharsets.US_ASCII) : value).trim();
                    t = t.startsWith(".") ? t.substring(1) : t;
                    if (t.isEmpty()) {
                        return new OID("0.0"); // zeroDotZero: the conventional "no OID"
                    }
                    if (!t.matches("\\d+(\\.\\d+)*")) {
                        throw new IllegalArgumentException("'" + abbreviate(t) + "' is not a numeric OID");
                    }
                    return new OID(t);
                }
                case "64":
                    return new IpAddress(hex ? ipBytes(bytes(value, true)) : ipBytes(value.trim()));
                case "65":
                    return new Counter32(parseLong(value, hex, 0, 0xFFFFFFFFL));
                case "66":
                    return new Gauge32(parseLong(value, hex, 0, 0xFFFFFFFFL));
                case "67":
                    return new TimeTicks(parseLong(value, hex, 0, 0xFFFFFFFFL));
                case "68":
                    return new Opaque(bytes(value, hex));
                case "70":
                    return new Counter64(parseUnsigned64(value, hex));
                default:
                    throw new SnmprecException(name, line, "unknown type tag '" + tag + "'; known: " + KNOWN_TAGS);
            }
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new SnmprecException(name, line, "bad value for type " + tag + ": " + e.getMessage());
        }
    }

    private static byte[] ipBytes(byte[] b) {
        if (b.length != 4) {
            throw new IllegalArgumentException("an IpAddress has 4 bytes, not " + b.length);
        }
        return b;
    }

    /** Parses a dotted quad without InetAddress, which would try DNS on anything else. */
    private static byte[] ipBytes(String dotted) {
        String[] parts = dotted.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("'" + abbreviate(dotted) + "' is not an IPv4 address");
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!parts[i].matches("\\d{1,3}") || Integer.parseInt(parts[i]) > 255) {
                throw new IllegalArgumentException("'" + abbreviate(dotted) + "' is not an IPv4 address");
            }
            b[i] = (byte) Integer.parseInt(parts[i]);
        }
        return b;
    }

    private static byte[] bytes(String value, boolean hex) {
        if (!hex) {
            return value.getBytes(StandardCharsets.UTF_8);
        }
        String h = value.trim();
        if (h.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits in '" + abbreviate(h) + "'");
        }
        return HexFormat.of().parseHex(h);
    }

    private static long parseLong(String value, boolean hex, long min, long max) {
        String t = value.trim();
        long v;
        try {
            v = hex ? Long.parseUnsignedLong(t, 16) : Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + abbreviate(t) + "' is not an integer");
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException(t + " is outside " + min + ".." + max);
        }
        return v;
    }

    private static long parseUnsigned64(String value, boolean hex) {
        String t = value.trim();
        BigInteger v;
        try {
            v = new BigInteger(t, hex ? 16 : 10);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + abbreviate(t) + "' is not an integer");
        }
        if (v.signum() < 0 || v.compareTo(MAX_U64) > 0) {
            throw new IllegalArgumentException(t + " is outside 0..2^64-1");
        }
        return v.longValue();
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    /** Writes a snapshot in the same format; strings that are not printable text are written as hex. */
    public static void write(MibSnapshot snapshot, Writer out) throws IOException {
        for (int i = 0; i < snapshot.size(); i++) {
            out.write(snapshot.oid(i).toDottedString());
            out.write('|');
            out.write(format(snapshot.value(i)));
            out.write('\n');
        }
    }

    static String format(Variable v) {
        int syntax = v.getSyntax();
        switch (syntax) {
            case SMIConstants.SYNTAX_OCTET_STRING: {
                OctetString s = (OctetString) v;
                return isPlainText(s.getValue()) ? "4|" + new String(s.getValue(), StandardCharsets.UTF_8)
                        : "4x|" + HexFormat.of().formatHex(s.getValue());
            }
            case SMIConstants.SYNTAX_OPAQUE:
                return "68x|" + HexFormat.of().formatHex(((OctetString) v).getValue());
            case SMIConstants.SYNTAX_COUNTER64:
                return "70|" + Long.toUnsignedString(((Counter64) v).getValue());
            case SMIConstants.SYNTAX_TIMETICKS:
                return "67|" + v.toLong(); // TimeTicks.toString() is "1 day, 17:49:35.84", which read() rejects
            case SMIConstants.SYNTAX_NULL:
                return "5|";
            default:
                return syntax + "|" + v;
        }
    }

    private static boolean isPlainText(byte[] b) {
        String s = new String(b, StandardCharsets.UTF_8);
        if (!java.util.Arrays.equals(s.getBytes(StandardCharsets.UTF_8), b)) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\n' || c == '\r') {
                return false;
            }
        }
        return true;
    }
}
