package io.nplus.server.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nplus.server.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of {@code nplus replay NAME --virtual --json}, in-process, read through the JSON contract of issue 8:
 * {@code {"pages": [{at_seconds, device, component, rule, severity, summary}], "resolved": [...],
 * "expectations": [{"ok": ...}]}}. Only that contract is used, not the runner's classes.
 */
record ReplayJson(int exit, String stdout, String stderr, List<Alert> pages, List<Alert> resolved,
                  List<JsonNode> expectations) {

    /** A page or a resolve: what it is about and when (seconds from the scenario's start). */
    record Alert(double atSeconds, String device, String group, String component, String rule, String severity,
                 String summary) {
        /** Pages and resolves of one alert share this. */
        String identity() {
            return rule + "|" + device + "|" + group + "|" + component;
        }
    }

    static ReplayJson run(String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        String text = out.toString();
        int start = text.indexOf('{');
        if (start < 0) {
            throw new AssertionError("nplus " + String.join(" ", args) + " printed no JSON (exit " + exit + ")\nstdout: "
                + text + "\nstderr: " + err);
        }
        JsonNode root = new ObjectMapper().readTree(text.substring(start));
        List<JsonNode> expectations = new ArrayList<>();
        root.path("expectations").forEach(expectations::add);
        return new ReplayJson(exit, text, err.toString(), alerts(root.path("pages")), alerts(root.path("resolved")),
            expectations);
    }

    private static List<Alert> alerts(JsonNode array) {
        List<Alert> list = new ArrayList<>();
        for (JsonNode n : array) {
            list.add(new Alert(n.path("at_seconds").asDouble(), n.path("device").asText(""), n.path("group").asText(""),
                n.path("component").asText(""), n.path("rule").asText(""), n.path("severity").asText(""),
                n.path("summary").asText("")));
        }
        return list;
    }

    /** The resolve of this page: the first resolve of the same alert at or after it, or null. */
    Alert resolveOf(Alert page) {
        return resolved.stream().filter(r -> r.identity().equals(page.identity()) && r.atSeconds() >= page.atSeconds())
            .findFirst().orElse(null);
    }
}
