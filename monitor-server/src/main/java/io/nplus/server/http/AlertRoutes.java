package io.nplus.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpMethod;
import io.nplus.alerting.engine.AlertEngine;
import io.nplus.alerting.engine.Silences;
import io.nplus.alerting.model.Alert;
import io.nplus.alerting.model.Silence;
import io.nplus.alerting.rules.EvalContext;
import io.nplus.core.time.Durations;
import io.nplus.server.render.SnapshotJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Alerts, silences and heartbeats over HTTP:
 * <ul>
 *   <li>{@code GET /api/v1/alerts}: pending, firing and recently resolved alerts, with whether each is silenced
 *       or inhibited;</li>
 *   <li>{@code POST /api/v1/heartbeat/{name}[?max_age=26h]}: a job reports that it ran;</li>
 *   <li>{@code GET /api/v1/silences}, {@code POST /api/v1/silences} with
 *       {@code {"matchers": {"target": "db1"}, "duration": "2h", "comment": "...", "created_by": "..."}} (or
 *       {@code starts_at}/{@code ends_at} for a maintenance window), and
 *       {@code POST /api/v1/silences/{id}/expire}.</li>
 * </ul>
 */
public final class AlertRoutes {
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}");

    private AlertRoutes() {
    }

    public static Route alerts(AlertEngine engine, Silences silences) {
        return (req, path, query) -> json(200, g -> {
            g.writeStartArray();
            for (AlertEngine.View v : engine.alerts()) {
                Alert a = v.alert();
                g.writeStartObject();
                g.writeStringField("key", a.key());
                g.writeStringField("alertname", a.rule());
                g.writeStringField("state", a.state().word());
                g.writeStringField("severity", a.severity().word());
                g.writeStringField("summary", a.summary());
                g.writeObjectFieldStart("labels");
                for (Map.Entry<String, String> e : a.labels().entrySet()) {
                    g.writeStringField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
                g.writeObjectFieldStart("annotations");
                for (Map.Entry<String, String> e : a.annotations().entrySet()) {
                    g.writeStringField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
                g.writeStringField("active_at", a.activeAt().toString());
                writeTime(g, "fired_at", a.firedAt());
                writeTime(g, "resolved_at", a.resolvedAt());
                if (!Double.isNaN(a.value())) {
                    g.writeNumberField("value", a.value());
                }
                g.writeStringField("silenced_by", silences.silencedBy(a));
                g.writeStringField("inhibited_by", v.inhibitedBy());
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    private static void writeTime(JsonGenerator g, String field, Instant t) throws IOException {
        if (t == null) {
            g.writeNullField(field);
        } else {
            g.writeStringField(field, t.toString());
        }
    }

    /** {@code POST /api/v1/heartbeat/{name}}. */
    public static Route heartbeat(AlertEngine engine, Consumer<EvalContext.Heartbeat> save) {
        return (req, path, query) -> {
            if (!req.method().equals(HttpMethod.POST)) {
                return Route.Response.text(405, "POST to report a heartbeat: curl -X POST .../api/v1/heartbeat/NAME");
            }
            String name = path.substring("/api/v1/heartbeat/".length());
            if (!NAME.matcher(name).matches()) {
                return Route.Response.text(400, "a heartbeat name is 1-100 letters, digits and _ . : -");
            }
            Duration maxAge = null;
            List<String> m = query.get("max_age");
            if (m != null && !m.isEmpty()) {
                maxAge = Durations.parse(m.get(0));
                if (maxAge.compareTo(Duration.ofMinutes(1)) < 0) {
                    return Route.Response.text(400, "max_age must be at least 1m");
                }
            }
            engine.heartbeat(name, maxAge);
            EvalContext.Heartbeat h = engine.heartbeats().get(name);
            save.accept(h);
            return json(200, g -> {
                g.writeStartObject();
                g.writeStringField("name", h.name());
                g.writeStringField("received_at", h.lastSeen().toString());
                g.writeStringField("max_age", Durations.format(h.maxAge()));
                g.writeEndObject();
            });
        };
    }

    /** {@code GET} lists, {@code POST} adds. */
    public static Route silences(Silences silences, Clock clock) {
        return (req, path, query) -> {
            if (req.method().equals(HttpMethod.POST)) {
                return add(silences, clock, req.content().toString(StandardCharsets.UTF_8));
            }
            Instant now = clock.instant();
            return json(200, g -> {
                g.writeStartArray();
                for (Silence s : silences.list()) {
                    writeSilence(g, s, now);
                }
                g.writeEndArray();
            });
        };
    }

    /** {@code POST /api/v1/silences/{id}/expire}. */
    public static Route expire(Silences silences) {
        return (req, path, query) -> {
            String rest = path.substring("/api/v1/silences/".length());
            if (!req.method().equals(HttpMethod.POST) || !rest.endsWith("/expire")) {
                return Route.Response.text(404, "POST /api/v1/silences/{id}/expire ends a silence");
            }
            String id = rest.substring(0, rest.length() - "/expire".length());
            return silences.expire(id) ? Route.Response.text(200, "silence " + id + " expired")
                : Route.Response.text(404, "no active or pending silence " + id + "; GET /api/v1/silences lists them");
        };
    }

    private static Route.Response add(Silences silences, Clock clock, String body) {
        JsonNode n;
        try {
            n = SnapshotJson.mapper().readTree(body);
        } catch (IOException e) {
            return Route.Response.text(400, "the body must be JSON: {\"matchers\": {\"target\": \"db1\"}, \"duration\":"
                + " \"2h\", \"comment\": \"disk swap\"}");
        }
        if (n == null || !n.path("matchers").isObject() || n.path("matchers").isEmpty()) {
            return Route.Response.text(400, "'matchers' is required: label to glob, e.g. {\"target\": \"db1\", \"alertname\":"
                + " \"StorageAtRisk\"}");
        }
        Map<String, String> matchers = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : n.path("matchers").properties()) {
            if (!e.getValue().isTextual()) {
                return Route.Response.text(400, "matcher " + e.getKey() + " must be a string (a glob)");
            }
            matchers.put(e.getKey(), e.getValue().asText());
        }
        Instant now = clock.instant();
        Instant start;
        Instant end;
        try {
            start = n.hasNonNull("starts_at") ? Instant.parse(n.get("starts_at").asText()) : now;
            if (n.hasNonNull("ends_at")) {
                end = Instant.parse(n.get("ends_at").asText());
            } else if (n.hasNonNull("duration")) {
                end = start.plus(Durations.parse(n.get("duration").asText()));
            } else {
                return Route.Response.text(400, "give 'duration' (2h) or 'ends_at' (RFC 3339)");
            }
        } catch (java.time.format.DateTimeParseException e) {
            return Route.Response.text(400, "bad time: " + e.getParsedString() + "; use RFC 3339 (2026-11-21T22:00:00Z)");
        }
        if (!end.isAfter(now)) {
            return Route.Response.text(400, "the silence would end in the past (" + end + ")");
        }
        Silence s = silences.add(matchers, start, end, n.path("comment").asText(""), n.path("created_by").asText(""));
        return json(200, g -> writeSilence(g, s, now));
    }

    private static void writeSilence(JsonGenerator g, Silence s, Instant now) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", s.id());
        g.writeStringField("state", s.state(now));
        g.writeObjectFieldStart("matchers");
        for (Map.Entry<String, String> e : s.matchers().entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeStringField("starts_at", s.startsAt().toString());
        g.writeStringField("ends_at", s.endsAt().toString());
        g.writeStringField("comment", s.comment());
        g.writeStringField("created_by", s.createdBy());
        g.writeEndObject();
    }

    private static Route.Response json(int status, Routes.JsonBody body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8 * 1024);
        try (JsonGenerator g = SnapshotJson.mapper().createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Route.Response.json(status, out.toByteArray());
    }
}
