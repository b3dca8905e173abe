package io.nplus.snmp.lab.scenario;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.UnsignedInteger32;
import org.snmp4j.smi.Variable;

/** Values written in a scenario, turned into the SNMP type the walk gives the OID (a set keeps the walk's type). */
final class ScenarioValues {
    private static final BigInteger MAX_U32 = BigInteger.valueOf(0xFFFFFFFFL);
    private static final BigInteger MAX_U64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private ScenarioValues() {
    }

    /** An OID as written ({@code 1.3.6.1...}, a leading dot allowed); IllegalArgumentException otherwise. */
    static OID oid(String text) {
        String t = text == null ? "" : text.trim();
        t = t.startsWith(".") ? t.substring(1) : t;
        if (!t.matches("\\d+(\\.\\d+)+")) {
            throw new IllegalArgumentException("'" + text + "' is not a numeric OID (write it like 1.3.6.1.2.1.1.3.0)");
        }
        return new OID(t);
    }

    /** {@code value} as the type of {@code like}; IllegalArgumentException naming the type and range otherwise. */
    static Variable convert(Object value, Variable like) {
        if (value == null) {
            throw new IllegalArgumentException("no value given");
        }
        String type = like.getSyntaxString();
        if (like instanceof OctetString) {
            if (value instanceof java.util.Map || value instanceof java.util.List) {
                throw new IllegalArgumentException("a text value is needed (the walk's type here is OCTET STRING)");
            }
            return new OctetString(String.valueOf(value));
        }
        if (like instanceof IpAddress) {
            String s = String.valueOf(value);
            if (!s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                throw new IllegalArgumentException("'" + s + "' is not an IPv4 address (the walk's type here is IpAddress)");
            }
            try {
                return new IpAddress(InetAddress.getByName(s));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + s + "' is not an IPv4 address");
            }
        }
        if (like instanceof OID) {
            return oid(String.valueOf(value));
        }
        BigInteger n = integer(value, type);
        if (like instanceof Integer32) {
            return new Integer32(inRange(n, BigInteger.valueOf(Integer.MIN_VALUE), BigInteger.valueOf(Integer.MAX_VALUE),
                type).intValue());
        }
        if (like instanceof Counter64) {
            return new Counter64(inRange(n, BigInteger.ZERO, MAX_U64, type).longValue());
        }
        long u32 = inRange(n, BigInteger.ZERO, MAX_U32, type).longValue();
        if (like instanceof Counter32) {
            return new Counter32(u32);
        }
        if (like instanceof Gauge32) {
            return new Gauge32(u32);
        }
        if (like instanceof TimeTicks) {
            return new TimeTicks(u32);
        }
        if (like instanceof UnsignedInteger32) {
            return new UnsignedInteger32(u32);
        }
        throw new IllegalArgumentException("the walk's type here is " + type + ", which a scenario cannot set");
    }

    /** A number of the walk's type, rounded ({@code ramp} moves through fractions). */
    static Variable numberLike(double value, Variable like) {
        return convert(BigDecimal.valueOf(Math.round(value)).toBigInteger(), like);
    }

    /** Whether a ramp can move this type: integers that are not counters. */
    static boolean isGauge(Variable v) {
        return v instanceof Integer32 || v instanceof Gauge32 || v instanceof TimeTicks
            || v.getClass() == UnsignedInteger32.class;
    }

    static boolean isCounter(Variable v) {
        return v instanceof Counter32 || v instanceof Counter64;
    }

    static double toDouble(Variable v) {
        if (v instanceof Counter64 c) {
            return new BigInteger(Long.toUnsignedString(c.getValue())).doubleValue();
        }
        return v.toLong();
    }

    private static BigInteger integer(Object value, String type) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return BigInteger.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger b) {
            return b;
        }
        if (value instanceof Number num) {
            double d = num.doubleValue();
            if (d != Math.rint(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("'" + value + "' is not a whole number (the walk's type here is " + type + ")");
            }
            return new BigDecimal(d).toBigInteger();
        }
        throw new IllegalArgumentException("'" + value + "' is not a number (the walk's type here is " + type + ")");
    }

    private static BigInteger inRange(BigInteger n, BigInteger min, BigInteger max, String type) {
        if (n.compareTo(min) < 0 || n.compareTo(max) > 0) {
            throw new IllegalArgumentException(n + " is outside " + min + ".." + max + " (the walk's type here is " + type + ")");
        }
        return n;
    }

    /** 1.1e8 prints as 110000000, 0.5 as 0.5. */
    static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d)
            : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
