package io.nplus.core.store.codec;

/** Reads what {@link ByteSink} wrote, checking every read against the end of the input. */
final class ByteSource {
    private final byte[] bytes;
    private final int limit;
    private int position;

    ByteSource(byte[] bytes) {
        this(bytes, bytes.length);
    }

    /** Reads {@code bytes[0, limit)}. */
    ByteSource(byte[] bytes, int limit) {
        this.bytes = bytes;
        this.limit = limit;
    }

    int position() {
        return position;
    }

    int remaining() {
        return limit - position;
    }

    int readByte() {
        if (position >= limit) {
            throw new CorruptBlockException("block ends at byte " + position + ", more expected");
        }
        return bytes[position++] & 0xFF;
    }

    long readVarLong() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            if (shift == 63 && (b & 0xFE) != 0) {
                throw new CorruptBlockException("varint at byte " + (position - 1) + " overflows 64 bits");
            }
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new CorruptBlockException("varint at byte " + position + " is longer than 10 bytes");
    }

    /** A varint that must lie in {@code [min, max]}; {@code what} names it in the error. */
    int readVarInt(String what, int min, int max) {
        long value = readVarLong();
        if (value < min || value > max) {
            throw new CorruptBlockException(what + " " + Long.toUnsignedString(value) + " is outside " + min + ".."
                + max);
        }
        return (int) value;
    }
}
