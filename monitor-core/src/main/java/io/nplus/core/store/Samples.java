package io.nplus.core.store;

import io.nplus.core.store.codec.Column;
import io.nplus.core.store.codec.Kind;
import java.util.Arrays;

/**
 * Samples of one series in time order: timestamps (epoch millis) and the raw 64-bit values, read as
 * {@link #kind} says ({@link #value} does it).
 */
public final class Samples {
    private final Kind kind;
    private final long[] times;
    private final long[] bits;

    Samples(Kind kind, long[] times, long[] bits) {
        this.kind = kind;
        this.times = times;
        this.bits = bits;
    }

    public static Samples empty(Kind kind) {
        return new Samples(kind, new long[0], new long[0]);
    }

    public Kind kind() {
        return kind;
    }

    public int size() {
        return times.length;
    }

    public long time(int i) {
        return times[i];
    }

    public long raw(int i) {
        return bits[i];
    }

    /** The value as a double: a gauge as stored, a counter as its unsigned integer (exact below 2^53). */
    public double value(int i) {
        return toDouble(kind, bits[i]);
    }

    static double toDouble(Kind kind, long bits) {
        if (kind == Kind.GAUGE) {
            return Double.longBitsToDouble(bits);
        }
        return bits >= 0 ? bits : (double) (bits >>> 1) * 2.0 + (bits & 1);
    }

    /** The last index with time at or before {@code t}, or -1. */
    public int indexAtOrBefore(long t) {
        int i = Arrays.binarySearch(times, t);
        return i >= 0 ? i : -i - 2;
    }

    /** Collects samples in any order; {@link #build} sorts them, and of two at the same time keeps the later added. */
    static final class Builder {
        private final Kind kind;
        private long[] times = new long[64];
        private long[] bits = new long[64];
        private int n;
        private boolean sorted = true;

        Builder(Kind kind) {
            this.kind = kind;
        }

        void add(long t, long value) {
            if (n == times.length) {
                times = Arrays.copyOf(times, n * 2);
                bits = Arrays.copyOf(bits, n * 2);
            }
            if (n > 0 && t <= times[n - 1]) {
                sorted = false;
            }
            times[n] = t;
            bits[n++] = value;
        }

        void addColumn(long[] blockTimes, Column c, long from, long to) {
            int[] pos = c.positions();
            long[] vals = c.values();
            for (int i = 0; i < pos.length; i++) {
                long t = blockTimes[pos[i]];
                if (t >= from && t <= to) {
                    add(t, vals[i]);
                }
            }
        }

        Samples build() {
            if (sorted) {
                return new Samples(kind, Arrays.copyOf(times, n), Arrays.copyOf(bits, n));
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> a.equals(b) ? 0 : times[a] != times[b] ? Long.compare(times[a], times[b])
                : Integer.compare(a, b));
            long[] t = new long[n];
            long[] v = new long[n];
            int m = 0;
            for (Integer o : order) {
                if (m > 0 && t[m - 1] == times[o]) {
                    v[m - 1] = bits[o]; // same time: the later added wins
                } else {
                    t[m] = times[o];
                    v[m++] = bits[o];
                }
            }
            return new Samples(kind, Arrays.copyOf(t, m), Arrays.copyOf(v, m));
        }
    }
}
