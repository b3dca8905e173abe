package io.nplus.mibs.testdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nplus.mibs.interpret.DeviceInterpreter;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.Thresholds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The reviewed expected-components files ({@code testdata/expected/<walk>.yaml}): one compact JSON object per
 * line (valid YAML), so a review reads one component per line and a diff shows exactly what changed. Built from
 * the JSON shape of {@code nplus poll --json}, whichever way the components were made.
 */
public final class Expected {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Expected() {
    }

    /** The canonical text of a snapshot in {@code nplus poll --json} form. */
    public static String canonical(String walk, JsonNode snapshot) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Expected components of testdata/walks/").append(walk).append(".snmprec (reviewed; see testdata/README.md)\n");
        JsonNode sys = snapshot.get("system");
        ObjectNode system = F.objectNode();
        system.set("name", sys.get("name"));
        system.set("object_id", sys.get("object_id"));
        system.set("uptime_seconds", round(sys.get("uptime_seconds")));
        sb.append("system: ").append(write(system)).append('\n');
        sb.append("profiles: ").append(write(snapshot.get("profiles"))).append('\n');
        sb.append("components:\n");
        for (JsonNode c : snapshot.get("components")) {
            ObjectNode line = F.objectNode();
            for (String field : new String[] {"kind", "id", "name", "health", "state"}) {
                line.set(field, c.get(field));
            }
            if (!c.get("reason").asText().isEmpty()) {
                line.set("reason", c.get("reason"));
            }
            line.set("readings", roundAll(c.get("readings")));
            if (c.get("thresholds").size() > 0) {
                ObjectNode t = F.objectNode();
                for (Map.Entry<String, JsonNode> e : c.get("thresholds").properties()) {
                    t.set(e.getKey(), roundAll(e.getValue()));
                }
                line.set("thresholds", t);
            }
            if (c.get("labels").size() > 0) {
                line.set("labels", c.get("labels"));
            }
            if (c.get("notes").size() > 0) {
                line.set("notes", c.get("notes"));
            }
            sb.append("- ").append(write(line)).append('\n');
        }
        return sb.toString();
    }

    /** The same JSON shape as {@code nplus poll --json}, for components interpreted offline. */
    public static JsonNode toJson(DeviceInterpreter.DeviceHealth h) {
        ObjectNode root = F.objectNode();
        ObjectNode sys = root.putObject("system");
        sys.put("name", h.system().name());
        sys.put("object_id", h.system().objectId());
        if (h.system().uptimeSeconds() == null) {
            sys.putNull("uptime_seconds");
        } else {
            sys.put("uptime_seconds", h.system().uptimeSeconds());
        }
        ArrayNode profiles = root.putArray("profiles");
        h.profiles().forEach(profiles::add);
        ArrayNode components = root.putArray("components");
        for (Component c : h.components()) {
            ObjectNode o = components.addObject();
            o.put("kind", c.kind().word());
            o.put("id", c.id());
            o.put("name", c.name());
            o.put("health", c.health().word());
            o.put("state", c.state());
            ObjectNode r = o.putObject("readings");
            c.readings().forEach(r::put);
            ObjectNode l = o.putObject("labels");
            c.labels().forEach(l::put);
            ObjectNode th = o.putObject("thresholds");
            for (Map.Entry<String, Thresholds> e : c.thresholds().entrySet()) {
                ObjectNode t = th.putObject(e.getKey());
                Thresholds v = e.getValue();
                if (v.lowAlarm() != null) {
                    t.put("low_alarm", v.lowAlarm());
                }
                if (v.lowWarning() != null) {
                    t.put("low_warning", v.lowWarning());
                }
                if (v.highWarning() != null) {
                    t.put("high_warning", v.highWarning());
                }
                if (v.highAlarm() != null) {
                    t.put("high_alarm", v.highAlarm());
                }
            }
            o.put("reason", c.reason());
            ArrayNode n = o.putArray("notes");
            c.notes().forEach(n::add);
        }
        return root;
    }

    public static String read(String walk) {
        try {
            return Files.readString(TestData.expected(walk), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean exists(String walk) {
        return Files.exists(TestData.expected(walk));
    }

    /** Rewrites the expected file (only when a developer asks for it with -Dnplus.golden.update=true). */
    public static void write(String walk, String canonical) {
        try {
            Path p = TestData.expected(walk);
            Files.createDirectories(p.getParent());
            Files.writeString(p, canonical, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean updating() {
        return Boolean.getBoolean("nplus.golden.update");
    }

    private static JsonNode roundAll(JsonNode obj) {
        ObjectNode out = F.objectNode();
        for (Map.Entry<String, JsonNode> e : obj.properties()) {
            out.set(e.getKey(), round(e.getValue()));
        }
        return out;
    }

    /** Six significant digits, integers as integers: the precision a review can check, no float noise. */
    private static JsonNode round(JsonNode n) {
        if (n == null || n.isNull() || !n.isNumber()) {
            return n == null ? F.nullNode() : n;
        }
        BigDecimal d = n.decimalValue().round(new MathContext(6)).stripTrailingZeros();
        if (d.scale() <= 0) {
            return F.numberNode(d.toBigIntegerExact());
        }
        return F.numberNode(d);
    }

    private static String write(JsonNode n) {
        try {
            return JSON.writeValueAsString(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
