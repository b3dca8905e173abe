package io.nplus.core.store.codec;

/**
 * Gorilla XOR of consecutive 64-bit patterns, the encoding that accepts any values (NaN payloads, infinities,
 * -0.0, arbitrary counters). The first value is written as 64 bits; each next one as its XOR with the previous:
 * <pre>
 *   0                                   same bits as the previous value
 *   10 + meaningful bits                the XOR fits the previous leading/trailing-zero window
 *   11 + 6 bits leading zeros + 6 bits (length - 1) + length bits
 * </pre>
 */
final class XorCodec {
    private XorCodec() {
    }

    static void encode(long[] values, int count, BitWriter out) {
        out.writeBits(values[0], 64);
        int leading = -1;
        int trailing = 0;
        for (int i = 1; i < count; i++) {
            long xor = values[i] ^ values[i - 1];
            if (xor == 0) {
                out.writeBit(false);
                continue;
            }
            int lz = Long.numberOfLeadingZeros(xor);
            int tz = Long.numberOfTrailingZeros(xor);
            if (leading >= 0 && lz >= leading && tz >= trailing) {
                out.writeBits(0b10, 2);
                out.writeBits(xor >>> trailing, 64 - leading - trailing);
            } else {
                int length = 64 - lz - tz;
                out.writeBits(0b11, 2);
                out.writeBits(lz, 6);
                out.writeBits(length - 1, 6);
                out.writeBits(xor >>> tz, length);
                leading = lz;
                trailing = tz;
            }
        }
    }

    static void decode(BitReader in, long[] values, int count) {
        values[0] = in.readBits(64);
        int leading = -1;
        int trailing = 0;
        for (int i = 1; i < count; i++) {
            if (!in.readBit()) {
                values[i] = values[i - 1];
                continue;
            }
            if (in.readBit()) {
                leading = (int) in.readBits(6);
                int length = (int) in.readBits(6) + 1;
                if (leading + length > 64) {
                    throw new CorruptBlockException("XOR window of " + leading + " leading zeros and " + length
                        + " bits exceeds 64");
                }
                trailing = 64 - leading - length;
            } else if (leading < 0) {
                throw new CorruptBlockException("XOR reuses a window before defining one");
            }
            long xor = in.readBits(64 - leading - trailing) << trailing;
            values[i] = values[i - 1] ^ xor;
        }
    }
}
