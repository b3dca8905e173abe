package io.nplus.server.render;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.nplus.core.model.DeviceSnapshot;
import io.nplus.core.model.WalkProblem;
import io.nplus.mibs.interpret.Explanation;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.Counter;
import io.nplus.mibs.vocab.Thresholds;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * The stable machine form of a device snapshot, as {@code nplus poll --json} prints it and the HTTP API serves
 * it. Field names are a contract: add fields, never rename or remove them.
 *
 * <p>Numbers are written as integers when they are whole (a speed of 10000000000, not 1.0E10), counters
 * unsigned (a Counter64 above 2^63 stays positive).
 */
public final class SnapshotJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private SnapshotJson() {
    }

    public static String toJson(DeviceSnapshot s, List<Explanation> explanations) {
        StringWriter out = new StringWriter();
        write(s, explanations, out);
        return out.toString();
    }

    public static void write(DeviceSnapshot s, List<Explanation> explanations, Writer out) {
        try (JsonGenerator g = MAPPER.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            writeSnapshot(g, s, explanations);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One configured device for the HTTP API: the poll JSON of its last poll, plus its name, address, labels,
     * consecutive failures and the rates computed from its counters.
     */
    public static void writeDevice(JsonGenerator g, io.nplus.core.model.DeviceState d) throws IOException {
        if (d.last() == null) {
            g.writeStartObject();
            g.writeStringField("name", d.name());
            g.writeStringField("target", d.address());
            g.writeStringField("status", "pending");
            g.writeEndObject();
            return;
        }
        writeSnapshot(g, d.last(), List.of(), d);
    }

    public static void writeSnapshot(JsonGenerator g, DeviceSnapshot s, List<Explanation> explanations) throws IOException {
        writeSnapshot(g, s, explanations, null);
    }

    private static void writeSnapshot(JsonGenerator g, DeviceSnapshot s, List<Explanation> explanations,
                                      io.nplus.core.model.DeviceState device) throws IOException {
        g.writeStartObject();
        if (device != null) {
            g.writeStringField("name", device.name());
            g.writeStringField("address", device.address());
            g.writeObjectFieldStart("labels");
            for (Map.Entry<String, String> e : device.labels().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeNumberField("failures", device.failures());
        }
        g.writeStringField("target", s.target());
        g.writeStringField("status", s.status().word());
        g.writeStringField("error", s.error());
        g.writeStringField("health", s.status() == io.nplus.core.model.PollStatus.OK ? s.worstHealth().word() : "unknown");
        g.writeStringField("polled_at", s.polledAt().toString());
        g.writeNumberField("duration_seconds", s.duration().toNanos() / 1e9);
        g.writeObjectFieldStart("system");
        g.writeStringField("name", s.system().name());
        g.writeStringField("descr", s.system().descr());
        g.writeStringField("object_id", s.system().objectId());
        g.writeFieldName("uptime_seconds");
        number(g, s.system().uptimeSeconds());
        g.writeEndObject();
        g.writeArrayFieldStart("profiles");
        for (String p : s.profiles()) {
            g.writeString(p);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("components");
        for (Component c : s.components()) {
            component(g, c, device == null ? Map.of() : device.rates().getOrDefault(c.kind().word() + "/" + c.id(), Map.of()));
        }
        g.writeEndArray();
        g.writeArrayFieldStart("problems");
        for (WalkProblem p : s.problems()) {
            g.writeStartObject();
            g.writeStringField("what", p.what());
            g.writeStringField("oid", p.oid());
            g.writeStringField("reason", p.reason());
            g.writeStringField("detail", p.detail());
            g.writeNumberField("rows", p.rows());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeNumberField("requests", s.requests());
        g.writeNumberField("varbinds", s.varbinds());
        if (!explanations.isEmpty()) {
            g.writeArrayFieldStart("explain");
            for (Explanation e : explanations) {
                g.writeStartObject();
                g.writeStringField("profile", e.profile());
                g.writeStringField("recipe", e.recipe());
                g.writeStringField("kind", e.kind().word());
                g.writeStringField("id", e.id());
                g.writeArrayFieldStart("steps");
                for (Explanation.Step st : e.steps()) {
                    g.writeStartObject();
                    g.writeStringField("what", st.what());
                    g.writeStringField("expression", st.expression());
                    g.writeStringField("result", st.result());
                    g.writeArrayFieldStart("reads");
                    for (String r : st.reads()) {
                        g.writeString(r);
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    static void component(JsonGenerator g, Component c, Map<String, Double> rates) throws IOException {
        g.writeStartObject();
        g.writeStringField("kind", c.kind().word());
        g.writeStringField("id", c.id());
        g.writeStringField("name", c.name());
        g.writeStringField("health", c.health().word());
        g.writeStringField("state", c.state());
        g.writeObjectFieldStart("readings");
        for (Map.Entry<String, Double> r : c.readings().entrySet()) {
            g.writeFieldName(r.getKey());
            number(g, r.getValue());
        }
        g.writeEndObject();
        g.writeObjectFieldStart("counters");
        for (Map.Entry<String, Counter> e : c.counters().entrySet()) {
            g.writeFieldName(e.getKey());
            long v = e.getValue().value();
            if (v >= 0) {
                g.writeNumber(v);
            } else {
                g.writeNumber(new BigInteger(Long.toUnsignedString(v)));
            }
        }
        g.writeEndObject();
        if (!rates.isEmpty()) {
            g.writeObjectFieldStart("rates");
            for (Map.Entry<String, Double> e : rates.entrySet()) {
                g.writeFieldName(e.getKey() + "_per_second");
                number(g, e.getValue());
            }
            g.writeEndObject();
        }
        g.writeObjectFieldStart("labels");
        for (Map.Entry<String, String> e : c.labels().entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeObjectFieldStart("thresholds");
        for (Map.Entry<String, Thresholds> e : c.thresholds().entrySet()) {
            g.writeObjectFieldStart(e.getKey());
            Thresholds t = e.getValue();
            optional(g, "low_alarm", t.lowAlarm());
            optional(g, "low_warning", t.lowWarning());
            optional(g, "high_warning", t.highWarning());
            optional(g, "high_alarm", t.highAlarm());
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeStringField("reason", c.reason());
        g.writeArrayFieldStart("notes");
        for (String n : c.notes()) {
            g.writeString(n);
        }
        g.writeEndArray();
        g.writeStringField("profile", c.profile());
        g.writeEndObject();
    }

    private static void optional(JsonGenerator g, String name, Double v) throws IOException {
        if (v != null) {
            g.writeFieldName(name);
            number(g, v);
        }
    }

    /** Whole numbers as integers; NaN and infinities (never produced by profiles) as null. */
    static void number(JsonGenerator g, Double v) throws IOException {
        if (v == null || v.isNaN() || v.isInfinite()) {
            g.writeNull();
        } else if (v == Math.rint(v) && Math.abs(v) < 9.007199254740992E15) {
            g.writeNumber(v.longValue());
        } else {
            g.writeNumber(v);
        }
    }
}
