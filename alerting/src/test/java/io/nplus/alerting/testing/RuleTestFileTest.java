package io.nplus.alerting.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nplus.alerting.model.AlertState;
import io.nplus.alerting.model.Severity;
import io.nplus.mibs.vocab.ComponentKind;
import io.nplus.mibs.vocab.Health;
import io.nplus.mibs.yaml.YamlException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading test files: defaults, rule files relative to the test file, and every mistake at its line. */
class RuleTestFileTest {
    static final String MINIMAL = """
        tests:
          - name: quiet
            targets:
              - name: db1
                components:
                  - {kind: virtual_drive, id: vd.0, health: "ok x2 degraded", state: optimal}
            alert_rule_test:
              - eval_time: 3m
                exp_alerts:
                  - {alertname: StorageRedundancyLost, target: db1, component: vd.0, severity: page}
        """;

    private static RuleTestFile parse(String yaml) {
        return RuleTestFile.parse("t.yaml", yaml, null);
    }

    private static String errorOf(String yaml) {
        try {
            parse(yaml);
        } catch (YamlException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error");
    }

    @Test
    void defaults() {
        RuleTestFile f = parse(MINIMAL);
        assertThat(f.rules().names()).contains("StorageRedundancyLost", "HeartbeatMissing");
        RuleTestFile.RuleTest t = f.tests().get(0);
        assertThat(t.name()).isEqualTo("quiet");
        assertThat(t.where()).isEqualTo("t.yaml:2");
        assertThat(t.interval()).isEqualTo(Duration.ofMinutes(1));
        RuleTestFile.TargetData db1 = t.targets().get(0);
        assertThat(db1.up()).isNull();
        assertThat(db1.labels()).isEmpty();
        RuleTestFile.ComponentData vd = db1.components().get(0);
        assertThat(vd.kind()).isEqualTo(ComponentKind.VIRTUAL_DRIVE);
        assertThat(vd.name()).isEqualTo("vd.0");
        assertThat(vd.health()).containsExactly(Health.OK, Health.OK, Health.OK, Health.DEGRADED);
        RuleTestFile.Case c = t.cases().get(0);
        assertThat(c.where()).isEqualTo("t.yaml:8");
        assertThat(c.alerts().get(0)).isEqualTo(new RuleTestFile.Expected("StorageRedundancyLost", "db1", "vd.0",
            Severity.PAGE, AlertState.FIRING, false, null, java.util.Map.of()));
    }

    @Test
    void ruleFilesAreRelativeToTheTestFileAndMayReplaceTheDefaults(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("rules"));
        Files.writeString(dir.resolve("rules/site.yaml"), """
            rules:
              - {name: ConnectionLimitChanged, kind: change, reading: max_connections, baseline_for: 10m, severity: page}
            """);
        Path test = Files.writeString(dir.resolve("site.tests.yaml"), """
            rule_files: [rules/site.yaml]
            default_rules: false
            tests:
              - alert_rule_test: [{eval_time: 0m}]
            """);
        RuleTestFile f = RuleTestFile.read(test);
        assertThat(f.rules().names()).containsExactly("ConnectionLimitChanged");
        assertThat(f.tests().get(0).name()).isEqualTo("test 1");
        assertThat(f.tests().get(0).cases().get(0).alerts()).isEmpty();
    }

