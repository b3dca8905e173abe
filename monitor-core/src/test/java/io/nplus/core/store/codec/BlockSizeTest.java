package io.nplus.core.store.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What a realistic block costs on disk, in bytes per sample with the timestamps and header spread over all
 * samples. Deterministic (computed from bytes, not timing), so the budget is asserted.
 */
class BlockSizeTest {
    /** Prometheus TSDB gets 1-2 bytes per sample; a row per sample in H2 costs 40-70. */
    private static final double BUDGET = 2.0;

    @Test
    void realisticSwitchBlockFitsTheBudget() {
        RealisticDevice device = new RealisticDevice(1);
        byte[] bytes = BlockCodec.encode(device.timestamps, device.columns);
        Block block = BlockCodec.decode(bytes);

        Map<RealisticDevice.Group, long[]> perGroup = new EnumMap<>(RealisticDevice.Group.class);  // bytes, samples
        Map<RealisticDevice.Group, Map<String, Integer>> encodings = new EnumMap<>(RealisticDevice.Group.class);
        long columnBytes = 0;
        for (int i = 0; i < device.columns.size(); i++) {
            Column column = device.columns.get(i);
            int[] range = block.bodyRange(column.series());
            long idCode = i == 0 ? ZigZag.encode(column.series())
                : (long) column.series() - device.columns.get(i - 1).series() - 1;
            long entry = varintLength(idCode) + varintLength(column.size()) + varintLength(range[1] - range[0]);
            long cost = range[1] - range[0] + entry;
            columnBytes += cost;
            RealisticDevice.Group group = device.groups.get(i);
            long[] totals = perGroup.computeIfAbsent(group, g -> new long[2]);
            totals[0] += cost;
            totals[1] += column.size();
            int tag = bytes[range[0]] & 0xFF;
            String name = ValueEncoding.of(tag) + (ValueEncoding.of(tag).scaled() && ValueEncoding.kindOf(tag)
                == Kind.GAUGE ? "/" + ValueEncoding.scaleOf(tag) : "");
            encodings.computeIfAbsent(group, g -> new TreeMap<>()).merge(name, 1, Integer::sum);
        }
        int samples = device.samples();
        double shared = (double) (bytes.length - columnBytes) / samples;  // header + timestamps, per sample
        double mix = (double) bytes.length / samples;

        System.out.printf("block: %d timestamps x %d series = %d samples in %d bytes (%d of header and timestamps)%n",
            device.timestamps.length, device.columns.size(), samples, bytes.length, bytes.length - columnBytes);
        perGroup.forEach((group, totals) -> System.out.printf("  %-9s %5.3f bytes/sample (%d columns, %s)%n",
            group, (double) totals[0] / totals[1] + shared, totals[1] / device.timestamps.length,
            encodings.get(group)));
        System.out.printf("  mix       %5.3f bytes/sample (raw: 16)%n", mix);

        assertThat(mix).isLessThanOrEqualTo(BUDGET);
    }

    private static int varintLength(long value) {
        return value == 0 ? 1 : (64 - Long.numberOfLeadingZeros(value) + 6) / 7;
    }
}
