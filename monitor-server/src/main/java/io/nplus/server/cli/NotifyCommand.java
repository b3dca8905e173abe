package io.nplus.server.cli;

import io.nplus.alerting.notify.NotifyConfig;
import io.nplus.alerting.notify.Notifier;
import io.nplus.alerting.notify.Transport;
import io.nplus.server.config.RunConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nplus notify test RECEIVER --config FILE}: one notification end to end, and what the receiver said. */
@Command(name = "notify", mixinStandardHelpOptions = true, description = "Notification receivers.",
    subcommands = {NotifyCommand.Test.class})
public final class NotifyCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "test", mixinStandardHelpOptions = true, description = {"Send a test notification to RECEIVER (as the"
        + " config defines it) now, and print the receiver's answer.", "Exit 0 when accepted, 1 when it should be retried"
        + " (unreachable, 429, 5xx), 2 when refused (a bad key, a bad address)."})
    static final class Test implements Callable<Integer> {
        @Parameters(paramLabel = "RECEIVER") String receiver;

        @Option(names = "--config", paramLabel = "FILE", required = true, description = "The run config with the receivers.")
        Path config;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            RunConfig c = RunCommand.load(config);
            NotifyConfig n = c.alerting().notifications();
            NotifyConfig.Receiver r = n.receivers().get(receiver);
            if (r == null) {
                throw new IllegalArgumentException("no receiver '" + receiver + "' in " + config + "; it defines: "
                    + (n.receivers().isEmpty() ? "none" : String.join(", ", new TreeSet<>(n.receivers().keySet()))));
            }
            Transport.Result res = r.transport().send(Notifier.testNotification(Instant.now()));
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%s (%s): %s, status %d%s%n", receiver, r.transport(), switch (res.outcome()) {
                case DELIVERED -> "accepted";
                case RETRY -> "not accepted now (would be retried)";
                default -> "refused (would not be retried)";
            }, res.status(), res.answer().isBlank() ? "" : ": " + res.answer().trim());
            out.flush();
            return switch (res.outcome()) {
                case DELIVERED -> 0;
                case RETRY -> 1;
                default -> 2;
            };
        }
    }
}
