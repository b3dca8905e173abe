package io.nplus.alerting.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.nplus.alerting.model.Severity;
import io.nplus.mibs.yaml.YamlException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading rule files: every mistake is refused with the file, the line and the key path. */
class RulePackTest {
    private static YamlException error(String yaml) {
        return catchThrowableOfType(YamlException.class, () -> RulePack.parse("site-rules.yaml", yaml, true));
    }

    private static void assertError(YamlException e, int line, String path, String problem) {
        assertThat(e).as("a YamlException").isNotNull();
        assertThat(e.file()).isEqualTo("site-rules.yaml");
        assertThat(e.line()).as("line of " + e.getMessage()).isEqualTo(line);
        assertThat(e.path()).isEqualTo(path);
        assertThat(e.problem()).isEqualTo(problem);
        assertThat(e.getMessage()).isEqualTo("site-rules.yaml:" + line + " " + path + ": " + problem);
    }

    @Test
    void theBuiltInPackLoads() {
        RulePack p = RulePack.builtIn();
        assertThat(p.names()).contains("StorageRedundancyLost", "OpticAlarm", "RedundancyLost", "CorrelatedReboot",
            "TargetUnreachable", "CollectionGap", "HeartbeatMissing").doesNotHaveDuplicates();
        assertThat(p.get("OpticAlarm").forDuration()).isEqualTo(Duration.ofMinutes(1));
        assertThat(p.get("OpticAlarm").severity()).isEqualTo(Severity.PAGE);
        assertThat(p.rules().stream().map(Rule::kind).distinct()).as("every kind has a built-in rule")
            .containsExactlyInAnyOrderElementsOf(RuleSpec.KINDS);
    }

    @Test
    void unknownKind() {
        assertError(error("""
            rules:
              - name: Hot
                kind: treshold
                severity: page
            """), 3, "rules[0].kind", "unknown rule kind 'treshold'; expected one of health, threshold, absence,"
            + " unreachable, gap, heartbeat, change, reboot, flapping, redundancy, correlated, nic_share, near_capacity,"
            + " speed_drop");
    }

    @Test
    void aKeyTheKindDoesNotUseNamesTheKeyAndWhatTheKindTakes() {
        assertError(error("""
            rules:
              - name: DriveBad
                kind: health
                at_least: degraded
                above: 80
                severity: page
            """), 5, "rules[0].above", "'above' is not used by health rules; they take at_least, at_most");
        assertError(error("""
            rules:
              - name: Down
                kind: unreachable
                severity: page
                within: 3m
            """), 5, "rules[0].within", "'within' is not used by unreachable rules");
    }

