package io.nplus.core.store.codec;

import java.util.Arrays;
import java.util.Objects;

/**
 * One series' samples within a {@link Block}: which of the block's timestamps it has a value at, and the values.
 *
 * @param series the series id (unique within a block)
 * @param positions indexes into the block's timestamps, strictly increasing
 * @param values one 64-bit value per position, read as {@code kind} says
 */
public record Column(int series, Kind kind, int[] positions, long[] values) {
    public Column {
        Objects.requireNonNull(kind);
        if (positions.length != values.length) {
            throw new IllegalArgumentException("series " + series + ": " + positions.length + " positions but "
                + values.length + " values");
        }
    }

    public int size() {
        return positions.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Column c && c.series == series && c.kind == kind && Arrays.equals(c.positions, positions)
            && Arrays.equals(c.values, values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(series, kind, Arrays.hashCode(positions), Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "Column[series=" + series + ", kind=" + kind + ", " + positions.length + " samples]";
    }
}
