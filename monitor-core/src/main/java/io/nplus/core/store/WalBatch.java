package io.nplus.core.store;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One poll's samples as the write-ahead rows keep them until their window is compacted: the series ids
 * (ascending, each as a varint delta from the previous) then the 64-bit values, 8 bytes each. Simple on
 * purpose: it is written once per poll and read once at compaction; the compact form is the block.
 *
 * @param series ascending, unique
 * @param values one per series: raw double bits for gauges, the unsigned integer for counters
 */
public record WalBatch(int[] series, long[] values) {
    public WalBatch {
        if (series.length != values.length) {
            throw new IllegalArgumentException(series.length + " series but " + values.length + " values");
        }
        for (int i = 1; i < series.length; i++) {
            if (series[i] <= series[i - 1]) {
                throw new IllegalArgumentException("series ids must ascend: " + series[i - 1] + " then " + series[i]);
            }
        }
    }

    /** Sorts the pairs by series id (the last value wins for a repeated id). */
    public static WalBatch sorted(int[] series, long[] values) {
        Integer[] order = new Integer[series.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(series[a], series[b]));
        int[] s = new int[series.length];
        long[] v = new long[series.length];
        int n = 0;
        for (Integer o : order) {
            if (n > 0 && s[n - 1] == series[o]) {
                v[n - 1] = values[o];
            } else {
                s[n] = series[o];
                v[n++] = values[o];
            }
        }
        return new WalBatch(Arrays.copyOf(s, n), Arrays.copyOf(v, n));
    }

    public int size() {
        return series.length;
    }

    /** Position of {@code id} in {@link #series}, or a negative number. */
    public int indexOf(int id) {
        return Arrays.binarySearch(series, id);
    }

    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(series.length * 10 + 5);
        varint(out, series.length);
        int prev = 0;
        for (int id : series) {
            varint(out, id - prev);
            prev = id;
        }
        ByteBuffer b = ByteBuffer.allocate(values.length * 8);
        for (long v : values) {
            b.putLong(v);
        }
        out.writeBytes(b.array());
        return out.toByteArray();
    }

    public static WalBatch decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            int n = readVarint(in);
            if (n < 0 || (long) n * 9 > in.remaining()) {
                throw new IllegalArgumentException("write-ahead row claims " + n + " samples in " + bytes.length + " bytes");
            }
            int[] s = new int[n];
            int prev = 0;
            for (int i = 0; i < n; i++) {
                prev += readVarint(in);
                s[i] = prev;
            }
            if (in.remaining() != n * 8) {
                throw new IllegalArgumentException("write-ahead row: " + in.remaining() + " value bytes for " + n + " samples");
            }
            long[] v = new long[n];
            for (int i = 0; i < n; i++) {
                v[i] = in.getLong();
            }
            return new WalBatch(s, v);
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("write-ahead row truncated at byte " + in.position());
        }
    }

    private static void varint(ByteArrayOutputStream out, int v) {
        while ((v & ~0x7F) != 0) {
            out.write((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write(v);
    }

    private static int readVarint(ByteBuffer in) {
        int v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            byte b = in.get();
            v |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IllegalArgumentException("write-ahead row: varint too long");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WalBatch w && Arrays.equals(w.series, series) && Arrays.equals(w.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(series) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "WalBatch[" + series.length + " samples]";
    }
}
