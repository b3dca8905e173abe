package io.nplus.alerting.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.alerting.model.Observation;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.Health;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Running tests: what the engine is fed per step, and how a mismatch reads. */
class RuleTestRunnerTest {
    private static List<RuleTestRunner.Result> run(String yaml) {
        return RuleTestRunner.run(RuleTestFile.parse("t.yaml", yaml, null), name -> true);
    }

    private static RuleTestRunner.Result only(String yaml) {
        List<RuleTestRunner.Result> r = run(yaml);
        assertThat(r).hasSize(1);
        return r.get(0);
    }

    static final String ARRAY = """
        tests:
          - name: a degraded array pages at once
            targets:
              - name: db1
                labels: {site: fra1}
                components:
                  - {kind: virtual_drive, id: vd.0, name: "Virtual Disk 0", profile: megaraid,
                     health: "ok x5 degraded", state: "optimal x5 degraded", reason: "a member failed"}
            alert_rule_test:
              - eval_time: 5m
                exp_alerts: []
              - eval_time: 6m
                exp_alerts:
                  - {alertname: StorageRedundancyLost, target: db1, component: vd.0, severity: page,
                     summary: "is degraded: a member failed", labels: {site: fra1, kind: virtual_drive}}
        """;

    @Test
    void aPassingTest() {
        RuleTestRunner.Result r = only(ARRAY);
        assertThat(r.failures()).isEmpty();
        assertThat(r.passed()).isTrue();
        assertThat(r.name()).isEqualTo("a degraded array pages at once");
        assertThat(r.where()).isEqualTo("t.yaml:2");
        assertThat(r.file()).isEqualTo("t.yaml");
    }

    @Test
    void aFailingTestNamesTheMissingAndTheUnexpectedAlert() {
        String wrong = ARRAY.replace("eval_time: 5m", "eval_time: 7m").replace("alertname: StorageRedundancyLost",
            "alertname: StorageAtRisk").replace("severity: page,", "severity: ticket,");
        RuleTestRunner.Result r = only(wrong);
        assertThat(r.passed()).isFalse();
        // In time order: the check at 6m (written second) fails first.
        assertThat(r.failures()).containsExactly("""
            at 6m (t.yaml:12): 1 missing, 1 unexpected (firing alerts)
              missing:    StorageAtRisk{target="db1", component="vd.0", site="fra1", kind="virtual_drive", \
            severity="ticket"} firing, summary containing "is degraded: a member failed"
              unexpected: StorageRedundancyLost{target="db1", component="vd.0", severity="page"} firing since 6m: \
            "db1: virtual drive Virtual Disk 0 is degraded: a member failed\"""", """
            at 7m (t.yaml:10): 0 missing, 1 unexpected (firing alerts)
              unexpected: StorageRedundancyLost{target="db1", component="vd.0", severity="page"} firing since 6m: \
            "db1: virtual drive Virtual Disk 0 is degraded: a member failed"
              (exp_alerts is empty: nothing may be firing at 7m)""");
    }

    @Test
    void aMissingAlertShowsTheSameAlertInAnotherState() {
        String early = ARRAY.replace("is degraded: a member failed", "is failed");
        RuleTestRunner.Result r = only(early);
        assertThat(r.failures()).hasSize(1);
        assertThat(r.failures().get(0)).contains("1 missing, 1 unexpected")
            .contains("missing:    StorageRedundancyLost{target=\"db1\", component=\"vd.0\", site=\"fra1\", "
                + "kind=\"virtual_drive\", severity=\"page\"} firing, summary containing \"is failed\"")
            .contains("unexpected: StorageRedundancyLost{target=\"db1\", component=\"vd.0\", severity=\"page\"} firing");
        String optic = """
            tests:
              - targets:
                  - name: sw1
                    components:
                      - {kind: transceiver, id: "49", readings: {rx_power_dbm: "-3 -15"},
                         thresholds: {rx_power_dbm: {low_alarm: -14}}}
                alert_rule_test:
                  - eval_time: 1m
                    exp_alerts: [{alertname: OpticAlarm, target: sw1, component: "49"}]
            """;
        assertThat(only(optic).failures()).containsExactly("""
            at 1m (t.yaml:8): 1 missing, 0 unexpected (firing alerts)
              missing:    OpticAlarm{target="sw1", component="49"} firing
                          there is OpticAlarm{target="sw1", component="49", severity="page"} pending since 1m: \
            "sw1: transceiver 49 is degraded: rx_power_dbm -15 below low alarm -14\"""");
        assertThat(only(optic.replace("component: \"49\"}", "component: \"49\", state: pending}")).passed()).isTrue();
    }

