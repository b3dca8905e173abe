package io.nplus.server.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nplus.core.net.HostPort;
import io.nplus.core.secret.Secret;
import io.nplus.mibs.testdata.Expected;
import io.nplus.mibs.testdata.TestData;
import io.nplus.server.config.ConfigLoader;
import io.nplus.server.config.RunConfig;
import io.nplus.snmp.lab.LabAgent;
import io.nplus.snmp.lab.LabDevice;
import io.nplus.snmp.session.Credentials;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Issue 4: nplus run's HTTP side, in process, against the lab agent serving real walks. */
class NplusServerTest {
    static final List<String> WALKS = List.of("cirpack", "bison", "junos_mx5t-isis");
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static LabAgent lab;
    static NplusServer server;
    static String base;
    static Path dataDir;

    static RunConfig config(List<String> walks, Duration interval) {
        List<RunConfig.Target> targets = new ArrayList<>();
        for (String w : walks) {
            targets.add(new RunConfig.Target(w, new HostPort("127.0.0.1", lab.port()), "lab",
                Credentials.community(Credentials.Version.V2C, Secret.of(w)), interval, Duration.ofSeconds(1), 0, 25,
                interval.multipliedBy(9).dividedBy(10), Map.of("site", "test"), ConfigLoader.defaultRoles()));
        }
        return new RunConfig("test", new HostPort("127.0.0.1", 0), dataDir, false,
            new RunConfig.Polling(16, 0.0, Duration.ofMinutes(1)), targets, List.of());
    }

    @BeforeAll
    static void start() throws Exception {
        dataDir = java.nio.file.Files.createTempDirectory("nplus-server-test");
        Map<String, LabDevice> devices = new LinkedHashMap<>();
        for (String w : TestData.walkNames()) {
            devices.put(w, new LabDevice(w, TestData.read(w)));
        }
        lab = LabAgent.start(LabAgent.Options.loopback(0), devices);
        server = NplusServer.start(config(WALKS, Duration.ofSeconds(2)), Clock.systemUTC());
        base = "http://127.0.0.1:" + server.httpAddress().getPort();
        awaitAllPolled();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        lab.close();
    }

