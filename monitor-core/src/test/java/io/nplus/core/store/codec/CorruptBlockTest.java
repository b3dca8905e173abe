package io.nplus.core.store.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Malformed bytes give a CorruptBlockException or a valid block: never another exception, an OOM or a hang (each
 * loop of thousands of cases has a timeout).
 */
class CorruptBlockTest {
    /** Small blocks that between them use every encoding, presence form and timestamp bucket. */
    private static final List<byte[]> VALID = validBlocks();

    private static List<byte[]> validBlocks() {
        List<byte[]> blocks = new ArrayList<>();
        Random random = new Random(42);
        for (Shapes.Timestamps ts : Shapes.Timestamps.values()) {
            long[] timestamps = ts.generate(1 + random.nextInt(150), random.nextLong());
            List<Column> columns = new ArrayList<>();
            int series = -5;
            for (Shapes.Values values : Shapes.Values.values()) {
                for (Shapes.Positions positions : Shapes.Positions.values()) {
                    series += 1 + random.nextInt(3);
                    columns.add(Shapes.column(series, values, positions, timestamps.length, random.nextLong()));
                }
            }
            blocks.add(BlockCodec.encode(timestamps, columns));
        }
        RealisticDevice device = new RealisticDevice(7, 60, 120);
        blocks.add(BlockCodec.encode(device.timestamps, device.columns));
        return blocks;
    }

    /** Decodes everything a reader could ask for; returns the exception, if any. */
    private static Throwable decodeFully(byte[] bytes) {
        return catchThrowable(() -> {
            Block block = BlockCodec.decode(bytes);
            block.timestamps();
            block.sampleCount();
            for (int id : block.series()) {
                block.column(id);
            }
            block.columns();
        });
    }

