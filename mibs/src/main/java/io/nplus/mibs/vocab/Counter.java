package io.nplus.mibs.vocab;

/**
 * A raw SNMP counter value as the device sent it.
 *
 * @param value the counter, unsigned: Counter64 values of 2^63 and above are negative as a Java long
 *              ({@link Long#toUnsignedString(long)} prints them right)
 * @param bits 32 or 64, which decides how a wrap may be corrected
 */
public record Counter(long value, int bits) {
    public Counter {
        if (bits != 32 && bits != 64) {
            throw new IllegalArgumentException("a counter has 32 or 64 bits, not " + bits);
        }
    }

    /** The value as a double, read unsigned (exact up to 2^53). */
    public double asDouble() {
        return value >= 0 ? value : (double) (value >>> 1) * 2.0 + (value & 1);
    }
}
