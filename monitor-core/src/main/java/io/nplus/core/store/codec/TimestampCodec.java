package io.nplus.core.store.codec;

/**
 * A block's timestamps as Gorilla-style delta-of-delta with variable-width buckets. Polls every ~60 s with a little
 * jitter give deltas-of-deltas within a second or two, which take 16 bits; a perfectly regular series takes 1 bit
 * per timestamp. All arithmetic wraps (two's complement), so any strictly increasing longs round-trip, even
 * {@code Long.MIN_VALUE} next to {@code Long.MAX_VALUE}.
 *
 * <p>Layout: the first timestamp as 64 bits; then, for each following timestamp, {@code delta - previousDelta}
 * (the first delta counts from 0) zigzag-coded in a bucket:
 * <pre>
 *   0             zero
 *   10    + 7     |dod| up to ~64
 *   110   + 9     up to ~256
 *   1110  + 12    up to ~2 s
 *   11110 + 32    up to ~24 days
 *   11111 + 64    anything
 * </pre>
 */
final class TimestampCodec {
    private static final int[] WIDTHS = {7, 9, 12, 32, 64};

    private TimestampCodec() {
    }

    static void encode(long[] timestamps, BitWriter out) {
        out.writeBits(timestamps[0], 64);
        long previousDelta = 0;
        for (int i = 1; i < timestamps.length; i++) {
            long delta = timestamps[i] - timestamps[i - 1];
            writeBucketed(ZigZag.encode(delta - previousDelta), out);
            previousDelta = delta;
        }
    }

    private static void writeBucketed(long zigzag, BitWriter out) {
        if (zigzag == 0) {
            out.writeBit(false);
            return;
        }
        int width = ZigZag.width(zigzag);
        for (int bucket = 0; bucket < WIDTHS.length; bucket++) {
            if (width <= WIDTHS[bucket]) {
                // bucket + 1 one-bits, then a terminating zero except after the last bucket's prefix
                int ones = bucket + 1;
                boolean last = bucket == WIDTHS.length - 1;
                out.writeBits(last ? (1L << ones) - 1 : ((1L << ones) - 1) << 1, last ? ones : ones + 1);
                out.writeBits(zigzag, WIDTHS[bucket]);
                return;
            }
        }
        throw new AssertionError("a long is at most 64 bits wide");
    }

    /** Smallest number of bits {@code count} timestamps can take: 64 for the first, at least 1 for each other. */
    static long minimumBits(long count) {
        return 64 + (count - 1);
    }

    static long[] decode(BitReader in, int count) {
        if (minimumBits(count) > in.remainingBits()) {
            throw new CorruptBlockException(count + " timestamps cannot fit in " + in.remainingBits() + " bits");
        }
        long[] timestamps = new long[count];
        timestamps[0] = in.readBits(64);
        long previousDelta = 0;
        for (int i = 1; i < count; i++) {
            long delta = previousDelta + ZigZag.decode(readBucketed(in));
            timestamps[i] = timestamps[i - 1] + delta;
            if (timestamps[i] <= timestamps[i - 1]) {
                throw new CorruptBlockException("timestamp " + i + " (" + timestamps[i] + ") is not after timestamp "
                    + (i - 1) + " (" + timestamps[i - 1] + ")");
            }
            previousDelta = delta;
        }
        in.expectEnd();
        return timestamps;
    }

    private static long readBucketed(BitReader in) {
        int bucket = 0;
        while (bucket < WIDTHS.length && in.readBit()) {
            bucket++;
        }
        return bucket == 0 ? 0 : in.readBits(WIDTHS[bucket - 1]);
    }
}
