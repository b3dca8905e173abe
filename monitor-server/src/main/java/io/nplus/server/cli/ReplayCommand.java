package io.nplus.server.cli;

import io.nplus.mibs.yaml.YamlDocument;
import io.nplus.mibs.yaml.YamlException;
import io.nplus.server.replay.BuiltInScenarios;
import io.nplus.server.replay.ReplayReport;
import io.nplus.server.replay.ReplayResult;
import io.nplus.server.replay.ReplayRunner;
import io.nplus.snmp.lab.scenario.Scenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nplus replay}: plays a scenario through lab, collector, rules and notifications, and checks its expect block. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Replay an incident scenario: the lab plays it over SNMP, nplus polls, evaluates the built-in rules"
        + " and notifies a capture receiver; prints the timeline, time-to-page per fault and each expectation.",
        "Exit 0 when every expectation holds, 1 when one fails, 2 when the scenario cannot be used."})
public final class ReplayCommand implements Callable<Integer> {
    static final int EXIT_FAILED = 1;
    static final int EXIT_BAD_FILE = 2;

    @Parameters(arity = "0..1", paramLabel = "FILE",
        description = "A scenario file (YAML), or the name of a built-in scenario (see --list).")
    String file;

    @Option(names = "--virtual", description = "Run on a virtual clock: hours replay in seconds. Without it the"
        + " scenario plays in real time.")
    boolean virtual;

    @Option(names = "--json", description = "Print one JSON document (pages, resolved, expectations ...) instead of"
        + " the timeline.")
    boolean json;

    @Option(names = "--list", description = "List the built-in scenarios.")
    boolean list;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (list) {
            for (String name : BuiltInScenarios.names()) {
                Scenario s = BuiltInScenarios.load(name);
                out.printf("%-36s %-6s %s%n", name, io.nplus.core.time.Durations.format(s.duration()), s.description());
            }
            out.flush();
            return 0;
        }
        if (file == null) {
            err.println("nplus replay: give a scenario file or a built-in scenario's name (nplus replay --list)");
            err.flush();
            return EXIT_BAD_FILE;
        }
        if (java.nio.file.Files.isDirectory(java.nio.file.Path.of(file))) {
            err.println("nplus replay: " + file + " is a directory; give a scenario file (YAML) or a built-in scenario's"
                + " name (nplus replay --list)");
            err.flush();
            return EXIT_BAD_FILE;
        }
        Scenario scenario;
        try {
            scenario = BuiltInScenarios.find(file);
            if (scenario == null) {
                err.println("nplus replay: no file '" + file + "' and no built-in scenario of that name; built-in: "
                    + String.join(", ", BuiltInScenarios.names()));
                err.flush();
                return EXIT_BAD_FILE;
            }
        } catch (YamlException | IOException e) {
            err.println("nplus replay: " + e.getMessage());
            err.flush();
            return EXIT_BAD_FILE;
        }
        ReplayResult result;
        try {
            if (!json) {
                out.printf("nplus replay: %s (%s, %d device%s, poll every %s) %s%n", scenario.name(),
                    io.nplus.core.time.Durations.format(scenario.duration()), scenario.devices().size(),
                    scenario.devices().size() == 1 ? "" : "s",
                    io.nplus.core.time.Durations.format(scenario.interval()),
                    virtual ? "on a virtual clock" : "in real time (--virtual replays it in seconds)");
                out.flush();
            }
            result = ReplayRunner.run(scenario, virtual, json ? ReplayRunner.Listener.NONE : ReplayReport.printer(out));
        } catch (YamlException e) {
            err.println("nplus replay: " + e.getMessage()); // the groups section, checked as the run config's
            err.flush();
            return EXIT_BAD_FILE;
        }
        if (json) {
            out.println(YamlDocument.jsonMapper().writerWithDefaultPrettyPrinter().writeValueAsString(ReplayReport.json(result)));
        } else {
            ReplayReport.summary(result, out);
        }
        out.flush();
        return result.passed() ? 0 : EXIT_FAILED;
    }
}
