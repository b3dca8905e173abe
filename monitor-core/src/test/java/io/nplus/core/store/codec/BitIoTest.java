package io.nplus.core.store.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The bit and byte primitives under the codec. */
class BitIoTest {
    record Field(long value, int width) {
    }

    @Property
    void bitFieldsOfAnyWidthRoundTrip(@ForAll @Size(max = 100) List<@IntRange(min = 0, max = 64) Integer> widths,
        @ForAll @Size(max = 100) List<Long> values) {
        BitWriter writer = new BitWriter(16);
        int n = Math.min(widths.size(), values.size());
        for (int i = 0; i < n; i++) {
            writer.writeBits(values.get(i), widths.get(i));
        }
        byte[] bytes = writer.toByteArray();
        assertThat(bytes).hasSize(writer.byteLength());
        BitReader reader = new BitReader(bytes, 0, bytes.length);
        for (int i = 0; i < n; i++) {
            int width = widths.get(i);
            long mask = width == 64 ? -1L : (1L << width) - 1;
            assertThat(reader.readBits(width)).isEqualTo(values.get(i) & mask);
        }
        reader.expectEnd();
    }

    @Property
    void widthPrefixedValuesRoundTrip(@ForAll long value) {
        BitWriter writer = new BitWriter();
        writer.writeWidthPrefixed(value);
        assertThat(writer.bitLength()).isEqualTo(7 + ZigZag.width(value));
        byte[] bytes = writer.toByteArray();
        assertThat(new BitReader(bytes, 0, bytes.length).readWidthPrefixed()).isEqualTo(value);
    }

    @Property
    void varintsRoundTrip(@ForAll long value) {
        ByteSink sink = new ByteSink(1);
        sink.writeVarLong(value);
        sink.writeVarLong(~value);
        ByteSource source = new ByteSource(sink.toByteArray());
        assertThat(source.readVarLong()).isEqualTo(value);
        assertThat(source.readVarLong()).isEqualTo(~value);
        assertThat(source.remaining()).isZero();
    }

    @Property
    void zigZagRoundTripsAndKeepsSmallMagnitudesSmall(@ForAll long value) {
        assertThat(ZigZag.decode(ZigZag.encode(value))).isEqualTo(value);
        if (value > -64 && value < 64) {
            assertThat(ZigZag.width(ZigZag.encode(value))).isLessThanOrEqualTo(7);
        }
    }

    @Test
    void zigZagOrder() {
        assertThat(new long[] {ZigZag.encode(0), ZigZag.encode(-1), ZigZag.encode(1), ZigZag.encode(-2)})
            .containsExactly(0, 1, 2, 3);
        assertThat(ZigZag.encode(Long.MIN_VALUE)).isEqualTo(-1L);
    }

    @Test
    void readingPastTheEndIsCorrupt() {
        BitReader reader = new BitReader(new byte[] {(byte) 0xAB, 1, 2}, 0, 1);
        assertThat(reader.readBits(4)).isEqualTo(0xA);
        assertThatThrownBy(() -> reader.readBits(5)).isExactlyInstanceOf(CorruptBlockException.class);
        assertThat(reader.readBits(4)).isEqualTo(0xB);
        assertThatThrownBy(reader::readBit).isExactlyInstanceOf(CorruptBlockException.class);
    }

    @Test
    void leftoverBytesAreCorrupt() {
        BitReader reader = new BitReader(new byte[] {(byte) 0x80, 0}, 0, 2);
        reader.readBit();
        assertThatThrownBy(reader::expectEnd).isExactlyInstanceOf(CorruptBlockException.class);
    }

    @Test
    void overlongVarintIsCorrupt() {
        byte[] eleven = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80,
            (byte) 0x80, (byte) 0x80, (byte) 0x80, 0};
        assertThatThrownBy(() -> new ByteSource(eleven).readVarLong()).isExactlyInstanceOf(CorruptBlockException.class);
        byte[] tooHigh = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
            (byte) 0xFF, (byte) 0xFF, 0x02};
        assertThatThrownBy(() -> new ByteSource(tooHigh).readVarLong()).isExactlyInstanceOf(CorruptBlockException.class);
    }
}
