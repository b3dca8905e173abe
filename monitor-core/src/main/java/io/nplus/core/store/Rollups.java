package io.nplus.core.store;

import io.nplus.core.store.codec.Block;
import io.nplus.core.store.codec.Column;
import io.nplus.core.store.codec.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * 5-minute rollups: per series and bucket the min, max, average and count of the samples, kept as a block whose
 * timestamps are bucket starts and whose columns are {@code 4 * series + 0..3} (min, max, avg, count).
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
            long[] b = bucketOf.get(k);
            int[] pos = new int[b.length];
            double[] min = new double[b.length];
            double[] max = new double[b.length];
            double[] sum = new double[b.length];
            long[] count = new long[b.length];
            int n = -1;
            for (int i = 0; i < b.length; i++) {
                double v = Samples.toDouble(c.kind(), c.values()[i]);
                if (n < 0 || ts[pos[n]] != b[i]) {
                    n++;
                    pos[n] = Arrays.binarySearch(ts, b[i]);
                    min[n] = v;
                    max[n] = v;
                    sum[n] = 0;
                    count[n] = 0;
                }
                min[n] = Math.min(min[n], v);
                max[n] = Math.max(max[n], v);
                sum[n] += v;
                count[n]++;
            }
            int m = n + 1;
            int[] p = Arrays.copyOf(pos, m);
            long[] mins = new long[m];
            long[] maxs = new long[m];
            long[] avgs = new long[m];
            long[] counts = new long[m];
            for (int i = 0; i < m; i++) {
                mins[i] = Double.doubleToRawLongBits(min[i]);
                maxs[i] = Double.doubleToRawLongBits(max[i]);
                avgs[i] = Double.doubleToRawLongBits(sum[i] / count[i]);
                counts[i] = Double.doubleToRawLongBits(count[i]);
            }
            int id = c.series() * 4;
            out.add(new Column(id, Kind.GAUGE, p, mins));
            out.add(new Column(id + 1, Kind.GAUGE, p.clone(), maxs));
            out.add(new Column(id + 2, Kind.GAUGE, p.clone(), avgs));
            out.add(new Column(id + 3, Kind.GAUGE, p.clone(), counts));
        }
        return new Built(ts, out);
    }

    static void read(Block block, int series, long from, long to, Series.Builder out) {
        Column min = block.column(series * 4);
        Column max = block.column(series * 4 + 1);
        Column avg = block.column(series * 4 + 2);
        Column count = block.column(series * 4 + 3);
        if (min == null || max == null || avg == null || count == null) {
            return;
        }
        long[] ts = block.timestamps();
        for (int i = 0; i < min.size(); i++) {
            long t = ts[min.positions()[i]];
            if (t >= from && t <= to) {
                out.add(t, Double.longBitsToDouble(min.values()[i]), Double.longBitsToDouble(max.values()[i]),
                    Double.longBitsToDouble(avg.values()[i]), (long) Double.longBitsToDouble(count.values()[i]));
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
