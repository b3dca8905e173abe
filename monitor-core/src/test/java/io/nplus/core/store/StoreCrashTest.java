package io.nplus.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.core.time.VirtualClock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5: kill -9 during ingest (and during the compactions that run between appends) loses nothing that was
 * acknowledged, and the store opens again every time. A child JVM writes; this test kills it at a random moment,
 * reopens the store and looks for every acknowledged poll; then the next trial appends to the same store.
 */
class StoreCrashTest {
    @TempDir
    Path tmp;

    @Test
    void killNineLosesNothingAcknowledged() throws Exception {
        Path data = tmp.resolve("data");
        Random random = new Random(42);
        long start = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
        Map<Long, Long> acked = new TreeMap<>(); // time -> n, over all trials
        for (int trial = 0; trial < 5; trial++) {
            long first = start + trial * 86_400_000L; // a day later each trial (well within raw retention)
            Process child = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
                CrashingWriter.class.getName(), data.toString(), Long.toString(first)).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertThat(line).as("child started (trial %d)", trial).isEqualTo("READY");
            if (trial == 0) {
                // While the child holds the data directory, another process cannot have it, and is told who has.
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> DataDir.lock(data))
                    .isInstanceOf(StoreException.InUse.class).hasMessageContaining("(pid " + child.pid() + ")");
            }
            long killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300 + random.nextInt(1500));
            int thisTrial = 0;
            while (System.nanoTime() < killAt && (line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    String[] f = line.split(" ");
                    acked.put(Long.parseLong(f[2]), Long.parseLong(f[1]));
                    thisTrial++;
                }
            }
            // SIGKILL, not Process.destroyForcibly(): that also closes our end of its stdout, and the lines still in
            // the pipe are acknowledgements too.
            new ProcessBuilder("kill", "-9", Long.toString(child.pid())).start().waitFor(10, TimeUnit.SECONDS);
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
            // Lines the child printed before it died are acknowledgements too.
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    String[] f = line.split(" ");
                    acked.put(Long.parseLong(f[2]), Long.parseLong(f[1]));
                    thisTrial++;
                }
            }
            assertThat(thisTrial).as("trial %d wrote something before the kill", trial).isPositive();

            try (DataDir dir = DataDir.lock(data);
                 TimeSeriesStore store = TimeSeriesStore.open(dir, new VirtualClock(Instant.ofEpochMilli(first)),
                     TimeSeriesStore.Options.defaults())) {
                for (int i : new int[] {0, 17, 49}) {
                    int id = store.find(Selector.parse("nplus_crash_test{i=\"" + i + "\"}")).get(0).id();
                    Samples s = store.read(id, 0, Long.MAX_VALUE);
                    Map<Long, Long> found = new TreeMap<>();
                    for (int k = 0; k < s.size(); k++) {
                        found.put(s.time(k), s.raw(k));
                    }
                    for (Map.Entry<Long, Long> e : acked.entrySet()) {
                        assertThat(found).as("trial %d: series %d at %d", trial, i, e.getKey())
                            .containsEntry(e.getKey(), e.getValue() * 1000 + i);
                    }
                }
            }
        }
        assertThat(acked.size()).isGreaterThan(50);
    }

    static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
