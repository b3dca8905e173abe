package io.nplus.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code nplus} command. Exit codes follow the monitoring-plugins convention wherever a health verdict is
 * given (0 ok, 1 warning, 2 degraded/failed, 3 unknown); a usage or setup error is 3 (UNKNOWN), with one line
 * on stderr that says what is wrong.
 */
@Command(name = "nplus", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "SNMP hardware-health monitor: RAID arrays, drives, optics, NICs; pages when N+1 has become N+0.",
    subcommands = {RunCommand.class, CheckConfigCommand.class, PollCommand.class, HistoryCommand.class, LabCommand.class,
        ProfilesCommand.class, RulesCommand.class, SilenceCommand.class, NotifyCommand.class, ReplayCommand.class,
        BenchCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int EXIT_UNKNOWN = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        Logging.configure();
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code. */
    public static int run(String... args) {
        return run(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
    }

    /** Runs the command line with its output captured (tests run nplus in-process this way). */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, args1) -> {
            CommandLine c = e.getCommandLine();
            c.getErr().println("nplus " + c.getCommandName() + ": " + e.getMessage());
            c.getErr().println("Try 'nplus " + (c == cli ? "" : c.getCommandName() + " ") + "--help' for the options.");
            c.getErr().flush();
            return EXIT_UNKNOWN;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            String name = commandLine.getCommandName();
            commandLine.getErr().println((name.equals("nplus") ? "nplus" : "nplus " + name) + ": " + message(e));
            commandLine.getErr().flush();
            return EXIT_UNKNOWN;
        });
        return cli.execute(args);
    }

    static String message(Throwable e) {
        Throwable t = e;
        while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException
            || t instanceof java.io.UncheckedIOException) && t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version from the jar manifest; "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"nplus " + (v == null ? "development" : v)};
        }
    }
}
