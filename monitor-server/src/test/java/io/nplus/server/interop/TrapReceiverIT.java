package io.nplus.server.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nplus.mibs.testdata.TestData;
import io.nplus.server.config.ConfigLoader;
import io.nplus.server.config.RunConfig;
import io.nplus.server.run.NplusServer;
import io.nplus.snmp.lab.LabAgent;
import io.nplus.snmp.lab.LabDevice;
import io.nplus.snmp.trap.DropReason;
import io.nplus.snmp.trap.TrapCounters;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;

/**
 * Issue 9, with net-snmp's own snmptrap and snmpinform: nplus run (in process) polls the lab agent and receives
 * v1, v2c and v3 authPriv traps and informs on loopback; each becomes the right event in /api/v1/events, a
 * linkDown re-polls the device and pages within seconds, and what is not allowed is dropped and counted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrapReceiverIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Duration TOOL_LIMIT = Duration.ofSeconds(30);
    static final String LINK_DOWN = "1.3.6.1.6.3.1.1.5.3";
    static final OID ETH0_OPER = new OID("1.3.6.1.2.1.2.2.1.8.2");

    @TempDir
    static Path tmp;
    static LabAgent lab;
    static NplusServer server;
    static String base;
    static String trapAddress;
    static Map<String, String> env;

    @BeforeAll
    static void start() throws Exception {
        Map<String, LabDevice> devices = new LinkedHashMap<>();
        devices.put("cirpack", new LabDevice("cirpack", TestData.read("cirpack")));
        lab = LabAgent.start(LabAgent.Options.loopback(0), devices);
        env = Tool.netSnmpEnvironment(tmp);
        Files.writeString(tmp.resolve("auth"), "auctoritas\n");
        Files.writeString(tmp.resolve("priv"), "privatus\n");
        int trapPort = Daemon.freeUdpPort();
        trapAddress = "udp:127.0.0.1:" + trapPort;
        Path config = Files.writeString(tmp.resolve("nplus.yaml"), """
            listen: 127.0.0.1:%d
            data_dir: data
            defaults: {interval: 60s, timeout: 1s, retries: 0}
            targets:
              - {name: cirpack, address: 127.0.0.1:%d, credentials: cirpack}
              - {name: cirpack-v3, address: 127.0.0.1:%d, credentials: lab-v3}
            credentials:
              cirpack: {version: 2c, community: cirpack}
              lab-v3: {version: 3, user: simulator, auth_protocol: SHA256, auth_passphrase_file: auth,
                       priv_protocol: AES128, priv_passphrase_file: priv, context: cirpack}
            groups:
              - {name: uplink, need: 1, members: [{target: cirpack, kind: interface, component: eth0}]}
            traps:
              listen: 127.0.0.1:%d
            """.formatted(Daemon.freeUdpPort(), lab.port(), lab.port(), trapPort));
        RunConfig rc = new ConfigLoader(Map.of()).load(config);
        server = NplusServer.start(rc, Clock.systemUTC());
        base = "http://127.0.0.1:" + server.httpAddress().getPort();
        // The interval is a minute (so that only traps cause polls during the test); the first polls now.
        server.engine().pollSoon("cirpack", Duration.ZERO);
        server.engine().pollSoon("cirpack-v3", Duration.ZERO);
        await("both targets polled", Duration.ofSeconds(20), () -> server.fleet().get("cirpack") != null
            && server.fleet().get("cirpack-v3") != null && server.fleet().get("cirpack").isUp());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (lab != null) {
            lab.close();
        }
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

    static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static String metrics() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Runs a net-snmp tool and waits until the receiver has decided on what it sent. */
    static Tool.Run send(Tool tool, long datagrams, String... args) throws Exception {
        long before = decided();
        Tool.Run run = tool.run(TOOL_LIMIT, env, args);
        await("the receiver decides on " + run.commandLine(), Duration.ofSeconds(10), () -> decided() >= before + datagrams);
        return run;
    }

    static long decided() {
        TrapCounters.Snapshot c = server.trapReceiver().counters();
        return c.accepted() + c.droppedTotal() + c.engineReports();
    }

    static JsonNode newestEvent(long countBefore) throws Exception {
        await("an event", Duration.ofSeconds(10), () -> server.events().added() > countBefore);
        return get("/api/v1/events?limit=1").get(0);
    }

    @Test
    @Order(1)
    void v2cLinkDownBecomesAnEventAboutTheInterfaceByItsPolledName() throws Exception {
        long n = server.events().added();
        Tool.Run r = send(Tool.SNMPTRAP, 1, "-v", "2c", "-c", "cirpack", trapAddress, "", LINK_DOWN,
            "1.3.6.1.2.1.2.2.1.1.2", "i", "2", "1.3.6.1.2.1.2.2.1.7.2", "i", "1", "1.3.6.1.2.1.2.2.1.8.2", "i", "2");
        assertThat(r.exit()).as(r.describe()).isZero();
        JsonNode e = newestEvent(n);
        assertThat(e.get("device").asText()).isEqualTo("cirpack");
        assertThat(e.get("source").asText()).isEqualTo("127.0.0.1");
        assertThat(e.get("trap").asText()).isEqualTo("linkDown");
        assertThat(e.get("oid").asText()).isEqualTo(LINK_DOWN);
        assertThat(e.get("severity").asText()).isEqualTo("warning");
        assertThat(e.get("state").asText()).isEqualTo("down");
        assertThat(e.get("component").get("kind").asText()).isEqualTo("interface");
        assertThat(e.get("component").get("id").asText()).isEqualTo("2");
        assertThat(e.get("component").get("name").asText()).isEqualTo("eth0");
        assertThat(e.get("text").asText()).contains("link down");
        assertThat(Instant.parse(e.get("time").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(metrics()).contains("nplus_traps_received_total{trap=\"linkDown\"}");
    }

    @Test
    @Order(2)
    void v1TrapIsTranslatedToItsV2Oid() throws Exception {
        long n = server.events().added();
        Tool.Run r = send(Tool.SNMPTRAP, 1, "-v", "1", "-c", "cirpack", trapAddress, "1.3.6.1.4.1.8072.3.2.10",
            "127.0.0.1", "3", "0", "", "1.3.6.1.2.1.2.2.1.1.2", "i", "2");
        assertThat(r.exit()).as(r.describe()).isZero();
        JsonNode e = newestEvent(n);
        assertThat(e.get("trap").asText()).isEqualTo("linkUp");
        assertThat(e.get("oid").asText()).isEqualTo("1.3.6.1.6.3.1.1.5.4");
        assertThat(e.get("device").asText()).isEqualTo("cirpack");
        assertThat(e.get("component").get("name").asText()).isEqualTo("eth0");
        assertThat(e.get("severity").asText()).isEqualTo("ok");
    }

    @Test
    @Order(3)
    void v3AuthPrivTrapOfTheTargetsUserIsAccepted() throws Exception {
        long n = server.events().added();
        Tool.Run r = send(Tool.SNMPTRAP, 1, "-v", "3", "-u", "simulator", "-l", "authPriv", "-a", "SHA-256", "-A",
            "auctoritas", "-x", "AES", "-X", "privatus", "-e", "0x80001f8880aabbccdd01", trapAddress, "",
            "1.3.6.1.6.3.1.1.5.1");
        assertThat(r.exit()).as(r.describe()).isZero();
        JsonNode e = newestEvent(n);
        assertThat(e.get("device").asText()).isEqualTo("cirpack-v3");
        assertThat(e.get("trap").asText()).isEqualTo("coldStart");
        assertThat(e.get("severity").asText()).isEqualTo("info");
        assertThat(e.get("component").isNull()).isTrue();
    }

    @Test
    @Order(4)
    void informsAreAcknowledgedV2cAndV3() throws Exception {
        long n = server.events().added();
        Tool.Run r = Tool.SNMPINFORM.run(TOOL_LIMIT, env, "-v", "2c", "-c", "cirpack", "-r", "0", "-t", "5", trapAddress,
            "", "1.3.6.1.6.3.1.1.5.2");
        assertThat(r.exit()).as("snmpinform exits 0 only when acknowledged: " + r.describe()).isZero();
        assertThat(newestEvent(n).get("trap").asText()).isEqualTo("warmStart");
        n = server.events().added();
        r = Tool.SNMPINFORM.run(TOOL_LIMIT, env, "-v", "3", "-u", "simulator", "-l", "authPriv", "-a", "SHA-256", "-A",
            "auctoritas", "-x", "AES", "-X", "privatus", "-r", "1", "-t", "5", trapAddress, "", "1.3.6.1.6.3.1.1.5.2");
        assertThat(r.exit()).as("v3 inform (engine discovery, then the inform): " + r.describe()).isZero();
        JsonNode e = newestEvent(n);
        assertThat(e.get("device").asText()).isEqualTo("cirpack-v3");
        assertThat(server.trapReceiver().counters().engineReports()).isPositive();
    }

    @Test
    @Order(5)
    void wrongCommunityUnknownUserAndWrongPassphraseAreDroppedAndCounted() throws Exception {
        TrapCounters.Snapshot before = server.trapReceiver().counters();
        long n = server.events().added();
        send(Tool.SNMPTRAP, 1, "-v", "2c", "-c", "public", trapAddress, "", LINK_DOWN);
        send(Tool.SNMPTRAP, 1, "-v", "1", "-c", "public", trapAddress, "1.3.6.1.4.1.8072.3.2.10", "127.0.0.1", "2",
            "0", "");
        send(Tool.SNMPTRAP, 1, "-v", "3", "-u", "mallory", "-l", "authPriv", "-a", "SHA-256", "-A", "auctoritas", "-x",
            "AES", "-X", "privatus", "-e", "0x80001f8880aabbccdd02", trapAddress, "", LINK_DOWN);
        send(Tool.SNMPTRAP, 1, "-v", "3", "-u", "simulator", "-l", "authPriv", "-a", "SHA-256", "-A", "not-the-passphrase",
            "-x", "AES", "-X", "privatus", "-e", "0x80001f8880aabbccdd03", trapAddress, "", LINK_DOWN);
        send(Tool.SNMPTRAP, 1, "-v", "3", "-u", "simulator", "-l", "noAuthNoPriv", "-e", "0x80001f8880aabbccdd04",
            trapAddress, "", LINK_DOWN);
        TrapCounters.Snapshot after = server.trapReceiver().counters();
        assertThat(after.dropped(DropReason.BAD_COMMUNITY) - before.dropped(DropReason.BAD_COMMUNITY)).isEqualTo(2);
        assertThat(after.dropped(DropReason.UNKNOWN_USER) - before.dropped(DropReason.UNKNOWN_USER)).isEqualTo(1);
        assertThat(after.dropped(DropReason.BAD_AUTH) - before.dropped(DropReason.BAD_AUTH)).isEqualTo(2);
        assertThat(after.accepted()).isEqualTo(before.accepted());
        assertThat(server.events().added()).isEqualTo(n);
        String m = metrics();
        assertThat(m).contains("nplus_traps_dropped_total{reason=\"bad_community\"} " + after.dropped(DropReason.BAD_COMMUNITY));
        assertThat(m).contains("nplus_traps_dropped_total{reason=\"unknown_user\"} 1");
        assertThat(m).doesNotContain("public\"", "not-the-passphrase", "auctoritas", "privatus");
    }

    @Test
    @Order(6)
    void linkDownRepollsAtOnceAndTheLostUplinkPagesWithinSeconds() throws Exception {
        assertThat(get("/api/v1/alerts").toString()).doesNotContain("RedundancyLost");
        LabDevice d = lab.devices().get("cirpack");
        d.replace(d.data().with(Map.of(ETH0_OPER, new Integer32(2)))); // eth0 goes down; the next poll would see it
        Instant polledBefore = server.fleet().get("cirpack").updatedAt();
        Instant sent = Instant.now();
        Tool.Run r = send(Tool.SNMPTRAP, 1, "-v", "2c", "-c", "cirpack", trapAddress, "", LINK_DOWN,
            "1.3.6.1.2.1.2.2.1.1.2", "i", "2", "1.3.6.1.2.1.2.2.1.7.2", "i", "1", "1.3.6.1.2.1.2.2.1.8.2", "i", "2");
        assertThat(r.exit()).isZero();
        await("a re-poll of cirpack", Duration.ofSeconds(10),
            () -> server.fleet().get("cirpack").updatedAt().isAfter(polledBefore));
        await("RedundancyLost firing", Duration.ofSeconds(10), () -> {
            try {
                return get("/api/v1/alerts").toString().contains("RedundancyLost");
            } catch (Exception e) {
                return false;
            }
        });
        Duration took = Duration.between(sent, Instant.now());
        System.out.println("linkDown trap -> re-poll -> RedundancyLost firing in " + took.toMillis() + " ms (interval 60s)");
        assertThat(took).isLessThan(Duration.ofSeconds(10));
        assertThat(server.fleet().get("cirpack").lastGood().components().stream()
            .filter(c -> c.id().equals("2") && c.kind().word().equals("interface")).findFirst().orElseThrow().state())
            .isEqualTo("down");
    }

    @Test
    @Order(7)
    void eventsApiFiltersLimitsAndRefusesBadInput() throws Exception {
        JsonNode all = get("/api/v1/events");
        assertThat(all.size()).isGreaterThanOrEqualTo(5);
        Instant newer = Instant.parse(all.get(0).get("time").asText());
        for (JsonNode e : all) {
            Instant t = Instant.parse(e.get("time").asText());
            assertThat(t).isBeforeOrEqualTo(newer);
            newer = t;
        }
        assertThat(get("/api/v1/events?limit=2").size()).isEqualTo(2);
        JsonNode v3 = get("/api/v1/events?device=cirpack-v3");
        assertThat(v3).isNotEmpty().allSatisfy(e -> assertThat(e.get("device").asText()).isEqualTo("cirpack-v3"));
        assertThat(get("/api/v1/events?device=nobody")).isEmpty();
        HttpResponse<String> bad = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/events?limit=lots")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).startsWith("limit: 'lots' is not a number of events between 1 and 1000");
    }

    @Test
    @Order(8)
    void aReloadAddsAnExtraSourceAndNoCommunityEverShows() throws Exception {
        String canary = "canary-TRAPCOMM-4e2b";
        String wrong = "canary-WRONGCOMM-9d0c";
        String yaml = Files.readString(tmp.resolve("nplus.yaml"))
            .replace("credentials:\n", "credentials:\n  extra: {version: 2c, community: " + canary + "}\n")
            + "  allow:\n    - {source: 127.0.0.1, credentials: extra, device: canary-dev}\n";
        Path next = Files.writeString(tmp.resolve("nplus-reloaded.yaml"), yaml);
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        long n = server.events().added();
        try {
            System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
            server.reload(new ConfigLoader(Map.of()).load(next));
            send(Tool.SNMPTRAP, 1, "-v", "2c", "-c", canary, trapAddress, "", "1.3.6.1.6.3.1.1.5.1");
            send(Tool.SNMPTRAP, 1, "-v", "2c", "-c", wrong, trapAddress, "", "1.3.6.1.6.3.1.1.5.1");
            send(Tool.SNMPTRAP, 1, "-v", "1", "-c", wrong, trapAddress, "1.3.6.1.4.1.8072.3.2.10", "127.0.0.1", "0", "0", "");
            await("the event", Duration.ofSeconds(10), () -> server.events().added() > n);
        } finally {
            System.setErr(err);
        }
        JsonNode e = get("/api/v1/events?limit=1").get(0);
        assertThat(e.get("device").asText()).isEqualTo("canary-dev");
        String log = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(log).contains("event=trap device=canary-dev");
        String api = get("/api/v1/events?limit=1000").toString();
        for (String secret : new String[] {canary, wrong}) {
            assertThat(log).doesNotContain(secret);
            assertThat(api).doesNotContain(secret);
            assertThat(metrics()).doesNotContain(secret);
        }
    }
}
