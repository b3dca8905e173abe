package io.nplus.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.alerting.rules.RulePack;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nplus rules test | check | list}: output and the exit codes (0 pass, 1 a test failed, 3 a bad file). */
class RulesCommandTest {
    static final String PASSING = """
        tests:
          - name: a degraded array pages at once
            targets:
              - name: db1
                components:
                  - {kind: virtual_drive, id: vd.0, name: "Virtual Disk 0", health: "ok x5 degraded", reason: "a member failed"}
            alert_rule_test:
              - {eval_time: 5m, exp_alerts: []}
              - eval_time: 6m
                exp_alerts:
                  - {alertname: StorageRedundancyLost, target: db1, component: vd.0, severity: page}
        """;

    static final String FAILING = PASSING.replace("a degraded array pages at once", "a page that never comes")
        .replace("health: \"ok x5 degraded\"", "health: \"ok x5 warning\"");

    @Test
    void withNoFileTheBuiltInTestsRunAndPass() {
        NplusRun run = NplusRun.of("rules", "test");
        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("rules/default.tests.yaml\n  ok    a healthy host stays quiet\n")
            .contains("  ok    a correlated reboot of a switch pair is one page\n")
            .containsPattern("\n(\\d+) tests: \\1 passed\n$");
    }

    @Test
    void aPassingFileExitsZero(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("array.tests.yaml"), PASSING);
        NplusRun run = NplusRun.of("rules", "test", f.toString());
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo(f + "\n  ok    a degraded array pages at once\n1 test: 1 passed\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aFailingTestExitsOneAndSaysWhichAlertIsMissing(@TempDir Path dir) throws Exception {
        Path ok = Files.writeString(dir.resolve("ok.tests.yaml"), PASSING);
        Path bad = Files.writeString(dir.resolve("bad.tests.yaml"), FAILING);
        NplusRun run = NplusRun.of("rules", "test", ok.toString(), bad.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo(ok + "\n  ok    a degraded array pages at once\n"
            + bad + "\n  FAIL  a page that never comes (" + bad + ":2)\n"
            + "        at 6m (" + bad + ":9): 1 missing, 0 unexpected (firing alerts)\n"
            + "          missing:    StorageRedundancyLost{target=\"db1\", component=\"vd.0\", severity=\"page\"} firing\n"
            + "2 tests: 1 passed, 1 failed\n");
    }

    @Test
    void aBadFileExitsThreeWithOneLineNamingFileLineAndProblem(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.tests.yaml"), PASSING.replace("ok x5 degraded", "ok x5 degradd"));
        NplusRun run = NplusRun.of("rules", "test", bad.toString());
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("nplus rules test: " + bad + ":6 tests[0].targets[0].components[0].health:"
            + " unknown health 'degradd'; expected ok, warning, degraded, failed, unknown\n");

        NplusRun missing = NplusRun.of("rules", "test", dir.resolve("nope.yaml").toString());
        assertThat(missing.exit()).isEqualTo(3);
        assertThat(missing.err()).isEqualTo("nplus rules test: " + dir.resolve("nope.yaml") + ": no such file\n");

        // The other files still run; a bad file decides the exit code.
        Path failing = Files.writeString(dir.resolve("failing.tests.yaml"), FAILING);
        NplusRun both = NplusRun.of("rules", "test", bad.toString(), failing.toString());
        assertThat(both.exit()).isEqualTo(3);
        assertThat(both.out()).contains("FAIL  a page that never comes").endsWith("1 test: 0 passed, 1 failed\n");
        assertThat(both.err().lines()).hasSize(1);
    }

    @Test
    void aBadRuleFileNamesItsOwnLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("site.yaml"), "rules:\n  - {name: X, kind: health, severity: pager}\n");
        Path t = Files.writeString(dir.resolve("t.yaml"), "rule_files: [site.yaml]\n" + PASSING);
        NplusRun run = NplusRun.of("rules", "test", t.toString());
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("nplus rules test: " + dir.resolve("site.yaml") + ":2 rules[0].severity:"
            + " unknown severity 'pager'; expected page, ticket or info\n");
    }

    @Test
    void runPicksTestsByNameAndBuiltinAddsTheShippedOnes(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("t.yaml"), PASSING + FAILING.substring(FAILING.indexOf("  - name:")));
        NplusRun one = NplusRun.of("rules", "test", "--run", "degraded array", f.toString());
        assertThat(one.exit()).isZero();
        assertThat(one.out()).isEqualTo(f + "\n  ok    a degraded array pages at once\n1 test: 1 passed\n");
        NplusRun none = NplusRun.of("rules", "test", "--run", "nothing like this", f.toString());
        assertThat(none.exit()).isEqualTo(3);
        assertThat(none.err()).isEqualTo("nplus rules test: no test name matches --run 'nothing like this'\n");
        NplusRun builtin = NplusRun.of("rules", "test", "--builtin", "--run", "read-only", f.toString());
        assertThat(builtin.exit()).isZero();
        assertThat(builtin.out()).startsWith("rules/default.tests.yaml\n  ok    a filesystem gone read-only pages")
            .doesNotContain(f.toString()).endsWith("2 tests: 2 passed\n");
    }

    @Test
    void checkLoadsRuleFilesOnTopOfTheBuiltInOnes(@TempDir Path dir) throws Exception {
        Path site = Files.writeString(dir.resolve("site.yaml"), """
            rules:
              - {name: OpticAlarm, kind: health, select: {kinds: [transceiver]}, at_least: degraded, for: 2m, severity: page}
              - {name: HeartbeatMissing, disabled: true}
              - {name: UplinkDown, kind: redundancy, groups: "uplink*", severity: page}
            """);
        NplusRun run = NplusRun.of("rules", "check", site.toString());
        assertThat(run.exit()).isZero();
        int builtIn = RulePack.builtIn().names().size();
        assertThat(run.out()).isEqualTo(site + ": ok: 1 added, 1 replaced, 1 disabled\n" + builtIn + " rules in effect ("
            + builtIn + " built in)\n");

        Path bad = Files.writeString(dir.resolve("bad.yaml"), "rules:\n  - {name: X, kind: health, severity: page,"
            + " at_least: degradd}\n");
        NplusRun b = NplusRun.of("rules", "check", site.toString(), bad.toString());
        assertThat(b.exit()).isEqualTo(3);
        assertThat(b.out()).isEmpty();
        assertThat(b.err()).isEqualTo("nplus rules check: " + bad + ":2 rules[0].at_least: unknown health 'degradd';"
            + " expected ok, unknown, warning, degraded or failed\n");

        NplusRun missing = NplusRun.of("rules", "check", dir.resolve("nope.yaml").toString());
        assertThat(missing.exit()).isEqualTo(3);
        assertThat(missing.err()).isEqualTo("nplus rules check: " + dir.resolve("nope.yaml") + ": no such file\n");
        assertThat(NplusRun.of("rules", "check").exit()).isEqualTo(3); // a FILE is required
    }

    @Test
    void listShowsEveryBuiltInRule() {
        NplusRun run = NplusRun.of("rules", "list");
        assertThat(run.exit()).isZero();
        String[] lines = run.out().split("\n");
        assertThat(lines[0]).matches("NAME +KIND +SEVERITY +FOR +SUMMARY");
        assertThat(lines).hasSize(RulePack.builtIn().names().size() + 1);
        assertThat(run.out()).containsPattern("\nOpticAlarm +health +page +1m +\\{target\\}: \\{kind\\} \\{name\\} is")
            .containsPattern("\nStorageRedundancyLost +health +page +- +")
            .containsPattern("\nCollectionGap +gap +page +- +");
        for (String name : RulePack.builtIn().names()) {
            assertThat(run.out()).contains("\n" + name + " ");
        }
    }

    @Test
    void helpListsTheRulesCommands() {
        assertThat(NplusRun.of("--help").out()).contains("rules");
        NplusRun rules = NplusRun.of("rules");
        assertThat(rules.exit()).isZero();
        assertThat(rules.out()).contains("test", "check", "list");
    }

    /** The README's example is what users copy: it must pass as written. */
    @Test
    void theReadmeExamplePasses(@TempDir Path dir) throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        int section = readme.indexOf("### Testing rules");
        int rulesFrom = readme.indexOf("```yaml", section) + "```yaml".length();
        String rules = readme.substring(rulesFrom, readme.indexOf("```", rulesFrom));
        int testsFrom = readme.indexOf("```yaml", rulesFrom) + "```yaml".length();
        String tests = readme.substring(testsFrom, readme.indexOf("```", testsFrom));
        Files.writeString(dir.resolve("site-rules.yaml"), rules);
        Path t = Files.writeString(dir.resolve("site-rules.tests.yaml"), tests);
        NplusRun run = NplusRun.of("rules", "test", t.toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).endsWith("1 test: 1 passed\n");
        assertThat(run.exit()).isZero();
        assertThat(NplusRun.of("rules", "check", dir.resolve("site-rules.yaml").toString()).exit()).isZero();
    }
}
