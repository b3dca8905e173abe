package io.nplus.mibs.trap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;

/**
 * Varbinds written as net-snmp's snmptrap takes them on its command line, "OID TYPE VALUE", and encoded with the
 * SNMP types snmptrap sends for each type letter (snmpcmd(1) "SETTING VALUES"): i INTEGER, u Unsigned32 (Gauge32),
 * c Counter32, C Counter64, t TimeTicks, a IpAddress, o OBJECT IDENTIFIER, s OCTET STRING, x hex octets, n NULL and
 * b BITS (the listed bit numbers set, bit 0 the high bit of the first octet, as many octets as the highest bit needs).
 *
 * <pre>{@code
 * List<VariableBinding> payload = Snmptrap.varbinds("1.3.6.1.2.1.2.2.1.1.3 i 3", "1.3.6.1.2.1.2.2.1.8.3 i 2");
 * }</pre>
 */
final class Snmptrap {
    private Snmptrap() {
    }

    static List<VariableBinding> varbinds(String... args) {
        return varbinds(List.of(args));
    }

    static List<VariableBinding> varbinds(List<String> args) {
        List<VariableBinding> out = new ArrayList<>();
        for (String a : args) {
            out.add(varbind(a));
        }
        return out;
    }

    /** One "OID TYPE VALUE"; the value is the rest of the line (a string may hold blanks). */
    static VariableBinding varbind(String arg) {
        String[] p = arg.strip().split(" ", 3);
        if (p.length < 2 || p[1].length() != 1) {
            throw new IllegalArgumentException("varbind '" + arg + "': expected 'OID TYPE VALUE' as snmptrap takes it");
        }
        String value = p.length > 2 ? p[2] : "";
        return new VariableBinding(new OID(p[0]), value(p[1].charAt(0), value, arg));
    }

    private static Variable value(char type, String v, String arg) {
        return switch (type) {
            case 'i' -> new Integer32(Integer.parseInt(v));
            case 'u' -> new Gauge32(Long.parseLong(v));
            case 'c' -> new Counter32(Long.parseLong(v));
            case 'C' -> new Counter64(Long.parseUnsignedLong(v));
            case 't' -> new TimeTicks(Long.parseLong(v));
            case 'a' -> new IpAddress(v);
            case 'o' -> new OID(v);
            case 's' -> new OctetString(v.getBytes(StandardCharsets.UTF_8));
            case 'x' -> new OctetString(HexFormat.of().parseHex(v.replace(" ", "")));
            case 'n' -> Null.instance;
            case 'b' -> bits(v);
            default -> throw new IllegalArgumentException("varbind '" + arg + "': unknown snmptrap type '" + type + "'");
        };
    }

    private static OctetString bits(String v) {
        List<Integer> set = new ArrayList<>();
        for (String s : v.split("[ ,]+")) {
            if (!s.isEmpty()) {
                set.add(Integer.parseInt(s));
            }
        }
        int max = set.stream().mapToInt(Integer::intValue).max().orElse(-1);
        byte[] octets = new byte[max < 0 ? 1 : max / 8 + 1];
        for (int b : set) {
            octets[b / 8] |= (byte) (0x80 >> (b % 8));
        }
        return new OctetString(octets);
    }
}
