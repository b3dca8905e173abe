package io.nplus.server.cli;

import io.nplus.core.store.DataDir;
import io.nplus.core.store.Query;
import io.nplus.core.store.Selector;
import io.nplus.core.store.SeriesKey;
import io.nplus.core.store.TimeSeriesStore;
import io.nplus.core.store.codec.Kind;
import io.nplus.core.time.VirtualClock;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nplus bench store}: the history store on this machine. It simulates days of polling of devices whose
 * series look like real ones (a quarter interface counters at varying rates, a tenth DOM readings that step now
 * and then, the rest constant: health, thresholds, speeds), on a virtual clock, through the store's own append,
 * compaction and retention; then measures a week's range query of one series. The peer, measured in the same
 * run: the same samples as one H2 row each.
 */
@Command(name = "store", mixinStandardHelpOptions = true,
    description = {"The history store: ingest samples/s, bytes per sample after compaction, a 7-day range query, and",
        "the file against its live data after --days of simulated polling with retention. The peer: a row per",
        "sample in H2. The last line is key=value pairs for scripts."})
public final class BenchStoreCommand implements Callable<Integer> {
    @Option(names = "--devices", paramLabel = "N", defaultValue = "4", description = "Simulated devices (default: ${DEFAULT-VALUE}).")
    int devices;

    @Option(names = "--series", paramLabel = "N", defaultValue = "500", description = "Series per device (default: ${DEFAULT-VALUE}).")
    int series;

    @Option(names = "--days", paramLabel = "N", defaultValue = "30", description = "Simulated days of polling (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
        description = "Poll interval (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--retention", paramLabel = "DURATION", defaultValue = "30d", converter = DurationConverter.class,
        description = "Raw retention (default: ${DEFAULT-VALUE}); rollups are kept a year.")
    Duration retention;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to put the database (default: a temporary directory, removed after).")
    Path dir;

    @Option(names = "--no-peer", description = "Skip the row-per-sample peer.")
    boolean noPeer;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The series of one simulated device and how each moves. */
    static final class Device {
        final String name;
        final int[] ids;
        final Kind[] kinds;
        final long[] counters;
        final double[] rates;
        final double[] gauges;
        final Random random;

        Device(String name, int n, long seed) {
            this.name = name;
            this.ids = new int[n];
            this.kinds = new Kind[n];
            this.counters = new long[n];
            this.rates = new double[n];
            this.gauges = new double[n];
            this.random = new Random(seed);
            for (int s = 0; s < n; s++) {
                int k = s % 20;
                kinds[s] = k < 5 ? Kind.COUNTER : Kind.GAUGE;
                counters[s] = (long) (random.nextDouble() * 1e12);
                rates[s] = 1e5 * (1 + s % 97);                       // bytes/s, 100 kB/s .. 10 MB/s
                gauges[s] = k < 7 ? -3.0 - (s % 50) / 100.0          // DOM: dBm with 2 decimals
                    : k < 12 ? 0                                    // health severity
                    : k < 17 ? -14.0 + s % 7                        // thresholds
                    : 1.25e9;                                       // speed
            }
        }

        /** The values at virtual time {@code t} (ms). */
        long[] poll(long t, long intervalMs) {
            long[] out = new long[ids.length];
            double day = 2 * Math.PI * (t % 86_400_000L) / 86_400_000.0;
            for (int s = 0; s < ids.length; s++) {
                int k = s % 20;
                if (kinds[s] == Kind.COUNTER) {
                    // A daily swell of +-30 % and 1 % noise from poll to poll.
                    double rate = rates[s] * (1 + 0.3 * Math.sin(day + s)) * (1 + 0.01 * random.nextGaussian());
                    counters[s] += (long) Math.max(0, rate * intervalMs / 1000.0);
                    out[s] = counters[s];
                } else {
                    if (k < 7 && random.nextInt(10) == 0) {
                        gauges[s] = Math.round((gauges[s] + (random.nextBoolean() ? 0.01 : -0.01)) * 100) / 100.0;
                    }
                    out[s] = Double.doubleToRawLongBits(gauges[s]);
                }
            }
            return out;
        }
    }

