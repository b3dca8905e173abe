package io.nplus.core.store.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A decoded block: its timestamps and directory are read, its columns are decoded on demand from the bytes it
 * came from. {@link #column} decodes only the column asked for, which is what makes reading one series over many
 * blocks cheap. Immutable and safe to share between threads; every call that returns an array or column returns a
 * fresh one.
 */
public final class Block {
    private final byte[] bytes;
    private final long[] timestamps;
    private final int[] series;
    private final int[] counts;
    /** Where each column's body starts in {@code bytes}; the last entry is the end of the last body. */
    private final int[] bodyStarts;
    private final int sampleCount;

    Block(byte[] bytes, long[] timestamps, int[] series, int[] counts, int[] bodyStarts, int sampleCount) {
        this.bytes = bytes;
        this.timestamps = timestamps;
        this.series = series;
        this.counts = counts;
        this.bodyStarts = bodyStarts;
        this.sampleCount = sampleCount;
    }

    /** The poll timestamps, epoch millis, strictly increasing; columns' positions index into them. */
    public long[] timestamps() {
        return timestamps.clone();
    }

    /** The ids of the series present, ascending. */
    public int[] series() {
        return series.clone();
    }

    /**
     * The column of one series, or null if the block has none; only that column's body is decoded.
     *
     * @throws CorruptBlockException if that column's body is malformed
     */
    public Column column(int seriesId) {
        int index = Arrays.binarySearch(series, seriesId);
        return index < 0 ? null : decodeColumn(index);
    }

    /**
     * All columns, in series id order.
     *
     * @throws CorruptBlockException if any column's body is malformed
     */
    public List<Column> columns() {
        List<Column> all = new ArrayList<>(series.length);
        for (int i = 0; i < series.length; i++) {
            all.add(decodeColumn(i));
        }
        return all;
    }

    /** The number of samples in all columns, from the directory (no column is decoded). */
    public int sampleCount() {
        return sampleCount;
    }

    /** Bytes {@code [start, end)} of the encoded block holding the body of the given series; for tests. */
    int[] bodyRange(int seriesId) {
        int index = Arrays.binarySearch(series, seriesId);
        return index < 0 ? null : new int[] {bodyStarts[index], bodyStarts[index + 1]};
    }

    private Column decodeColumn(int index) {
        return ColumnDecoder.decode(bytes, bodyStarts[index], bodyStarts[index + 1], series[index], counts[index],
            timestamps.length);
    }

    @Override
    public String toString() {
        return "Block[" + timestamps.length + " timestamps, " + series.length + " columns, " + sampleCount
            + " samples, " + bytes.length + " bytes]";
    }
}
