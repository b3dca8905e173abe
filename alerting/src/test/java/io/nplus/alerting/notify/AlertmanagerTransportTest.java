package io.nplus.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Alertmanager API v2 transport against a local HTTP server: the exact JSON, and how answers map to results. */
class AlertmanagerTransportTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    static final Instant NOW = T0.plusSeconds(600);
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    record Request(String method, String path, String contentType, String body) {
    }

    HttpServer server;
    final List<Request> requests = new CopyOnWriteArrayList<>();
    volatile int status = 200;
    volatile String answer = "";
    volatile String retryAfter;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            byte[] in = ex.getRequestBody().readAllBytes();
            requests.add(new Request(ex.getRequestMethod(), ex.getRequestURI().getRawPath(),
                ex.getRequestHeaders().getFirst("Content-Type"), new String(in, StandardCharsets.UTF_8)));
            if (retryAfter != null) {
                ex.getResponseHeaders().add("Retry-After", retryAfter);
            }
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    AlertmanagerTransport transport() {
        return new AlertmanagerTransport(base(), Duration.ofSeconds(5), CLOCK);
    }

    static Notification.Member member(String key, String state, String component, Instant endsAt) {
        return new Notification.Member(key, state, "db1: fan " + component + " failed",
            Map.of("alertname", "ComponentFailed", "severity", "page", "target", "db1", "component", component,
                "site", "par1"),
            Map.of("summary", "db1: fan " + component + " failed", "runbook", "https://wiki.example/fans"),
            T0, endsAt, 2.0);
    }

    static Notification notification(boolean resolved, Instant endsAt, Notification.Member... members) {
        return new Notification("nplus:ComponentFailed:db1", resolved, "page", "db1: fan failed", "db1",
            Map.of("alertname", "ComponentFailed", "target", "db1"), Map.of(), T0, endsAt, List.of(members), false);
    }

    JsonNode sent() throws IOException {
        assertThat(requests).hasSize(1);
        Request r = requests.get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/api/v2/alerts");
        assertThat(r.contentType()).isEqualTo("application/json");
        return JSON.readTree(r.body());
    }

    static JsonNode json(String s) throws IOException {
        return JSON.readTree(s.replace('\'', '"'));
    }

    @Test
    void aFiringAlertEndsAtTheNotificationsEndsAt() throws Exception {
        Instant until = NOW.plusSeconds(300);
        Transport.Result r = transport().send(notification(false, until, member("k1", "firing", "fan.1", null)));
        assertThat(r.outcome()).isEqualTo(Transport.Outcome.DELIVERED);
        assertThat(r.status()).isEqualTo(200);
        assertThat(sent()).isEqualTo(json("[{"
            + "'labels':{'alertname':'ComponentFailed','component':'fan.1','severity':'page','site':'par1','target':'db1'},"
            + "'annotations':{'runbook':'https://wiki.example/fans','summary':'db1: fan fan.1 failed','value':'2'},"
            + "'startsAt':'2026-11-21T10:00:00Z','endsAt':'2026-11-21T10:15:00Z'}]"));
    }

    @Test
    void aResolvedAlertEndsWhenItResolved() throws Exception {
        Instant resolvedAt = T0.plusSeconds(420);
        transport().send(notification(true, NOW.plusSeconds(300), member("k1", "resolved", "fan.1", resolvedAt)));
        JsonNode a = sent().get(0);
        assertThat(a.get("startsAt").asText()).isEqualTo("2026-11-21T10:00:00Z");
        assertThat(a.get("endsAt").asText()).isEqualTo("2026-11-21T10:07:00Z");
        assertThat(a.get("labels").get("alertname").asText()).isEqualTo("ComponentFailed");
    }

    @Test
    void aGroupSendsOneAlertPerMemberInOnePost() throws Exception {
        Instant until = NOW.plusSeconds(300);
        Instant resolvedAt = T0.plusSeconds(60);
        transport().send(notification(false, until, member("k1", "firing", "fan.1", null),
            member("k2", "resolved", "fan.2", resolvedAt)));
        JsonNode arr = sent();
        assertThat(arr).hasSize(2);
        assertThat(arr.get(0).at("/labels/component").asText()).isEqualTo("fan.1");
        assertThat(arr.get(0).get("endsAt").asText()).isEqualTo(until.toString());
        // One member already over in a firing group: it goes as resolved, at its own time.
        assertThat(arr.get(1).at("/labels/component").asText()).isEqualTo("fan.2");
        assertThat(arr.get(1).get("endsAt").asText()).isEqualTo(resolvedAt.toString());
        assertThat(arr.get(1).at("/annotations/summary").asText()).isEqualTo("db1: fan fan.2 failed");
    }

    @Test
    void aResolvedGroupResolvesEveryMember() throws Exception {
        Instant resolvedAt = T0.plusSeconds(90);
        transport().send(notification(true, NOW.plusSeconds(300), member("k1", "resolved", "fan.1", resolvedAt),
            member("k2", "resolved", "fan.2", resolvedAt)));
        JsonNode arr = sent();
        assertThat(arr).hasSize(2);
        for (JsonNode a : arr) {
            assertThat(a.get("endsAt").asText()).isEqualTo("2026-11-21T10:01:30Z");
        }
    }

    @Test
    void labelAndAnnotationNamesAreSanitizedAndEmptyValuesDropped() throws Exception {
        Map<String, String> labels = new java.util.HashMap<>();
        labels.put("target", "db1");
        labels.put("hw.slot", "3");
        labels.put("1st-rack", "r1");
        labels.put("rack_id", "kept");
        labels.put("rack-id", "dropped: rack_id is taken by a valid name");
        labels.put("empty", "");
        labels.put("日本", "dropped: nothing left of the name");
        labels.put("__meta", "ok");
        Map<String, String> annotations = Map.of("summary", "s", "runbook-url", "https://wiki.example/r",
            "generator_url", "http://nplus.example:9116/api/v1/alerts?key=k1", "note", "");
        Notification.Member m = new Notification.Member("k1", "firing", "s", labels, annotations, T0, null, null);
        transport().send(notification(false, NOW.plusSeconds(300), m));
        assertThat(sent()).isEqualTo(json("[{"
            + "'labels':{'_1st_rack':'r1','__meta':'ok','alertname':'ComponentFailed','hw_slot':'3','rack_id':'kept','target':'db1'},"
            + "'annotations':{'runbook_url':'https://wiki.example/r','summary':'s'},"
            + "'startsAt':'2026-11-21T10:00:00Z','endsAt':'2026-11-21T10:15:00Z',"
            + "'generatorURL':'http://nplus.example:9116/api/v1/alerts?key=k1'}]"));
        // alertname came from the notification's labels: the member had none.
    }

    @Test
    void aGeneratorUrlThatIsNoUrlStaysAnAnnotation() throws Exception {
        Notification.Member m = new Notification.Member("k1", "firing", "s", Map.of("alertname", "X"),
            Map.of("generatorURL", "not a url"), T0, null, null);
        transport().send(notification(false, NOW.plusSeconds(300), m));
        JsonNode a = sent().get(0);
        assertThat(a.has("generatorURL")).isFalse();
        assertThat(a.at("/annotations/generator_url").asText()).isEqualTo("not a url");
    }

    @Test
    void aTestNotificationSendsOneAlertBuiltFromItself() throws Exception {
        Notification n = new Notification("nplus:test", false, "info", "nplus notification test", "nplus",
            Map.of(), Map.of(), T0, NOW.plusSeconds(300), List.of(), true);
        transport().send(n);
        assertThat(sent()).isEqualTo(json("[{"
            + "'labels':{'alertname':'NplusTest','severity':'info'},"
            + "'annotations':{'summary':'nplus notification test'},"
            + "'startsAt':'2026-11-21T10:00:00Z','endsAt':'2026-11-21T10:15:00Z'}]"));
    }

    @Test
    void anEndBeforeTheStartIsNeverSent() throws Exception {
        // Firing, but the Notifier's endsAt is not after the start: leave the end to Alertmanager's resolve_timeout.
        Notification.Member late = new Notification.Member("k1", "firing", "s", Map.of("alertname", "X"), Map.of(),
            NOW.plusSeconds(900), null, null);
        transport().send(notification(false, NOW.plusSeconds(300), late));
        assertThat(sent().get(0).has("endsAt")).isFalse();
        requests.clear();
        // Resolved before it started (clocks): it ends at its start, still resolved.
        Notification.Member odd = new Notification.Member("k1", "resolved", "s", Map.of("alertname", "X"), Map.of(),
            T0, T0.minusSeconds(5), null);
        transport().send(notification(true, null, odd));
        assertThat(sent().get(0).get("endsAt").asText()).isEqualTo(T0.toString());
        requests.clear();
        // Resolved without a time of its own: now.
        Notification.Member noEnd = new Notification.Member("k1", "resolved", "s", Map.of("alertname", "X"), Map.of(),
            T0, null, null);
        transport().send(notification(true, null, noEnd));
        assertThat(sent().get(0).get("endsAt").asText()).isEqualTo(NOW.toString());
    }

    @Test
    void aBasePathIsKeptAndCredentialsAreRefused() throws Exception {
        AlertmanagerTransport t = new AlertmanagerTransport(URI.create(base() + "/am/"), Duration.ofSeconds(5));
        t.send(notification(false, NOW.plusSeconds(300), member("k1", "firing", "fan.1", null)));
        assertThat(requests.get(0).path()).isEqualTo("/am/api/v2/alerts");
        assertThat(t.kind()).isEqualTo("alertmanager");
        assertThat(t.toString()).isEqualTo("alertmanager " + base() + "/am/api/v2/alerts");
        assertThat(AlertmanagerTransport.alertsUrl(URI.create("http://am:9093/api/v2/alerts")))
            .isEqualTo(URI.create("http://am:9093/api/v2/alerts"));
        assertThatThrownBy(() -> new AlertmanagerTransport(URI.create("http://u:hunter2@am:9093"), Duration.ofSeconds(5)))
            .isInstanceOf(IllegalArgumentException.class).message().doesNotContain("hunter2");
        assertThatThrownBy(() -> new AlertmanagerTransport(URI.create("ftp://am"), Duration.ofSeconds(5)))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void okIsDelivered() {
        status = 200;
        Transport.Result r = transport().send(notification(false, NOW.plusSeconds(300), member("k1", "firing", "f", null)));
        assertThat(r).isEqualTo(Transport.Result.delivered(200, ""));
    }

    @Test
    void badRequestIsRejectedWithAlertmanagersWords() {
        status = 400;
        answer = "\"start time must be before end time\"";
        Transport.Result r = transport().send(notification(false, NOW.plusSeconds(300), member("k1", "firing", "f", null)));
        assertThat(r.outcome()).isEqualTo(Transport.Outcome.REJECTED);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.answer()).isEqualTo("\"start time must be before end time\"");
    }

    @Test
    void unavailableIsRetried() {
        status = 503;
        answer = "overloaded";
        retryAfter = "7";
        Transport.Result r = transport().send(notification(false, NOW.plusSeconds(300), member("k1", "firing", "f", null)));
        assertThat(r.outcome()).isEqualTo(Transport.Outcome.RETRY);
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void noListenerIsRetried() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        AlertmanagerTransport t = new AlertmanagerTransport(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(2));
        Transport.Result r = t.send(notification(false, NOW.plusSeconds(300), member("k1", "firing", "f", null)));
        assertThat(r.outcome()).isEqualTo(Transport.Outcome.RETRY);
        assertThat(r.status()).isZero();
        assertThat(r.answer()).startsWith("cannot reach 127.0.0.1:" + port);
    }
}
