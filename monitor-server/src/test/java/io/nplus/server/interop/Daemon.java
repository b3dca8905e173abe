package io.nplus.server.interop;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * An SNMP agent run as a separate process (snmpd, snmpsimd) on a free UDP port of 127.0.0.1, started and
 * stopped by the test. Its stdout and stderr go to a log file that failures quote.
 */
final class Daemon implements AutoCloseable {
    /** Ports below Linux's ephemeral range (32768+), so no client socket of the machine takes one meanwhile. */
    private static final int LOWEST_PORT = 20000;
    private static final int HIGHEST_PORT = 32000;
    private static final int ATTEMPTS = 3;
    private static final OID SYS_OBJECT_ID = new OID("1.3.6.1.2.1.1.2.0");

    private final String name;
    private final Process process;
    private final Path log;
    private final int port;

    private Daemon(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts the command (made for a port) and waits until it answers an SNMPv2c GET with {@code community}.
     * The free port is re-chosen when the daemon dies before answering (another process took the port
     * meanwhile); a daemon that neither answers nor dies within {@code limit} fails the test.
     */
    static Daemon startAnswering(String name, IntFunction<List<String>> command, Map<String, String> env, Path log,
                                 String community, Duration limit) throws IOException, InterruptedException {
        String lastLog = "";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            int port = freeUdpPort();
            List<String> cmd = command.apply(port);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().putAll(env);
            Daemon d = new Daemon(name, pb.start(), log, port);
            long end = System.nanoTime() + limit.toNanos();
            while (System.nanoTime() < end && d.process.isAlive()) {
                if (answers(port, community)) {
                    return d;
                }
            }
            lastLog = d.log();
            if (d.process.isAlive()) {
                d.close();
                return fail(name + " did not answer an SNMPv2c GET on 127.0.0.1:" + port + " within " + limit
                    + "\ncommand: " + String.join(" ", cmd) + "\nits output:\n" + lastLog);
            }
            d.close();
        }
        return fail(name + " exited before answering, " + ATTEMPTS + " times (last output below)\n" + lastLog);
    }

    int port() {
        return port;
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    /** What the daemon printed so far (for failure messages). */
    String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** Stops the daemon: SIGTERM, then SIGKILL after 10 seconds. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + " on " + address();
    }

    /** A UDP port of 127.0.0.1 that nothing is bound to right now. */
    static int freeUdpPort() throws IOException {
        InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        for (int i = 0; i < 100; i++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST_PORT, HIGHEST_PORT);
            try (DatagramSocket s = new DatagramSocket(null)) {
                s.bind(new InetSocketAddress(loopback, port));
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free UDP port between " + LOWEST_PORT + " and " + HIGHEST_PORT + " on 127.0.0.1");
    }

    /** True when an agent on the port answers a GET of sysObjectID.0 (any answer, even noSuchObject). */
    static boolean answers(int port, String community) throws IOException {
        try (Snmp snmp = new Snmp(new DefaultUdpTransportMapping())) {
            snmp.listen();
            CommunityTarget<UdpAddress> target = new CommunityTarget<>(
                new UdpAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), new OctetString(community));
            target.setVersion(SnmpConstants.version2c);
            target.setTimeout(500);
            target.setRetries(0);
            PDU pdu = new PDU();
            pdu.setType(PDU.GET);
            pdu.add(new VariableBinding(SYS_OBJECT_ID));
            ResponseEvent<UdpAddress> e = snmp.get(pdu, target);
            return e != null && e.getResponse() != null;
        }
    }
}
