package io.nplus.server.cli;

import io.nplus.core.model.PollStatus;
import io.nplus.core.secret.Secret;
import io.nplus.server.metrics.DeviceMetrics;
import io.nplus.mibs.data.MibSnapshot;
import io.nplus.mibs.detect.Detector;
import io.nplus.mibs.expr.ColumnDef;
import io.nplus.mibs.interpret.DeviceInterpreter;
import io.nplus.mibs.profile.Profile;
import io.nplus.mibs.profile.ProfileCatalog;
import io.nplus.snmp.engine.EngineTarget;
import io.nplus.snmp.engine.PollEngine;
import io.nplus.snmp.engine.PollOutcome;
import io.nplus.snmp.engine.RealTimeDriver;
import io.nplus.snmp.lab.SyntheticDevices;
import io.nplus.snmp.poll.DevicePoller;
import io.nplus.snmp.session.Credentials;
import io.nplus.snmp.session.SnmpClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nplus bench poll}: the polling engine against N simulated devices served by the lab agent in a second
 * process (so its CPU is accounted apart), and optionally Debian's prometheus-snmp-exporter against the same
 * agent with an equivalent module, measured in the same run.
 */
@Command(name = "poll", mixinStandardHelpOptions = true,
    description = {"CPU per varbind of nplus's polling engine (SNMP, decoding, profiles, rates and the metrics kept per",
        "device) against N simulated devices; with --compare-snmp-exporter also Debian's prometheus-snmp-exporter",
        "walking the same columns of the same agent. The last line is key=value pairs for scripts."})
public final class BenchPollCommand implements Callable<Integer> {
    @Option(names = "--devices", paramLabel = "N", defaultValue = "1000", description = "Simulated devices (default: ${DEFAULT-VALUE}).")
    int devices;

