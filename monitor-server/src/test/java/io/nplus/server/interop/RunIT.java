package io.nplus.server.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nplus.mibs.testdata.TestData;
import io.nplus.snmp.lab.LabAgent;
import io.nplus.snmp.lab.LabDevice;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4, end to end: the real nplus.jar runs with a config that polls the lab agent (several corpus walks) and
 * a real net-snmp snmpd whose community is a canary; its /metrics passes promtool, a real Prometheus scrapes it,
 * SIGHUP reloads (and refuses a broken config), SIGTERM stops it cleanly, and the canary is never printed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunIT {
    static final String CANARY = "canary-COMM-7f3a";
    static final String PD_CANARY = "canary-PDKEY-9c1e";
    static final String HMAC_CANARY = "canary-HMAC-2b7d";
    static final List<String> WALKS = List.of("junos_mx5t-isis", "arista_eos", "cirpack", "drac_idrac7");
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path tmp;
    static LabAgent lab;
    static Daemon snmpd;
    static Process nplus;
    static Path config;
    static Path log;
    static int httpPort;
    static com.sun.net.httpserver.HttpServer receiver;
    static final List<String[]> received = java.util.Collections.synchronizedList(new ArrayList<>()); // path, body, signature

    @BeforeAll
    static void start() throws Exception {
        Map<String, LabDevice> devices = new LinkedHashMap<>();
        for (String w : WALKS) {
            devices.put(w, new LabDevice(w, TestData.read(w)));
        }
        lab = LabAgent.start(LabAgent.Options.loopback(0), devices);
        Map<String, String> env = Tool.netSnmpEnvironment(tmp);
        Path conf = tmp.resolve("snmpd.conf");
        snmpd = Daemon.startAnswering("snmpd", port -> {
            try {
                Files.writeString(conf, "agentAddress udp:127.0.0.1:" + port + "\nrocommunity " + CANARY + " 127.0.0.1\n"
                    + "disk / 1%\n");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return List.of(Tool.SNMPD.path().toString(), "-f", "-Le", "-C", "-c", conf.toString(), "-I", "-smux", "-m", "");
        }, env, tmp.resolve("snmpd.log"), CANARY, Duration.ofSeconds(30));
        httpPort = Daemon.freeUdpPort(); // any free number will do for TCP too; checked by the bind below
        Files.writeString(tmp.resolve("community"), CANARY + "\n");
        Files.writeString(tmp.resolve("pagerduty.key"), PD_CANARY + "\n");
        Files.writeString(tmp.resolve("hook.key"), HMAC_CANARY + "\n");
        // Stand-ins for PagerDuty's servers and a chat webhook: they answer as those do and record what came.
        receiver = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new String[] {ex.getRequestURI().getPath(), body,
                String.valueOf(ex.getRequestHeaders().getFirst("X-Nplus-Signature-256"))});
            byte[] ok = "{\"status\":\"success\",\"message\":\"Event processed\"}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(202, ok.length);
            ex.getResponseBody().write(ok);
            ex.close();
        });
        receiver.start();
        config = tmp.resolve("nplus.yaml");
        writeConfig(WALKS, "");
        log = tmp.resolve("nplus.log");
        Path jar = Path.of("target/nplus.jar").toAbsolutePath();
        assertThat(jar).as("the build makes target/nplus.jar before the interop tests").exists();
        String java = ProcessHandle.current().info().command().orElse("java");
        nplus = new ProcessBuilder(java, "-jar", jar.toString(), "run", "--config", config.toString())
            .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
        await("nplus to be ready", Duration.ofSeconds(40), () -> status("/-/ready") == 200);
    }

    static void writeConfig(List<String> walks, String extra) throws IOException {
        StringBuilder y = new StringBuilder("listen: 127.0.0.1:" + httpPort + "\n"
            + "defaults: {interval: 2s, timeout: 500ms, retries: 1}\n"
            + "credentials:\n  lab: {version: 2c, community_file: community}\n");
        for (String w : walks) {
            y.append("  ").append(w).append(": {version: 2c, community: ").append(w).append("}\n");
        }
        y.append("targets:\n  - {name: snmpd, address: \"").append(snmpd.address()).append("\", credentials: lab,"
            + " labels: {site: it}}\n");
        for (String w : walks) {
            y.append("  - {name: ").append(w).append(", address: \"127.0.0.1:").append(lab.port())
                .append("\", credentials: ").append(w).append(", labels: {site: it}}\n");
        }
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        y.append("receivers:\n  oncall: {pagerduty: {routing_key_file: pagerduty.key, url: \"" + base + "/v2/enqueue\"}}\n"
            + "  chat: {webhook: {url: \"" + base + "/hook\", hmac_secret_file: hook.key}}\n"
            + "routes:\n  - {match: {severity: page}, receiver: oncall, continue: true}\n  - {receiver: chat}\n");
        y.append(extra);
        Files.writeString(config, y.toString());
    }

    @AfterAll
    static void stop() throws Exception {
        if (nplus != null && nplus.isAlive()) {
            nplus.destroyForcibly();
        }
        if (snmpd != null) {
            snmpd.close();
        }
        if (lab != null) {
            lab.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    @Order(1)
    void metricsPassPromtool() throws Exception {
        await("every target polled", Duration.ofSeconds(30), () -> metrics().split("nplus_target_up\\{").length - 1 == 5);
        Path m = tmp.resolve("metrics.txt");
        Files.writeString(m, metrics());
        // promtool reads the metrics on stdin.
        ProcessBuilder pb = new ProcessBuilder(Tool.PROMTOOL.path().toString(), "check", "metrics")
            .redirectInput(m.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("promtool check metrics said:\n%s", out).isZero();
        String body = Files.readString(m);
        assertThat(body).contains("nplus_target_up{site=\"it\",target=\"snmpd\"} 1.0");
        assertThat(body).contains("nplus_interface_speed_bytes_per_second{component=\"1\",name=\"lo\",site=\"it\",target=\"snmpd\"}");
    }

    @Test
    @Order(2)
    void realPrometheusScrapesIt() throws Exception {
        int promPort = Daemon.freeUdpPort();
        Path promConfig = tmp.resolve("prometheus.yml");
        Files.writeString(promConfig, "global: {scrape_interval: 1s, scrape_timeout: 1s}\nscrape_configs:\n"
            + "  - job_name: nplus\n    static_configs: [{targets: ['127.0.0.1:" + httpPort + "']}]\n");
        Path promLog = tmp.resolve("prometheus.log");
        Process prom = new ProcessBuilder(Tool.PROMETHEUS.path().toString(), "--config.file=" + promConfig,
            "--storage.tsdb.path=" + tmp.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + promPort)
            .redirectErrorStream(true).redirectOutput(promLog.toFile()).start();
        try {
            String api = "http://127.0.0.1:" + promPort + "/api/v1/query?query=";
            await("Prometheus to scrape nplus (log: " + promLog + ")", Duration.ofSeconds(60), () -> {
                JsonNode r = getJson(api + enc("up{job=\"nplus\"}"));
                return r != null && r.at("/data/result").size() == 1 && r.at("/data/result/0/value/1").asText().equals("1");
            });
            await("nplus series in Prometheus", Duration.ofSeconds(30), () -> {
                JsonNode r = getJson(api + enc("count(nplus_target_up{job=\"nplus\"} == 1)"));
                return r != null && r.at("/data/result").size() == 1 && r.at("/data/result/0/value/1").asText().equals("5");
            });
            JsonNode health = getJson(api + enc("nplus_component_severity{target=\"cirpack\",component=\"dsk.3\"}"));
            assertThat(health.at("/data/result/0/value/1").asText()).isEqualTo("2");
        } finally {
            prom.destroy();
            prom.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Issue 7: a page reaches PagerDuty's API with the routing key, and the chat webhook, signed. */
    @Test
    @Order(3)
    void pagesReachTheReceivers() throws Exception {
        await("the chassis alarm of junos_mx5t-isis at the PagerDuty stand-in", Duration.ofSeconds(30), () -> pagerduty()
            .stream().anyMatch(b -> b.contains("nplus:PowerOrCoolingFault:junos_mx5t-isis")));
        JsonNode trigger = JSON.readTree(pagerduty().stream().filter(b -> b.contains("nplus:PowerOrCoolingFault:junos_mx5t-isis"))
            .findFirst().orElseThrow());
        assertThat(trigger.get("routing_key").asText()).isEqualTo(PD_CANARY);
        assertThat(trigger.get("event_action").asText()).isEqualTo("trigger");
        assertThat(trigger.at("/payload/summary").asText()).contains("junos_mx5t-isis", "Chassis alarms", "degraded");
        assertThat(trigger.at("/payload/severity").asText()).isEqualTo("critical");
        await("the webhook", Duration.ofSeconds(30), () -> hooks().stream().anyMatch(h -> h[1].contains("PowerOrCoolingFault")));
        String[] hook = hooks().stream().filter(h -> h[1].contains("PowerOrCoolingFault")).findFirst().orElseThrow();
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(HMAC_CANARY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(hook[2]).isEqualTo("sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(hook[1].getBytes(StandardCharsets.UTF_8))));
        // Each alert once: polls every 2 s do not repeat the page.
        Thread.sleep(5000);
        assertThat(pagerduty().stream().filter(b -> b.contains("nplus:PowerOrCoolingFault:junos_mx5t-isis"))).hasSize(1);
        assertThat(metrics()).contains("nplus_notifications_sent_total{receiver=\"oncall\"}");
    }

    static List<String> pagerduty() {
        synchronized (received) {
            return received.stream().filter(r -> r[0].equals("/v2/enqueue")).map(r -> r[1]).toList();
        }
    }

    static List<String[]> hooks() {
        synchronized (received) {
            return received.stream().filter(r -> r[0].equals("/hook")).toList();
        }
    }

    @Test
    @Order(4)
    void sighupReloadsAndABrokenConfigIsRefused() throws Exception {
        writeConfig(List.of("junos_mx5t-isis", "cirpack"), "");
        hangup();
        await("the reloaded target list", Duration.ofSeconds(15), () -> names().equals(List.of("snmpd", "junos_mx5t-isis", "cirpack")));
        Files.writeString(config, Files.readString(config).replace("interval: 2s", "interval: 2 seconds"));
        hangup();
        await("the reload error in the log", Duration.ofSeconds(15), () -> log().contains("event=reload result=failed"));
        assertThat(log()).contains("note=\"keeping the running config\"")
            .contains(config + ":2 defaults.interval: '2 seconds' is not a duration");
        assertThat(names()).containsExactly("snmpd", "junos_mx5t-isis", "cirpack");
        assertThat(metrics()).contains("nplus_config_reloads_total{result=\"failed\"} 1.0")
            .contains("nplus_config_reloads_total{result=\"ok\"} 1.0");
    }

    @Test
    @Order(5)
    void theCanarySecretsAreNeverPrinted() throws Exception {
        String everything = log() + metrics() + get("/api/v1/devices") + get("/api/v1/devices/snmpd") + get("/api/v1/alerts")
            + get("/api/v1/silences");
        assertThat(everything).doesNotContain(CANARY).doesNotContain("COMM-7f3a").doesNotContain(PD_CANARY)
            .doesNotContain("PDKEY").doesNotContain(HMAC_CANARY).doesNotContain("HMAC-2b7d").doesNotContain("canary");
    }

    @Test
    @Order(6)
    void sigtermStopsCleanly() throws Exception {
        nplus.destroy(); // SIGTERM
        assertThat(nplus.waitFor(10, TimeUnit.SECONDS)).as("nplus stops within 10 s of SIGTERM").isTrue();
        assertThat(nplus.exitValue()).isIn(0, 143);
        assertThat(log()).contains("event=stop");
    }

    static void hangup() throws Exception {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(nplus.pid())).start();
        assertThat(kill.waitFor(5, TimeUnit.SECONDS)).isTrue();
    }

    static List<String> names() {
        JsonNode list = getJson("http://127.0.0.1:" + httpPort + "/api/v1/devices");
        List<String> out = new ArrayList<>();
        if (list != null) {
            list.forEach(n -> out.add(n.get("name").asText()));
        }
        return out;
    }

    static String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    static String metrics() {
        return get("/metrics");
    }

    static String get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException | InterruptedException e) {
            return "";
        }
    }

    static int status(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    static JsonNode getJson(String url) {
        try {
            return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }

    static String enc(String q) {
        return URLEncoder.encode(q, StandardCharsets.UTF_8);
    }

    static void await(String what, Duration limit, BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("waited " + limit + " for " + what + "; nplus log:\n" + log());
            }
            Thread.sleep(200);
        }
    }
}
