package io.nplus.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nplus silence add|list|expire}: silences and maintenance windows on the running nplus. */
@Command(name = "silence", mixinStandardHelpOptions = true,
    description = "Silence alerts (they are still evaluated and listed, not notified), or plan a maintenance window.",
    subcommands = {SilenceCommand.Add.class, SilenceCommand.ListSilences.class, SilenceCommand.Expire.class})
public final class SilenceCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final ObjectMapper JSON = new ObjectMapper();

    /** The running nplus's address. */
    static class Server {
        @Option(names = "--url", paramLabel = "URL", defaultValue = "http://127.0.0.1:9730",
            description = "The running nplus (default: ${DEFAULT-VALUE}).")
        String url;

        HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
            try {
                return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException e) {
                throw new IOException("cannot reach nplus at " + url + " (is nplus run running? give --url)");
            }
        }

        URI uri(String path) {
            return URI.create(url.replaceAll("/+$", "") + path);
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = {"Silence the alerts matching every given"
        + " selector (globs), from now (or --start) for --duration (or until --end).",
        "Example: nplus silence add --target db1 --duration 2h --comment 'disk swap, ticket 4711'"})
    static final class Add extends Server implements Callable<Integer> {
        @Option(names = "--target", paramLabel = "GLOB") String target;
        @Option(names = "--component", paramLabel = "GLOB", description = "Component id.") String component;
        @Option(names = "--alertname", paramLabel = "GLOB") String alertname;
        @Option(names = "--label", paramLabel = "NAME=GLOB", description = "Any other label (site=fra1, group=...).")
        List<String> labels;
        @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class) Duration duration;
        @Option(names = "--start", paramLabel = "TIME", description = "RFC 3339: a maintenance window that starts later.")
        String start;
        @Option(names = "--end", paramLabel = "TIME", description = "RFC 3339.") String end;
        @Option(names = "--comment", paramLabel = "TEXT", required = true, description = "Why (shown with the silence).")
        String comment;
        @Option(names = "--by", paramLabel = "WHO", description = "Who (default: $USER).") String by;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Map<String, String> m = new LinkedHashMap<>();
            put(m, "target", target);
            put(m, "component", component);
            put(m, "alertname", alertname);
            if (labels != null) {
                for (String l : labels) {
                    int eq = l.indexOf('=');
                    if (eq < 1) {
                        throw new IllegalArgumentException("--label takes NAME=GLOB, got '" + l + "'");
                    }
                    m.put(l.substring(0, eq), l.substring(eq + 1));
                }
            }
            if (m.isEmpty()) {
                throw new IllegalArgumentException("say what to silence: --target, --component, --alertname or --label");
            }
            if ((duration == null) == (end == null)) {
                throw new IllegalArgumentException("give one of --duration or --end");
            }
            ObjectNode body = JSON.createObjectNode();
            body.set("matchers", JSON.valueToTree(m));
            if (start != null) {
                body.put("starts_at", start);
            }
            if (end != null) {
                body.put("ends_at", end);
            } else {
                body.put("duration", io.nplus.core.time.Durations.format(duration));
            }
            body.put("comment", comment);
            body.put("created_by", by != null ? by : System.getProperty("user.name", ""));
            HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/v1/silences"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())));
            if (r.statusCode() != 200) {
                throw new IOException("nplus refused the silence: " + r.body().trim());
            }
            JsonNode s = JSON.readTree(r.body());
            PrintWriter out = spec.commandLine().getOut();
            out.printf("silence %s %s, %s .. %s%n", s.get("id").asText(), s.get("state").asText(),
                s.get("starts_at").asText(), s.get("ends_at").asText());
            out.flush();
            return 0;
        }

        private static void put(Map<String, String> m, String k, String v) {
            if (v != null) {
                m.put(k, v);
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Silences: pending, active and recently expired.")
    static final class ListSilences extends Server implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/v1/silences")).GET());
            if (r.statusCode() != 200) {
                throw new IOException(url + " answered " + r.statusCode() + ": " + r.body().trim());
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-14s %-8s %-22s %-22s %-40s %s%n", "ID", "STATE", "STARTS", "ENDS", "MATCHERS", "COMMENT");
            for (JsonNode s : JSON.readTree(r.body())) {
                StringBuilder m = new StringBuilder();
                for (Map.Entry<String, JsonNode> e : s.get("matchers").properties()) {
                    m.append(m.length() == 0 ? "" : ",").append(e.getKey()).append('=').append(e.getValue().asText());
                }
                out.printf("%-14s %-8s %-22s %-22s %-40s %s%n", s.get("id").asText(), s.get("state").asText(),
                    s.get("starts_at").asText(), s.get("ends_at").asText(), m, s.get("comment").asText());
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "expire", mixinStandardHelpOptions = true, description = "End a silence now.")
    static final class Expire extends Server implements Callable<Integer> {
        @Parameters(paramLabel = "ID") String id;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/v1/silences/" + id + "/expire"))
                .POST(HttpRequest.BodyPublishers.noBody()));
            spec.commandLine().getOut().println(r.body().trim());
            spec.commandLine().getOut().flush();
            return r.statusCode() == 200 ? 0 : 3;
        }
    }
}
