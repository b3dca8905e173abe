package io.nplus.server.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.nplus.mibs.testdata.TestData;
import io.nplus.server.config.ConfigLoader;
import io.nplus.server.run.NplusServer;
import io.nplus.snmp.lab.LabAgent;
import io.nplus.snmp.lab.LabDevice;
import io.nplus.snmp.trap.DropReason;
import io.nplus.snmp.trap.TrapCounters;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * Issue 9: a bounded flood, 50,000 traps, 45,000 of them from 450 spoofed 127.1.x.y sources and 5,000 with the right
 * community from a target's own address, while nplus polls five lab devices every 2s. Every datagram the receiver
 * read is accounted for (accepted or dropped with a reason), the queue drains into events, the allowed source is
 * held to its rate, and polling lateness and HTTP answers stay in their normal range. The figures are printed.
 */
class TrapFloodIT {
    static final List<String> WALKS = List.of("cirpack", "bison", "junos_mx5t-isis", "arista_eos", "drac_idrac7");
    static final int SPOOFED_SOURCES = 450;
    static final int PER_SPOOFED_SOURCE = 100;
    static final int FROM_TARGET = 5_000;
    static final Duration FLOOD_LIMIT = Duration.ofSeconds(30);
    static final Pattern BUCKET = Pattern.compile("nplus_poll_lateness_seconds_bucket\\{le=\"([^\"]+)\"} ([0-9.E+]+)");
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    @Test
    void floodFromSpoofedSourcesIsCountedAndDoesNotDelayPollingOrHttp() throws Exception {
        Map<String, LabDevice> devices = new LinkedHashMap<>();
        for (String w : WALKS) {
            devices.put(w, new LabDevice(w, TestData.read(w)));
        }
        try (LabAgent lab = LabAgent.start(LabAgent.Options.loopback(0), devices)) {
            int trapPort = Daemon.freeUdpPort();
            StringBuilder yaml = new StringBuilder("listen: 127.0.0.1:" + Daemon.freeUdpPort() + "\ndata_dir: data\n"
                + "defaults: {interval: 2s, timeout: 1s, retries: 0}\ntargets:\n");
            StringBuilder creds = new StringBuilder("credentials:\n");
            for (String w : WALKS) {
                yaml.append("  - {name: ").append(w).append(", address: 127.0.0.1:").append(lab.port())
                    .append(", credentials: ").append(w).append("}\n");
                creds.append("  ").append(w).append(": {version: 2c, community: ").append(w).append("}\n");
            }
            yaml.append(creds).append("traps: {listen: 127.0.0.1:").append(trapPort).append("}\n");
            Path config = Files.writeString(tmp.resolve("nplus.yaml"), yaml.toString());
            try (NplusServer server = NplusServer.start(new ConfigLoader(Map.of()).load(config), Clock.systemUTC())) {
                String base = "http://127.0.0.1:" + server.httpAddress().getPort();
                await("every target polled", Duration.ofSeconds(20),
                    () -> WALKS.stream().allMatch(w -> server.fleet().get(w) != null && server.fleet().get(w).isUp()));
                Map<Double, Double> start = lateness(base);
                Thread.sleep(8_000);
                Map<Double, Double> quiet = minus(lateness(base), start);
                long cirpackPollsBefore = polls(base, "cirpack");

                byte[] trap = encodedTrap("cirpack");
                long t0 = System.nanoTime();
                List<Long> httpMillis = new ArrayList<>();
                AtomicLong sent = new AtomicLong();
                Thread flood = new Thread(() -> send(trapPort, trap, sent, t0), "flood");
                flood.start();
                while (flood.isAlive()) {
                    long h = System.nanoTime();
                    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/devices"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(r.statusCode()).isEqualTo(200);
                    httpMillis.add((System.nanoTime() - h) / 1_000_000);
                    Thread.sleep(100);
                }
                flood.join();
                double floodSeconds = (System.nanoTime() - t0) / 1e9;
                // Keep polling for the rest of an 8s window, so the flood window has as many polls as the quiet one.
                Thread.sleep(Math.max(0, 8_000 - (long) (floodSeconds * 1000)));
                Map<Double, Double> during = minus(lateness(base), start);
                during = minus(during, quiet);

                await("every datagram read is decided and the queue drained", Duration.ofSeconds(30), () -> {
                    TrapCounters.Snapshot c = server.trapReceiver().counters();
                    return c.accepted() + c.droppedTotal() + c.engineReports() == c.read() && c.processed() == c.accepted()
                        && server.trapReceiver().queued() == 0;
                });
                Thread.sleep(500); // nothing more arrives: the kernel buffer is empty
                TrapCounters.Snapshot c = server.trapReceiver().counters();
                long cirpackPolls = polls(base, "cirpack") - cirpackPollsBefore;

                System.out.printf("flood: sent %d datagrams in %.2fs (%.0f/s); receiver read %d (%.1f%%), kernel dropped"
                        + " the other %d%n", sent.get(), floodSeconds, sent.get() / floodSeconds, c.read(),
                    100.0 * c.read() / sent.get(), sent.get() - c.read());
                System.out.printf("flood: accepted %d, processed %d, dropped %d %s, engine reports %d%n", c.accepted(),
                    c.processed(), c.droppedTotal(), c.dropped(), c.engineReports());
                System.out.printf("flood: events kept %d; cirpack polled %d times in the window (interval 2s, traps"
                    + " asked for a re-poll %d times)%n", server.events().recent(100_000, null).size(), cirpackPolls,
                    c.processed());
                System.out.printf("poll lateness, polls per bucket (le seconds): quiet 8s %s; flood window %s%n",
                    nonEmpty(quiet), nonEmpty(during));
                System.out.printf("HTTP /api/v1/devices during the flood: %d requests, max %d ms, median %d ms%n",
                    httpMillis.size(), httpMillis.stream().mapToLong(Long::longValue).max().orElse(0),
                    httpMillis.stream().sorted().toList().get(httpMillis.size() / 2));

                // Every datagram read is accounted for, exactly; what was not read the kernel dropped.
                assertThat(c.read()).isLessThanOrEqualTo(sent.get());
                assertThat(c.read()).isEqualTo(c.accepted() + c.droppedTotal() + c.engineReports());
                assertThat(c.processed()).isEqualTo(c.accepted());
                assertThat(c.received()).containsEntry("linkUp", c.processed());
                assertThat(c.dropped(DropReason.UNKNOWN_SOURCE)).isLessThanOrEqualTo(SPOOFED_SOURCES * PER_SPOOFED_SOURCE);
                assertThat(c.accepted() + c.dropped(DropReason.RATE_LIMITED)).isLessThanOrEqualTo(FROM_TARGET);
                if (c.read() == sent.get()) { // the kernel dropped nothing: then every count is known exactly
                    assertThat(c.dropped(DropReason.UNKNOWN_SOURCE)).isEqualTo(SPOOFED_SOURCES * PER_SPOOFED_SOURCE);
                    assertThat(c.accepted() + c.dropped(DropReason.RATE_LIMITED)).isEqualTo(FROM_TARGET);
                }
                assertThat(c.droppedTotal() - c.dropped(DropReason.UNKNOWN_SOURCE) - c.dropped(DropReason.RATE_LIMITED))
                    .as("no other drop reason").isZero();
                // The target's own address is held to its bucket: 500 at once, then 100 a second.
                assertThat(c.accepted()).isLessThanOrEqualTo(500 + (long) Math.ceil(100 * (floodSeconds + 1)));
                if (c.dropped(DropReason.RATE_LIMITED) > 0) {
                    assertThat(c.accepted()).isGreaterThanOrEqualTo(500);
                }
                // Many traps, few polls: each re-poll is at least 2s after the previous one.
                assertThat(cirpackPolls).isLessThanOrEqualTo((long) Math.ceil((floodSeconds + 8) / 2.0) * 2 + 2);
                // Polling goes on at its pace and as punctually as without the flood.
                double quietPolls = total(quiet);
                double floodPolls = total(during);
                assertThat(floodPolls).isGreaterThanOrEqualTo(quietPolls * 0.8);
                assertThat(worst(during)).as("worst lateness bucket during the flood").isLessThanOrEqualTo(
                    Math.max(worst(quiet), 0.5));
                assertThat(httpMillis).isNotEmpty().allSatisfy(ms -> assertThat(ms).isLessThan(2_000L));
            }
        }
    }