    static HttpResponse<String> get(String path, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        if (accept != null) {
            b.header("Accept", accept);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Nested
    class Metrics {
        @Test
        void prometheusTextFormatWithDeviceAndCollectorFamilies() throws Exception {
            HttpResponse<String> r = get("/metrics", null);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
            String body = r.body();
            assertThat(body).contains("nplus_target_up{site=\"test\",target=\"cirpack\"} 1");
            assertThat(body).contains("# TYPE nplus_component_health gauge");
            // A state set: one series per state, 1 for the current one (client_java names the label after the family).
            assertThat(body).contains("nplus_component_health{component=\"dsk.3\",kind=\"storage\","
                + "name=\"/home/omni/tickets\",site=\"test\",target=\"cirpack\",nplus_component_health=\"warning\"} 1");
            assertThat(body).contains("nplus_component_health{component=\"dsk.3\",kind=\"storage\","
                + "name=\"/home/omni/tickets\",site=\"test\",target=\"cirpack\",nplus_component_health=\"ok\"} 0");
            assertThat(body).contains("nplus_component_severity{component=\"dsk.3\",kind=\"storage\",name=\"/home/omni/tickets\","
                + "site=\"test\",target=\"cirpack\"} 2.0");
            assertThat(body).contains("nplus_storage_used_ratio{component=\"dsk.3\",name=\"/home/omni/tickets\",site=\"test\","
                + "target=\"cirpack\"} 0.37");
            // bits/s in JSON, bytes/s in Prometheus (its base unit): eth0 is 1 Gbit/s.
            assertThat(body).contains("nplus_interface_speed_bytes_per_second{component=\"2\",name=\"eth0\",site=\"test\","
                + "target=\"cirpack\"} 1.25E8");
            assertThat(body).containsPattern("nplus_interface_in_octets_total\\{component=\"2\",name=\"eth0\",site=\"test\","
                + "target=\"cirpack\"} [0-9.E]+");
            assertThat(body).contains("nplus_poll_lateness_seconds_bucket", "nplus_polls_total{target=\"bison\"}",
                "nplus_poll_varbinds_total{target=\"cirpack\"}");
        }

        @Test
        void openMetricsWhenTheScraperAsksForIt() throws Exception {
            HttpResponse<String> r = get("/metrics", "application/openmetrics-text; version=1.0.0; charset=utf-8");
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/openmetrics-text; version=1.0.0; charset=utf-8");
            assertThat(r.body()).endsWith("# EOF\n").contains("# TYPE nplus_component_health stateset");
        }
    }

    /** Issue 5: what was polled is in history, and reads back through /api/v1/query_range. */
    @Nested
    class History {
        @Test
        void polledValuesReadBackAsAPrometheusMatrix() throws Exception {
            awaitWritten();
            String sel = java.net.URLEncoder.encode("nplus_storage_used_ratio{target=\"cirpack\",name=\"/home/omni/tickets\"}",
                java.nio.charset.StandardCharsets.UTF_8);
            HttpResponse<String> r = get("/api/v1/query_range?series=" + sel + "&start=now-5m&step=1s", null);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.at("/status").asText()).isEqualTo("success");
            assertThat(body.at("/data/resultType").asText()).isEqualTo("matrix");
            JsonNode series = body.at("/data/result/0");
            assertThat(series.at("/metric/__name__").asText()).isEqualTo("nplus_storage_used_ratio");
            assertThat(series.at("/metric/component").asText()).isEqualTo("dsk.3");
            assertThat(series.at("/metric/target").asText()).isEqualTo("cirpack");
            assertThat(series.at("/values").size()).isGreaterThan(0);
            assertThat(series.at("/values/0/1").asText()).isEqualTo("0.37");
            // Counters are kept as read, unsigned and unwrapped.
            String counters = java.net.URLEncoder.encode("nplus_interface_in_octets_total{target=\"cirpack\"}",
                java.nio.charset.StandardCharsets.UTF_8);
            JsonNode c = JSON.readTree(get("/api/v1/query_range?series=" + counters + "&start=now-5m&step=1s", null).body());
            assertThat(c.at("/data/result").size()).isGreaterThan(1);
        }

        @Test
        void aBadQueryIsRefusedWithWhatIsWrong() throws Exception {
            HttpResponse<String> r = get("/api/v1/query_range?series=" + java.net.URLEncoder.encode("nplus_x{target=cirpack}",
                java.nio.charset.StandardCharsets.UTF_8), null);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).at("/error").asText()).contains("expected a double-quoted value");
            r = get("/api/v1/query_range", null);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).at("/error").asText()).contains("missing 'series'");
            r = get("/api/v1/query_range?series=up&start=yesterday", null);
            assertThat(JSON.readTree(r.body()).at("/error").asText()).contains("bad start 'yesterday'");
        }

        @Test
        void theStoreReportsItselfInMetrics() throws Exception {
            awaitWritten();
            String body = get("/metrics", null).body();
            assertThat(body).contains("nplus_store_up 1.0");
            assertThat(body).containsPattern("nplus_store_samples_written_total [1-9]");
            assertThat(body).doesNotContain("nplus_store_errors_total{"); // none yet: the family has no series
        }

        void awaitWritten() throws Exception {
            long until = System.nanoTime() + 10_000_000_000L;
            while (server.history().status().samplesWritten() == 0 && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            assertThat(server.history().status().samplesWritten()).isPositive();
        }
    }

    /** Issue 6: the built-in rules run on every poll; alerts, silences and heartbeats over HTTP and the CLI. */
    @Nested
    class Alerts {
        @Test
        void badStatesOfThePolledWalksAreAlertsWithTheirRules() throws Exception {
            HttpResponse<String> r = get("/api/v1/alerts", null);
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode alerts = JSON.readTree(r.body());
            JsonNode chassis = find(alerts, "PowerOrCoolingFault", "junos_mx5t-isis");
            assertThat(chassis.get("state").asText()).isEqualTo("firing"); // no 'for': a red alarm pages at once
            assertThat(chassis.get("severity").asText()).isEqualTo("page");
            assertThat(chassis.get("summary").asText()).contains("junos_mx5t-isis", "Chassis alarms", "degraded",
                "chassis red (major) alarm on");
            assertThat(chassis.at("/labels/site").asText()).isEqualTo("test");
            assertThat(chassis.get("key").asText()).isEqualTo("nplus:PowerOrCoolingFault:junos_mx5t-isis:chassis/chassis_alarms");
            // cirpack's disk check is a warning: a ticket once it has lasted 10 minutes, pending until then.
            JsonNode disk = find(alerts, "FilesystemWarning", "cirpack");
            assertThat(disk.get("state").asText()).isEqualTo("pending");
            assertThat(get("/metrics", null).body()).contains(
                "nplus_alerts{alertname=\"PowerOrCoolingFault\",severity=\"page\",state=\"firing\"} 1");
        }

        @Test
        void aSilenceCoversItsAlertsUntilItIsExpired() throws Exception {
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();
            int rc = io.nplus.server.cli.Main.run(new java.io.PrintWriter(out), new java.io.PrintWriter(err), "silence", "add",
                "--url", base, "--target", "junos_*", "--alertname", "PowerOrCoolingFault", "--duration", "2h", "--comment",
                "chassis swap, ticket 4711", "--by", "test");
            assertThat(rc).as(err.toString()).isZero();
            String id = out.toString().split(" ")[1];
            JsonNode chassis = find(JSON.readTree(get("/api/v1/alerts", null).body()), "PowerOrCoolingFault", "junos_mx5t-isis");
            assertThat(chassis.get("silenced_by").asText()).isEqualTo(id);
            out.getBuffer().setLength(0);
            assertThat(io.nplus.server.cli.Main.run(new java.io.PrintWriter(out), new java.io.PrintWriter(err), "silence",
                "list", "--url", base)).isZero();
            assertThat(out.toString()).contains(id, "active", "alertname=PowerOrCoolingFault", "chassis swap, ticket 4711");
            assertThat(io.nplus.server.cli.Main.run(new java.io.PrintWriter(out), new java.io.PrintWriter(err), "silence",
                "expire", "--url", base, id)).isZero();
            chassis = find(JSON.readTree(get("/api/v1/alerts", null).body()), "PowerOrCoolingFault", "junos_mx5t-isis");
            assertThat(chassis.get("silenced_by").asText()).isEmpty();
            // A silence without a selector, or ending in the past, is refused with the reason.
            java.io.StringWriter refused = new java.io.StringWriter();
            assertThat(io.nplus.server.cli.Main.run(new java.io.PrintWriter(out), new java.io.PrintWriter(refused),
                "silence", "add", "--url", base, "--duration", "1h", "--comment", "x")).isEqualTo(3);
            assertThat(refused.toString()).contains("say what to silence");
        }

        @Test
        void aHeartbeatIsRecordedWithItsMaxAge() throws Exception {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/heartbeat/nightly-backup?max_age=26h"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(r.body()).get("max_age").asText()).isEqualTo("1d2h");
            assertThat(server.alerts().heartbeats()).containsKey("nightly-backup");
            HttpResponse<String> bad = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/heartbeat/a%20b"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(get("/api/v1/heartbeat/nightly-backup", null).statusCode()).isEqualTo(405);
        }

        JsonNode find(JsonNode alerts, String alertname, String target) {
            for (JsonNode a : alerts) {
                if (a.get("alertname").asText().equals(alertname) && a.at("/labels/target").asText().equals(target)) {
                    return a;
                }
            }
            throw new AssertionError("no " + alertname + " alert for " + target + " in " + alerts);
        }
    }

    @Nested
    class Api {
        @Test
        void deviceIsTheJsonOfNplusPoll() throws Exception {
            for (String walk : WALKS) {
                HttpResponse<String> r = get("/api/v1/devices/" + walk, null);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
                JsonNode d = JSON.readTree(r.body());
                assertThat(d.get("name").asText()).isEqualTo(walk);
                assertThat(d.get("labels").get("site").asText()).isEqualTo("test");
                // The same components as nplus poll --json prints (the reviewed expected file), plus what the
                // config adds: the interfaces' roles.
                for (JsonNode c : d.get("components")) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) c.get("labels")).remove("interface_role");
                }
                assertThat(Expected.canonical(walk, d)).isEqualTo(Expected.read(walk));
            }
        }

        @Test
        void interfacesCarryTheirRoleAndCountersTheirRates() throws Exception {
            JsonNode d = JSON.readTree(get("/api/v1/devices/bison", null).body());
            JsonNode eno1 = null;
            for (JsonNode c : d.get("components")) {
                if (c.get("name").asText().equals("eno1")) {
                    eno1 = c;
                }
            }
            assertThat(eno1).isNotNull();
            assertThat(eno1.get("labels").get("interface_role").asText()).isEqualTo("onboard");
        }

        @Test
        void devicesListsEveryDeviceInConfigOrder() throws Exception {
            JsonNode list = JSON.readTree(get("/api/v1/devices", null).body());
            List<String> names = new ArrayList<>();
            list.forEach(n -> names.add(n.get("name").asText()));
            assertThat(names).containsExactlyElementsOf(WALKS);
        }

        @Test
        void unknownDeviceIs404WithASentence() throws Exception {
            HttpResponse<String> r = get("/api/v1/devices/nope", null);
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).contains("no configured device by that name");
        }
    }

    @Nested
    class Http {
        @Test
        void unknownPathAndWrongMethod() throws Exception {
            assertThat(get("/nope", null).statusCode()).isEqualTo(404);
            HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(get("/-/healthy", null).body()).isEqualTo("nplus is healthy\n");
        }

        @Test
        void bodyFramedTwoWaysIsRefused() throws Exception {
            String reply = raw("POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
            assertThat(reply).startsWith("HTTP/1.1 400");
            String te = raw("GET /metrics HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, xchunked\r\n\r\n0\r\n\r\n");
            assertThat(te).startsWith("HTTP/1.1 400");
        }

        @Test
        void oversizedBodyIsRefused() throws Exception {
            String reply = raw("POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 200000\r\n\r\n" + "a".repeat(200_000));
            assertThat(reply).startsWith("HTTP/1.1 413");
        }

        private String raw(String request) throws Exception {
            try (Socket s = new Socket("127.0.0.1", server.httpAddress().getPort())) {
                s.setSoTimeout(5000);
                OutputStream out = s.getOutputStream();
                out.write(request.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = s.getInputStream();
                byte[] buf = new byte[200];
                int n = in.read(buf);
                return n <= 0 ? "" : new String(buf, 0, n, StandardCharsets.US_ASCII);
            }
        }
    }

    @Test
    void reloadKeepsDevicesThatStayAndDropsTheOthers() throws Exception {
        server.reload(config(List.of("cirpack", "linux"), Duration.ofSeconds(2)));
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (server.fleet().get("linux") == null) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(100);
            }
            JsonNode list = JSON.readTree(get("/api/v1/devices", null).body());
            List<String> names = new ArrayList<>();
            list.forEach(n -> names.add(n.get("name").asText()));
            assertThat(names).containsExactly("cirpack", "linux");
            assertThat(get("/metrics", null).body()).doesNotContain("target=\"bison\"");
        } finally {
            server.reload(config(WALKS, Duration.ofSeconds(2)));
            awaitAllPolled();
        }
    }

    static void awaitAllPolled() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (get("/-/ready", null).statusCode() != 200 || server.fleet().states().size() < WALKS.size()) {
            assertThat(System.nanoTime()).as("all devices polled within 20 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
