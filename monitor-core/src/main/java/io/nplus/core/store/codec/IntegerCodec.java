package io.nplus.core.store.codec;

import java.util.Arrays;

/**
 * Integer columns (counters, and gauges that are exact decimals) as deltas or deltas of deltas. Arithmetic wraps
 * modulo 2^64, so an unsigned counter near 2^64, or one that wraps from 2^64 - 1 to 5, round-trips exactly.
 *
 * <p>Payload: the first value width-prefixed (zigzag for signed decimals, as is for unsigned counters); for DELTA
 * a zigzag base width-prefixed; then the {@code count - 1} items ({@code delta - base}, or {@code delta -
 * previousDelta} with the first delta counted from 0), zigzag-coded with per-column buckets. One header bit picks
 * the prefix scheme, 7 bits give the common width W:
 * <pre>
 *   scheme 0:  0 = zero    10 + W bits    11 + 6 bits (width - 1) + width bits
 *   scheme 1:  0 + W bits                 1  + 6 bits (width - 1) + width bits
 * </pre>
 * The encoder computes the exact cost of every (scheme, W) from a histogram of item widths and takes the cheapest:
 * scheme 0 suits mostly-constant series, scheme 1 noisy counters whose items all need about the same width; the
 * escape keeps a rare outlier (a counter reset, a gap) from widening every item.
 */
final class IntegerCodec {
    private static final int ESCAPE_WIDTH_BITS = 6;

    private long[] items = new long[128];
    private final long[] histogram = new long[65];
    private ValueEncoding plannedEncoding;
    private long[] plannedValues;
    private int plannedCount;
    private boolean plannedSigned;
    private long plannedBase;
    private boolean plannedWidthFirst;
    private int plannedWidth;

    /** A base for DELTA that centres the deltas: halfway between the smallest and largest (signed, wrapped). */
    static long middleDelta(long[] values, int count) {
        if (count < 2) {
            return 0;
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 1; i < count; i++) {
            long delta = values[i] - values[i - 1];
            min = Math.min(min, delta);
            max = Math.max(max, delta);
        }
        return (min >> 1) + (max >> 1);
    }

    /**
     * Plans DELTA from {@code base}, or DELTA_OF_DELTA, for {@code values[0..count)} and returns the bits it takes;
     * {@link #writePlanned} then writes it. Planning is cheap (no bits written), so the encoder plans every variant
     * and writes only the shortest.
     */
    long plan(ValueEncoding encoding, long[] values, int count, boolean signed, long base) {
        plannedEncoding = encoding;
        plannedValues = values;
        plannedCount = count;
        plannedSigned = signed;
        plannedBase = encoding == ValueEncoding.DELTA ? base : 0;
        long[] zz = items(count);
        long previousDelta = 0;
        for (int i = 1; i < count; i++) {
            long delta = values[i] - values[i - 1];
            zz[i - 1] = ZigZag.encode(encoding == ValueEncoding.DELTA ? delta - base : delta - previousDelta);
            previousDelta = delta;
        }
        long bits = 7 + ZigZag.width(first(values[0], signed)) + 1 + 7 + chooseScheme(zz, count - 1);
        return encoding == ValueEncoding.DELTA ? bits + 7 + ZigZag.width(ZigZag.encode(base)) : bits;
    }

    void writePlanned(BitWriter out) {
        out.writeWidthPrefixed(first(plannedValues[0], plannedSigned));
        if (plannedEncoding == ValueEncoding.DELTA) {
            out.writeWidthPrefixed(ZigZag.encode(plannedBase));
        }
        out.writeBit(plannedWidthFirst);
        out.writeBits(plannedWidth, 7);
        for (int i = 0; i < plannedCount - 1; i++) {
            writeItem(items[i], plannedWidthFirst, plannedWidth, out);
        }
    }

    static void decode(BitReader in, ValueEncoding encoding, boolean signed, long[] values, int count) {
        long first = in.readWidthPrefixed();
        values[0] = signed ? ZigZag.decode(first) : first;
        long base = encoding == ValueEncoding.DELTA ? ZigZag.decode(in.readWidthPrefixed()) : 0;
        boolean widthFirst = in.readBit();
        int width = (int) in.readBits(7);
        if (width > 64) {
            throw new CorruptBlockException("integer item width " + width + " exceeds 64 bits");
        }
        long previousDelta = 0;
        for (int i = 1; i < count; i++) {
            long item = ZigZag.decode(readItem(in, widthFirst, width));
            long delta = encoding == ValueEncoding.DELTA ? base + item : previousDelta + item;
            values[i] = values[i - 1] + delta;
            previousDelta = delta;
        }
    }

    private static long first(long value, boolean signed) {
        return signed ? ZigZag.encode(value) : value;
    }

    private long[] items(int count) {
        if (items.length < count) {
            items = new long[Math.max(count, items.length * 2)];
        }
        return items;
    }

    /** Picks the cheapest (scheme, W) for the items and returns their bits. */
    private long chooseScheme(long[] zz, int count) {
        Arrays.fill(histogram, 0);
        long weightedTotal = 0;
        long any = 0;
        for (int i = 0; i < count; i++) {
            int w = ZigZag.width(zz[i]);
            histogram[w]++;
            weightedTotal += w;
            any |= zz[i];
        }
        int maxWidth = ZigZag.width(any);  // a W above every item's width only costs more
        // Exact cost of every (scheme, W) in one pass, from running sums over widths <= W.
        long bestCost = Long.MAX_VALUE;
        boolean bestWidthFirst = false;
        int bestWidth = 0;
        long zeros = histogram[0];
        long upTo = 0;
        long weightedUpTo = 0;
        for (int width = 0; width <= maxWidth; width++) {
            upTo += histogram[width];
            weightedUpTo += histogram[width] * width;
            long escaped = count - upTo;
            long escapedBits = weightedTotal - weightedUpTo;
            long widthFirstCost = (1L + width) * upTo + (1L + ESCAPE_WIDTH_BITS) * escaped + escapedBits;
            long zeroFirstCost = zeros + (2L + width) * (upTo - zeros) + (2L + ESCAPE_WIDTH_BITS) * escaped
                + escapedBits;
            if (zeroFirstCost < bestCost) {
                bestCost = zeroFirstCost;
                bestWidthFirst = false;
                bestWidth = width;
            }
            if (widthFirstCost < bestCost) {
                bestCost = widthFirstCost;
                bestWidthFirst = true;
                bestWidth = width;
            }
        }
        plannedWidthFirst = bestWidthFirst;
        plannedWidth = bestWidth;
        return bestCost;
    }

    private static void writeItem(long zz, boolean widthFirst, int common, BitWriter out) {
        int w = ZigZag.width(zz);
        if (widthFirst) {
            if (w <= common) {
                out.writeBit(false);
                out.writeBits(zz, common);
                return;
            }
            out.writeBit(true);
        } else {
            if (w == 0) {
                out.writeBit(false);
                return;
            }
            if (w <= common) {
                out.writeBits(0b10, 2);
                out.writeBits(zz, common);
                return;
            }
            out.writeBits(0b11, 2);
        }
        out.writeBits(w - 1, ESCAPE_WIDTH_BITS);
        out.writeBits(zz, w);
    }

    private static long readItem(BitReader in, boolean widthFirst, int common) {
        if (widthFirst) {
            if (!in.readBit()) {
                return in.readBits(common);
            }
        } else {
            if (!in.readBit()) {
                return 0;
            }
            if (!in.readBit()) {
                return in.readBits(common);
            }
        }
        return in.readBits((int) in.readBits(ESCAPE_WIDTH_BITS) + 1);
    }
}
