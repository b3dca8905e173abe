package io.nplus.core.store.codec;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link BlockCodec#encode} refuses bad input with a message naming the problem. */
class EncodeInputCheckTest {
    private static final long[] THREE = {1000, 2000, 3000};

    private static Column dense(int series) {
        return new Column(series, Kind.GAUGE, new int[] {0, 1, 2}, new long[] {1, 2, 3});
    }

    @Test
    void noTimestamps() {
        assertThatThrownBy(() -> BlockCodec.encode(new long[0], List.of()))
            .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one timestamp");
    }

    @Test
    void timestampsNotIncreasing() {
        assertThatThrownBy(() -> BlockCodec.encode(new long[] {5, 9, 9}, List.of()))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("timestamps[2] = 9 is not after timestamps[1] = 9");
    }

    @Test
    void columnsOutOfOrderOrDuplicated() {
        assertThatThrownBy(() -> BlockCodec.encode(THREE, List.of(dense(4), dense(2))))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("series 2 after series 4");
        assertThatThrownBy(() -> BlockCodec.encode(THREE, List.of(dense(4), dense(4))))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("series 4 after series 4");
    }

    @Test
    void positionOutsideTheBlock() {
        Column column = new Column(8, Kind.COUNTER, new int[] {0, 3}, new long[] {1, 2});
        assertThatThrownBy(() -> BlockCodec.encode(THREE, List.of(column)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("series 8: positions[1] = 3 is outside the block's 3 timestamps");
        Column negative = new Column(8, Kind.COUNTER, new int[] {-1}, new long[] {1});
        assertThatThrownBy(() -> BlockCodec.encode(THREE, List.of(negative)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positions[0] = -1");
    }

    @Test
    void positionsNotIncreasing() {
        Column column = new Column(8, Kind.COUNTER, new int[] {1, 1}, new long[] {1, 2});
        assertThatThrownBy(() -> BlockCodec.encode(THREE, List.of(column)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("series 8: positions[1] = 1 is not after positions[0] = 1");
    }

    @Test
    void nullColumn() {
        assertThatThrownBy(() -> BlockCodec.encode(THREE, Arrays.asList(dense(1), null)))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("columns[1] is null");
    }
}
