package io.nplus.server.cli;

import picocli.CommandLine.Command;

/** {@code nplus bench}: benchmarks, each measured against a peer in the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (figures for the machine they run on).",
    subcommands = {BenchAgentCommand.class, BenchPollCommand.class, BenchStoreCommand.class})
public final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