    @Override
    public Integer call() throws Exception {
        if (devices < 1 || series < 1 || days < 1) {
            throw new IllegalArgumentException("--devices, --series and --days must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path base = dir != null ? dir : Files.createTempDirectory("nplus-bench-store");
        try {
            Result r = simulate(base.resolve("store"), out);
            Peer peer = noPeer ? null : peer(base.resolve("rows"));
            out.printf(Locale.ROOT, "store: %d devices x %d series every %s for %d days: %d samples, ingest %.0f samples/s"
                + " (%.0f with compaction), %.2f bytes/sample in blocks, %.2f bytes/sample of file%n", devices, series,
                io.nplus.core.time.Durations.format(interval), days, r.samples, r.ingestRate(), r.overallRate(),
                r.bytesPerSample(), r.fileBytesPerSample());
            out.printf(Locale.ROOT, "store: file %.1f MB at rest, live data %.1f MB (raw blocks %.1f MB, rollups %.1f MB;"
                + " ratio %.2f), at most %.1f MB while %d days ran in %.0f s; 1 series x 7 days at 60 s steps: %.1f ms%n",
                r.fileBytes / 1e6, r.liveBytes / 1e6, r.blockBytes / 1e6, rollupBytes / 1e6, r.fileToLive(), peakFile / 1e6,
                days, r.totalSeconds, r.query7dMs);
            String peerKv = "";
            if (peer != null) {
                out.printf(Locale.ROOT, "peer (a row per sample in H2, 1000-row commits, WRITE_DELAY=0): %.1f bytes/sample,"
                    + " %.0f samples/s%n", peer.bytesPerSample, peer.samplesPerSecond);
                peerKv = String.format(Locale.ROOT, " peer_bytes_per_sample=%.1f peer_ingest_samples_per_s=%.0f"
                    + " bytes_ratio=%.1f", peer.bytesPerSample, peer.samplesPerSecond, peer.bytesPerSample / r.bytesPerSample());
            }
            out.printf(Locale.ROOT, "bytes_per_sample=%.2f file_bytes_per_sample=%.2f ingest_samples_per_s=%.0f"
                + " query_7d_ms=%.1f file_to_live_ratio=%.2f%s%n", r.bytesPerSample(), r.fileBytesPerSample(),
                r.ingestRate(), r.query7dMs, r.fileToLive(), peerKv);
            out.flush();
        } finally {
            if (dir == null) {
                deleteTree(base);
            }
        }
        return 0;
    }

    private record Result(long samples, double appendSeconds, double totalSeconds, long blockBytes, long blockSamples,
                          long fileBytes, long liveBytes, long samplesKept, double query7dMs) {
        double ingestRate() {
            return samples / appendSeconds;
        }

        double overallRate() {
            return samples / totalSeconds;
        }

        double bytesPerSample() {
            return (double) blockBytes / blockSamples;
        }

        double fileBytesPerSample() {
            return (double) fileBytes / samplesKept;
        }

        double fileToLive() {
            return (double) fileBytes / liveBytes;
        }
    }

    private Result simulate(Path data, PrintWriter out) throws Exception {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        VirtualClock clock = new VirtualClock(start);
        // Days pass in seconds here, so H2's 45 s before it reuses freed file space would cover weeks of writes:
        // 1 s still covers hours of this simulation, far more than 45 s covers of a real nplus's writes.
        TimeSeriesStore.Options options = TimeSeriesStore.Options.defaults().withRetention(retention, Duration.ofDays(365))
            .withChunkRetention(1000);
        long intervalMs = interval.toMillis();
        long polls = days * 86_400_000L / intervalMs;
        long t0 = System.nanoTime();
        try (DataDir dataDir = DataDir.lock(data)) {
            TimeSeriesStore store = TimeSeriesStore.open(dataDir, clock, options);
            try {
                return run(store, dataDir, clock, options, polls, intervalMs, start, out, t0);
            } finally {
                store.close(); // idempotent: run() has closed it already unless it failed
            }
        }
    }

    private Result run(TimeSeriesStore store, DataDir dataDir, VirtualClock clock, TimeSeriesStore.Options options,
                       long polls, long intervalMs, Instant start, PrintWriter out, long t0) throws Exception {
        long samples = 0;
        long appendNanos = 0;
        {
            List<Device> fleet = new ArrayList<>();
            for (int d = 0; d < devices; d++) {
                Device dev = new Device(String.format("dev-%03d", d), series, d);
                for (int s = 0; s < series; s++) {
                    dev.ids[s] = store.series(SeriesKey.of("nplus_bench_value", Map.of("target", dev.name, "s",
                        Integer.toString(s))), dev.kinds[s], dev.name).id();
                }
                fleet.add(dev);
            }
            Random jitter = new Random(7);
            long nextReport = System.nanoTime() + 10_000_000_000L;
            for (long p = 0; p < polls; p++) {
                long slot = start.toEpochMilli() + p * intervalMs;
                clock.advanceTo(Instant.ofEpochMilli(slot));
                for (Device dev : fleet) {
                    long t = slot + jitter.nextInt((int) Math.min(intervalMs / 10, 2000));
                    long[] values = dev.poll(t, intervalMs);
                    long a = System.nanoTime();
                    store.append(dev.name, t, dev.ids, values);
                    appendNanos += System.nanoTime() - a;
                    samples += values.length;
                }
                if (p % 10 == 9) {
                    store.maintain();
                }
                if (p % 1000 == 0) {
                    peakFile = Math.max(peakFile, store.fileBytes());
                }
                if (System.nanoTime() > nextReport) {
                    out.printf(Locale.ROOT, "  ... simulated %.1f of %d days%n", (double) p * intervalMs / 86_400_000L, days);
                    out.flush();
                    nextReport = System.nanoTime() + 10_000_000_000L;
                }
            }
            clock.advance(Duration.ofHours(3)); // close and compact the last window
            store.maintain();
            // A running nplus maintains every few minutes, long after H2's chunk retention: let the retention pass
            // (1 s here) between a few more maintenance rounds, as real time would, before measuring the file.
            long before = Long.MAX_VALUE;
            for (int i = 0; i < 20 && store.fileBytes() < before; i++) { // until a round frees nothing more
                before = store.fileBytes();
                Thread.sleep(1_200);
                store.maintain();
            }
            double total = (System.nanoTime() - t0) / 1e9;
            long kept = Math.min(polls, retention.toMillis() / intervalMs) * devices * series;
            // A week of one counter, as a graph would ask for it (median of 5).
            long end = clock.millis();
            int id = store.find(Selector.parse("nplus_bench_value{target=\"dev-000\",s=\"0\"}")).get(0).id();
            double[] ms = new double[5];
            for (int i = 0; i < ms.length; i++) {
                long q = System.nanoTime();
                List<Query.Range> r = Query.range(store, Selector.parse("nplus_bench_value{target=\"dev-000\",s=\"0\"}"),
                    end - Duration.ofDays(7).toMillis(), end, 60_000, 1);
                ms[i] = (System.nanoTime() - q) / 1e6;
                if (r.isEmpty() || r.get(0).series().id() != id) {
                    throw new IllegalStateException("the 7-day query found nothing");
                }
            }
            Arrays.sort(ms);
            long blockBytes = store.blockBytes();
            long blockSamples = store.blockSamples();
            long live = store.liveBytes();
            rollupBytes = store.rollupBytes();
            peakFile = Math.max(peakFile, store.fileBytes());
            store.close(); // SHUTDOWN: H2 frees what its 45 s retention of old chunks still held
            long atRest;
            try (TimeSeriesStore reopened = TimeSeriesStore.open(dataDir, clock, options)) {
                atRest = reopened.fileBytes();
            }
            return new Result(samples, appendNanos / 1e9, total, blockBytes, blockSamples, atRest, live, kept,
                ms[ms.length / 2]);
        }
    }

    /** The largest the file got while the simulation ran (H2 keeps old chunks 45 s of wall time before reuse). */
    private long peakFile;
    private long rollupBytes;

    private record Peer(double bytesPerSample, double samplesPerSecond) {
    }

    /** One simulated day of one device as a row per sample: the obvious way to keep history in H2. */
    private Peer peer(Path data) throws Exception {
        Files.createDirectories(data);
        String url = "jdbc:h2:file:" + data.toAbsolutePath().resolve("rows") + ";WRITE_DELAY=0";
        Device dev = new Device("peer", series, 99);
        long intervalMs = interval.toMillis();
        long polls = 86_400_000L / intervalMs;
        long rows = 0;
        long nanos;
        try (Connection c = DriverManager.getConnection(url, "nplus", "")) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE SAMPLES(SERIES INT, TS BIGINT, VAL DOUBLE, PRIMARY KEY (SERIES, TS))");
            }
            c.setAutoCommit(false);
            long a = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO SAMPLES VALUES (?, ?, ?)")) {
                for (long p = 0; p < polls; p++) {
                    long t = p * intervalMs;
                    long[] values = dev.poll(t, intervalMs);
                    for (int s = 0; s < values.length; s++) {
                        ps.setInt(1, s);
                        ps.setLong(2, t);
                        ps.setDouble(3, dev.kinds[s] == Kind.COUNTER ? values[s] : Double.longBitsToDouble(values[s]));
                        ps.addBatch();
                        if (++rows % 1000 == 0) {
                            ps.executeBatch();
                            c.commit();
                        }
                    }
                }
                ps.executeBatch();
                c.commit();
            }
            nanos = System.nanoTime() - a;
            try (Statement st = c.createStatement()) {
                st.execute("SHUTDOWN COMPACT");
            }
        }
        long size = Files.size(data.resolve("rows.mv.db"));
        return new Peer((double) size / rows, rows / (nanos / 1e9));
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
