package io.nplus.core.store.codec;

/** Maps signed to unsigned so that small magnitudes of either sign get small codes: 0, -1, 1, -2 -> 0, 1, 2, 3. */
final class ZigZag {
    private ZigZag() {
    }

    static long encode(long value) {
        return (value << 1) ^ (value >> 63);
    }

    static long decode(long code) {
        return (code >>> 1) ^ -(code & 1);
    }

    /** Bits needed to write {@code unsigned} (0 for 0, 64 for values with the top bit set). */
    static int width(long unsigned) {
        return 64 - Long.numberOfLeadingZeros(unsigned);
    }
}
