package io.nplus.core.store.codec;

import java.util.List;
import java.util.Objects;

/**
 * Turns one device's block (a closed 2-hour window: its poll timestamps once, and a column per series) into
 * compact bytes and back.
 *
 * <pre>{@code
 * byte[] bytes = BlockCodec.encode(timestamps, columns);   // columns sorted by series id
 * Block block = BlockCodec.decode(bytes);
 * Column rxPower = block.column(seriesId);                  // decodes only that column
 * }</pre>
 *
 * <p>Layout (format 1):
 * <pre>
 *   byte    0xB1                    format and version
 *   varint  timestamp count (>= 1)
 *   varint  column count
 *   varint  byte length of the timestamp section
 *   directory, per column:
 *     varint  series id: the first zigzag-coded, each next as (id - previous id - 1)
 *     varint  sample count
 *     varint  byte length of the column body
 *   timestamp section                ({@link TimestampCodec})
 *   column bodies, in directory order ({@link ColumnEncoder}: tag byte, presence, values)
 *   4 bytes CRC32C of everything before, big-endian
 * </pre>
 * The directory lets {@link Block#column} find a body by adding lengths and decode it alone: a query for one
 * series over a week touches one column of each of ~84 blocks, not all ~1500.
 *
 * <p>Decoding trusts nothing: the checksum is verified first (a flipped bit anywhere, column bodies included, is
 * found before any column is read), then every count and length is checked against the bytes that remain before
 * anything is allocated, and any inconsistency is a {@link CorruptBlockException}.
 */
public final class BlockCodec {
    /** The first byte of every block: a format written later can be told apart by a different value. */
    public static final int FORMAT_1 = 0xB1;

    /** A directory entry takes at least 3 bytes and a column body at least 1. */
    private static final int MIN_BYTES_PER_COLUMN = 4;

    private BlockCodec() {
    }

    /**
     * Encodes a block.
     *
     * @param timestamps epoch millis, strictly increasing, at least one
     * @param columns sorted by series id, ids unique, each column's positions valid indexes into {@code timestamps}
     * @throws IllegalArgumentException naming the first problem found in the input
     */
    public static byte[] encode(long[] timestamps, List<Column> columns) {
        Objects.requireNonNull(timestamps, "timestamps");
        Objects.requireNonNull(columns, "columns");
        BlockInputCheck.check(timestamps, columns);

        BitWriter timeBits = new BitWriter(timestamps.length * 2 + 16);
        TimestampCodec.encode(timestamps, timeBits);

        ByteSink directory = new ByteSink(columns.size() * 4);
        ByteSink bodies = new ByteSink(columns.size() * 16);
        ColumnEncoder encoder = new ColumnEncoder();
        long previousId = 0;
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            int start = bodies.size();
            encoder.encode(column, timestamps.length, bodies);
            long id = column.series();
            directory.writeVarLong(i == 0 ? ZigZag.encode(id) : id - previousId - 1);
            directory.writeVarLong(column.size());
            directory.writeVarLong(bodies.size() - start);
            previousId = id;
        }

        ByteSink out = new ByteSink(16 + directory.size() + timeBits.byteLength() + bodies.size());
        out.write(FORMAT_1);
        out.writeVarLong(timestamps.length);
        out.writeVarLong(columns.size());
        out.writeVarLong(timeBits.byteLength());
        out.write(directory);
        timeBits.writeTo(out);
        out.write(bodies);
        byte[] body = out.toByteArray();
        byte[] block = java.util.Arrays.copyOf(body, body.length + 4);
        int crc = crc(block, body.length);
        block[body.length] = (byte) (crc >>> 24);
        block[body.length + 1] = (byte) (crc >>> 16);
        block[body.length + 2] = (byte) (crc >>> 8);
        block[body.length + 3] = (byte) crc;
        return block;
    }

    private static int crc(byte[] bytes, int length) {
        java.util.zip.CRC32C c = new java.util.zip.CRC32C();
        c.update(bytes, 0, length);
        return (int) c.getValue();
    }

    /**
     * Decodes the header, directory and timestamps of a block; column bodies are decoded (and checked) when
     * {@link Block#column} or {@link Block#columns} asks for them. The returned block reads from {@code bytes},
     * which must not be modified afterwards.
     *
     * @throws CorruptBlockException if the bytes are not a block of a known format: truncated, garbled or
     *     inconsistent
     */
    public static Block decode(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length < 5) {
            throw new CorruptBlockException("a block of " + bytes.length + " bytes is too short");
        }
        int end = bytes.length - 4;
        int stored = (bytes[end] & 0xFF) << 24 | (bytes[end + 1] & 0xFF) << 16 | (bytes[end + 2] & 0xFF) << 8
            | bytes[end + 3] & 0xFF;
        if (stored != crc(bytes, end)) {
            throw new CorruptBlockException("block checksum mismatch: the bytes were damaged");
        }
        ByteSource in = new ByteSource(bytes, end);
        int format = in.readByte();
        if (format != FORMAT_1) {
            throw new CorruptBlockException("unknown block format 0x" + Integer.toHexString(format) + ", expected 0x"
                + Integer.toHexString(FORMAT_1));
        }
        int timestampCount = in.readVarInt("timestamp count", 1, Integer.MAX_VALUE);
        int columnCount = in.readVarInt("column count", 0, in.remaining() / MIN_BYTES_PER_COLUMN);
        int timeBytes = in.readVarInt("timestamp section length", 8, in.remaining());
        if (TimestampCodec.minimumBits(timestampCount) > (long) timeBytes * 8) {
            throw new CorruptBlockException(timestampCount + " timestamps cannot fit in " + timeBytes + " bytes");
        }

        int[] series = new int[columnCount];
        int[] counts = new int[columnCount];
        int[] bodyStarts = new int[columnCount + 1];
        long bodyBytes = 0;
        long sampleCount = 0;
        long previousId = 0;
        for (int i = 0; i < columnCount; i++) {
            long code = in.readVarLong();
            if (i > 0 && (code < 0 || code > 0xFFFF_FFFFL)) {
                throw new CorruptBlockException("series id gap of column " + i + " is out of range");
            }
            long id = i == 0 ? ZigZag.decode(code) : previousId + 1 + code;
            if (id < Integer.MIN_VALUE || id > Integer.MAX_VALUE) {
                throw new CorruptBlockException("series id of column " + i + " is out of range");
            }
            series[i] = (int) id;
            previousId = id;
            counts[i] = in.readVarInt("sample count", 0, timestampCount);
            bodyStarts[i] = (int) bodyBytes;
            bodyBytes += in.readVarInt("body length", 1, in.remaining());
            sampleCount += counts[i];
        }
        if ((long) in.remaining() != timeBytes + bodyBytes) {
            throw new CorruptBlockException("block has " + in.remaining() + " bytes after its directory, the header and "
                + "directory account for " + (timeBytes + bodyBytes));
        }
        if (sampleCount > Integer.MAX_VALUE) {
            throw new CorruptBlockException("block claims " + sampleCount + " samples");
        }
        int timeStart = in.position();
        int bodiesStart = timeStart + timeBytes;
        for (int i = 0; i < columnCount; i++) {
            bodyStarts[i] += bodiesStart;
        }
        bodyStarts[columnCount] = end;

        long[] timestamps = TimestampCodec.decode(new BitReader(bytes, timeStart, bodiesStart), timestampCount);
        return new Block(bytes, timestamps, series, counts, bodyStarts, (int) sampleCount);
    }
}
