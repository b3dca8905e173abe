package io.nplus.core.store.codec;

import java.util.List;

/** What {@link BlockCodec#encode} requires of its input, with messages that name the offending element. */
final class BlockInputCheck {
    private BlockInputCheck() {
    }

    static void check(long[] timestamps, List<Column> columns) {
        if (timestamps.length == 0) {
            throw new IllegalArgumentException("a block needs at least one timestamp");
        }
        for (int i = 1; i < timestamps.length; i++) {
            if (timestamps[i] <= timestamps[i - 1]) {
                throw new IllegalArgumentException("timestamps[" + i + "] = " + timestamps[i]
                    + " is not after timestamps[" + (i - 1) + "] = " + timestamps[i - 1]);
            }
        }
        long samples = 0;
        for (int c = 0; c < columns.size(); c++) {
            Column column = columns.get(c);
            if (column == null) {
                throw new IllegalArgumentException("columns[" + c + "] is null");
            }
            if (c > 0 && column.series() <= columns.get(c - 1).series()) {
                throw new IllegalArgumentException("columns[" + c + "] has series " + column.series()
                    + " after series " + columns.get(c - 1).series() + ": columns must be sorted by series id, "
                    + "each id once");
            }
            checkPositions(column, timestamps.length);
            samples += column.size();
        }
        if (samples > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a block holds at most " + Integer.MAX_VALUE + " samples, not "
                + samples);
        }
    }

    private static void checkPositions(Column column, int timestampCount) {
        int[] positions = column.positions();
        for (int i = 0; i < positions.length; i++) {
            int p = positions[i];
            if (p < 0 || p >= timestampCount) {
                throw new IllegalArgumentException("series " + column.series() + ": positions[" + i + "] = " + p
                    + " is outside the block's " + timestampCount + " timestamps");
            }
            if (i > 0 && p <= positions[i - 1]) {
                throw new IllegalArgumentException("series " + column.series() + ": positions[" + i + "] = " + p
                    + " is not after positions[" + (i - 1) + "] = " + positions[i - 1]);
            }
        }
    }
}
