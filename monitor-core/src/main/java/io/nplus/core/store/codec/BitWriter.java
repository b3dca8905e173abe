package io.nplus.core.store.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Appends bit fields, most significant bit first, to a growing buffer. Reusable: {@link #reset()} keeps the buffer,
 * so the encoder can try several encodings of a column without allocating.
 */
final class BitWriter {
    private static final VarHandle LONG_BIG_ENDIAN =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private byte[] bytes;
    private int byteCount;
    /** Pending bits, left-aligned: the next bit goes at position 63 - pendingBits. */
    private long pending;
    private int pendingBits;

    BitWriter() {
        this(256);
    }

    BitWriter(int initialBytes) {
        bytes = new byte[Math.max(16, initialBytes)];
    }

    void reset() {
        byteCount = 0;
        pending = 0;
        pendingBits = 0;
    }

    /** Bits written so far. */
    long bitLength() {
        return (long) byteCount * 8 + pendingBits;
    }

    /** Bytes {@link #writeTo} will append: the bits rounded up to whole bytes, the last one padded with zeros. */
    int byteLength() {
        return byteCount + (pendingBits + 7) / 8;
    }

    void writeBit(boolean bit) {
        writeBits(bit ? 1 : 0, 1);
    }

    /** Writes the low {@code count} bits of {@code value}, high bit first; {@code count} is 0..64. */
    void writeBits(long value, int count) {
        if (count == 0) {
            return;
        }
        if (count < 64) {
            value &= (1L << count) - 1;
        }
        int free = 64 - pendingBits;
        if (count < free) {
            pending |= value << (free - count);
            pendingBits += count;
        } else {
            int overflow = count - free;
            pending |= value >>> overflow;
            flushPending();
            pending = overflow == 0 ? 0 : value << (64 - overflow);
            pendingBits = overflow;
        }
    }

    /** Writes {@code unsigned} as a 7-bit width (0..64) followed by that many bits: small values stay small. */
    void writeWidthPrefixed(long unsigned) {
        int width = ZigZag.width(unsigned);
        writeBits(width, 7);
        writeBits(unsigned, width);
    }

    /** Appends the bits to {@code sink}, zero-padded to a whole byte. */
    void writeTo(ByteSink sink) {
        sink.write(bytes, 0, byteCount);
        long rest = pending;
        for (int bits = pendingBits; bits > 0; bits -= 8) {
            sink.write((int) (rest >>> 56));
            rest <<= 8;
        }
    }

    byte[] toByteArray() {
        ByteSink sink = new ByteSink(byteLength());
        writeTo(sink);
        return sink.toByteArray();
    }

    private void flushPending() {
        if (byteCount + 8 > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, byteCount + 8));
        }
        LONG_BIG_ENDIAN.set(bytes, byteCount, pending);
        byteCount += 8;
        pending = 0;
        pendingBits = 0;
    }
}
