package io.nplus.core.store.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Generators of timestamps, values and positions in the shapes the codec must survive, driven by a seed so that
 * jqwik can pick (and shrink the size of) cases while the shape code stays readable.
 */
final class Shapes {
    private Shapes() {
    }

    enum Timestamps {
        /** Polls every period with a jitter of up to +-jitter ms. */
        REGULAR_WITH_JITTER,
        /** Any gaps from 1 ms to an hour. */
        IRREGULAR,
        /** Gaps of days or years between polls. */
        HUGE_GAPS,
        /** Consecutive milliseconds. */
        ONE_MS_APART,
        /** Sorted distinct longs from anywhere in the range, including Long.MIN_VALUE and Long.MAX_VALUE. */
        EXTREME;

        long[] generate(int count, long seed) {
            Random random = new Random(seed);
            long[] t = new long[count];
            switch (this) {
                case REGULAR_WITH_JITTER: {
                    long period = 1000 + random.nextInt(300_000);
                    int jitter = random.nextInt(Math.max(1, (int) Math.min(period / 2 - 1, 5_000)));
                    long start = 1_700_000_000_000L + random.nextInt(1_000_000_000);
                    for (int i = 0; i < count; i++) {
                        t[i] = start + i * period + (jitter == 0 ? 0 : random.nextInt(2 * jitter + 1) - jitter);
                    }
                    break;
                }
                case IRREGULAR:
                    fill(t, random.nextLong() >> 2, random, 3_600_000L);
                    break;
                case HUGE_GAPS:
                    fill(t, random.nextLong() >> 8, random, 400L * 24 * 3_600_000L);
                    break;
                case ONE_MS_APART: {
                    long start = random.nextBoolean() ? random.nextLong() >> 1 : Long.MAX_VALUE - count + 1;
                    for (int i = 0; i < count; i++) {
                        t[i] = start + i;
                    }
                    break;
                }
                case EXTREME:
                    return extreme(count, random);
                default:
                    throw new AssertionError(this);
            }
            return t;
        }

        private static void fill(long[] t, long start, Random random, long maxGap) {
            t[0] = start;
            for (int i = 1; i < t.length; i++) {
                t[i] = t[i - 1] + 1 + (long) (random.nextDouble() * random.nextDouble() * maxGap);
            }
        }

        private static long[] extreme(int count, Random random) {
            TreeSet<Long> set = new TreeSet<>();
            set.add(Long.MIN_VALUE);
            if (count > 1) {
                set.add(Long.MAX_VALUE);
            }
            while (set.size() < count) {
                set.add(random.nextInt(4) == 0 ? (long) random.nextInt(7) - 3 : random.nextLong());
            }
            return set.stream().mapToLong(Long::longValue).toArray();
        }
    }

    enum Values {
        ANY_BITS(Kind.GAUGE),
        SPECIAL_DOUBLES(Kind.GAUGE),
        DECIMALS(Kind.GAUGE),
        SMALL_DECIMAL_STEPS(Kind.GAUGE),
        REPEATED_RUNS(Kind.GAUGE),
        CONSTANT_GAUGE(Kind.GAUGE),
        COUNTER_STEADY(Kind.COUNTER),
        COUNTER_NEAR_2_63(Kind.COUNTER),
        COUNTER_WRAPPING_2_64(Kind.COUNTER),
        COUNTER_ANY(Kind.COUNTER),
        CONSTANT_COUNTER(Kind.COUNTER);

        final Kind kind;

        Values(Kind kind) {
            this.kind = kind;
        }

        private static final long[] SPECIALS = {
            Double.doubleToRawLongBits(Double.NaN), 0x7FF0_0000_0000_0001L, 0x7FF8_DEAD_BEEF_0001L,
            0xFFF0_0000_0000_0001L, 0xFFFF_FFFF_FFFF_FFFFL, Double.doubleToRawLongBits(Double.POSITIVE_INFINITY),
            Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY), Double.doubleToRawLongBits(-0.0), 0L,
            Double.doubleToRawLongBits(Double.MIN_VALUE), Double.doubleToRawLongBits(-Double.MIN_VALUE),
            Double.doubleToRawLongBits(Double.MIN_NORMAL), 0x000F_FFFF_FFFF_FFFFL,
            Double.doubleToRawLongBits(Double.MAX_VALUE), Long.MIN_VALUE, Long.MAX_VALUE,
            Double.doubleToRawLongBits(1.0), Double.doubleToRawLongBits(0.1 + 0.2),
        };

