package io.nplus.server.interop;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nplus.server.cli.NplusRun;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code nplus poll --json} run in-process: its exit status, what it printed (the command's own output
 * and anything logged to System.out/System.err meanwhile) and the parsed JSON snapshot.
 */
record PollRun(int exit, String out, String err, String logged, JsonNode json) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static PollRun of(String... args) throws IOException {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        NplusRun run;
        try (PrintStream capture = new PrintStream(logged, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            System.setErr(capture);
            run = NplusRun.of(args);
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        String log = logged.toString(StandardCharsets.UTF_8);
        stderr.print(log); // keep it in the test report too
        JsonNode json;
        try {
            json = JSON.readTree(run.out());
        } catch (IOException e) {
            return fail("nplus " + String.join(" ", args) + " printed no JSON (exit " + run.exit() + "):\n" + run.out()
                + "\nstderr: " + run.err());
        }
        return new PollRun(run.exit(), run.out(), run.err(), log, json);
    }

    String status() {
        return json.get("status").asText();
    }

    String health() {
        return json.get("health").asText();
    }

    /** Everything nplus printed anywhere, to check that no secret shows. */
    String everything() {
        return out + "\n" + err + "\n" + logged;
    }

    /** The exit status the JSON implies: 0 ok, 1 warning, 2 degraded or failed, 3 unknown or not polled. */
    int exitImpliedByJson() {
        if (!"ok".equals(status())) {
            return 3;
        }
        switch (health()) {
            case "failed":
            case "degraded":
                return 2;
            case "warning":
                return 1;
            case "unknown":
                return 3;
            default:
                return 0;
        }
    }

    /** The names of the components of one kind ("interface", "filesystem", "storage", ...). */
    List<String> names(String kind) {
        List<String> names = new ArrayList<>();
        for (JsonNode c : json.get("components")) {
            if (c.get("kind").asText().equals(kind)) {
                names.add(c.get("name").asText());
            }
        }
        return names;
    }

    @Override
    public String toString() {
        return "exit " + exit + ", status " + status() + ", health " + health() + "\nstderr: " + err
            + (logged.isEmpty() ? "" : "\nlogged: " + logged);
    }
}
