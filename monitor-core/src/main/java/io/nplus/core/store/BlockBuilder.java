package io.nplus.core.store;

import io.nplus.core.store.codec.Block;
import io.nplus.core.store.codec.Column;
import io.nplus.core.store.codec.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntFunction;

/**
 * Gathers one group's samples of one window (an existing block, then write-ahead rows in time order) into the
 * timestamps and columns of a new block. A later sample for the same series and time replaces an earlier one.
 */
final class BlockBuilder {
    private final TreeSet<Long> times = new TreeSet<>();
    private final Map<Integer, Samples.Builder> bySeries = new TreeMap<>();

    void addBlock(Block block) {
        long[] ts = block.timestamps();
        for (Column c : block.columns()) {
            Samples.Builder b = bySeries.computeIfAbsent(c.series(), k -> new Samples.Builder(c.kind()));
            int[] pos = c.positions();
            long[] vals = c.values();
            for (int i = 0; i < pos.length; i++) {
                times.add(ts[pos[i]]);
                b.add(ts[pos[i]], vals[i]);
            }
        }
    }

    void addBatch(long t, WalBatch batch) {
        times.add(t);
        int[] s = batch.series();
        long[] v = batch.values();
        for (int i = 0; i < s.length; i++) {
            bySeries.computeIfAbsent(s[i], k -> new Samples.Builder(Kind.GAUGE)).add(t, v[i]);
        }
    }

    record Built(long[] timestamps, List<Column> columns, int samples) {
    }

    /** The block's content; {@code kinds} says how each series' values are read (stored in its column). */
    Built build(IntFunction<Kind> kinds) {
        long[] ts = times.stream().mapToLong(Long::longValue).toArray();
        List<Column> cols = new ArrayList<>(bySeries.size());
        int total = 0;
        for (Map.Entry<Integer, Samples.Builder> e : bySeries.entrySet()) {
            Samples s = e.getValue().build();
            int[] pos = new int[s.size()];
            long[] vals = new long[s.size()];
            for (int i = 0; i < s.size(); i++) {
                pos[i] = Arrays.binarySearch(ts, s.time(i));
                vals[i] = s.raw(i);
            }
            cols.add(new Column(e.getKey(), kinds.apply(e.getKey()), pos, vals));
            total += pos.length;
        }
        return new Built(ts, cols, total);
    }
}
