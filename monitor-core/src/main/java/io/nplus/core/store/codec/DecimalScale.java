package io.nplus.core.store.codec;

/**
 * Finds whether a gauge's doubles are all decimals {@code n / 10^scale} with an integer {@code |n| < 2^53} and a
 * scale of 0..6, so they can be compressed as integers. Readings from devices usually are: a DOM value of -3.12
 * dBm, a temperature of 41.5, a health severity of 0..4.
 *
 * <p>Exactness is checked, not assumed: a value qualifies only if {@code (double) n / 10^scale} gives back its
 * identical bit pattern. Because IEEE division rounds correctly, that is the same double as parsing the decimal
 * text. -0.0, NaN, infinities and values such as {@code 0.1 + 0.2} do not qualify, and their columns use another
 * encoding.
 */
final class DecimalScale {
    static final int MAX_SCALE = 6;
    private static final double[] POWERS = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
    private static final double LIMIT = 0x1p53;

    private DecimalScale() {
    }

    /**
     * The smallest scale at which all {@code count} raw doubles in {@code bits} are exact decimals, writing their
     * {@code n} to {@code unscaled}; -1 if there is none.
     */
    static int find(long[] bits, int count, long[] unscaled) {
        int scale = 0;
        for (int i = 0; i < count; i++) {
            while (!unscale(bits[i], scale, unscaled, i)) {
                if (++scale > MAX_SCALE) {
                    return -1;
                }
                // earlier values were exact at a smaller scale; redo them at this one (rare, at most 6 times)
                for (int j = 0; j < i; j++) {
                    if (!unscale(bits[j], scale, unscaled, j)) {
                        return -1;
                    }
                }
            }
        }
        return scale;
    }

    private static boolean unscale(long bits, int scale, long[] unscaled, int index) {
        double rounded = Math.rint(Double.longBitsToDouble(bits) * POWERS[scale]);
        if (!(Math.abs(rounded) < LIMIT)) {
            return false;
        }
        long n = (long) rounded;
        if (toBits(n, scale) != bits) {
            return false;
        }
        unscaled[index] = n;
        return true;
    }

    /** The raw bits of {@code n / 10^scale}; the decoder's inverse of {@link #find}. */
    static long toBits(long n, int scale) {
        return Double.doubleToRawLongBits(n / POWERS[scale]);
    }

    /** Whether a decoded {@code n} is one the encoder could have written. */
    static boolean inRange(long n) {
        return n > -(1L << 53) && n < (1L << 53);
    }
}
