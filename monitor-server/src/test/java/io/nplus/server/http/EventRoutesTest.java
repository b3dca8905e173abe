package io.nplus.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nplus.server.events.EventLog;
import io.nplus.server.events.TrapEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 9: /api/v1/events answers JSON newest first, with limit and device, and 400 for bad parameters. */
class EventRoutesTest {
    final EventLog log = new EventLog(50);

    EventRoutesTest() {
        log.add(new TrapEvent(Instant.parse("2026-11-21T12:00:00Z"), "sw1", "10.0.0.1", "linkDown", "1.3.6.1.6.3.1.1.5.3",
            "warning", new TrapEvent.ComponentInfo("interface", "3", "xe-0/0/1"), "down", "link down on xe-0/0/1"));
        log.add(new TrapEvent(Instant.parse("2026-11-21T12:00:05Z"), "db1", "10.0.0.2", "coldStart", "1.3.6.1.6.3.1.1.5.1",
            "info", null, null, "the agent restarted"));
    }

    Route.Response get(Map<String, List<String>> query) {
        return EventRoutes.events(log).handle(null, "/api/v1/events", query);
    }

    @Test
    void everyFieldNewestFirst() throws Exception {
        Route.Response r = get(Map.of());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("application/json");
        JsonNode a = new ObjectMapper().readTree(r.body());
        assertThat(a).hasSize(2);
        assertThat(a.get(0).get("device").asText()).isEqualTo("db1");
        assertThat(a.get(0).get("component").isNull()).isTrue();
        assertThat(a.get(0).get("state").isNull()).isTrue();
        JsonNode e = a.get(1);
        assertThat(e.get("time").asText()).isEqualTo("2026-11-21T12:00:00Z");
        assertThat(e.get("source").asText()).isEqualTo("10.0.0.1");
        assertThat(e.get("trap").asText()).isEqualTo("linkDown");
        assertThat(e.get("oid").asText()).isEqualTo("1.3.6.1.6.3.1.1.5.3");
        assertThat(e.get("severity").asText()).isEqualTo("warning");
        assertThat(e.get("component").toString()).isEqualTo("{\"kind\":\"interface\",\"id\":\"3\",\"name\":\"xe-0/0/1\"}");
        assertThat(e.get("state").asText()).isEqualTo("down");
        assertThat(e.get("text").asText()).isEqualTo("link down on xe-0/0/1");
        assertThat(e.size()).isEqualTo(9);
    }

    @Test
    void limitAndDevice() throws Exception {
        JsonNode a = new ObjectMapper().readTree(get(Map.of("limit", List.of("1"))).body());
        assertThat(a).hasSize(1);
        assertThat(a.get(0).get("device").asText()).isEqualTo("db1");
        JsonNode b = new ObjectMapper().readTree(get(Map.of("device", List.of("sw1"))).body());
        assertThat(b).hasSize(1);
        assertThat(b.get(0).get("trap").asText()).isEqualTo("linkDown");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        limit  | 0     | limit: '0' is not a number of events between 1 and 50 (traps.keep_events)
        limit  | 51    | limit: '51' is not a number of events between 1 and 50
        limit  | ten   | limit: 'ten' is not a number of events
        device | ''    | device: give a device name, or leave the parameter out for all
        """)
    void badParametersAre400WithASentence(String name, String value, String message) {
        Route.Response r = get(Map.of(name, List.of(value == null ? "" : value)));
        assertThat(r.status()).isEqualTo(400);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).startsWith(message);
    }
}
