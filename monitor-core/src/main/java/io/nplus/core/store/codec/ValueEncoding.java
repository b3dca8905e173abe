package io.nplus.core.store.codec;

/**
 * How a column's values are written. The encoder tries every encoding that applies and keeps the shortest; the
 * choice goes into the column's tag byte: {@code kind << 7 | id << 3 | scale}, where kind is 0 for GAUGE and 1 for
 * COUNTER and scale (0..6) is the decimal scale of the gauge encodings that use one.
 */
enum ValueEncoding {
    /** The column has no samples in this block. */
    NONE(0),
    /**
     * All values have the same bit pattern: written once, width-prefixed. A gauge's pattern is bit-reversed first,
     * so a double like 4.0 or 100.0, whose low mantissa bits are zero, takes a few bits instead of 64.
     */
    CONSTANT(1),
    /** All values are the same decimal {@code n / 10^scale} (a gauge only): zigzag n, width-prefixed. */
    CONSTANT_DECIMAL(2),
    /** Gorilla XOR of consecutive raw 64-bit patterns: the fallback that takes anything. */
    XOR(3),
    /**
     * Integer deltas from a per-column base (counter: the unsigned value with wrap-around; gauge: the decimal
     * {@code n} at the tag's scale). Wins for step-like series such as a DOM reading that changes now and then.
     */
    DELTA(4),
    /** Integer deltas of deltas, as DELTA otherwise. Wins for counters with a steady rate. */
    DELTA_OF_DELTA(5);

    final int id;

    ValueEncoding(int id) {
        this.id = id;
    }

    /** Whether the encoding carries a decimal scale for a gauge. */
    boolean scaled() {
        return this == CONSTANT_DECIMAL || this == DELTA || this == DELTA_OF_DELTA;
    }

    static int tag(Kind kind, ValueEncoding encoding, int scale) {
        return (kind == Kind.COUNTER ? 0x80 : 0) | encoding.id << 3 | scale;
    }

    static Kind kindOf(int tag) {
        return (tag & 0x80) != 0 ? Kind.COUNTER : Kind.GAUGE;
    }

    static int scaleOf(int tag) {
        return tag & 0x07;
    }

    /** The encoding named by a tag, checked against its kind and scale. */
    static ValueEncoding of(int tag) {
        int id = (tag >>> 3) & 0x0F;
        ValueEncoding[] all = values();
        if (id >= all.length) {
            throw new CorruptBlockException("unknown value encoding " + id + " in column tag 0x"
                + Integer.toHexString(tag));
        }
        ValueEncoding encoding = all[id];
        int scale = scaleOf(tag);
        boolean gaugeScale = kindOf(tag) == Kind.GAUGE && encoding.scaled();
        if (scale > (gaugeScale ? DecimalScale.MAX_SCALE : 0)
            || (encoding == CONSTANT_DECIMAL && kindOf(tag) != Kind.GAUGE)) {
            throw new CorruptBlockException("column tag 0x" + Integer.toHexString(tag) + " is not valid");
        }
        return encoding;
    }
}