    @Test
    void alertnameTargetAndComponentAreTheIdentityTheRestIsCheckedWhenGiven() {
        String base = """
            tests:
              - targets:
                  - name: db1
                    components:
                      - {kind: physical_drive, id: "1", health: failed}
                      - {kind: physical_drive, id: "2", health: failed}
                alert_rule_test:
                  - eval_time: 0m
                    exp_alerts:
                      - EXP1
                      - EXP2
            """;
        String a = "{alertname: StorageRedundancyLost, target: db1, component: \"1\"}";
        String b = "{alertname: StorageRedundancyLost, target: db1, component: \"2\"}";
        assertThat(only(base.replace("EXP1", a).replace("EXP2", b)).passed()).isTrue();
        // Without the component the expectation is about the target itself: no component alert matches it.
        String noComponent = "{alertname: StorageRedundancyLost, target: db1}";
        RuleTestRunner.Result r = only(base.replace("EXP1", a).replace("EXP2", noComponent));
        assertThat(r.failures().get(0)).contains("1 missing, 1 unexpected")
            .contains("missing:    StorageRedundancyLost{target=\"db1\"} firing");
        // Two of the same expectation need two alerts.
        assertThat(only(base.replace("EXP1", a).replace("EXP2", a)).failures().get(0)).contains("1 missing, 1 unexpected");
        // Labels and severity, when given, must be equal.
        assertThat(only(base.replace("EXP1", a).replace("EXP2", b.replace("}", ", severity: ticket}"))).passed()).isFalse();
        assertThat(only(base.replace("EXP1", a).replace("EXP2", b.replace("}", ", labels: {kind: physical_drive}}")))
            .passed()).isTrue();
        assertThat(only(base.replace("EXP1", a).replace("EXP2", b.replace("}", ", labels: {site: x}}"))).passed()).isFalse();
    }

    @Test
    void unreachableTargetsHoldBackTheirAlertsAndThatIsExpectedExplicitly() {
        String yaml = """
            tests:
              - targets:
                  - name: db1
                    up: "1x1 0"
                    components:
                      - {kind: virtual_drive, id: vd.0, health: degraded}
                alert_rule_test:
                  - eval_time: 5m
                    exp_alerts:
                      - {alertname: TargetUnreachable, target: db1}
                      - {alertname: StorageRedundancyLost, target: db1, component: vd.0, INHIBITED}
            """;
        assertThat(only(yaml.replace("INHIBITED", "inhibited: true")).passed()).isTrue();
        RuleTestRunner.Result r = only(yaml.replace(", INHIBITED", ""));
        assertThat(r.failures().get(0)).contains("1 missing, 1 unexpected")
            .contains("unexpected: StorageRedundancyLost{target=\"db1\", component=\"vd.0\", severity=\"page\"} firing"
                + " since 0s, held back by nplus:TargetUnreachable:db1");
    }

