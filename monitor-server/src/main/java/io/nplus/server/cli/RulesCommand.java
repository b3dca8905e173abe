package io.nplus.server.cli;

import io.nplus.alerting.rules.Rule;
import io.nplus.alerting.rules.RulePack;
import io.nplus.alerting.rules.RuleSpec;
import io.nplus.alerting.testing.RuleTestFile;
import io.nplus.alerting.testing.RuleTestRunner;
import io.nplus.core.time.Durations;
import io.nplus.mibs.yaml.YamlDocument;
import io.nplus.mibs.yaml.YamlException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nplus rules}: the alert rules. {@code test} runs rule tests (promtool style), {@code check} loads rule
 * files as nplus would, {@code list} shows the rules in effect. Exit 0 when all is well, 1 when a test fails, 3 for
 * a file that cannot be used (one line on stderr: file:line key.path: what is wrong).
 */
@Command(name = "rules", mixinStandardHelpOptions = true,
    description = "Alert rules: test them against replayed device data, check rule files, list the built-in rules.",
    subcommands = {RulesCommand.Test.class, RulesCommand.Check.class, RulesCommand.ListRules.class})
public final class RulesCommand implements Runnable {
    static final int EXIT_FAILED = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code nplus rules test [FILE...]}: runs rule tests; with no file, the built-in pack's own tests. */
    @Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run rule tests against replayed device data.",
            "Each test says what its targets show step by step, and which alerts",
            "must fire when (README: Testing rules). With no FILE, or with --builtin,",
            "the tests shipped with the built-in rules run. Exit 0 when every test",
            "passes, 1 when one fails, 3 when a file cannot be used (one line:",
            "file:line key.path: what is wrong)."})
    static final class Test implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", arity = "0..*", description = "Test files (YAML); their rule_files are"
            + " relative to them.")
        List<Path> files = new ArrayList<>();

        @Option(names = "--builtin", description = "Also run the built-in rules' tests (the default with no FILE).")
        boolean builtin;

        @Option(names = "--run", paramLabel = "REGEX", description = "Only the tests whose name contains a match.")
        Pattern run;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<Path> sources = new ArrayList<>();
            if (builtin || files.isEmpty()) {
                sources.add(null);
            }
            sources.addAll(files);
            int bad = 0;
            int passed = 0;
            int failed = 0;
            for (Path source : sources) {
                RuleTestFile file;
                try {
                    file = source == null ? RuleTestFile.builtIn() : RuleTestFile.read(source);
                } catch (YamlException e) {
                    err.println("nplus rules test: " + e.getMessage());
                    err.flush();
                    bad++;
                    continue;
                } catch (IOException e) {
                    err.println("nplus rules test: " + unreadable(source, e));
                    err.flush();
                    bad++;
                    continue;
                }
                List<RuleTestRunner.Result> results = RuleTestRunner.run(file,
                    name -> run == null || run.matcher(name).find());
                if (results.isEmpty()) {
                    continue;
                }
                out.println(file.name());
                for (RuleTestRunner.Result r : results) {
                    if (r.passed()) {
                        passed++;
                        out.println("  ok    " + r.name());
                    } else {
                        failed++;
                        out.println("  FAIL  " + r.name() + " (" + r.where() + ")");
                        for (String f : r.failures()) {
                            out.println("        " + f.replace("\n", "\n        "));
                        }
                    }
                }
                out.flush();
            }
            if (bad == 0 && passed + failed == 0) {
                err.println("nplus rules test: no test" + (run == null ? "" : " name matches --run '" + run + "'"));
                err.flush();
                return Main.EXIT_UNKNOWN;
            }
            if (passed + failed > 0) {
                out.println((passed + failed) + " test" + (passed + failed == 1 ? "" : "s") + ": " + passed + " passed"
                    + (failed > 0 ? ", " + failed + " failed" : ""));
                out.flush();
            }
            return bad > 0 ? Main.EXIT_UNKNOWN : failed > 0 ? EXIT_FAILED : 0;
        }
    }

    /** {@code nplus rules check FILE...}: loads rule files on top of the built-in pack, as nplus would. */
    @Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check rule files as nplus would load them.",
            "They come after the built-in rules, in order: a rule with the name of",
            "an earlier one replaces it, disabled: true removes it. Exit 0 when they",
            "load; otherwise 3 and one line: file:line key.path: what is wrong."})
    static final class Check implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", arity = "1..*")
        List<Path> files;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            RulePack pack;
            try {
                pack = RulePack.load(files, true);
            } catch (YamlException e) {
                err.println("nplus rules check: " + e.getMessage());
                err.flush();
                return Main.EXIT_UNKNOWN;
            } catch (IOException e) {
                err.println("nplus rules check: " + unreadable(files.stream().filter(f -> !Files.isReadable(f))
                    .findFirst().orElse(null), e));
                err.flush();
                return Main.EXIT_UNKNOWN;
            }
            // What each file did to the rules before it (the files loaded, so reading them again cannot fail).
            Set<String> names = new LinkedHashSet<>(RulePack.builtIn().names());
            for (Path f : files) {
                int added = 0;
                int replaced = 0;
                int disabled = 0;
                try {
                    for (RuleSpec r : YamlDocument.read(f).bind(RulePack.RulesFile.class).rules()) {
                        if (Boolean.TRUE.equals(r.disabled())) {
                            names.remove(r.name());
                            disabled++;
                        } else if (names.add(r.name())) {
                            added++;
                        } else {
                            replaced++;
                        }
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                out.printf("%s: ok: %d added, %d replaced, %d disabled%n", f, added, replaced, disabled);
            }
            out.printf("%d rules in effect (%d built in)%n", pack.rules().size(), RulePack.builtIn().rules().size());
            out.flush();
            return 0;
        }
    }

    /** {@code nplus rules list [FILE...]}: the rules in effect, the built-in pack unless files are given. */
    @Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List the built-in rules: name, kind, severity, for, summary.",
            "With FILEs, the rules in effect once those are loaded on top."})
    static final class ListRules implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", arity = "0..*")
        List<Path> files = new ArrayList<>();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            RulePack pack;
            try {
                pack = files.isEmpty() ? RulePack.builtIn() : RulePack.load(files, true);
            } catch (YamlException e) {
                err.println("nplus rules list: " + e.getMessage());
                err.flush();
                return Main.EXIT_UNKNOWN;
            } catch (IOException e) {
                err.println("nplus rules list: " + unreadable(files.stream().filter(f -> !Files.isReadable(f))
                    .findFirst().orElse(null), e));
                err.flush();
                return Main.EXIT_UNKNOWN;
            }
            int name = "NAME".length();
            int kind = "KIND".length();
            for (Rule r : pack.rules()) {
                name = Math.max(name, r.name().length());
                kind = Math.max(kind, r.kind().length());
            }
            String format = "%-" + name + "s  %-" + kind + "s  %-8s  %-5s  %s%n";
            out.printf(format, "NAME", "KIND", "SEVERITY", "FOR", "SUMMARY");
            for (Rule r : pack.rules()) {
                out.printf(format, r.name(), r.kind(), r.severity().word(),
                    r.forDuration().isZero() ? "-" : Durations.format(r.forDuration()), r.summary().text());
            }
            out.flush();
            return 0;
        }
    }

    /** A file that could not be read, in a sentence. */
    static String unreadable(Path file, IOException e) {
        if (e instanceof NoSuchFileException n) {
            return n.getFile() + ": no such file";
        }
        return (file == null ? "" : file + ": ") + "cannot read: " + Main.message(e);
    }
}