    private static void assertCorruptOrValid(byte[] bytes) {
        Throwable thrown = decodeFully(bytes);
        if (thrown != null) {
            assertThat(thrown).isExactlyInstanceOf(CorruptBlockException.class);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everyTruncationIsDetected() {
        for (byte[] valid : VALID) {
            for (int length = 0; length < valid.length; length++) {
                byte[] truncated = Arrays.copyOf(valid, length);
                assertThat(decodeFully(truncated)).as("truncated to %d of %d bytes", length, valid.length)
                    .isExactlyInstanceOf(CorruptBlockException.class);
            }
        }
    }

    @Test
    void appendedBytesAreDetected() {
        for (byte[] valid : VALID) {
            assertThat(decodeFully(Arrays.copyOf(valid, valid.length + 1)))
                .isExactlyInstanceOf(CorruptBlockException.class);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void flippedBitsGiveCorruptOrAValidBlock() {
        Random random = new Random(1);
        for (int trial = 0; trial < 20_000; trial++) {
            byte[] bytes = VALID.get(random.nextInt(VALID.size())).clone();
            int flips = 1 + random.nextInt(3);
            for (int f = 0; f < flips; f++) {
                bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
            }
            assertCorruptOrValid(bytes);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void overwrittenBytesGiveCorruptOrAValidBlock() {
        Random random = new Random(2);
        for (int trial = 0; trial < 20_000; trial++) {
            byte[] bytes = VALID.get(random.nextInt(VALID.size())).clone();
            int at = random.nextInt(bytes.length);
            int length = 1 + random.nextInt(Math.min(16, bytes.length - at));
            for (int i = at; i < at + length; i++) {
                bytes[i] = (byte) (random.nextInt(4) == 0 ? 0xFF : random.nextInt(256));
            }
            assertCorruptOrValid(bytes);
        }
    }

    @Property(tries = 3000)
    void garbageGivesCorruptOrAValidBlock(@ForAll @Size(max = 400) byte[] garbage) {
        assertCorruptOrValid(garbage);
        if (garbage.length > 0) {
            garbage[0] = (byte) BlockCodec.FORMAT_1;  // get past the format byte too
            assertCorruptOrValid(garbage);
        }
    }

    @Test
    void emptyInputIsCorrupt() {
        assertThatThrownBy(() -> BlockCodec.decode(new byte[0])).isExactlyInstanceOf(CorruptBlockException.class);
    }

    @Test
    void unknownFormatIsRejectedByName() {
        byte[] body = Arrays.copyOf(VALID.get(0), VALID.get(0).length - 4);
        body[0] = (byte) 0xB2;
        assertCorrupt(body, "unknown block format 0xb2");
    }

    @Test
    void hugeDeclaredCountsAreRejectedBeforeAllocating() {
        // timestamp count 2^31 - 1 with 9 bytes of timestamps
        assertCorrupt(header(Integer.MAX_VALUE, 0, 9, 9), "timestamps cannot fit");
        // timestamp count beyond int
        assertCorrupt(header(1L << 40, 0, 8, 8), "timestamp count");
        // 2^31 - 1 columns in a short block
        assertCorrupt(header(1, Integer.MAX_VALUE, 8, 8), "column count");
        // a timestamp section longer than the block
        assertCorrupt(header(1, 0, 1L << 31, 8), "timestamp section length");
        // a varint that never ends
        byte[] endless = new byte[40];
        Arrays.fill(endless, (byte) 0xFF);
        endless[0] = (byte) BlockCodec.FORMAT_1;
        assertCorrupt(endless, "varint");
    }

    @Test
    void sampleCountAboveTheTimestampCountIsCorrupt() {
        ByteSink sink = new ByteSink(32);
        sink.write(BlockCodec.FORMAT_1);
        sink.writeVarLong(1);            // one timestamp
        sink.writeVarLong(1);            // one column
        sink.writeVarLong(8);            // 8 bytes of timestamps
        sink.writeVarLong(0);            // series 0
        sink.writeVarLong(Integer.MAX_VALUE);  // claims 2^31 - 1 samples
        sink.writeVarLong(2);
        for (int i = 0; i < 10; i++) {
            sink.write(0);
        }
        assertCorrupt(sink.toByteArray(), "sample count");
    }

    @Test
    void aBodyWithAnUnknownEncodingIsCorruptWhenRead() {
        long[] timestamps = RoundTrip.regularTimestamps(4);
        byte[] bytes = BlockCodec.encode(timestamps, List.of(new Column(3, Kind.GAUGE, RoundTrip.allPositions(4),
            new long[] {1, 2, 3, 4})));
        Block block = BlockCodec.decode(bytes);
        bytes[block.bodyRange(3)[0]] = (byte) 0x78;  // encoding 15
        assertThatThrownBy(() -> block.column(3)).isExactlyInstanceOf(CorruptBlockException.class)
            .hasMessageContaining("series 3").hasMessageContaining("unknown value encoding 15");
    }

    private static byte[] header(long timestampCount, long columnCount, long timeBytes, int padding) {
        ByteSink sink = new ByteSink(32);
        sink.write(BlockCodec.FORMAT_1);
        sink.writeVarLong(timestampCount);
        sink.writeVarLong(columnCount);
        sink.writeVarLong(timeBytes);
        for (int i = 0; i < padding; i++) {
            sink.write(0x55);
        }
        return sink.toByteArray();
    }

    /**
     * A hand-made block with a valid checksum, so the structural checks behind the checksum are what is tested
     * (a damaged block from disk fails at the checksum already).
     */
    static byte[] sealed(byte[] withoutCrc) {
        java.util.zip.CRC32C c = new java.util.zip.CRC32C();
        c.update(withoutCrc);
        int crc = (int) c.getValue();
        byte[] out = Arrays.copyOf(withoutCrc, withoutCrc.length + 4);
        for (int i = 0; i < 4; i++) {
            out[withoutCrc.length + i] = (byte) (crc >>> (24 - 8 * i));
        }
        return out;
    }

    private static void assertCorrupt(byte[] unsealed, String message) {
        byte[] bytes = sealed(unsealed);
        assertThatThrownBy(() -> BlockCodec.decode(bytes)).isExactlyInstanceOf(CorruptBlockException.class)
            .hasMessageContaining(message);
    }

    @Test
    void everySingleBitFlipIsCaughtByTheChecksum() {
        byte[] valid = VALID.get(0);
        for (int bit = 0; bit < valid.length * 8; bit++) {
            byte[] flipped = valid.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThatThrownBy(() -> BlockCodec.decode(flipped)).isExactlyInstanceOf(CorruptBlockException.class);
        }
    }
}
