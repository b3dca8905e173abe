package io.nplus.core.store.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A 2-hour block of a big switch as the store will see it: 120 polls 60 s apart with +-500 ms of jitter, 1500
 * series of which 25 % are 64-bit interface counters (octets and packets, rate varying +-30 % from poll to poll
 * around a per-port rate of 1e6..1e8 bytes/s), 10 % DOM gauges with two decimals that step by 0.01..0.1 on ~10 %
 * of polls, and 65 % constant (health severities, thresholds, speeds). Deterministic for a seed.
 */
final class RealisticDevice {
    enum Group { COUNTER, DOM_GAUGE, CONSTANT }

    final long[] timestamps;
    final List<Column> columns = new ArrayList<>();
    final List<Group> groups = new ArrayList<>();

    RealisticDevice(long seed) {
        this(seed, 1500, 120);
    }

    RealisticDevice(long seed, int seriesCount, int polls) {
        Random random = new Random(seed);
        timestamps = new long[polls];
        long start = 1_780_000_000_000L;
        for (int i = 0; i < polls; i++) {
            timestamps[i] = start + 60_000L * i + random.nextInt(1001) - 500;
        }
        int counters = seriesCount / 4;
        int doms = seriesCount / 10;
        int id = 10_000 + random.nextInt(1000);
        for (int s = 0; s < seriesCount; s++) {
            Group group = s < counters ? Group.COUNTER : s < counters + doms ? Group.DOM_GAUGE : Group.CONSTANT;
            id += 1 + random.nextInt(20);  // the store's ids are global: a device's are not contiguous
            long[] values = switch (group) {
                case COUNTER -> counter(random, s % 2 == 0);
                case DOM_GAUGE -> domReading(random);
                case CONSTANT -> constant(random);
            };
            columns.add(new Column(id, group == Group.COUNTER ? Kind.COUNTER : Kind.GAUGE,
                RoundTrip.allPositions(polls), values));
            groups.add(group);
        }
    }

    private long[] counter(Random random, boolean octets) {
        double bytesPerSecond = Math.pow(10, 6 + 2 * random.nextDouble());
        double rate = octets ? bytesPerSecond : bytesPerSecond / (200 + random.nextInt(1300));
        long[] v = new long[timestamps.length];
        long value = random.nextLong() >>> 12;  // months of uptime, well within 64 bits
        for (int i = 0; i < v.length; i++) {
            v[i] = value;
            if (i + 1 < v.length) {
                double seconds = (timestamps[i + 1] - timestamps[i]) / 1000.0;
                value += (long) (rate * (0.7 + 0.6 * random.nextDouble()) * seconds);
            }
        }
        return v;
    }

    private long[] domReading(Random random) {
        long hundredths = switch (random.nextInt(4)) {
            case 0 -> -800 + random.nextInt(750);     // Rx/Tx power, dBm
            case 1 -> 2500 + random.nextInt(3500);    // temperature, Celsius
            case 2 -> 320 + random.nextInt(20);       // supply, volts
            default -> 500 + random.nextInt(3500);    // bias, mA
        };
        long[] v = new long[timestamps.length];
        for (int i = 0; i < v.length; i++) {
            if (random.nextInt(10) == 0) {
                int step = 1 + random.nextInt(10);
                hundredths += random.nextBoolean() ? step : -step;
            }
            v[i] = Double.doubleToRawLongBits(hundredths / 100.0);
        }
        return v;
    }

    private long[] constant(Random random) {
        double value = switch (random.nextInt(5)) {
            case 0, 1 -> random.nextInt(10) == 0 ? 1 + random.nextInt(4) : 0;  // health severity
            case 2, 3 -> (random.nextInt(20_000) - 10_000) / 100.0;            // a threshold
            default -> new double[] {1e9, 1e10, 2.5e10, 4e10, 1e11}[random.nextInt(5)];  // a speed
        };
        long[] v = new long[timestamps.length];
        java.util.Arrays.fill(v, Double.doubleToRawLongBits(value));
        return v;
    }

    int samples() {
        return columns.stream().mapToInt(Column::size).sum();
    }
}
