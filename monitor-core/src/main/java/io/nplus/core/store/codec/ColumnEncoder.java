package io.nplus.core.store.codec;

/**
 * Writes one column's body: a tag byte naming the kind and value encoding, then a bit stream of the presence (only
 * for a column with gaps) and the values. Every applicable {@link ValueEncoding} is tried and the shortest kept.
 * One instance encodes all columns of a block, reusing its buffers; not thread-safe.
 */
final class ColumnEncoder {
    private BitWriter best = new BitWriter();
    private BitWriter trial = new BitWriter();
    private final IntegerCodec integers = new IntegerCodec();
    private long[] unscaled = new long[128];
    private int bestTag;

    /** Appends the body of {@code column} in a block of {@code timestampCount} timestamps to {@code out}. */
    void encode(Column column, int timestampCount, ByteSink out) {
        Kind kind = column.kind();
        int count = column.size();
        if (count == 0) {
            out.write(ValueEncoding.tag(kind, ValueEncoding.NONE, 0));
            return;
        }
        long[] values = column.values();
        bestTag = -1;
        boolean constant = allEqual(values);
        if (constant) {
            tryConstants(column, timestampCount);
        }
        // A constant encoding takes at most 7 + 64 bits, XOR at least 64 + (count - 1), and the integer encodings
        // repeat the constant's value plus a header: from 8 samples on, a constant column needs no other trial.
        if (!constant || count < 8) {
            tryVarying(column, timestampCount);
        }

        out.write(bestTag);
        best.writeTo(out);
    }

    private void tryConstants(Column column, int timestampCount) {
        Kind kind = column.kind();
        long value = column.values()[0];
        start(column, timestampCount);
        trial.writeWidthPrefixed(kind == Kind.GAUGE ? Long.reverse(value) : value);
        keepIfShorter(ValueEncoding.tag(kind, ValueEncoding.CONSTANT, 0));
        if (kind == Kind.GAUGE) {
            int scale = DecimalScale.find(column.values(), 1, unscaled);
            if (scale >= 0) {
                start(column, timestampCount);
                trial.writeWidthPrefixed(ZigZag.encode(unscaled[0]));
                keepIfShorter(ValueEncoding.tag(kind, ValueEncoding.CONSTANT_DECIMAL, scale));
            }
        }
    }

    private void tryVarying(Column column, int timestampCount) {
        Kind kind = column.kind();
        long[] values = column.values();
        int count = column.size();
        start(column, timestampCount);
        XorCodec.encode(values, count, trial);
        keepIfShorter(ValueEncoding.tag(kind, ValueEncoding.XOR, 0));

        if (kind == Kind.COUNTER) {
            tryIntegers(column, timestampCount, values, false, 0);
        } else {
            if (unscaled.length < count) {
                unscaled = new long[Math.max(count, unscaled.length * 2)];
            }
            int scale = DecimalScale.find(values, count, unscaled);
            if (scale >= 0) {
                tryIntegers(column, timestampCount, unscaled, true, scale);
            }
        }
    }

    /** Plans the integer encodings, then writes the shortest as one trial. */
    private void tryIntegers(Column column, int timestampCount, long[] ints, boolean signed, int scale) {
        int count = column.size();
        ValueEncoding bestEncoding = ValueEncoding.DELTA_OF_DELTA;
        long bestBase = 0;
        long bestBits = integers.plan(ValueEncoding.DELTA_OF_DELTA, ints, count, signed, 0);
        long middle = IntegerCodec.middleDelta(ints, count);
        for (int variant = 0; variant < (middle == 0 ? 1 : 2); variant++) {
            long base = variant == 0 ? 0 : middle;
            long bits = integers.plan(ValueEncoding.DELTA, ints, count, signed, base);
            if (bits < bestBits) {
                bestBits = bits;
                bestEncoding = ValueEncoding.DELTA;
                bestBase = base;
            }
        }
        integers.plan(bestEncoding, ints, count, signed, bestBase);
        start(column, timestampCount);
        integers.writePlanned(trial);
        keepIfShorter(ValueEncoding.tag(column.kind(), bestEncoding, scale));
    }

    private void start(Column column, int timestampCount) {
        trial.reset();
        if (column.size() < timestampCount) {
            PresenceCodec.encode(column.positions(), timestampCount, trial);
        }
    }

    private void keepIfShorter(int tag) {
        if (bestTag < 0 || trial.bitLength() < best.bitLength()) {
            BitWriter swap = best;
            best = trial;
            trial = swap;
            bestTag = tag;
        }
    }

    private static boolean allEqual(long[] values) {
        for (int i = 1; i < values.length; i++) {
            if (values[i] != values[0]) {
                return false;
            }
        }
        return true;
    }
}