    @Test
    void observationsFollowTheSeries() {
        RuleTestFile f = RuleTestFile.parse("t.yaml", """
            tests:
              - targets:
                  - name: db1
                    labels: {site: fra1}
                    up: "1x1 0 _ 1"
                    uptime: "100+60x2 5"
                    components:
                      - {kind: virtual_drive, id: vd.0, health: "ok _ warning", reason: rebuilding}
                      - {kind: interface, id: "1", name: eno1, state: "up down", labels: {interface_role: onboard},
                         readings: {speed_bits_per_second: "1e9 _"}, rates: {in_octets: "5 _ 7"}}
                      - {kind: transceiver, id: "1", readings: {rx_power_dbm: "-3 -12 -15"},
                         thresholds: {rx_power_dbm: {low_alarm: -14, low_warning: -10}}}
                alert_rule_test: [{eval_time: 5m}]
            """, null);
        RuleTestFile.TargetData db1 = f.tests().get(0).targets().get(0);
        Duration minute = Duration.ofMinutes(1);
        Map<String, Double> uptimes = new HashMap<>();
        Observation s0 = RuleTestRunner.observation(db1, 0, Instant.EPOCH, minute, uptimes);
        assertThat(s0.reachable()).isTrue();
        assertThat(s0.rebooted()).isFalse();
        assertThat(s0.labels()).containsEntry("site", "fra1");
        assertThat(s0.components()).extracting(Component::id).containsExactly("vd.0", "1", "1");
        Component eno1 = s0.components().get(1);
        assertThat(eno1.state()).isEqualTo("up");
        assertThat(eno1.labels()).containsEntry("interface_role", "onboard");
        assertThat(eno1.readings()).containsEntry("speed_bits_per_second", 1e9);
        assertThat(s0.ratesOf(eno1)).containsEntry("in_octets", 5.0);
        assertThat(s0.components().get(2).health()).isEqualTo(Health.OK);

        Observation s1 = RuleTestRunner.observation(db1, 1, Instant.EPOCH, minute, uptimes);
        assertThat(s1.components()).extracting(Component::id).containsExactly("1", "1"); // vd.0 is _: absent
        assertThat(s1.components().get(0).readings()).isEmpty();
        assertThat(s1.components().get(0).state()).isEqualTo("down");
        assertThat(s1.rates()).isEmpty();
        Component optic = s1.components().get(1);
        assertThat(optic.health()).isEqualTo(Health.WARNING);
        assertThat(optic.reason()).isEqualTo("rx_power_dbm -12 below low warning -10");

        Observation s2 = RuleTestRunner.observation(db1, 2, Instant.EPOCH, minute, uptimes);
        assertThat(s2.reachable()).isFalse();
        assertThat(s2.components()).isEmpty();
        assertThat(s2.error()).isEqualTo("no answer (up is 0 in the test)");

        assertThat(RuleTestRunner.observation(db1, 3, Instant.EPOCH, minute, uptimes)).isNull(); // _: not polled

        Observation s4 = RuleTestRunner.observation(db1, 4, Instant.EPOCH, minute, uptimes);
        assertThat(s4.rebooted()).isTrue(); // 5 after 160 at the last answer
        Component vd = s4.components().get(0);
        assertThat(vd.health()).isEqualTo(Health.WARNING);
        assertThat(vd.reason()).isEqualTo("rebuilding");
        assertThat(s4.components().get(2).health()).isEqualTo(Health.DEGRADED);
        assertThat(s4.components().get(2).reason()).isEqualTo("rx_power_dbm -15 below low alarm -14");
        assertThat(RuleTestRunner.observation(db1, 40, Instant.EPOCH, minute, uptimes).rebooted()).isFalse();
    }

    @Test
    void heartbeatsGapsAndCheckTimesBetweenSteps() {
        String yaml = """
            tests:
              - interval: 10m
                targets:
                  - {name: db1, up: "1x1 _"}
                heartbeats: [{name: backup, at: [5m], max_age: 30m}]
                alert_rule_test:
                  - {eval_time: 35m, exp_alerts: []}
                  - eval_time: 35m1s
                    exp_alerts:
                      - {alertname: HeartbeatMissing, labels: {heartbeat: backup}}
                  - eval_time: 50m1s
                    exp_alerts:
                      - {alertname: HeartbeatMissing, labels: {heartbeat: backup}}
                      - {alertname: CollectionGap, target: db1, summary: "no poll has finished for 40m1s"}
            """;
        RuleTestRunner.Result r = only(yaml);
        assertThat(r.failures()).isEmpty();
    }

