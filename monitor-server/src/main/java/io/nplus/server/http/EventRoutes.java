package io.nplus.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.nplus.server.events.EventLog;
import io.nplus.server.events.TrapEvent;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/events}: recent trap events, newest first, {@code ?limit=} and {@code ?device=}. */
public final class EventRoutes {
    static final int DEFAULT_LIMIT = 100;

    private EventRoutes() {
    }

    public static Route events(EventLog log) {
        return (req, path, query) -> {
            int max = log.capacity();
            int limit = Math.min(DEFAULT_LIMIT, max);
            String l = one(query, "limit");
            if (l != null) {
                try {
                    limit = Integer.parseInt(l.strip());
                } catch (NumberFormatException e) {
                    limit = -1;
                }
                if (limit < 1 || limit > max) {
                    return Route.Response.text(400, "limit: '" + abbreviate(l) + "' is not a number of events between 1"
                        + " and " + max + " (traps.keep_events)");
                }
            }
            String device = one(query, "device");
            if (device != null && device.isEmpty()) {
                return Route.Response.text(400, "device: give a device name, or leave the parameter out for all");
            }
            List<TrapEvent> events = log.recent(limit, device);
            return Routes.json(g -> {
                g.writeStartArray();
                for (TrapEvent e : events) {
                    write(g, e);
                }
                g.writeEndArray();
            });
        };
    }

    private static String one(Map<String, List<String>> query, String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(v.size() - 1);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    static void write(JsonGenerator g, TrapEvent e) throws IOException {
        g.writeStartObject();
        g.writeStringField("time", e.time().toString());
        g.writeStringField("device", e.device());
        g.writeStringField("source", e.source());
        g.writeStringField("trap", e.trap());
        g.writeStringField("oid", e.oid());
        g.writeStringField("severity", e.severity());
        if (e.component() == null) {
            g.writeNullField("component");
        } else {
            g.writeObjectFieldStart("component");
            g.writeStringField("kind", e.component().kind());
            g.writeStringField("id", e.component().id());
            g.writeStringField("name", e.component().name());
            g.writeEndObject();
        }
        g.writeStringField("state", e.state());
        g.writeStringField("text", e.text());
        g.writeEndObject();
    }
}
