package io.nplus.core.store.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads the bit fields {@link BitWriter} wrote, from a slice of a byte array. Every read is checked against the end
 * of the slice and fails with {@link CorruptBlockException}, so a truncated or garbled column cannot read past its
 * own body.
 */
final class BitReader {
    private static final VarHandle LONG_BIG_ENDIAN =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final byte[] bytes;
    private long position;
    private final long limit;

    /** Reads bytes {@code [from, to)}. */
    BitReader(byte[] bytes, int from, int to) {
        this.bytes = bytes;
        this.position = (long) from * 8;
        this.limit = (long) to * 8;
    }

    long remainingBits() {
        return limit - position;
    }

    boolean readBit() {
        if (position >= limit) {
            throw new CorruptBlockException("bit stream ends early");
        }
        int b = bytes[(int) (position >>> 3)];
        boolean bit = ((b >>> (7 - (int) (position & 7))) & 1) != 0;
        position++;
        return bit;
    }

    /** Reads {@code count} bits (0..64) as an unsigned value, high bit first. */
    long readBits(int count) {
        if (count > limit - position) {
            throw new CorruptBlockException("bit stream ends early: " + count + " bits wanted, " + (limit - position)
                + " left");
        }
        if (count == 0) {
            return 0;
        }
        int index = (int) (position >>> 3);
        int used = (int) (position & 7);
        if (index + 9 <= bytes.length) {
            // fast path: one 8-byte load (plus a byte when the field straddles it); the check above already
            // proved the field lies within the slice, the extra bytes loaded are only shifted out
            long word = (long) LONG_BIG_ENDIAN.get(bytes, index);
            long result = (word << used) >>> (64 - count);
            int extra = count + used - 64;
            if (extra > 0) {
                result |= (bytes[index + 8] & 0xFF) >>> (8 - extra);
            }
            position += count;
            return result;
        }
        long result = 0;
        int wanted = count;
        while (wanted > 0) {
            int b = bytes[index] & 0xFF;
            int available = 8 - used;
            if (wanted >= available) {
                result = (result << available) | (b & ((1 << available) - 1));
                wanted -= available;
                index++;
                used = 0;
            } else {
                result = (result << wanted) | ((b >>> (available - wanted)) & ((1 << wanted) - 1));
                wanted = 0;
            }
        }
        position += count;
        return result;
    }

    /** Reads what {@link BitWriter#writeWidthPrefixed} wrote. */
    long readWidthPrefixed() {
        int width = (int) readBits(7);
        if (width > 64) {
            throw new CorruptBlockException("field width " + width + " exceeds 64 bits");
        }
        return readBits(width);
    }

    /**
     * Checks that the stream was read to its end: only the zero padding of the last byte may be left. A column that
     * decodes with whole bytes to spare was not written by this codec.
     */
    void expectEnd() {
        long left = limit - position;
        if (left >= 8 || (left > 0 && readBits((int) left) != 0)) {
            throw new CorruptBlockException("bit stream has " + left + " bits left over");
        }
    }
}
