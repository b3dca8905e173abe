package io.nplus.core.store.codec;

/**
 * Which of the block's timestamps a column has values at. The directory holds each column's sample count, so a
 * column present at every timestamp (the usual case) needs no bits here at all; only a column with gaps writes
 * its presence, as whichever is shorter of
 * <ul>
 *   <li>a bitmap: flag 0, then one bit per timestamp;</li>
 *   <li>runs: flag 1, then alternating lengths of absent and present runs, starting with absent, in Elias gamma
 *       code (the first absent run as length + 1, since it may be empty). The run list ends when the column's
 *       sample count is reached: trailing absence is implied.</li>
 * </ul>
 * A series that appears mid-block or drops out for a while costs a few bytes; a flapping one at most one bit per
 * timestamp.
 */
final class PresenceCodec {
    private PresenceCodec() {
    }

    /** Writes the presence of a column with {@code 0 < positions.length < timestampCount}. */
    static void encode(int[] positions, int timestampCount, BitWriter out) {
        if (runsBits(positions) < timestampCount) {
            out.writeBit(true);
            writeRuns(positions, out);
        } else {
            out.writeBit(false);
            writeBitmap(positions, timestampCount, out);
        }
    }

    private static long runsBits(int[] positions) {
        long bits = 0;
        int next = 0;
        boolean first = true;
        for (int i = 0; i < positions.length; ) {
            int start = i;
            while (i + 1 < positions.length && positions[i + 1] == positions[i] + 1) {
                i++;
            }
            int absent = positions[start] - next;
            bits += gammaBits(first ? absent + 1L : absent) + gammaBits(i - start + 1L);
            next = positions[i] + 1;
            i++;
            first = false;
        }
        return bits;
    }

    private static void writeRuns(int[] positions, BitWriter out) {
        int next = 0;
        boolean first = true;
        for (int i = 0; i < positions.length; ) {
            int start = i;
            while (i + 1 < positions.length && positions[i + 1] == positions[i] + 1) {
                i++;
            }
            int absent = positions[start] - next;
            writeGamma(first ? absent + 1L : absent, out);
            writeGamma(i - start + 1L, out);
            next = positions[i] + 1;
            i++;
            first = false;
        }
    }

    private static void writeBitmap(int[] positions, int timestampCount, BitWriter out) {
        int p = 0;
        for (int t = 0; t < timestampCount; t++) {
            boolean present = p < positions.length && positions[p] == t;
            out.writeBit(present);
            if (present) {
                p++;
            }
        }
    }

    private static int gammaBits(long value) {
        return 2 * ZigZag.width(value) - 1;
    }

    /** Elias gamma of {@code value >= 1}: width - 1 zeros, then the value in width bits. */
    private static void writeGamma(long value, BitWriter out) {
        int width = ZigZag.width(value);
        out.writeBits(0, width - 1);
        out.writeBits(value, width);
    }

    private static long readGamma(BitReader in) {
        int zeros = 0;
        while (!in.readBit()) {
            if (++zeros > 32) {
                throw new CorruptBlockException("run length longer than 2^32");
            }
        }
        return (1L << zeros) | in.readBits(zeros);
    }

    /** Reads the positions of a column with {@code 0 < count < timestampCount} samples. */
    static int[] decode(BitReader in, int count, int timestampCount) {
        int[] positions = new int[count];
        if (in.readBit()) {
            readRuns(in, positions, timestampCount);
        } else {
            readBitmap(in, positions, timestampCount);
        }
        return positions;
    }

    private static void readRuns(BitReader in, int[] positions, int timestampCount) {
        int filled = 0;
        long next = 0;
        boolean first = true;
        while (filled < positions.length) {
            long absent = readGamma(in) - (first ? 1 : 0);
            long present = readGamma(in);
            next += absent;
            if (next + present > timestampCount || filled + present > positions.length) {
                throw new CorruptBlockException("presence runs exceed the block's " + timestampCount
                    + " timestamps or the column's " + positions.length + " samples");
            }
            for (long i = 0; i < present; i++) {
                positions[filled++] = (int) next++;
            }
            first = false;
        }
    }

    private static void readBitmap(BitReader in, int[] positions, int timestampCount) {
        if (in.remainingBits() < timestampCount) {
            throw new CorruptBlockException("presence bitmap of " + timestampCount + " bits is truncated");
        }
        int filled = 0;
        for (int t = 0; t < timestampCount; t++) {
            if (in.readBit()) {
                if (filled == positions.length) {
                    throw new CorruptBlockException("presence bitmap has more than the column's " + positions.length
                        + " samples");
                }
                positions[filled++] = t;
            }
        }
        if (filled != positions.length) {
            throw new CorruptBlockException("presence bitmap has " + filled + " samples, the directory says "
                + positions.length);
        }
    }
}
