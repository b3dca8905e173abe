package io.nplus.core.store;

import io.nplus.core.store.codec.Block;
import io.nplus.core.store.codec.Column;
import io.nplus.core.store.codec.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * 5-minute rollups, kept as a block whose timestamps are bucket starts. A gauge has four columns,
 * {@code 4 * series + 0..3}: min, max, sum and count (the average is sum / count; a gauge whose samples are all
 * decimals, as most readings are, gets its sum in the same decimals, exactly, so it compresses like the raw values).
 * A counter has two: its last value in the bucket (+0, a counter) and the count (+3): its min, max and average say
 * nothing that the last value does not.
 */
public final class Rollups {
    private Rollups() {
    }

    record Built(long[] timestamps, List<Column> columns) {
    }

    static Built of(long[] times, List<Column> columns, long window, long step) {
        TreeSet<Long> buckets = new TreeSet<>();
        List<long[]> bucketOf = new ArrayList<>();
        for (Column c : columns) {
            long[] b = new long[c.size()];
            for (int i = 0; i < c.size(); i++) {
                b[i] = window + Math.floorDiv(times[c.positions()[i]] - window, step) * step;
                buckets.add(b[i]);
            }
            bucketOf.add(b);
        }
        long[] ts = buckets.stream().mapToLong(Long::longValue).toArray();
        List<Column> out = new ArrayList<>(columns.size() * 4);
        for (int k = 0; k < columns.size(); k++) {
            Column c = columns.get(k);
            if (c.size() == 0) {
                continue;
            }
            long[] b = bucketOf.get(k);
            int scale = c.kind() == Kind.GAUGE ? decimalScale(c.values()) : -1;
            double pow = scale < 0 ? 1 : Math.pow(10, scale);
            int[] pos = new int[b.length];
            long[] first = new long[b.length];  // gauge: min bits; counter: last value
            long[] second = new long[b.length]; // gauge: max bits
            double[] sum = new double[b.length];
            long[] scaledSum = new long[b.length];
            long[] count = new long[b.length];
            int n = -1;
            for (int i = 0; i < b.length; i++) {
                long raw = c.values()[i];
                if (n < 0 || ts[pos[n]] != b[i]) {
                    n++;
                    pos[n] = Arrays.binarySearch(ts, b[i]);
                    first[n] = raw;
                    second[n] = raw;
                }
                if (c.kind() == Kind.COUNTER) {
                    first[n] = raw; // samples are in time order: the last one stays
                } else {
                    double v = Double.longBitsToDouble(raw);
                    if (v < Double.longBitsToDouble(first[n])) {
                        first[n] = raw;
                    }
                    if (v > Double.longBitsToDouble(second[n])) {
                        second[n] = raw;
                    }
                    if (scale >= 0) {
                        scaledSum[n] += Math.round(v * pow);
                    } else {
                        sum[n] += v;
                    }
                }
                count[n]++;
            }
            int m = n + 1;
            int[] p = Arrays.copyOf(pos, m);
            long[] counts = new long[m];
            for (int i = 0; i < m; i++) {
                counts[i] = Double.doubleToRawLongBits(count[i]);
            }
            int id = c.series() * 4;
            if (c.kind() == Kind.COUNTER) {
                out.add(new Column(id, Kind.COUNTER, p, Arrays.copyOf(first, m)));
            } else {
                long[] sums = new long[m];
                for (int i = 0; i < m; i++) {
                    sums[i] = Double.doubleToRawLongBits(scale >= 0 ? scaledSum[i] / pow : sum[i]);
                }
                out.add(new Column(id, Kind.GAUGE, p, Arrays.copyOf(first, m)));
                out.add(new Column(id + 1, Kind.GAUGE, p.clone(), Arrays.copyOf(second, m)));
                out.add(new Column(id + 2, Kind.GAUGE, p.clone(), sums));
            }
            out.add(new Column(id + 3, Kind.GAUGE, p.clone(), counts));
        }
        return new Built(ts, out);
    }

    /** The smallest s in 0..6 such that every value is exactly some n / 10^s, or -1. */
    static int decimalScale(long[] bits) {
        for (int s = 0; s <= 6; s++) {
            double pow = Math.pow(10, s);
            boolean all = true;
            for (long b : bits) {
                double v = Double.longBitsToDouble(b);
                if (!(Math.abs(v) < 1e12) || Double.doubleToRawLongBits(Math.round(v * pow) / pow) != b) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return s;
            }
        }
        return -1;
    }

    static void read(Block block, int series, long from, long to, Series.Builder out) {
        Column first = block.column(series * 4);
        Column count = block.column(series * 4 + 3);
        if (first == null || count == null) {
            return;
        }
        long[] ts = block.timestamps();
        if (first.kind() == Kind.COUNTER) {
            for (int i = 0; i < first.size(); i++) {
                long t = ts[first.positions()[i]];
                if (t >= from && t <= to) {
                    double last = Samples.toDouble(Kind.COUNTER, first.values()[i]);
                    out.add(t, last, last, last, (long) Double.longBitsToDouble(count.values()[i]));
                }
            }
            return;
        }
        Column max = block.column(series * 4 + 1);
        Column sum = block.column(series * 4 + 2);
        if (max == null || sum == null) {
            return;
        }
        for (int i = 0; i < first.size(); i++) {
            long t = ts[first.positions()[i]];
            if (t >= from && t <= to) {
                long n = (long) Double.longBitsToDouble(count.values()[i]);
                out.add(t, Double.longBitsToDouble(first.values()[i]), Double.longBitsToDouble(max.values()[i]),
                    Double.longBitsToDouble(sum.values()[i]) / n, n);
            }
        }
    }

    /** One series' buckets in time order. */
    public record Series(long[] times, double[] min, double[] max, double[] avg, long[] count) {
        public int size() {
            return times.length;
        }

        static final class Builder {
            private final List<double[]> rows = new ArrayList<>();
            private final List<Long> ts = new ArrayList<>();
            private final List<Long> counts = new ArrayList<>();

            void add(long t, double min, double max, double avg, long count) {
                ts.add(t);
                rows.add(new double[] {min, max, avg});
                counts.add(count);
            }

            Series build() {
                int n = ts.size();
                long[] t = new long[n];
                double[] mi = new double[n];
                double[] ma = new double[n];
                double[] av = new double[n];
                long[] c = new long[n];
                for (int i = 0; i < n; i++) {
                    t[i] = ts.get(i);
                    mi[i] = rows.get(i)[0];
                    ma[i] = rows.get(i)[1];
                    av[i] = rows.get(i)[2];
                    c[i] = counts.get(i);
                }
                return new Series(t, mi, ma, av, c);
            }
        }
    }
}
