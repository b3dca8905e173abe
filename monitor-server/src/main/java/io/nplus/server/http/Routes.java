package io.nplus.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.nplus.core.model.DeviceState;
import io.nplus.core.model.Fleet;
import io.nplus.server.render.SnapshotJson;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/** nplus's endpoints. */
public final class Routes {
    private static final ExpositionFormats FORMATS = ExpositionFormats.init();

    private Routes() {
    }

    /**
     * {@code /metrics}: the Prometheus text format, or OpenMetrics when the scraper asks for it in Accept
     * (as Prometheus does), written by the Prometheus client's own writers.
     */
    public static Route metrics(PrometheusRegistry registry) {
        return (req, path, query) -> {
            String accept = req.headers().get("Accept");
            ExpositionFormatWriter writer = FORMATS.findWriter(accept);
            if (!writer.isAvailable()) {
                writer = FORMATS.getPrometheusTextFormatWriter(); // protobuf needs a library nplus does not ship
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            try {
                writer.write(out, registry.scrape());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Route.Response(200, writer.getContentType(), out.toByteArray());
        };
    }

    /** {@code /api/v1/devices}: every configured device, in config order, in the JSON of nplus poll --json. */
    public static Route devices(Fleet fleet) {
        return (req, path, query) -> json(g -> {
            g.writeStartArray();
            for (String name : fleet.names()) {
                DeviceState d = fleet.get(name);
                if (d != null) {
                    SnapshotJson.writeDevice(g, d);
                } else {
                    g.writeStartObject();
                    g.writeStringField("name", name);
                    g.writeStringField("status", "pending");
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
        });
    }

    /** {@code /api/v1/devices/{name}}: one device. */
    public static Route device(Fleet fleet) {
        return (req, path, query) -> {
            String name = java.net.URLDecoder.decode(path.substring("/api/v1/devices/".length()),
                java.nio.charset.StandardCharsets.UTF_8);
            DeviceState d = fleet.get(name);
            if (d == null) {
                return fleet.names().contains(name)
                    ? Route.Response.text(503, "device " + name + " has not been polled yet")
                    : Route.Response.text(404, "no configured device by that name; GET /api/v1/devices lists them");
            }
            return json(g -> SnapshotJson.writeDevice(g, d));
        };
    }

    public static Route healthy() {
        return (req, path, query) -> Route.Response.text(200, "nplus is healthy");
    }

    /** 200 when every check passes, else 503 and the reasons, one per line. */
    public static Route ready(Supplier<java.util.List<String>> problems) {
        return (req, path, query) -> {
            java.util.List<String> p = problems.get();
            return p.isEmpty() ? Route.Response.text(200, "nplus is ready")
                : Route.Response.text(503, "not ready:\n" + String.join("\n", p));
        };
    }

    public static Route index() {
        String page = String.join("\n",
            "nplus",
            "",
            "/metrics               Prometheus metrics (text or OpenMetrics)",
            "/api/v1/devices        every device, as nplus poll --json",
            "/api/v1/devices/NAME   one device",
            "/api/v1/alerts         alerts: pending, firing, resolved within a day",
            "/api/v1/silences       silences (POST to add, POST /api/v1/silences/ID/expire to end one)",
            "/api/v1/heartbeat/NAME POST: a job reports that it ran",
            "/api/v1/events         recent trap events (?limit=N&device=NAME)",
            "/api/v1/query_range    history (?series=SELECTOR&start=T&end=T&step=D)",
            "/-/healthy             the process runs",
            "/-/ready               config loaded, polling running",
            "");
        return (req, path, query) -> Route.Response.text(200, page);
    }

    @FunctionalInterface
    interface JsonBody {
        void write(JsonGenerator g) throws IOException;
    }

    static Route.Response json(JsonBody body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try (JsonGenerator g = SnapshotJson.mapper().createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Route.Response.json(200, out.toByteArray());
    }
}
