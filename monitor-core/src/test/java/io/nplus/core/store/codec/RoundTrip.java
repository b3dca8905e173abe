package io.nplus.core.store.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Encodes, decodes and checks that everything came back bit for bit. */
final class RoundTrip {
    private RoundTrip() {
    }

    static byte[] check(long[] timestamps, List<Column> columns) {
        byte[] bytes = BlockCodec.encode(timestamps, columns);
        Block block = BlockCodec.decode(bytes);
        assertThat(block.timestamps()).containsExactly(timestamps);
        assertThat(block.series()).containsExactly(columns.stream().mapToInt(Column::series).toArray());
        assertThat(block.columns()).isEqualTo(columns);
        for (Column column : columns) {
            assertThat(block.column(column.series())).isEqualTo(column);
        }
        assertThat(block.sampleCount()).isEqualTo(columns.stream().mapToInt(Column::size).sum());
        return bytes;
    }

    /** The tag byte of a series' column in an encoded block. */
    static int tagOf(byte[] bytes, int series) {
        return bytes[BlockCodec.decode(bytes).bodyRange(series)[0]] & 0xFF;
    }

    static ValueEncoding encodingOf(byte[] bytes, int series) {
        return ValueEncoding.of(tagOf(bytes, series));
    }

    static long[] regularTimestamps(int count) {
        long[] t = new long[count];
        for (int i = 0; i < count; i++) {
            t[i] = 1_780_000_000_000L + 60_000L * i;
        }
        return t;
    }

    static int[] allPositions(int count) {
        return java.util.stream.IntStream.range(0, count).toArray();
    }
}
