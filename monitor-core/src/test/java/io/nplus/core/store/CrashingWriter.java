package io.nplus.core.store;

import io.nplus.core.store.codec.Kind;
import io.nplus.core.time.VirtualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The child process of {@link StoreCrashTest}: appends polls as fast as it can, a virtual minute apart (so
 * windows close and get compacted all the time), and prints {@code ACK n} after each append returned. It
 * runs until it is killed.
 */
public final class CrashingWriter {
    private CrashingWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        long first = Long.parseLong(args[1]);
        VirtualClock clock = new VirtualClock(Instant.ofEpochMilli(first));
        DataDir dir = DataDir.lock(data);
        TimeSeriesStore store = TimeSeriesStore.open(dir, clock, TimeSeriesStore.Options.defaults());
        int[] ids = new int[50];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = store.series(SeriesKey.of("nplus_crash_test", Map.of("i", Integer.toString(i))), Kind.COUNTER, "g").id();
        }
        System.out.println("READY");
        System.out.flush();
        for (long n = 0; ; n++) {
            long[] values = new long[ids.length];
            for (int i = 0; i < ids.length; i++) {
                values[i] = n * 1000 + i;
            }
            store.append("g", clock.millis(), ids, values);
            System.out.println("ACK " + n + " " + clock.millis());
            System.out.flush();
            clock.advance(Duration.ofMinutes(1));
            if (n % 10 == 0) {
                store.maintain();
            }
        }
    }
}
