package io.nplus.core.store.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Which value encoding the encoder picks for typical columns, and what they cost. */
class EncodingChoiceTest {
    private static final int N = 120;

    private static byte[] encodeDense(Kind kind, long[] values) {
        return RoundTrip.check(RoundTrip.regularTimestamps(values.length),
            List.of(new Column(1, kind, RoundTrip.allPositions(values.length), values)));
    }

    private static int bodyBytes(byte[] bytes) {
        int[] range = BlockCodec.decode(bytes).bodyRange(1);
        return range[1] - range[0];
    }

    private static long[] gauges(double... values) {
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Double.doubleToRawLongBits(values[i]);
        }
        return bits;
    }

    private static long[] repeat(long value, int count) {
        long[] v = new long[count];
        Arrays.fill(v, value);
        return v;
    }

    @Nested
    class Constants {
        @Test
        void constantSeverityIsOneSmallDecimal() {
            byte[] bytes = encodeDense(Kind.GAUGE, repeat(Double.doubleToRawLongBits(4.0), N));
            assertThat(RoundTrip.encodingOf(bytes, 1)).isEqualTo(ValueEncoding.CONSTANT_DECIMAL);
            assertThat(ValueEncoding.scaleOf(RoundTrip.tagOf(bytes, 1))).isZero();
            assertThat(bodyBytes(bytes)).isEqualTo(3);  // tag + 7-bit width + zigzag 8 in 4 bits
        }

        @Test
        void constantNonDecimalGaugePicksConstant() {
            byte[] bytes = encodeDense(Kind.GAUGE, repeat(Double.doubleToRawLongBits(0x1p60), N));
            assertThat(RoundTrip.encodingOf(bytes, 1)).isEqualTo(ValueEncoding.CONSTANT);
            assertThat(bodyBytes(bytes)).isLessThanOrEqualTo(4);
        }

        @Test
        void constantTwoDecimalThresholdPicksConstantDecimal() {
            byte[] bytes = encodeDense(Kind.GAUGE, repeat(Double.doubleToRawLongBits(-3.12), N));
            assertThat(RoundTrip.encodingOf(bytes, 1)).isEqualTo(ValueEncoding.CONSTANT_DECIMAL);
            assertThat(ValueEncoding.scaleOf(RoundTrip.tagOf(bytes, 1))).isEqualTo(2);
            assertThat(bodyBytes(bytes)).isLessThanOrEqualTo(4);
        }

        @Test
        void constantNaNWithPayloadKeepsItsBits() {
            byte[] bytes = encodeDense(Kind.GAUGE, repeat(0x7FF8_0000_DEAD_BEEFL, N));
            assertThat(RoundTrip.encodingOf(bytes, 1)).isEqualTo(ValueEncoding.CONSTANT);
        }

        @Test
        void constantCounterPicksConstant() {
            byte[] bytes = encodeDense(Kind.COUNTER, repeat(10_000_000_000L, N));
            assertThat(RoundTrip.encodingOf(bytes, 1)).isEqualTo(ValueEncoding.CONSTANT);
            assertThat(ValueEncoding.kindOf(RoundTrip.tagOf(bytes, 1))).isEqualTo(Kind.COUNTER);
        }

        @Test
        void negativeZeroIsNotTakenForADecimal() {
            byte[] bytes = encodeDense(Kind.GAUGE, repeat(Double.doubleToRawLongBits(-0.0), N));
            assertThat(RoundTrip.encodingOf(bytes, 1)).isEqualTo(ValueEncoding.CONSTANT);
        }
    }

    @Nested
    class Counters {
        @Test
        void steadyCounterPicksDeltaOfDeltaAndCostsAboutABitPerSample() {
            long[] v = new long[N];
            for (int i = 0; i < N; i++) {
                v[i] = 5_000_000_000L + 6_000_000L * i;
            }
            byte[] bytes = encodeDense(Kind.COUNTER, v);
            assertThat(RoundTrip.encodingOf(bytes, 1)).isEqualTo(ValueEncoding.DELTA_OF_DELTA);
            assertThat(bodyBytes(bytes)).isLessThanOrEqualTo(N / 8 + 12);
        }

        @Test
        void counterWrappingPast2To64PicksAnIntegerEncoding() {
            long[] v = {-3L, -2L, -1L, 5L, 6L, 7L};
            byte[] bytes = encodeDense(Kind.COUNTER, v);
            assertThat(RoundTrip.encodingOf(bytes, 1)).isIn(ValueEncoding.DELTA, ValueEncoding.DELTA_OF_DELTA);
        }

        @Test
        void noisyCounterUsesAnIntegerEncodingNearItsEntropy() {
            Random random = new Random(1);
            long[] v = new long[N];
            long value = 1L << 40;
            for (int i = 0; i < N; i++) {
                v[i] = value;
                value += (long) (6e8 * (0.7 + 0.6 * random.nextDouble()));  // 1e7 B/s +-30 % over 60 s
            }
            byte[] bytes = encodeDense(Kind.COUNTER, v);
            assertThat(RoundTrip.encodingOf(bytes, 1)).isIn(ValueEncoding.DELTA, ValueEncoding.DELTA_OF_DELTA);
            // the deltas spread over 3.6e8 (28.4 bits of entropy): expect about 30 bits each
            assertThat(bodyBytes(bytes) * 8.0 / N).isLessThan(31.0);
        }
    }

    @Nested
    class Gauges {
        @Test
        void twoDecimalDomReadingThatStepsNowAndThenPicksDeltaAtScale2() {
            Random random = new Random(2);
            long[] v = new long[N];
            long hundredths = -312;
            for (int i = 0; i < N; i++) {
                if (random.nextInt(10) == 0) {
                    hundredths += random.nextBoolean() ? 1 + random.nextInt(10) : -1 - random.nextInt(10);
                }
                v[i] = Double.doubleToRawLongBits(hundredths / 100.0);
            }
            byte[] bytes = encodeDense(Kind.GAUGE, v);
            assertThat(RoundTrip.encodingOf(bytes, 1)).isEqualTo(ValueEncoding.DELTA);
            assertThat(ValueEncoding.scaleOf(RoundTrip.tagOf(bytes, 1))).isEqualTo(2);
            assertThat(bodyBytes(bytes)).isLessThan(40);
        }

        @Test
        void severitySwitchingBetweenLevelsPicksAnIntegerEncodingAtScale0() {
            long[] v = gauges(0, 0, 0, 0, 2, 2, 2, 2, 2, 4, 4, 4, 0, 0, 0, 0, 0, 0, 0, 0);
            byte[] bytes = encodeDense(Kind.GAUGE, v);
            assertThat(RoundTrip.encodingOf(bytes, 1)).isIn(ValueEncoding.DELTA, ValueEncoding.DELTA_OF_DELTA);
            assertThat(ValueEncoding.scaleOf(RoundTrip.tagOf(bytes, 1))).isZero();
        }

        @Test
        void nonDecimalDoublesFallBackToXor() {
            Random random = new Random(3);
            long[] v = new long[N];
            for (int i = 0; i < N; i++) {
                v[i] = Double.doubleToRawLongBits(20 + random.nextGaussian());
            }
            assertThat(RoundTrip.encodingOf(encodeDense(Kind.GAUGE, v), 1)).isEqualTo(ValueEncoding.XOR);
        }

        @Test
        void specialDoublesFallBackToXor() {
            long[] v = gauges(Double.NaN, Double.POSITIVE_INFINITY, -0.0, Double.MIN_VALUE, 1.5,
                Double.NEGATIVE_INFINITY);
            assertThat(RoundTrip.encodingOf(encodeDense(Kind.GAUGE, v), 1)).isEqualTo(ValueEncoding.XOR);
        }

        @Test
        void decimalScaleIsTheSmallestThatIsExact() {
            long[] unscaled = new long[3];
            assertThat(DecimalScale.find(gauges(1.5, 2.25, 3), 3, unscaled)).isEqualTo(2);
            assertThat(unscaled).containsExactly(150, 225, 300);
            assertThat(DecimalScale.find(gauges(-3.12), 1, unscaled)).isEqualTo(2);
            assertThat(DecimalScale.find(gauges(0.1 + 0.2), 1, unscaled)).isEqualTo(-1);
            assertThat(DecimalScale.find(gauges(1e-7), 1, unscaled)).isEqualTo(-1);
            assertThat(DecimalScale.find(gauges(0x1p53), 1, unscaled)).isEqualTo(-1);
            assertThat(DecimalScale.find(gauges(-0.0), 1, unscaled)).isEqualTo(-1);
            assertThat(DecimalScale.find(gauges(Double.NaN), 1, unscaled)).isEqualTo(-1);
        }
    }

    @Nested
    class Presence {
        @Test
        void aColumnAtEveryTimestampSpendsNoBitsOnPositions() {
            long[] v = repeat(0, N);
            byte[] dense = encodeDense(Kind.COUNTER, v);
            assertThat(bodyBytes(dense)).isEqualTo(2);  // tag + 7-bit width of 0
        }

        @Test
        void aSeriesThatAppearsMidBlockCostsAFewBytesOfRuns() {
            int[] positions = IntStream.range(50, N).toArray();
            byte[] bytes = RoundTrip.check(RoundTrip.regularTimestamps(N),
                List.of(new Column(1, Kind.COUNTER, positions, repeat(3, positions.length))));
            assertThat(bodyBytes(bytes)).isLessThanOrEqualTo(6);
        }

        @Test
        void flappingPresenceCostsAtMostABitPerTimestamp() {
            int[] positions = IntStream.range(0, N).filter(i -> i % 2 == 0).toArray();
            byte[] bytes = RoundTrip.check(RoundTrip.regularTimestamps(N),
                List.of(new Column(1, Kind.COUNTER, positions, repeat(3, positions.length))));
            assertThat(bodyBytes(bytes)).isLessThanOrEqualTo(1 + (N + 1 + 8) / 8 + 1);
        }
    }

    @Nested
    class EdgeCases {
        @Test
        void emptyColumnListAndSingleTimestamp() {
            RoundTrip.check(new long[] {Long.MIN_VALUE}, List.of());
            RoundTrip.check(new long[] {42}, List.of(new Column(Integer.MIN_VALUE, Kind.GAUGE, new int[] {0},
                gauges(Double.NaN)), new Column(Integer.MAX_VALUE, Kind.COUNTER, new int[0], new long[0])));
        }

        @Test
        void extremeTimestampsAndCountersRoundTrip() {
            long[] timestamps = {Long.MIN_VALUE, Long.MIN_VALUE + 1, -1, 0, Long.MAX_VALUE - 1, Long.MAX_VALUE};
            RoundTrip.check(timestamps, List.of(
                new Column(0, Kind.COUNTER, RoundTrip.allPositions(6),
                    new long[] {Long.MAX_VALUE, Long.MIN_VALUE, -1, 5, Long.MIN_VALUE, 0}),
                new Column(1, Kind.GAUGE, RoundTrip.allPositions(6), gauges(-0.0, 0.0, -0.0, Double.NaN,
                    Double.MIN_VALUE, -Double.MAX_VALUE))));
        }

        @Test
        void emptyColumnRemembersItsKind() {
            byte[] bytes = RoundTrip.check(RoundTrip.regularTimestamps(3),
                List.of(new Column(1, Kind.COUNTER, new int[0], new long[0])));
            assertThat(RoundTrip.encodingOf(bytes, 1)).isEqualTo(ValueEncoding.NONE);
        }
    }
}
