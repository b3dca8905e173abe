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

    @Test
    @Order(3)
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
    @Order(4)
    void theCanaryCommunityIsNeverPrinted() throws Exception {
        String everything = log() + metrics() + get("/api/v1/devices") + get("/api/v1/devices/snmpd");
        assertThat(everything).doesNotContain(CANARY).doesNotContain("COMM-7f3a").doesNotContain("canary");
    }

    @Test
    @Order(5)
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
