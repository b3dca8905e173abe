package io.nplus.core.store.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** Property-based: whatever goes into a block comes back with identical bits. */
class BlockCodecRoundTripTest {

    /** One block's input; toString keeps jqwik's failure report short. */
    record BlockInput(long[] timestamps, List<Column> columns) {
        @Override
        public String toString() {
            return timestamps.length + " timestamps " + Arrays.toString(Arrays.copyOf(timestamps,
                Math.min(4, timestamps.length))) + "..., columns " + columns;
        }
    }

    record ColumnShape(Shapes.Values values, Shapes.Positions positions, long seed) {
    }

    @Property(tries = 1500)
    void everyShapeOfBlockRoundTrips(@ForAll("blocks") BlockInput input) {
        byte[] bytes = RoundTrip.check(input.timestamps(), input.columns());
        // never much worse than raw: 64 bits per timestamp, 78 bits (XOR's worst) per value, small overheads
        long bound = 32 + 9L * input.timestamps().length
            + input.columns().stream().mapToLong(c -> 24 + 10L * c.size() + input.timestamps().length / 8).sum();
        assertThat((long) bytes.length).isLessThanOrEqualTo(bound);
    }

    @Property
    void anyGaugeBitsRoundTrip(@ForAll @Size(min = 1, max = 200) long[] values) {
        roundTripOneColumn(Kind.GAUGE, values);
    }

    @Property
    void anyCounterValuesRoundTrip(@ForAll @Size(min = 1, max = 200) long[] values) {
        roundTripOneColumn(Kind.COUNTER, values);
    }

    @Property
    void decimalsAtEveryScaleRoundTrip(@ForAll @IntRange(min = 0, max = 6) int scale,
        @ForAll @Size(min = 1, max = 200) List<@LongRange(min = -(1L << 53) + 1, max = (1L << 53) - 1) Long> unscaled) {
        long[] values = unscaled.stream().mapToLong(n -> DecimalScale.toBits(n, scale)).toArray();
        roundTripOneColumn(Kind.GAUGE, values);
    }

    @Property
    void anyStrictlyIncreasingTimestampsRoundTrip(@ForAll @Size(min = 1, max = 300) Set<Long> distinct) {
        long[] timestamps = distinct.stream().mapToLong(Long::longValue).sorted().toArray();
        RoundTrip.check(timestamps, List.of());
        RoundTrip.check(timestamps, List.of(new Column(1, Kind.COUNTER, RoundTrip.allPositions(timestamps.length),
            timestamps.clone())));
    }

    private static void roundTripOneColumn(Kind kind, long[] values) {
        long[] timestamps = RoundTrip.regularTimestamps(values.length);
        RoundTrip.check(timestamps, List.of(new Column(7, kind, RoundTrip.allPositions(values.length), values)));
    }

    @Provide
    Arbitrary<BlockInput> blocks() {
        Arbitrary<long[]> timestamps = Combinators.combine(Arbitraries.of(Shapes.Timestamps.class),
            Arbitraries.integers().between(1, 300), Arbitraries.longs()).as((shape, count, seed) ->
            shape.generate(count, seed));
        Arbitrary<ColumnShape> columnShape = Combinators.combine(Arbitraries.of(Shapes.Values.class),
            Arbitraries.of(Shapes.Positions.class), Arbitraries.longs()).as(ColumnShape::new);
        return timestamps.flatMap(t -> Arbitraries.integers().set().ofMaxSize(12).flatMap(ids ->
            columnShape.list().ofSize(ids.size()).map(shapes -> new BlockInput(t, columns(ids, shapes, t.length)))));
    }

    private static List<Column> columns(Set<Integer> ids, List<ColumnShape> shapes, int timestampCount) {
        int[] sorted = ids.stream().mapToInt(Integer::intValue).sorted().toArray();
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < sorted.length; i++) {
            ColumnShape shape = shapes.get(i);
            columns.add(Shapes.column(sorted[i], shape.values(), shape.positions(), timestampCount, shape.seed()));
        }
        return columns;
    }
}
