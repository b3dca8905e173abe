package io.nplus.server.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The whole lab fleet on a quiet day, as one scenario: every device of every built-in scenario with the events
 * that make its baseline (those at 0s: healthy values, the traffic a host normally carries), none of the faults,
 * plus the built-in lab with its own healthy baseline (test resource replay/quiet-lab.yaml); 24 hours, 60s polls.
 */
final class QuietFleet {
    private static final YAMLMapper YAML = new YAMLMapper();

    private QuietFleet() {
    }

    static Path write(Path dir, List<String> scenarios) throws IOException {
        ObjectNode fleet;
        try (InputStream in = QuietFleet.class.getClassLoader().getResourceAsStream("replay/quiet-lab.yaml")) {
            fleet = (ObjectNode) YAML.readTree(in);
        }
        fleet.put("name", "quiet-fleet");
        ArrayNode devices = (ArrayNode) fleet.get("devices");
        ArrayNode events = (ArrayNode) fleet.get("events");
        Set<String> names = new LinkedHashSet<>();
        devices.forEach(d -> names.add(d.get("name").asText()));
        for (String name : scenarios) {
            JsonNode s = YAML.readTree(BuiltInScenarioFiles.text(name));
            for (JsonNode d : s.path("devices")) {
                if (!names.add(d.get("name").asText())) {
                    throw new IllegalStateException("device " + d.get("name").asText() + " of " + name
                        + " is also in another scenario: the quiet fleet needs unique names");
                }
                devices.add(d);
            }
            for (JsonNode e : s.path("events")) {
                boolean atStart = e.path("at").asText().matches("0[smh]?");
                boolean baseline = e.has("set") || e.has("rate");
                if (atStart && baseline && e.has("device")) {
                    ObjectNode copy = ((ObjectNode) e).deepCopy();
                    copy.remove("note");
                    events.add(copy);
                }
            }
            // Groups keep their need: a healthy fleet satisfies them.
            for (JsonNode g : s.path("groups")) {
                if (!fleet.has("groups")) {
                    fleet.putArray("groups");
                }
                ((ArrayNode) fleet.get("groups")).add(g);
            }
        }
        Path file = dir.resolve("quiet-fleet.yaml");
        Files.writeString(file, YAML.writeValueAsString(fleet));
        return file;
    }

    static List<String> devices(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        YAML.readTree(file.toFile()).path("devices").forEach(d -> out.add(d.get("name").asText()));
        return out;
    }
}
