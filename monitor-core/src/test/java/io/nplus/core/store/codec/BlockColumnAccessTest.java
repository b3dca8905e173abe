package io.nplus.core.store.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Block#column} finds one column through the directory and decodes nothing else. */
class BlockColumnAccessTest {
    private final RealisticDevice device = new RealisticDevice(3);
    private final byte[] bytes = BlockCodec.encode(device.timestamps, device.columns);

    @Test
    void eachColumnAloneEqualsItsEntryInColumns() {
        Block block = BlockCodec.decode(bytes);
        List<Column> all = block.columns();
        assertThat(all).isEqualTo(device.columns);
        for (Column column : all) {
            assertThat(block.column(column.series())).isEqualTo(column);
        }
    }

    @Test
    void anAbsentSeriesIsNull() {
        Block block = BlockCodec.decode(bytes);
        assertThat(block.column(device.columns.get(0).series() - 1)).isNull();
        assertThat(block.column(Integer.MAX_VALUE)).isNull();
    }

    @Test
    void oneColumnDecodesWhileEveryOtherBodyIsGarbage() {
        Column wanted = device.columns.get(device.columns.size() / 2);
        byte[] damaged = bytes.clone();
        Block block = BlockCodec.decode(damaged);
        for (int id : block.series()) {
            if (id != wanted.series()) {
                int[] range = block.bodyRange(id);
                for (int i = range[0]; i < range[1]; i++) {
                    damaged[i] = (byte) 0xFF;  // tag 0xFF names no encoding
                }
            }
        }
        // Resealed: a block damaged on disk fails its checksum; this checks that the other bodies are not read.
        Block reread = BlockCodec.decode(CorruptBlockTest.sealed(java.util.Arrays.copyOf(damaged, damaged.length - 4)));
        assertThat(reread.column(wanted.series())).isEqualTo(wanted);
        assertThat(reread.sampleCount()).isEqualTo(device.samples());
        assertThatThrownBy(reread::columns).isExactlyInstanceOf(CorruptBlockException.class);
    }

    @Test
    void returnedArraysAreCopies() {
        Block block = BlockCodec.decode(bytes);
        block.timestamps()[0] = 0;
        block.series()[0] = 0;
        block.column(device.columns.get(0).series()).values()[0] = 0;
        assertThat(block.timestamps()).containsExactly(device.timestamps);
        assertThat(block.column(device.columns.get(0).series())).isEqualTo(device.columns.get(0));
    }
}