    @Option(names = "--ports", paramLabel = "N", defaultValue = "52",
        description = "Ports per simulated switch, about 46 varbinds each: 52 is a 48-port switch with uplinks, 4 a"
            + " small device of about 200 varbinds (default: ${DEFAULT-VALUE}).")
    int ports;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
        description = "How long to measure, after a warm-up (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
        description = "Poll interval of every device (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--warmup", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Polling before the measurement starts, so every device has been polled (and detected) once and"
            + " the JIT has compiled the hot paths (default: the interval, at least 20s).")
    Duration warmup;

    @Option(names = "--max-in-flight", paramLabel = "N", defaultValue = "256", description = "Polls at once (default: ${DEFAULT-VALUE}).")
    int maxInFlight;

    @Option(names = "--compare-snmp-exporter", description = "Also measure prometheus-snmp-exporter (Debian) on the same agent.")
    boolean compare;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (warmup == null) {
            warmup = interval.compareTo(Duration.ofSeconds(20)) > 0 ? interval : Duration.ofSeconds(20);
        }
        int port = BenchAgentCommand.freePort();
        Path dir = Files.createTempDirectory("nplus-bench-poll");
        Process lab = startLab(port, dir);
        try (SnmpClient client = SnmpClient.open(SnmpClient.Options.defaults().withBindAddress("127.0.0.1"))) {
            waitForLab(client, port);
            out.printf("lab: %d devices on 127.0.0.1:%d in process %d; %s%n", devices, port, lab.pid(),
                compare ? "switches only (the exporter has no RAID module to compare)" : "4 switches per RAID server");
            out.flush();
            List<EngineTarget> targets = new ArrayList<>();
            for (int i = 1; i <= devices; i++) {
                String name = String.format(i % 5 == 0 && !compare ? "raid-%05d" : "sw-%05d", i);
                String community = compare ? "sw-00001" : name;
                targets.add(new EngineTarget(name, InetAddress.getLoopbackAddress(), port,
                    Credentials.community(Credentials.Version.V2C, Secret.of(community)), interval, Duration.ofSeconds(5), 1,
                    25, interval.multipliedBy(9).dividedBy(10), Map.of()));
            }
            Result nplus = measureNplus(client, targets);
            out.printf(Locale.ROOT, "nplus: %d devices every %s: %d polls (%d failed), %.0f varbinds per poll, %.0f varbinds/s,"
                + " %.1f varbinds per request, %.2f us CPU per varbind, heap %.0f MB, p99 lateness %.3f s%n", devices,
                io.nplus.core.time.Durations.format(interval), nplus.polls, nplus.failed,
                nplus.polls == 0 ? 0.0 : (double) nplus.varbinds / nplus.polls, nplus.varbindsPerSecond(),
                nplus.varbindsPerRequest(), nplus.usPerVarbind(), nplus.heapBytes / 1e6, nplus.p99Lateness);
            out.flush();
            String extra = "";
            if (compare) {
                Result exporter = measureExporter(dir, port);
                out.printf(Locale.ROOT, "snmp_exporter: %d scrapes, %.0f varbinds/s, %.1f varbinds per request, %.2f us CPU"
                    + " per varbind%n", exporter.polls, exporter.varbindsPerSecond(), exporter.varbindsPerRequest(),
                    exporter.usPerVarbind());
                extra = String.format(Locale.ROOT, " snmp_exporter_us_per_varbind=%.2f ratio=%.2f", exporter.usPerVarbind(),
                    exporter.usPerVarbind() / nplus.usPerVarbind());
            }
            out.printf(Locale.ROOT, "devices=%d varbinds_per_s=%.0f us_per_varbind=%.2f heap_mb=%.0f p99_lateness_s=%.3f%s%n",
                devices, nplus.varbindsPerSecond(), nplus.usPerVarbind(), nplus.heapBytes / 1e6, nplus.p99Lateness, extra);
            out.flush();
        } finally {
            lab.destroy();
            lab.waitFor(10, TimeUnit.SECONDS);
        }
        return 0;
    }

    private record Result(long polls, long failed, long varbinds, long requests, double cpuSeconds, double wallSeconds,
                          long heapBytes, double p99Lateness) {
        double varbindsPerRequest() {
            return requests == 0 ? Double.NaN : (double) varbinds / requests;
        }

        double usPerVarbind() {
            return varbinds == 0 ? Double.NaN : cpuSeconds * 1e6 / varbinds;
        }

        double varbindsPerSecond() {
            return varbinds / wallSeconds;
        }
    }

    private Result measureNplus(SnmpClient client, List<EngineTarget> targets) throws InterruptedException {
        DevicePoller poller = new DevicePoller(client, new DeviceInterpreter(new Detector(ProfileCatalog.builtIn())),
            Clock.systemUTC());
        AtomicLong varbinds = new AtomicLong();
        AtomicLong requests = new AtomicLong();
        AtomicLong polls = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        // What nplus run keeps of each poll: the metric families built once per poll, replacing the last ones.
        Map<String, DeviceMetrics> latest = new java.util.concurrent.ConcurrentHashMap<>();
        List<Double> lateness = Collections.synchronizedList(new ArrayList<>());
        boolean[] measuring = {false};
        PollEngine engine = new PollEngine(poller::poll, Clock.systemUTC(), new PollEngine.Options(maxInFlight, 0.1,
            Duration.ofMinutes(5), 1), (PollOutcome o) -> {
                latest.put(o.target().name(), DeviceMetrics.of(o.target().name(), o.target().labels(), o.snapshot(),
                    o.rates(), latest.get(o.target().name())));
                if (measuring[0]) {
                    polls.incrementAndGet();
                    varbinds.addAndGet(o.snapshot().varbinds());
                    requests.addAndGet(o.snapshot().requests());
                    if (o.snapshot().status() != PollStatus.OK) {
                        failed.incrementAndGet();
                    }
                    lateness.add(o.lateness().toNanos() / 1e9);
                }
            });
        engine.setTargets(targets);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (RealTimeDriver driver = new RealTimeDriver(engine, Clock.systemUTC())) {
            driver.start();
            Thread.sleep(warmup.toMillis());
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            measuring[0] = true;
            Thread.sleep(duration.toMillis());
            measuring[0] = false;
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            double wall = (System.nanoTime() - t0) / 1e9;
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            List<Double> sorted = new ArrayList<>(lateness);
            Collections.sort(sorted);
            double p99 = sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1));
            return new Result(polls.get(), failed.get(), varbinds.get(), requests.get(), cpu, wall, heap, p99);
        }
    }

    /** Debian's prometheus-snmp-exporter with a module walking what nplus walks on the switch, same schedule. */
    private Result measureExporter(Path dir, int labPort) throws Exception {
        Path binary = Path.of("/usr/bin/prometheus-snmp-exporter");
        if (!Files.isExecutable(binary)) {
            throw new IllegalArgumentException("--compare-snmp-exporter needs /usr/bin/prometheus-snmp-exporter"
                + " (apt-get install prometheus-snmp-exporter)");
        }
        Path config = dir.resolve("snmp.yml");
        Files.writeString(config, exporterModule());
        int httpPort = BenchAgentCommand.freePort();
        Process exporter = new ProcessBuilder(binary.toString(), "--config.file=" + config,
            "--web.listen-address=127.0.0.1:" + httpPort).redirectErrorStream(true)
            .redirectOutput(dir.resolve("exporter.log").toFile()).start();
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + httpPort + "/snmp?module=nplus_switch&target=127.0.0.1:" + labPort);
        Pattern pdus = Pattern.compile("(?m)^snmp_scrape_pdus_returned ([0-9.e+]+)$");
        Pattern packets = Pattern.compile("(?m)^snmp_scrape_packets_sent ([0-9.e+]+)$");
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(64, maxInFlight));
        try {
            for (int i = 0; i < 50; i++) {
                try {
                    http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());
                    break;
                } catch (IOException e) {
                    Thread.sleep(100);
                }
            }
            AtomicLong varbinds = new AtomicLong();
            AtomicLong requests = new AtomicLong();
            AtomicLong scrapes = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            Runnable scrape = () -> {
                try {
                    String body = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                    Matcher m = pdus.matcher(body);
                    if (m.find()) {
                        varbinds.addAndGet((long) Double.parseDouble(m.group(1)));
                        Matcher sent = packets.matcher(body);
                        if (sent.find()) {
                            requests.addAndGet((long) Double.parseDouble(sent.group(1)));
                        }
                        scrapes.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                    }
                } catch (IOException | InterruptedException e) {
                    failed.incrementAndGet();
                }
            };
            // Warm-up, then the same load as nplus: every device once per interval, spread evenly.
            long end = System.nanoTime() + warmup.toNanos();
            drive(pool, scrape, end);
            varbinds.set(0);
            requests.set(0);
            scrapes.set(0);
            long ticks0 = cpuTicks(exporter.pid());
            long t0 = System.nanoTime();
            drive(pool, scrape, t0 + duration.toNanos());
            pool.shutdown();
            pool.awaitTermination(60, TimeUnit.SECONDS);
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = (cpuTicks(exporter.pid()) - ticks0) / 100.0;
            return new Result(scrapes.get(), failed.get(), varbinds.get(), requests.get(), cpu, wall, 0, 0);
        } finally {
            pool.shutdownNow();
            exporter.destroy();
            exporter.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void drive(ExecutorService pool, Runnable scrape, long endNanos) throws InterruptedException {
        long gapNanos = interval.toNanos() / devices;
        long next = System.nanoTime();
        while (next < endNanos) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            pool.execute(scrape);
            next += gapNanos;
        }
    }

    /** A snmp_exporter (0.21) module walking the columns nplus's profiles walk on the synthetic switch. */
    static String exporterModule() {
        MibSnapshot sw = SyntheticDevices.switch48(); // the columns are the same whatever the port count
        Detector detector = new Detector(ProfileCatalog.builtIn());
        List<Profile> matched = detector.select(detector.candidates(detector.system(sw)), c -> sw.hasUnder(c.oid()));
        StringBuilder walk = new StringBuilder();
        StringBuilder metrics = new StringBuilder();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Profile p : matched) {
            for (ColumnDef c : p.tableColumns()) {
                if (!seen.add(c.oid().toDottedString())) {
                    continue;
                }
                int first = sw.higher(c.oid());
                if (first >= sw.size() || !sw.oid(first).startsWith(c.oid())) {
                    continue;
                }
                String type;
                switch (sw.value(first).getSyntax()) {
                    case org.snmp4j.smi.SMIConstants.SYNTAX_OCTET_STRING: type = "DisplayString"; break;
                    case org.snmp4j.smi.SMIConstants.SYNTAX_COUNTER32:
                    case org.snmp4j.smi.SMIConstants.SYNTAX_COUNTER64: type = "counter"; break;
                    default: type = "gauge";
                }
                walk.append("  - ").append(c.oid()).append('\n');
                metrics.append("  - name: ").append(c.name()).append("\n    oid: ").append(c.oid()).append("\n    type: ")
                    .append(type).append("\n    indexes:\n    - labelname: index\n      type: gauge\n");
            }
        }
        return "nplus_switch:\n  walk:\n" + walk + "  metrics:\n" + metrics
            + "  version: 2\n  max_repetitions: 25\n  retries: 1\n  timeout: 5s\n  auth:\n    community: sw-00001\n";
    }

    private Process startLab(int port, Path dir) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "lab",
            "--listen", "127.0.0.1:" + port, "--synthetic-fleet", Integer.toString(Math.max(devices, 5)),
            "--synthetic-ports", Integer.toString(ports))
            .redirectErrorStream(true).redirectOutput(dir.resolve("lab.log").toFile()).start();
    }

    private static void waitForLab(SnmpClient client, int port) throws Exception {
        io.nplus.snmp.walk.Walker walker = new io.nplus.snmp.walk.Walker(client);
        Credentials c = Credentials.community(Credentials.Version.V2C, Secret.of("sw-00001"));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end) {
            var r = walker.get(client.target(InetAddress.getLoopbackAddress(), port, c, Duration.ofMillis(300), 0), c,
                List.of(new org.snmp4j.smi.OID("1.3.6.1.2.1.1.1.0")), io.nplus.snmp.walk.Deadline.after(Duration.ofSeconds(2)))
                .get(5, TimeUnit.SECONDS);
            if (r.answered()) {
                return;
            }
        }
        throw new IOException("the lab agent did not start on 127.0.0.1:" + port);
    }

    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