    @Test
    void aKeyNoKindKnowsIsATypo() {
        YamlException e = error("""
            rules:
              - name: DriveBad
                kind: health
                at_lest: degraded
                severity: page
            """);
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.path()).isEqualTo("rules[0].at_lest");
        assertThat(e.problem()).startsWith("unknown key 'at_lest'; allowed: ").contains("at_least", "at_most");
    }

    @Test
    void selectPartsAKindIgnoresAreRefused() {
        assertError(error("""
            rules:
              - name: Rebooted
                kind: reboot
                select: {target: "core-*", kinds: [interface]}
                severity: info
            """), 4, "rules[0].select.kinds", "'kinds' is not used by reboot rules; they select by target");
        assertError(error("""
            rules:
              - name: Beat
                kind: heartbeat
                heartbeat: backup
                select: {target: "db-*"}
                severity: page
            """), 5, "rules[0].select", "'select' is not used by heartbeat rules; they take heartbeat, max_age");
        assertError(error("""
            rules:
              - name: Full
                kind: near_capacity
                select: {kinds: [interface, transceiver]}
                severity: ticket
            """), 4, "rules[0].select.kinds[1]", "near_capacity rules look at interfaces only, not 'transceiver'");
        assertError(error("""
            rules:
              - name: AgentGone
                kind: absence
                of: profile
                select: {kinds: [physical_drive]}
                severity: page
            """), 5, "rules[0].select.kinds", "'kinds' is not used by absence (of: profile) rules; they select by"
            + " profiles, target");
    }

    @Test
    void badSeverity() {
        assertError(error("""
            rules:
              - name: DriveBad
                kind: health
                severity: urgent
            """), 4, "rules[0].severity", "unknown severity 'urgent'; expected page, ticket or info");
        assertError(error("""
            rules:
              - name: DriveBad
                kind: health
            """), 2, "rules[0]", "rule DriveBad needs a severity: page, ticket or info");
    }

    @Test
    void badDuration() {
        assertError(error("""
            rules:
              - name: DriveBad
                kind: health
                severity: page
                for: 5 minutes
            """), 5, "rules[0].for", "'5 minutes' is not a duration; write it like 500ms, 5s, 2m, 1h30m or 7d");
        assertError(error("""
            rules:
              - name: Beat
                kind: heartbeat
                heartbeat: backup
                max_age: soon
                severity: page
            """), 5, "rules[0].max_age", "'soon' is not a duration; write it like 500ms, 5s, 2m, 1h30m or 7d");
        assertError(error("""
            rules:
              - name: Gap
                kind: gap
                within: 3m
                severity: page
            """), 4, "rules[0].within", "write it as a number of poll intervals: '3 intervals'");
    }

    @Test
    void clearOnTheWrongSide() {
        assertError(error("""
            rules:
              - name: Hot
                kind: threshold
                reading: temperature_celsius
                above: 80
                clear: 85
                severity: page
            """), 6, "rules[0].clear", "clear 85.0 is above the threshold 80.0; for 'above' the clear value is lower"
            + " (hysteresis)");
        assertError(error("""
            rules:
              - name: Cold
                kind: threshold
                reading: temperature_celsius
                below: 10
                clear: 5
                severity: page
            """), 6, "rules[0].clear", "clear 5.0 is below the threshold 10.0; for 'below' the clear value is higher"
            + " (hysteresis)");
    }

    @Test
    void thresholdNeedsOneReadingAndOneLimit() {
        assertError(error("""
            rules:
              - name: Hot
                kind: threshold
                reading: temperature_celsius
                above: 80
                below: 10
                severity: page
            """), 2, "rules[0]", "a threshold rule needs exactly one of 'above', 'below' or 'device_threshold' (alarm"
            + " or warning)");
        assertError(error("""
            rules:
              - name: Hot
                kind: threshold
                reading: temperature_celsius
                device_threshold: critical
                severity: page
            """), 5, "rules[0].device_threshold", "bad value 'critical'; expected alarm or warning");
    }

    @Test
    void duplicateNameInOneFile() {
        assertError(error("""
            rules:
              - name: DriveBad
                kind: health
                severity: page
              - name: DriveBad
                kind: health
                severity: ticket
            """), 5, "rules[1].name", "rule name 'DriveBad' is used twice in this file");
    }

    @Test
    void disablingAnUnknownRule() {
        assertError(error("""
            rules:
              - name: OpticAlarm
                disabled: true
              - name: OpticAlarms
                disabled: true
            """), 5, "rules[1].disabled", "there is no earlier rule 'OpticAlarms' to disable");
    }

    @Test
    void badValuesInsideSelectAndHealth() {
        assertError(error("""
            rules:
              - name: DriveBad
                kind: health
                select: {kinds: [physical_drive, disk]}
                severity: page
            """), 4, "rules[0].select.kinds[1]", "unknown kind 'disk'; expected controller, virtual_drive,"
            + " physical_drive, battery, enclosure, transceiver, sensor, interface, filesystem, storage, power_supply, fan,"
            + " chassis");
        assertError(error("""
            rules:
              - name: DriveBad
                kind: health
                at_least: broken
                severity: page
            """), 4, "rules[0].at_least", "unknown health 'broken'; expected ok, unknown, warning, degraded or failed");
        assertError(error("""
            rules:
              - name: DriveBad
                kind: health
                at_least: failed
                at_most: warning
                severity: page
            """), 5, "rules[0].at_most", "at_most warning is better than at_least failed");
    }

    @Test
    void aSiteFileReplacesADefaultRuleByNameAndDisablesAnother() {
        RulePack defaults = RulePack.builtIn();
        RulePack p = RulePack.parse("site-rules.yaml", """
            rules:
              - name: OpticAlarm
                kind: health
                select: {kinds: [transceiver]}
                at_least: degraded
                for: 5m
                severity: ticket
              - name: DeviceRebooted
                disabled: true
              - name: BackupMissing
                kind: heartbeat
                heartbeat: nightly-backup
                max_age: 25h
                severity: page
            """, true);
        assertThat(p.get("OpticAlarm").severity()).isEqualTo(Severity.TICKET);
        assertThat(p.get("OpticAlarm").forDuration()).isEqualTo(Duration.ofMinutes(5));
        assertThat(p.names().indexOf("OpticAlarm")).as("replaced in place").isEqualTo(defaults.names().indexOf("OpticAlarm"));
        assertThat(p.get("DeviceRebooted")).isNull();
        assertThat(p.names()).hasSize(defaults.names().size()).endsWith("BackupMissing");
        assertThat(defaults.get("OpticAlarm").severity()).as("the built-in pack is untouched").isEqualTo(Severity.PAGE);
        assertThat(defaults.get("DeviceRebooted")).isNotNull();
    }

    @Test
    void filesLoadInOrderAndAMistakeNamesItsFile(@TempDir Path dir) throws IOException {
        Path a = Files.writeString(dir.resolve("a.yaml"), """
            rules:
              - name: Hot
                kind: threshold
                reading: temperature_celsius
                above: 80
                severity: ticket
            """);
        Path b = Files.writeString(dir.resolve("b.yaml"), """
            rules:
              - name: Hot
                kind: threshold
                reading: temperature_celsius
                above: 70
                severity: page
            """);
        RulePack p = RulePack.load(List.of(a, b), false);
        assertThat(p.names()).containsExactly("Hot");
        assertThat(p.get("Hot").severity()).isEqualTo(Severity.PAGE);

        Path bad = Files.writeString(dir.resolve("bad.yaml"), """
            rules:
              - name: Hot
                disabled: true
              - name: Cold
                kind: threshold
                reading: temperature_celsius
                below: 5
                severity: sometimes
            """);
        assertThatThrownBy(() -> RulePack.load(List.of(a, bad), false)).isInstanceOfSatisfying(YamlException.class, e -> {
            assertThat(e.file()).isEqualTo(bad.toString());
            assertThat(e.line()).isEqualTo(8);
            assertThat(e.path()).isEqualTo("rules[1].severity");
        });
    }

    @Test
    void anEmptyOrRulelessFile() {
        YamlException e = error("rules_: []\n");
        assertThat(e.path()).isEqualTo("rules_");
        assertThat(e.line()).isEqualTo(1);
        assertError(error("rules:\n"), 1, "rules", "no 'rules:' list");
        YamlException empty = error("# nothing yet\n");
        assertThat(empty.line()).isZero();
        assertThat(empty.problem()).isEqualTo("the file is empty");
    }
}
