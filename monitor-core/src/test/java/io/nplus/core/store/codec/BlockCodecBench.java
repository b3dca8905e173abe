package io.nplus.core.store.codec;

import java.util.Arrays;

/**
 * Rough timings of the codec on the {@link RealisticDevice} block (1500 series x 120 polls); not a test, since
 * timings on a shared machine are not asserted. Run after {@code ./mvnw -o -pl monitor-core test-compile}:
 * <pre>
 *   java -cp monitor-core/target/classes:monitor-core/target/test-classes io.nplus.core.store.codec.BlockCodecBench
 * </pre>
 */
public final class BlockCodecBench {
    private BlockCodecBench() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        RealisticDevice device = new RealisticDevice(1);
        byte[] bytes = BlockCodec.encode(device.timestamps, device.columns);
        int wanted = device.columns.get(device.columns.size() / 3).series();
        long sink = 0;
        long[] encode = new long[rounds];
        long[] decodeAll = new long[rounds];
        long[] decodeOne = new long[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            sink += BlockCodec.encode(device.timestamps, device.columns).length;
            long t1 = System.nanoTime();
            sink += BlockCodec.decode(bytes).columns().size();
            long t2 = System.nanoTime();
            sink += BlockCodec.decode(bytes).column(wanted).size();
            long t3 = System.nanoTime();
            encode[r] = t1 - t0;
            decodeAll[r] = t2 - t1;
            decodeOne[r] = t3 - t2;
        }
        System.out.printf("%d samples, %d bytes; median of the last %d of %d rounds:%n", device.samples(),
            bytes.length, rounds / 2, rounds);
        System.out.printf("  encode            %8.3f ms%n", median(encode) / 1e6);
        System.out.printf("  decode, all       %8.3f ms%n", median(decodeAll) / 1e6);
        System.out.printf("  decode, 1 column  %8.3f ms (header, directory, timestamps and one column)%n",
            median(decodeOne) / 1e6);
        System.out.println("(ignore: " + sink + ")");
    }

    private static double median(long[] nanos) {
        long[] warm = Arrays.copyOfRange(nanos, nanos.length / 2, nanos.length);
        Arrays.sort(warm);
        return warm[warm.length / 2];
    }
}