        long[] generate(int count, long seed) {
            Random random = new Random(seed);
            long[] v = new long[count];
            switch (this) {
                case ANY_BITS:
                    for (int i = 0; i < count; i++) {
                        v[i] = random.nextLong();
                    }
                    break;
                case SPECIAL_DOUBLES:
                    for (int i = 0; i < count; i++) {
                        v[i] = random.nextInt(3) == 0 && i > 0 ? v[i - 1] : SPECIALS[random.nextInt(SPECIALS.length)];
                    }
                    break;
                case DECIMALS: {
                    int scale = random.nextInt(7);
                    long bound = random.nextBoolean() ? 1000 : (1L << 53) - 1;
                    for (int i = 0; i < count; i++) {
                        long n = random.nextLong() % bound;
                        v[i] = DecimalScale.toBits(n, scale);
                    }
                    break;
                }
                case SMALL_DECIMAL_STEPS: {
                    int scale = random.nextInt(7);
                    long n = random.nextInt(20_000) - 10_000;
                    for (int i = 0; i < count; i++) {
                        if (random.nextInt(10) == 0) {
                            n += random.nextInt(21) - 10;
                        }
                        v[i] = DecimalScale.toBits(n, scale);
                    }
                    break;
                }
                case REPEATED_RUNS: {
                    long current = random.nextBoolean() ? random.nextLong() : SPECIALS[random.nextInt(SPECIALS.length)];
                    for (int i = 0; i < count; i++) {
                        if (random.nextInt(8) == 0) {
                            current = random.nextBoolean() ? random.nextLong() : SPECIALS[random.nextInt(SPECIALS.length)];
                        }
                        v[i] = current;
                    }
                    break;
                }
                case CONSTANT_GAUGE:
                case CONSTANT_COUNTER: {
                    long value = random.nextBoolean() ? SPECIALS[random.nextInt(SPECIALS.length)]
                        : random.nextInt(3) == 0 ? random.nextLong() : random.nextInt(1000);
                    Arrays.fill(v, value);
                    break;
                }
                case COUNTER_STEADY:
                    counter(v, random.nextLong() >>> 14, random, 1 + random.nextInt(100_000_000));
                    break;
                case COUNTER_NEAR_2_63:
                    counter(v, Long.MAX_VALUE - random.nextInt(1_000_000_000), random, 1 + random.nextInt(100_000_000));
                    break;
                case COUNTER_WRAPPING_2_64:
                    counter(v, -1L - random.nextInt(1_000_000_000), random, 1 + random.nextInt(100_000_000));
                    break;
                case COUNTER_ANY:
                    for (int i = 0; i < count; i++) {
                        v[i] = random.nextInt(4) == 0 ? (random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE)
                            : random.nextInt(4) == 0 ? -1L : random.nextLong();
                    }
                    break;
                default:
                    throw new AssertionError(this);
            }
            return v;
        }

        /** A counter growing at a rate varying +-30%, unsigned and wrapping past 2^64. */
        private static void counter(long[] v, long start, Random random, long rate) {
            long value = start;
            for (int i = 0; i < v.length; i++) {
                v[i] = value;
                value += (long) (rate * (0.7 + 0.6 * random.nextDouble()));
            }
        }
    }

    enum Positions {
        DENSE, SPARSE, RUNS, SINGLE, EMPTY;

        int[] generate(int timestampCount, long seed) {
            Random random = new Random(seed);
            switch (this) {
                case DENSE:
                    return IntStream.range(0, timestampCount).toArray();
                case SPARSE: {
                    double density = random.nextDouble();
                    return IntStream.range(0, timestampCount)
                        .filter(i -> random.nextDouble() < density).toArray();
                }
                case RUNS: {
                    List<Integer> positions = new ArrayList<>();
                    boolean present = random.nextBoolean();
                    for (int i = 0; i < timestampCount; i++) {
                        if (random.nextInt(20) == 0) {
                            present = !present;
                        }
                        if (present) {
                            positions.add(i);
                        }
                    }
                    return positions.stream().mapToInt(Integer::intValue).toArray();
                }
                case SINGLE:
                    return new int[] {random.nextInt(timestampCount)};
                case EMPTY:
                    return new int[0];
                default:
                    throw new AssertionError(this);
            }
        }
    }

    /** A column of the given shapes; its kind follows the value shape. */
    static Column column(int series, Values values, Positions positions, int timestampCount, long seed) {
        int[] p = positions.generate(timestampCount, seed);
        return new Column(series, values.kind, p, values.generate(p.length, seed ^ 0x5DEECE66DL));
    }
}