    /** Sends the flood: 100 from each spoofed source in turn, and every tenth datagram from the target's address. */
    static void send(int port, byte[] trap, AtomicLong sent, long t0) {
        InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        List<DatagramSocket> spoofed = new ArrayList<>();
        try (DatagramSocket target = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            for (int i = 0; i < SPOOFED_SOURCES; i++) {
                spoofed.add(new DatagramSocket(new InetSocketAddress(
                    InetAddress.getByAddress(new byte[] {127, 1, (byte) (i / 200), (byte) (1 + i % 200)}), 0)));
            }
            DatagramPacket p = new DatagramPacket(trap, trap.length, to);
            int fromTarget = 0;
            for (int round = 0; round < PER_SPOOFED_SOURCE; round++) {
                for (DatagramSocket s : spoofed) {
                    s.send(p);
                    sent.incrementAndGet();
                    if (sent.get() % 10 == 0 && fromTarget < FROM_TARGET) {
                        target.send(p);
                        fromTarget++;
                        sent.incrementAndGet();
                    }
                }
                if (System.nanoTime() - t0 > FLOOD_LIMIT.toNanos()) {
                    return; // bounded in time as well as in count
                }
                if (round % 10 == 9) {
                    Thread.sleep(20); // ten bursts of 5,000 in a second or so: a flood, not a single spike
                }
            }
            while (fromTarget < FROM_TARGET) {
                target.send(p);
                fromTarget++;
                sent.incrementAndGet();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            spoofed.forEach(DatagramSocket::close);
        }
    }

    /** A v2c linkUp from a target, as SNMP4J encodes it, caught on a plain socket. */
    static byte[] encodedTrap(String community) throws Exception {
        try (DatagramSocket sink = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
             Snmp snmp = new Snmp(new DefaultUdpTransportMapping(new UdpAddress(InetAddress.getLoopbackAddress(), 0)))) {
            sink.setSoTimeout(5000);
            CommunityTarget<UdpAddress> t = new CommunityTarget<>(new UdpAddress(InetAddress.getLoopbackAddress(),
                sink.getLocalPort()), new OctetString(community));
            t.setVersion(SnmpConstants.version2c);
            PDU pdu = new PDU();
            pdu.setType(PDU.TRAP);
            pdu.add(new VariableBinding(new OID("1.3.6.1.2.1.1.3.0"), new TimeTicks(100)));
            pdu.add(new VariableBinding(new OID("1.3.6.1.6.3.1.1.4.1.0"), new OID("1.3.6.1.6.3.1.1.5.4")));
            pdu.add(new VariableBinding(new OID("1.3.6.1.2.1.2.2.1.1.2"), new Integer32(2)));
            snmp.send(pdu, t);
            DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
            sink.receive(p);
            return java.util.Arrays.copyOf(p.getData(), p.getLength());
        }
    }

    static Map<Double, Double> lateness(String base) throws Exception {
        String body = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        Map<Double, Double> buckets = new TreeMap<>();
        Matcher m = BUCKET.matcher(body);
        while (m.find()) {
            buckets.put(m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1)),
                Double.parseDouble(m.group(2)));
        }
        return buckets;
    }

    static long polls(String base, String target) throws Exception {
        String body = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("nplus_polls_total\\{target=\"" + Pattern.quote(target) + "\"} ([0-9.E+]+)").matcher(body);
        return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }

    static Map<Double, Double> minus(Map<Double, Double> a, Map<Double, Double> b) {
        Map<Double, Double> out = new TreeMap<>();
        a.forEach((k, v) -> out.put(k, v - b.getOrDefault(k, 0.0)));
        return out;
    }

    static double total(Map<Double, Double> cumulative) {
        return cumulative.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
    }

    /** The smallest bucket bound that holds every poll of the window (cumulative buckets). */
    static double worst(Map<Double, Double> cumulative) {
        double all = total(cumulative);
        for (Map.Entry<Double, Double> e : cumulative.entrySet()) {
            if (e.getValue() >= all) {
                return e.getKey();
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /** Per bucket (not cumulative), the non-empty ones. */
    static Map<String, Long> nonEmpty(Map<Double, Double> cumulative) {
        Map<String, Long> out = new LinkedHashMap<>();
        double prev = 0;
        for (Map.Entry<Double, Double> e : cumulative.entrySet()) {
            long n = Math.round(e.getValue() - prev);
            if (n > 0) {
                out.put(e.getKey().isInfinite() ? "+Inf" : e.getKey().toString(), n);
            }
            prev = e.getValue();
        }
        return out;
    }

    static void await(String what, Duration limit, BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail(what + ": not within " + limit);
            }
            Thread.sleep(20);
        }
    }
}
