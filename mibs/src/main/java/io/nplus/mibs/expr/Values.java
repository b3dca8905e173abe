package io.nplus.mibs.expr;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.snmp4j.smi.AssignableFromLong;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.Variable;

/** Turns SNMP values into expression values, and expression values into text. */
public final class Values {
    private Values() {
    }

    /**
     * The expression value of a variable: numbers as Double (Counter64 read unsigned), an enumerated INTEGER as
     * its word (or the number as text when the MIB has no word for it), strings trimmed of surrounding blanks and
     * NULs, OIDs and addresses dotted, exception values (noSuchObject, endOfMibView) and NULL absent.
     */
    public static Object of(Variable v, ColumnDef column) {
        if (v == null || v.isException() || v.getSyntax() == SMIConstants.SYNTAX_NULL) {
            return null;
        }
        if (column != null && column.isEnum()) {
            String key = v instanceof Integer32 i ? intKey(i.getValue())
                : v instanceof OID o ? o.toDottedString() : null;
            if (key != null) {
                String word = column.states().get(key);
                return word != null ? word : key;
            }
        }
        return of(v);
    }

    /** Enumeration values as text, the common ones made once. */
    private static final String[] SMALL_INTS = java.util.stream.IntStream.range(0, 256).mapToObj(Integer::toString)
        .toArray(String[]::new);

    private static String intKey(int i) {
        return i >= 0 && i < SMALL_INTS.length ? SMALL_INTS[i] : Integer.toString(i);
    }

    public static Object of(Variable v) {
        if (v == null || v.isException() || v.getSyntax() == SMIConstants.SYNTAX_NULL) {
            return null;
        }
        switch (v.getSyntax()) {
            case SMIConstants.SYNTAX_INTEGER:
                return (double) ((Integer32) v).getValue();
            case SMIConstants.SYNTAX_COUNTER64:
                return unsignedToDouble(((Counter64) v).getValue());
            case SMIConstants.SYNTAX_COUNTER32:
            case SMIConstants.SYNTAX_GAUGE32:
            case SMIConstants.SYNTAX_TIMETICKS:
                return (double) v.toLong();
            case SMIConstants.SYNTAX_OCTET_STRING:
                return text(((OctetString) v).getValue());
            case SMIConstants.SYNTAX_OPAQUE:
                return HexFormat.ofDelimiter(":").formatHex(((OctetString) v).getValue());
            case SMIConstants.SYNTAX_OBJECT_IDENTIFIER:
                return ((OID) v).toDottedString();
            case SMIConstants.SYNTAX_IPADDRESS:
                return ((IpAddress) v).getInetAddress().getHostAddress();
            default:
                return v instanceof AssignableFromLong ? (double) v.toLong() : v.toString();
        }
    }

    /** The raw number of an INTEGER/counter/gauge, ignoring any enumeration; null for other types. */
    public static Double number(Variable v) {
        if (v == null || v.isException()) {
            return null;
        }
        Object o = of(v);
        return o instanceof Double d ? d : null;
    }

    public static double unsignedToDouble(long value) {
        return value >= 0 ? value : (double) (value >>> 1) * 2.0 + (value & 1);
    }

    /**
     * Octets as text when they are printable UTF-8, trimmed of blanks and trailing NULs (agents differ: snmpsim
     * strips trailing spaces, some firmware NUL-terminates); otherwise colon-separated hex ("00:1b:21:bb:e6:f0").
     */
    public static String text(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == 0) {
            end--;
        }
        String s = new String(bytes, 0, end, StandardCharsets.UTF_8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f || c == '\uFFFD') {
                return HexFormat.ofDelimiter(":").formatHex(bytes);
            }
        }
        return s.strip();
    }

    /** Numbers without a trailing ".0" and with at most six significant digits; everything else as is. */
    public static String format(Object value) {
        if (value instanceof Double d) {
            return formatNumber(d);
        }
        return String.valueOf(value);
    }

    public static String formatNumber(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.toString(d);
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return new BigDecimal(d).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    static String typeName(Object v) {
        if (v == null) {
            return "absent";
        }
        if (v instanceof Double) {
            return "number";
        }
        if (v instanceof String) {
            return "text";
        }
        return "boolean";
    }
}
