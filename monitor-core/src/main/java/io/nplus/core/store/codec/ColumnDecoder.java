package io.nplus.core.store.codec;

import java.util.Arrays;

/** Reads one column body that {@link ColumnEncoder} wrote, checking it as it goes. */
final class ColumnDecoder {
    private ColumnDecoder() {
    }

    /**
     * Decodes bytes {@code [from, to)} of {@code bytes} as the body of column {@code series} with {@code count}
     * samples in a block of {@code timestampCount} timestamps.
     */
    static Column decode(byte[] bytes, int from, int to, int series, int count, int timestampCount) {
        try {
            return decodeBody(bytes, from, to, series, count, timestampCount);
        } catch (CorruptBlockException e) {
            throw new CorruptBlockException("series " + series + ": " + e.getMessage());
        }
    }

    private static Column decodeBody(byte[] bytes, int from, int to, int series, int count, int timestampCount) {
        if (from >= to) {
            throw new CorruptBlockException("empty column body");
        }
        int tag = bytes[from] & 0xFF;
        ValueEncoding encoding = ValueEncoding.of(tag);
        Kind kind = ValueEncoding.kindOf(tag);
        if ((encoding == ValueEncoding.NONE) != (count == 0)) {
            throw new CorruptBlockException("encoding " + encoding + " for " + count + " samples");
        }
        BitReader in = new BitReader(bytes, from + 1, to);
        int[] positions = count == timestampCount ? allPositions(count)
            : count == 0 ? new int[0] : PresenceCodec.decode(in, count, timestampCount);
        long[] values = new long[count];
        int scale = ValueEncoding.scaleOf(tag);
        boolean decimal = kind == Kind.GAUGE && encoding.scaled();
        switch (encoding) {
            case NONE:
                break;
            case CONSTANT: {
                long value = in.readWidthPrefixed();
                Arrays.fill(values, kind == Kind.GAUGE ? Long.reverse(value) : value);
                break;
            }
            case CONSTANT_DECIMAL:
                Arrays.fill(values, ZigZag.decode(in.readWidthPrefixed()));
                break;
            case XOR:
                XorCodec.decode(in, values, count);
                break;
            case DELTA:
            case DELTA_OF_DELTA:
                IntegerCodec.decode(in, encoding, decimal, values, count);
                break;
            default:
                throw new AssertionError(encoding);
        }
        if (decimal) {
            for (int i = 0; i < count; i++) {
                if (!DecimalScale.inRange(values[i])) {
                    throw new CorruptBlockException("decimal " + values[i] + " exceeds 2^53");
                }
                values[i] = DecimalScale.toBits(values[i], scale);
            }
        }
        in.expectEnd();
        return new Column(series, kind, positions, values);
    }

    private static int[] allPositions(int count) {
        int[] positions = new int[count];
        for (int i = 0; i < count; i++) {
            positions[i] = i;
        }
        return positions;
    }
}
