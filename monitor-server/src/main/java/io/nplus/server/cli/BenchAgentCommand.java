package io.nplus.server.cli;

import io.nplus.snmp.lab.LabAgent;
import io.nplus.snmp.lab.LabDevice;
import io.nplus.snmp.lab.LabWalks;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nplus bench agent}: how much CPU the lab agent spends per varbind it serves to net-snmp's
 * {@code snmpbulkwalk}, against net-snmp's own {@code snmpd} walked the same way in the same run. The agent runs
 * in this JVM, so its cost is this process's CPU time (JIT and GC included) over the varbinds it sent.
 */
@Command(name = "agent", mixinStandardHelpOptions = true,
    description = {"CPU per varbind of the lab agent serving snmpbulkwalk, and of net-snmp's snmpd as the peer.",
        "Needs snmpbulkwalk (Debian package snmp); the peer needs snmpd (package snmpd).",
        "Last line: key=value pairs for scripts."})
public final class BenchAgentCommand implements Callable<Integer> {
    /**
     * What snmpd is asked for: the kinds of tables the lab serves (system, interfaces, IP, host storage and
     * devices). Its process table (hrSWRun) is left out: it reads /proc per request, which would flatter the lab.
     */
    static final List<String> PEER_SUBTREES = List.of(".1.3.6.1.2.1.1", ".1.3.6.1.2.1.2", ".1.3.6.1.2.1.31",
        ".1.3.6.1.2.1.4", ".1.3.6.1.2.1.25.2", ".1.3.6.1.2.1.25.3");

    @Option(names = "--walks", paramLabel = "DIR", required = true, description = "Directory of .snmprec walks to serve.")
    Path walks;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "5", description = "Measured rounds over all walks (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--max-repetitions", paramLabel = "N", defaultValue = "25",
        description = "snmpbulkwalk -Cr, for both agents (default: ${DEFAULT-VALUE}).")
    int maxRepetitions;

    @Option(names = "--no-peer", description = "Skip the snmpd comparison.")
    boolean noPeer;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, LabDevice> devices = LabWalks.load(walks);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double labUs;
        double labRate;
        long labVarbinds;
        try (LabAgent agent = LabAgent.start(LabAgent.Options.loopback(freePort()), devices)) {
            out.printf("lab agent: %d walks, %d varbinds in all; warming up%n", devices.size(),
                devices.values().stream().mapToInt(d -> d.data().size()).sum());
            out.flush();
            for (int i = 0; i < 2; i++) {
                for (String name : devices.keySet()) {
                    walk(agent.port(), name);
                }
            }
            long vb0 = agent.varbindsServed();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            for (int r = 0; r < rounds; r++) {
                for (String name : devices.keySet()) {
                    walk(agent.port(), name);
                }
            }
            long wall = System.nanoTime() - t0;
            long cpu = os.getProcessCpuTime() - cpu0;
            labVarbinds = agent.varbindsServed() - vb0;
            labUs = cpu / 1000.0 / labVarbinds;
            labRate = labVarbinds / (wall / 1e9);
        }
        out.printf(Locale.ROOT, "lab agent: %d varbinds in %d rounds, %.0f varbinds/s to one snmpbulkwalk, %.2f us CPU per varbind%n",
            labVarbinds, rounds, labRate, labUs);
        String peer = "";
        if (!noPeer) {
            Double snmpdUs = snmpdPeer(out);
            if (snmpdUs != null) {
                peer = String.format(Locale.ROOT, " snmpd_us_per_varbind=%.2f ratio=%.2f", snmpdUs, labUs / snmpdUs);
            }
        }
        out.printf(Locale.ROOT, "lab_us_per_varbind=%.2f lab_varbinds_per_s=%.0f%s%n", labUs, labRate, peer);
        out.flush();
        return 0;
    }

    /** Walks net-snmp's snmpd (its own MIB tree) the same way; its CPU comes from /proc. */
    private Double snmpdPeer(PrintWriter out) throws IOException, InterruptedException {
        Path snmpd = Path.of("/usr/sbin/snmpd");
        if (!Files.isExecutable(snmpd)) {
            out.println("peer: /usr/sbin/snmpd not found (apt-get install snmpd); no comparison");
            return null;
        }
        int port = freePort();
        Path dir = Files.createTempDirectory("nplus-bench-snmpd");
        Path conf = dir.resolve("snmpd.conf");
        Files.writeString(conf, "agentAddress udp:127.0.0.1:" + port + "\nrocommunity public 127.0.0.1\n"
            + "view all included .1\n");
        ProcessBuilder pb = new ProcessBuilder(snmpd.toString(), "-f", "-Ln", "-C", "-c", conf.toString(), "-p",
            dir.resolve("pid").toString())
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("MIBS", "");
        pb.environment().put("SNMP_PERSISTENT_DIR", dir.resolve("persist").toString());
        Process p = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (walkPeer(port, ".1.3.6.1.2.1.1") == 0) {
                if (System.nanoTime() > deadline || !p.isAlive()) {
                    out.println("peer: snmpd did not answer on 127.0.0.1:" + port + "; no comparison");
                    return null;
                }
                Thread.sleep(100);
            }
            for (String subtree : PEER_SUBTREES) {
                walkPeer(port, subtree);
            }
            long ticks0 = cpuTicks(p.pid());
            long varbinds = 0;
            long t0 = System.nanoTime();
            int n = 0;
            // At least 5 s of walking: /proc counts CPU in 10 ms ticks.
            while (System.nanoTime() - t0 < 5_000_000_000L) {
                for (String subtree : PEER_SUBTREES) {
                    varbinds += walkPeer(port, subtree);
                    n++;
                }
            }
            long wall = System.nanoTime() - t0;
            long ticks = cpuTicks(p.pid()) - ticks0;
            double us = ticks * (1e6 / 100.0) / varbinds; // USER_HZ is 100 on Linux
            out.printf(Locale.ROOT, "snmpd (peer): %d varbinds in %d walks of %s, %.0f varbinds/s, %.2f us CPU per varbind%n",
                varbinds, n, String.join(" ", PEER_SUBTREES), varbinds / (wall / 1e9), us);
            return us;
        } finally {
            p.destroy();
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
    }

    private long walk(int port, String community) throws IOException, InterruptedException {
        return run(List.of("snmpbulkwalk", "-v2c", "-c", community, "-On", "-Cr" + maxRepetitions, "-t", "5", "-r", "1",
            "127.0.0.1:" + port, ".1"));
    }

    private long walkPeer(int port, String subtree) throws IOException, InterruptedException {
        return run(List.of("snmpbulkwalk", "-v2c", "-c", "public", "-On", "-Cr" + maxRepetitions, "-t", "2", "-r", "0",
            "127.0.0.1:" + port, subtree));
    }

    /** Runs snmpbulkwalk and counts the varbinds it printed (lines starting with a numeric OID). */
    private static long run(List<String> command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(command);
        cmd.add(1, "-m");
        cmd.add(2, "");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("MIBS", "");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException("cannot run snmpbulkwalk (apt-get install snmp): " + e.getMessage(), e);
        }
        long lines = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith(".")) {
                    lines++;
                }
            }
        }
        p.waitFor();
        return lines;
    }

    static int freePort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
