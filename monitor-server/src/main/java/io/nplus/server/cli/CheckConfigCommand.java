package io.nplus.server.cli;

import io.nplus.server.config.RunConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code nplus check-config FILE}: the checks {@code nplus run} makes, without running. */
@Command(name = "check-config", mixinStandardHelpOptions = true,
    description = {"Check a run config as nplus run would (keys, values, references, secret files and variables)",
        "without starting. Exit 0 when it is good; otherwise one line: file:line key.path: what is wrong."})
public final class CheckConfigCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RunConfig c = RunCommand.load(file);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%s: ok: %d target%s, %d redundancy group%s, listen %s%n", file, c.targets().size(),
            c.targets().size() == 1 ? "" : "s", c.groups().size(), c.groups().size() == 1 ? "" : "s",
            c.listen());
        out.flush();
        return 0;
    }
}
