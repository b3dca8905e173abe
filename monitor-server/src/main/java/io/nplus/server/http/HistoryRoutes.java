package io.nplus.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.nplus.core.store.Query;
import io.nplus.core.store.Selector;
import io.nplus.core.store.StoreService;
import io.nplus.core.store.TimeSeriesStore;
import io.nplus.core.time.Durations;
import io.nplus.server.render.SnapshotJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/query_range?series=SELECTOR&start=T&end=T&step=D}: history on a step grid, in the JSON shape of
 * Prometheus' range queries ({@code {"status":"success","data":{"resultType":"matrix","result":[...]}}}), so
 * tools that read one read the other. Times are RFC 3339, Unix seconds, {@code now} or {@code now-24h}; the
 * step is a duration ({@code 60s}) or seconds. Defaults: the last hour, about 250 points.
 */
public final class HistoryRoutes {
    static final int MAX_SERIES = 10_000;

    private HistoryRoutes() {
    }

    public static Route queryRange(StoreService history, Clock clock) {
        return (req, path, query) -> {
            long now = clock.millis();
            String selectorText = one(query, "series");
            if (selectorText == null) {
                selectorText = one(query, "query");
            }
            Selector selector;
            long start;
            long end;
            long step;
            try {
                if (selectorText == null || selectorText.isBlank()) {
                    throw new IllegalArgumentException("missing 'series': a selector such as"
                        + " nplus_transceiver_rx_power_dbm{target=\"core-sw-1\"}");
                }
                selector = Selector.parse(selectorText);
                end = time(one(query, "end"), now, now, "end");
                start = time(one(query, "start"), end - 3_600_000L, now, "start");
                String stepText = one(query, "step");
                step = stepText == null ? Math.max(1000, (end - start) / 250 / 1000 * 1000) : step(stepText);
                if (end < start) {
                    throw new IllegalArgumentException("end is before start");
                }
            } catch (IllegalArgumentException e) {
                return error(400, "bad_data", e.getMessage());
            }
            TimeSeriesStore store = history.store();
            if (store == null) {
                StoreService.Status st = history.status();
                return error(503, "unavailable", "the history store is down (" + st.reason() + "): " + st.error()
                    + "; it is being reopened");
            }
            List<Query.Range> ranges;
            try {
                ranges = Query.range(store, selector, start, end, step, MAX_SERIES);
            } catch (IllegalArgumentException e) {
                return error(400, "bad_data", e.getMessage());
            } catch (SQLException e) {
                return error(503, "unavailable", "reading history failed: " + e.getMessage());
            }
            return json(g -> {
                g.writeStartObject();
                g.writeStringField("status", "success");
                g.writeObjectFieldStart("data");
                g.writeStringField("resultType", "matrix");
                g.writeArrayFieldStart("result");
                for (Query.Range r : ranges) {
                    g.writeStartObject();
                    g.writeObjectFieldStart("metric");
                    g.writeStringField("__name__", r.series().key().metric());
                    for (Map.Entry<String, String> l : r.series().key().labels().entrySet()) {
                        g.writeStringField(l.getKey(), l.getValue());
                    }
                    g.writeEndObject();
                    g.writeArrayFieldStart("values");
                    for (int i = 0; i < r.times().length; i++) {
                        double v = r.values()[i];
                        if (Double.isNaN(v)) {
                            continue; // nothing at that step, as Prometheus leaves it out
                        }
                        g.writeStartArray();
                        g.writeNumber(r.times()[i] / 1000.0);
                        g.writeString(format(v));
                        g.writeEndArray();
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
                g.writeEndObject();
            });
        };
    }

    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private static String one(Map<String, List<String>> query, String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** RFC 3339, Unix seconds, "now" or "now-24h". */
    static long time(String text, long fallback, long now, String what) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        String t = text.trim();
        if (t.equals("now")) {
            return now;
        }
        if (t.startsWith("now-")) {
            return now - Durations.parse(t.substring(4)).toMillis();
        }
        try {
            return (long) (Double.parseDouble(t) * 1000);
        } catch (NumberFormatException e) {
            // not seconds; try a timestamp
        }
        try {
            return Instant.parse(t).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("bad " + what + " '" + t + "': give RFC 3339 (2026-11-21T10:00:00Z), Unix"
                + " seconds, now or now-24h");
        }
    }

    static long step(String text) {
        try {
            double seconds = Double.parseDouble(text.trim());
            if (!(seconds > 0)) {
                throw new IllegalArgumentException("step must be positive");
            }
            return (long) (seconds * 1000);
        } catch (NumberFormatException e) {
            Duration d = Durations.parse(text);
            if (d.isZero()) {
                throw new IllegalArgumentException("step must be positive");
            }
            return d.toMillis();
        }
    }

    private static Route.Response error(int status, String type, String message) {
        Route.Response r = json(g -> {
            g.writeStartObject();
            g.writeStringField("status", "error");
            g.writeStringField("errorType", type);
            g.writeStringField("error", message);
            g.writeEndObject();
        });
        return new Route.Response(status, r.contentType(), r.body());
    }

    private static Route.Response json(Routes.JsonBody body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try (JsonGenerator g = SnapshotJson.mapper().createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Route.Response.json(200, out.toByteArray());
    }
}