    @Test
    void aBadRuleFileIsReportedAtItsOwnLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("site.yaml"), """
            rules:
              - name: Ok
                kind: health
                severity: page
              - name: Typo
                kind: helth
                severity: page
            """);
        Path test = Files.writeString(dir.resolve("t.yaml"), "rule_files: [site.yaml]\ntests: [{alert_rule_test: [{eval_time: 1m}]}]\n");
        assertThatThrownBy(() -> RuleTestFile.read(test)).isInstanceOf(YamlException.class)
            .hasMessageStartingWith(dir.resolve("site.yaml") + ":6 rules[1].kind: unknown rule kind 'helth'");
    }

    @Test
    void aMissingRuleFileIsReportedAtTheTestFilesLine(@TempDir Path dir) throws Exception {
        Path test = Files.writeString(dir.resolve("t.yaml"), "tests: [{alert_rule_test: [{eval_time: 1m}]}]\n"
            + "rule_files:\n  - nope.yaml\n");
        assertThatThrownBy(() -> RuleTestFile.read(test)).hasMessage(test + ":3 rule_files[0]: no such file: "
            + dir.resolve("nope.yaml"));
    }

    @Test
    void mistakesNameTheLineAndTheKeyPath() {
        assertThat(errorOf(MINIMAL.replace("\"ok x2 degraded\"", "\"ok x2 degradd\"")))
            .isEqualTo("t.yaml:6 tests[0].targets[0].components[0].health: unknown health 'degradd'; expected ok,"
                + " warning, degraded, failed, unknown");
        assertThat(errorOf(MINIMAL.replace("\"ok x2 degraded\"", "\"okx2 degraded\"")))
            .startsWith("t.yaml:6 tests[0].targets[0].components[0].health: bad series 'okx2 degraded': 'okx2': to"
                + " repeat a word put a space before the count");
        assertThat(errorOf(MINIMAL.replace("name: db1", "name: db1\n        up: \"1x3 2\"")))
            .isEqualTo("t.yaml:5 tests[0].targets[0].up: up is 1 (answers), 0 (does not answer) or _ (not polled), not 2");
        assertThat(errorOf(MINIMAL.replace("alertname: StorageRedundancyLost", "alertname: StorageRedundancyLst")))
            .startsWith("t.yaml:10 tests[0].alert_rule_test[0].exp_alerts[0].alertname: no rule 'StorageRedundancyLst'"
                + " among the rules tested; rules: StorageRedundancyLost, ");
        assertThat(errorOf(MINIMAL.replace("target: db1,", "target: db2,")))
            .isEqualTo("t.yaml:10 tests[0].alert_rule_test[0].exp_alerts[0].target: no target 'db2' in this test;"
                + " targets: db1");
        assertThat(errorOf(MINIMAL.replace("severity: page", "severity: critical")))
            .isEqualTo("t.yaml:10 tests[0].alert_rule_test[0].exp_alerts[0].severity: unknown severity 'critical';"
                + " expected page, ticket or info");
        assertThat(errorOf(MINIMAL.replace("severity: page}", "severity: page, state: resolved}")))
            .isEqualTo("t.yaml:10 tests[0].alert_rule_test[0].exp_alerts[0].state: bad state 'resolved'; expected"
                + " firing or pending");
        assertThat(errorOf(MINIMAL.replace("eval_time: 3m", "eval_time: 3 minutes")))
            .startsWith("t.yaml:8 tests[0].alert_rule_test[0].eval_time: '3 minutes' is not a duration");
        assertThat(errorOf(MINIMAL.replace("kind: virtual_drive", "kind: raid")))
            .startsWith("t.yaml:6 tests[0].targets[0].components[0].kind: unknown kind 'raid'; expected controller,");
        assertThat(errorOf(MINIMAL.replace("state: optimal", "stat: optimal")))
            .startsWith("t.yaml:6 tests[0].targets[0].components[0].stat: unknown key 'stat'; allowed: health, id,");
        assertThat(errorOf(MINIMAL.replace("    alert_rule_test:", "    alert_rule_tests:")))
            .startsWith("t.yaml:7 tests[0].alert_rule_tests: unknown key 'alert_rule_tests'");
    }

    @Test
    void moreMistakes() {
        assertThat(errorOf("tests: []\n")).isEqualTo("t.yaml:1 tests: no 'tests:' list");
        assertThat(errorOf("tests:\n  - name: x\n")).isEqualTo("t.yaml:2 tests[0]: test 'x' checks nothing: add"
            + " alert_rule_test with eval_time and exp_alerts");
        assertThat(errorOf("default_rules: false\ntests: [{alert_rule_test: [{eval_time: 1m}]}]\n"))
            .isEqualTo("t.yaml:1 default_rules: no rules to test: give rule_files, or default_rules: true");
        assertThat(errorOf("rule_files: [a.yaml]\ntests: [{alert_rule_test: [{eval_time: 1m}]}]\n"))
            .isEqualTo("t.yaml:1 rule_files[0]: this file cannot name rule files");
        String twice = MINIMAL.replace("      - name: db1\n", "      - name: db1\n      - name: db1\n");
        assertThat(errorOf(twice)).isEqualTo("t.yaml:5 tests[0].targets[1].name: target 'db1' is given twice");
        String group = MINIMAL.replace("    targets:", "    groups: [{name: g, members: [{target: \"sw*\"}]}]\n    targets:");
        assertThat(errorOf(group)).isEqualTo("t.yaml:3 tests[0].groups[0].members[0].target: no target of this test"
            + " matches 'sw*'; targets: db1");
        String thresholds = MINIMAL.replace("state: optimal}", "state: optimal, readings: {rx_power_dbm: -3},"
            + " thresholds: {rx_powr_dbm: {low_alarm: -14}}}");
        assertThat(errorOf(thresholds)).isEqualTo("t.yaml:6 tests[0].targets[0].components[0].thresholds.rx_powr_dbm:"
            + " thresholds for 'rx_powr_dbm' but no such reading; readings: rx_power_dbm");
        assertThat(errorOf(MINIMAL.replace("eval_time: 3m", "eval_time: 400d")))
            .startsWith("t.yaml:8 tests[0].alert_rule_test[0].eval_time: more than 200000 steps of 1m");
        assertThat(errorOf(MINIMAL.replace("severity: page}", "severity: page, labels: {target: db1}}")))
            .isEqualTo("t.yaml:10 tests[0].alert_rule_test[0].exp_alerts[0].labels.target: give target as a key of"
                + " the alert itself, not under labels");
        assertThat(errorOf(MINIMAL.replace("- eval_time: 3m", "- eval_time: 3m\n        alertname: OpticAlarm")))
            .isEqualTo("t.yaml:11 tests[0].alert_rule_test[0].exp_alerts[0].alertname: this check compares only the"
                + " alerts of OpticAlarm (its alertname), not StorageRedundancyLost");
        assertThat(errorOf(MINIMAL.replace("- eval_time: 3m", "- eval_time: 3m\n        alertname: OpticAlrm")))
            .startsWith("t.yaml:9 tests[0].alert_rule_test[0].alertname: no rule 'OpticAlrm' among the rules tested");
        assertThat(errorOf("tests: [{interval: 0s, alert_rule_test: [{eval_time: 1m}]}]\n"))
            .isEqualTo("t.yaml:1 tests[0].interval: the interval must be positive");
    }
}