    @Test
    void aCheckWithAnAlertnameComparesOnlyThatRulesAlerts() {
        String yaml = """
            tests:
              - targets:
                  - name: db1
                    components:
                      - {kind: physical_drive, id: "1", health: failed}
                      - {kind: power_supply, id: psu.1, health: failed}
                alert_rule_test:
                  - eval_time: 0m
                    alertname: PowerOrCoolingFault
                    exp_alerts:
                      - {alertname: PowerOrCoolingFault, target: db1, component: psu.1}
                  - {eval_time: 0m, alertname: SensorAlarm, exp_alerts: []}
            """;
        assertThat(only(yaml).passed()).isTrue();
        RuleTestRunner.Result r = only(yaml.replace("alertname: SensorAlarm", "alertname: StorageRedundancyLost"));
        assertThat(r.failures()).containsExactly("""
            at 0s (t.yaml:12): 0 missing, 1 unexpected (firing alerts of StorageRedundancyLost)
              unexpected: StorageRedundancyLost{target="db1", component="1", severity="page"} firing since 0s: \
            "db1: physical drive 1 is failed"
              (exp_alerts is empty: nothing of StorageRedundancyLost may be firing at 0s)""");
    }

    @Test
    void siteRulesFromRuleFilesRunWithOrWithoutTheBuiltInOnes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
        throws Exception {
        java.nio.file.Files.writeString(dir.resolve("site.yaml"), """
            rules:
              - {name: ConnectionLimitChanged, kind: change, reading: max_connections, baseline_for: 10m, severity: page}
            """);
        String tests = """
            rule_files: [site.yaml]
            default_rules: DEFAULTS
            tests:
              - name: a configuration reset to its default is reported with before and after
                targets:
                  - name: db1
                    components:
                      - {kind: sensor, id: pg, name: postgres, readings: {max_connections: "5000x20 30"}}
                alert_rule_test:
                  - {eval_time: 20m, exp_alerts: []}
                  - eval_time: 21m
                    exp_alerts:
                      - {alertname: ConnectionLimitChanged, target: db1, component: pg, severity: page,
                         summary: "db1: sensor postgres: max connections changed 5000 -> 30"}
                  - {eval_time: 1d1h, exp_alerts: []}   # held a day: the new baseline
            """;
        for (String defaults : new String[] {"true", "false"}) {
            java.nio.file.Path t = java.nio.file.Files.writeString(dir.resolve("t.yaml"), tests.replace("DEFAULTS", defaults));
            RuleTestFile f = RuleTestFile.read(t);
            assertThat(f.rules().names()).hasSize(defaults.equals("true") ? RulePackSize.BUILT_IN + 1 : 1);
            assertThat(RuleTestRunner.run(f, n -> true)).singleElement().satisfies(r -> assertThat(r.failures()).isEmpty());
        }
    }

    private static final class RulePackSize {
        static final int BUILT_IN = io.nplus.alerting.rules.RulePack.builtIn().names().size();
    }

    @Test
    void testsRunAloneAndCanBeSelected() {
        String two = ARRAY + ARRAY.substring(ARRAY.indexOf("  - name:")).replace("a degraded array", "another array");
        assertThat(run(two)).extracting(RuleTestRunner.Result::name)
            .containsExactly("a degraded array pages at once", "another array pages at once");
        assertThat(RuleTestRunner.run(RuleTestFile.parse("t.yaml", two, null), n -> n.startsWith("another")))
            .extracting(RuleTestRunner.Result::name).containsExactly("another array pages at once");
        assertThat(run(two)).allMatch(RuleTestRunner.Result::passed);
    }
}
