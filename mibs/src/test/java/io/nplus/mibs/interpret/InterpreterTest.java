package io.nplus.mibs.interpret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.nplus.mibs.data.MibSnapshot;
import io.nplus.mibs.data.Snmprec;
import io.nplus.mibs.profile.Profile;
import io.nplus.mibs.profile.ProfileLoader;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.ComponentKind;
import io.nplus.mibs.vocab.Counter;
import io.nplus.mibs.vocab.Health;
import io.nplus.mibs.vocab.Thresholds;
import io.nplus.mibs.yaml.YamlDocument;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;

/** The interpreter on small synthetic walks, with inline profiles over one made-up table. */
class InterpreterTest {
    private static final String TABLE = "1.3.6.1.4.1.99999.8.1.";
    private static final Map<String, String> OIDS = Map.ofEntries(
        Map.entry("descr", TABLE + "2"),
        Map.entry("name", TABLE + "3"),
        Map.entry("status", TABLE + "4"),
        Map.entry("temp", TABLE + "5"),
        Map.entry("tempHigh", TABLE + "6"),
        Map.entry("admin", TABLE + "7"),
        Map.entry("in32", TABLE + "8"),
        Map.entry("in64", TABLE + "9"),
        Map.entry("extra", TABLE + "10"),
        Map.entry("fans", "1.3.6.1.4.1.99999.8.2"));

    private static final String COLUMNS = """
        profile: test_interp
        columns:
          descr: 1.3.6.1.4.1.99999.8.1.2
          name: 1.3.6.1.4.1.99999.8.1.3
          status: {oid: 1.3.6.1.4.1.99999.8.1.4, states: {1: ok, 2: degraded, 3: failed, 4: rebuilding}}
          temp: 1.3.6.1.4.1.99999.8.1.5
          tempHigh: 1.3.6.1.4.1.99999.8.1.6
          admin: {oid: 1.3.6.1.4.1.99999.8.1.7, states: {1: up, 2: down}}
          in32: 1.3.6.1.4.1.99999.8.1.8
          in64: 1.3.6.1.4.1.99999.8.1.9
          extra: 1.3.6.1.4.1.99999.8.1.10
          fans: {oid: 1.3.6.1.4.1.99999.8.2, scalar: true}
        """;

    static Profile profile(String components) {
        return ProfileLoader.load(YamlDocument.parse("test_interp.yaml", COLUMNS + components));
    }

    /** A walk written with column names: {@code temp.1|2|533}. */
    static MibSnapshot walk(String lines) {
        String snmprec = lines.lines().filter(l -> !l.isBlank()).map(l -> {
            int dot = l.indexOf('.');
            return OIDS.get(l.substring(0, dot)) + l.substring(dot);
        }).collect(Collectors.joining("\n"));
        try {
            return Snmprec.read(new BufferedReader(new StringReader(snmprec)), "walk");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Component> interpret(Profile p, MibSnapshot data) {
        return Interpreter.interpret(p, data, false).components();
    }

    static Component byId(List<Component> components, String id) {
        return components.stream().filter(c -> c.id().equals(id)).findFirst()
            .orElseThrow(() -> new AssertionError("no component " + id + " in " + components));
    }

    @Nested
    class Rows {
        @Test
        void rowsAreTheUnionOfTheRowColumnsInOidOrder() {
            Profile p = profile("""
                components:
                  - kind: fan
                    rows: [name, descr]
                """);
            MibSnapshot data = walk("""
                descr.10|4|ten
                descr.1|4|one
                descr.3|4|three
                name.2|4|two
                name.3|4|three
                name.1.5|4|one-five
                temp.4|2|1
                """);
            assertThat(interpret(p, data)).extracting(Component::id).containsExactly("1", "1.5", "2", "3", "10");
        }

        @Test
        void rowsWhoseValueIsAnExceptionAreNotRows() {
            Profile p = profile("components: [{kind: fan, rows: descr}]\n");
            MibSnapshot data = walk("descr.1|4|one\n").with(Map.of(new OID(TABLE + "2.2"), Null.noSuchInstance));
            assertThat(interpret(p, data)).extracting(Component::id).containsExactly("1");
        }

        @Test
        void whereKeepsOnlyRowsWhereTheConditionHolds() {
            Profile p = profile("""
                components:
                  - kind: fan
                    rows: descr
                    where: temp > 0 and descr !~ '^virtual'
                """);
            MibSnapshot data = walk("""
                descr.1|4|fan 1
                descr.2|4|virtual fan
                descr.3|4|fan 3
                descr.4|4|fan 4
                temp.1|2|40
                temp.2|2|40
                temp.3|2|0
                """);
            // row 4 has no temperature: absent counts as false, so it is left out too
            assertThat(interpret(p, data)).extracting(Component::id).containsExactly("1");
        }

        @Test
        void theNameIsTheFirstTemplateWithEveryValuePresent() {
            Profile p = profile("""
                components:
                  - kind: fan
                    rows: temp
                    id: "fan.{index}"
                    name: ["{name}", "{descr} ({temp})", "fan {index}"]
                  - kind: sensor
                    rows: temp
                """);
            MibSnapshot data = walk("""
                descr.1|4|Front
                descr.2|4|Rear
                name.1|4|FAN-A
                temp.1|2|30
                temp.2|2|31
                temp.3|2|32
                """);
            List<Component> cs = interpret(p, data);
            assertThat(cs).filteredOn(c -> c.kind() == ComponentKind.FAN).extracting(Component::id, Component::name)
                .containsExactly(
                    tuple("fan.1", "FAN-A"),
                    tuple("fan.2", "Rear (31)"),
                    tuple("fan.3", "fan 3"));
            // without a name the id is the name
            assertThat(cs).filteredOn(c -> c.kind() == ComponentKind.SENSOR).extracting(Component::name)
                .containsExactly("1", "2", "3");
        }

        @Test
        void aRowWithoutAnIdIsNotAComponent() {
            Profile p = profile("""
                components:
                  - kind: fan
                    rows: descr
                    id: "fan.{extra}"
                """);
            assertThat(interpret(p, walk("descr.1|4|a\ndescr.2|4|b\nextra.2|2|7\n"))).extracting(Component::id)
                .containsExactly("fan.7");
        }

        @Test
        void aScalarComponentReadsScalarsAtZero() {
            Profile p = profile("""
                components:
                  - kind: chassis
                    scalar: true
                    id: chassis
                    readings:
                      fan_count: fans
                """);
            MibSnapshot data = walk("fans.0|2|6\n");
            assertThat(interpret(p, data)).singleElement()
                .satisfies(c -> assertThat(c.readings()).containsExactly(Map.entry("fan_count", 6.0)));
        }
    }

    @Nested
    class HealthRules {
        private final Profile p = profile("""
            components:
              - kind: fan
                rows: descr
                state: status
                health:
                  - map: status
                    to: {ok: ok, degraded: degraded, failed: failed}
                  - when: temp > 50
                    health: warning
                    reason: hot
                  - when: temp > 60
                    health: degraded
                    reason: "{descr} very hot"
                  - when: temp > 70
                    health: degraded
                  - when: temp > 65
                    health: degraded
                    reason: "{descr} very hot"
            """);

        private final List<Component> cs = interpret(p, walk("""
            descr.1|4|d1
            descr.2|4|d2
            descr.3|4|d3
            descr.4|4|d4
            descr.5|4|d5
            descr.6|4|d6
            status.1|2|1
            status.2|2|3
            status.3|2|1
            status.4|2|4
            status.5|2|9
            status.6|2|1
            temp.1|2|75
            temp.2|2|20
            temp.3|2|55
            temp.6|2|20
            """));

        @Test
        void healthIsTheWorstContributionWithOnlyTheWorstReasons() {
            Component c = byId(cs, "1");
            assertThat(c.health()).isEqualTo(Health.DEGRADED);
            // "hot" is a warning, outranked; the same reason twice is given once; no reason is the condition
            assertThat(c.reason()).isEqualTo("d1 very hot; temp > 70");
            assertThat(c.state()).isEqualTo("ok");
        }

        @Test
        void aMappedStateGivesItsHealthAndSaysWhy() {
            assertThat(byId(cs, "2")).extracting(Component::health, Component::reason)
                .containsExactly(Health.FAILED, "status is failed");
            assertThat(byId(cs, "3")).extracting(Component::health, Component::reason)
                .containsExactly(Health.WARNING, "hot");
        }

        @Test
        void anUnmappedStateGetsTheDefault() {
            assertThat(byId(cs, "4")).extracting(Component::health, Component::reason, Component::state)
                .containsExactly(Health.UNKNOWN, "status is rebuilding (not a state nplus knows)", "rebuilding");
            assertThat(byId(cs, "5")).extracting(Component::health, Component::reason, Component::state)
                .containsExactly(Health.UNKNOWN, "status is 9 (not a state nplus knows)", "9");
        }

        @Test
        void aHealthyComponentHasNoReason() {
            assertThat(byId(cs, "6")).extracting(Component::health, Component::reason).containsExactly(Health.OK, "");
        }

        @Test
        void aMapRuleWithoutInputContributesNothingUnlessNoMapRuleHasInput() {
            Profile twoMaps = profile("""
                components:
                  - kind: fan
                    rows: descr
                    health:
                      - map: status
                        to: {ok: ok, failed: failed}
                      - map: admin
                        to: {up: ok, down: warning}
                        default: failed
                      - when: temp > 50
                        health: warning
                        reason: hot
                  - kind: sensor
                    rows: descr
                    health:
                      - when: temp > 50
                        health: warning
                """);
            List<Component> out = interpret(twoMaps, walk("""
                descr.1|4|status only
                descr.2|4|nothing
                descr.3|4|nothing but hot
                status.1|2|1
                temp.3|2|60
                """));
            List<Component> fans = out.stream().filter(c -> c.kind() == ComponentKind.FAN).toList();
            // admin is absent: no contribution, in particular not its default 'failed'
            assertThat(byId(fans, "1")).extracting(Component::health, Component::reason).containsExactly(Health.OK, "");
            assertThat(byId(fans, "2")).extracting(Component::health, Component::reason)
                .containsExactly(Health.UNKNOWN, "no status reported");
            assertThat(byId(fans, "3")).extracting(Component::health, Component::reason)
                .containsExactly(Health.WARNING, "hot");
            // without map rules, nothing is missing
            assertThat(out).filteredOn(c -> c.kind() == ComponentKind.SENSOR).filteredOn(c -> c.id().equals("2"))
                .singleElement().extracting(Component::health).isEqualTo(Health.OK);
        }
    }

    @Nested
    class DeviceThresholds {
        private final Profile p = profile("""
            components:
              - kind: sensor
                rows: [temp, tempHigh]
                readings:
                  temp_celsius:
                    value: temp
                    thresholds:
                      high_warning: tempHigh
                      high_alarm: tempHigh + 10
                    check_when: admin == 'up'
            """);

        @Test
        void crossedThresholdsSetTheHealth() {
            List<Component> cs = interpret(p, walk("""
                temp.1|2|85
                temp.2|2|95
                temp.3|2|50
                tempHigh.1|2|80
                tempHigh.2|2|80
                tempHigh.3|2|80
                admin.1|2|1
                admin.2|2|1
                admin.3|2|1
                """));
            assertThat(byId(cs, "1")).extracting(Component::health, Component::reason)
                .containsExactly(Health.WARNING, "temp_celsius 85 above high warning 80");
            assertThat(byId(cs, "2")).extracting(Component::health, Component::reason)
                .containsExactly(Health.DEGRADED, "temp_celsius 95 above high alarm 90");
            assertThat(byId(cs, "3").health()).isEqualTo(Health.OK);
            assertThat(byId(cs, "3").thresholds()).containsExactly(Map.entry("temp_celsius", new Thresholds(null, null, 80.0, 90.0)));
        }

        @Test
        void whenCheckWhenDoesNotHoldThresholdsAreReportedButNotChecked() {
            List<Component> cs = interpret(p, walk("""
                temp.1|2|95
                temp.2|2|95
                tempHigh.1|2|80
                tempHigh.2|2|80
                admin.1|2|2
                """));
            for (String id : List.of("1", "2")) { // admin down, and admin absent
                Component c = byId(cs, id);
                assertThat(c.health()).isEqualTo(Health.OK);
                assertThat(c.readings()).containsEntry("temp_celsius", 95.0);
                assertThat(c.thresholds()).containsEntry("temp_celsius", new Thresholds(null, null, 80.0, 90.0));
                assertThat(c.notes()).containsExactly("temp_celsius thresholds not checked: admin == 'up' does not hold");
            }
        }

        @Test
        void implausibleThresholdsAreDroppedWithANote() {
            List<Component> cs = interpret(p, walk("temp.1|2|95\ntempHigh.1|2|2000\nadmin.1|2|1\n"));
            Component c = byId(cs, "1");
            assertThat(c.health()).isEqualTo(Health.OK);
            assertThat(c.thresholds()).isEmpty();
            assertThat(c.notes()).containsExactly(
                "temp_celsius high warning threshold 2000 ignored: outside -80..250",
                "temp_celsius high alarm threshold 2010 ignored: outside -80..250");
        }

        @Test
        void anAbsentReadingHasNoThresholds() {
            List<Component> cs = interpret(p, walk("tempHigh.1|2|80\nadmin.1|2|1\ntemp.2|2|20\ntempHigh.2|2|80\n"));
            assertThat(byId(cs, "1").readings()).isEmpty();
            assertThat(byId(cs, "1").thresholds()).isEmpty();
            assertThat(byId(cs, "1").notes()).isEmpty();
            assertThat(byId(cs, "2").readings()).containsExactly(Map.entry("temp_celsius", 20.0));
            assertThat(byId(cs, "2").thresholds()).containsExactly(Map.entry("temp_celsius", new Thresholds(null, null, 80.0, 90.0)));
        }
    }

    @Nested
    class Counters {
        private final Profile p = profile("""
            components:
              - kind: interface
                rows: descr
                counters:
                  in_octets: [in64, in32]
            """);

        // incident 2: rising error counters on a flapping link; a rate needs the counter's width to correct a wrap
        @Test
        void countersKeepTheirWidthAndUnsignedValue() {
            List<Component> cs = interpret(p, walk("""
                descr.1|4|hc
                descr.2|4|32-bit only
                descr.3|4|wrong type
                descr.4|4|none
                in64.1|70|18446744073709551615
                in32.1|65|5
                in32.2|65|4294967295
                in64.3|66|9
                in32.3|65|7
                """));
            Counter hc = byId(cs, "1").counters().get("in_octets");
            assertThat(hc.bits()).isEqualTo(64);
            assertThat(Long.toUnsignedString(hc.value())).isEqualTo("18446744073709551615");
            assertThat(hc.asDouble()).isEqualTo(18446744073709551615.0);
            assertThat(byId(cs, "2").counters()).containsExactly(Map.entry("in_octets", new Counter(4294967295L, 32)));
            // a Gauge32 is not a counter: the next choice is taken
            assertThat(byId(cs, "3").counters()).containsExactly(Map.entry("in_octets", new Counter(7, 32)));
            assertThat(byId(cs, "4").counters()).isEmpty();
            assertThat(byId(cs, "1").readings()).isEmpty();
        }
    }

    @Nested
    class Vars {
        @Test
        void varsAreUsableLikeReadingsButNotReported() {
            Profile p = profile("""
                components:
                  - kind: sensor
                    rows: temp
                    name: "{label}"
                    vars:
                      celsius: temp / 10
                      label: "descr + ' sensor'"
                    readings:
                      temp_celsius: celsius
                      twice_celsius: celsius * 2
                    labels:
                      shown: "{label}"
                    health:
                      - when: celsius > 50
                        health: warning
                        reason: "{label} at {celsius} C"
                """);
            Component c = interpret(p, walk("temp.1|2|533\ndescr.1|4|inlet\n")).get(0);
            assertThat(c.readings()).containsExactly(Map.entry("temp_celsius", 53.3), Map.entry("twice_celsius", 106.6));
            assertThat(c.name()).isEqualTo("inlet sensor");
            assertThat(c.labels()).containsExactly(Map.entry("shown", "inlet sensor"));
            assertThat(c.reason()).isEqualTo("inlet sensor at 53.3 C");
        }
    }

    @Nested
    class Explain {
        private final Profile p = profile("""
            components:
              - kind: sensor
                rows: temp
                name: ["{name}", "{descr}"]
                readings:
                  temp_celsius: temp / 10
                health:
                  - map: status
                    to: {ok: ok}
            """);
        private final MibSnapshot data = walk("temp.1|2|533\ndescr.1|4|inlet\nstatus.1|2|1\n");

        @Test
        void explainRecordsEveryStepAndTheOidsItRead() {
            List<Explanation> ex = Interpreter.interpret(p, data, true).explanations();
            assertThat(ex).singleElement().satisfies(e -> {
                assertThat(e.profile()).isEqualTo("test_interp");
                assertThat(e.recipe()).isEqualTo("components[0]");
                assertThat(e.kind()).isEqualTo(ComponentKind.SENSOR);
                assertThat(e.id()).isEqualTo("1");
                assertThat(e.steps()).extracting(Explanation.Step::what)
                    .containsExactly("reading temp_celsius", "id", "name", "name", "health rule 0");
                assertThat(e.steps().get(0)).isEqualTo(new Explanation.Step("reading temp_celsius", "temp / 10", "53.3",
                    List.of("temp.1 (1.3.6.1.4.1.99999.8.1.5.1) = 533")));
                assertThat(e.steps().get(2).reads()).containsExactly("name.1 (1.3.6.1.4.1.99999.8.1.3.1) = absent");
                assertThat(e.steps().get(2).result()).isEqualTo("absent");
                assertThat(e.steps().get(3).reads()).containsExactly("descr.1 (1.3.6.1.4.1.99999.8.1.2.1) = inlet");
                assertThat(e.steps().get(4).reads()).containsExactly("status.1 (1.3.6.1.4.1.99999.8.1.4.1) = ok (1)");
            });
        }

        @Test
        void explainDoesNotChangeTheComponents() {
            assertThat(Interpreter.interpret(p, data, true).components()).isEqualTo(interpret(p, data));
            assertThat(Interpreter.interpret(p, data, false).explanations()).isEmpty();
        }
    }

    /** Issue 3: several sensor rows make one transceiver, lane strings make one component per lane. */
    @Nested
    class GroupsAndLanes {
        @Test
        void rowsWithTheSameKeyMergeIntoOneComponentFirstValueWinning() {
            // Rows 1-3 are the sensors of optic "A" (temperature, then two readings of the same kind), 4 of "B".
            Profile p = profile("""
                components:
                  - kind: transceiver
                    rows: descr
                    group_by: name
                    id: "{name}"
                    state: descr
                    readings:
                      temperature_celsius: if(descr == 'temp', temp, none)
                      rx_power_dbm:
                        value: if(descr == 'rx', temp / 100, none)
                        thresholds: {low_alarm: tempHigh / -100}
                    health:
                      - when: status == 'failed'
                        health: failed
                        reason: "{descr} failed"
                """);
            MibSnapshot data = walk("""
                descr.1|4|temp
                descr.2|4|rx
                descr.3|4|rx
                descr.4|4|rx
                name.1|4|A
                name.2|4|A
                name.3|4|A
                name.4|4|B
                temp.1|2|41
                temp.2|2|-2500
                temp.3|2|-100
                temp.4|2|-300
                tempHigh.2|2|2000
                tempHigh.4|2|2000
                status.3|2|3
                """);
            List<Component> cs = interpret(p, data);
            assertThat(cs).extracting(Component::id).containsExactly("A", "B");
            Component a = byId(cs, "A");
            assertThat(a.readings()).containsExactly(Map.entry("temperature_celsius", 41.0), Map.entry("rx_power_dbm", -25.0));
            assertThat(a.thresholds().get("rx_power_dbm")).isEqualTo(new Thresholds(-20.0, null, null, null));
            assertThat(a.state()).isEqualTo("temp"); // the first row that gives one
            // Health is the worst over every row: row 3's failure and row 2's crossing both count.
            assertThat(a.health()).isEqualTo(Health.FAILED);
            assertThat(a.reason()).isEqualTo("rx failed");
            Component b = byId(cs, "B");
            assertThat(b.health()).isEqualTo(Health.OK);
            assertThat(b.readings()).containsExactly(Map.entry("rx_power_dbm", -3.0));
        }

        @Test
        void repeatMakesOneComponentPerLaneNumberedFromOne() {
            Profile p = profile("""
                components:
                  - kind: transceiver
                    rows: descr
                    repeat: lanes(descr)
                    id: "{index}.{lane}"
                    name: "{name} lane {lane}"
                    readings:
                      rx_power_dbm:
                        value: lane(descr, lane)
                        thresholds: {low_alarm: tempHigh}
                """);
            MibSnapshot data = walk("""
                descr.7|4|-1.5,-40,-2.0
                name.7|4|et-0/0/1
                tempHigh.7|2|-20
                descr.8|4|
                """);
            List<Component> cs = interpret(p, data);
            assertThat(cs).extracting(Component::id).containsExactly("7.1", "7.2", "7.3");
            assertThat(byId(cs, "7.2").name()).isEqualTo("et-0/0/1 lane 2");
            assertThat(byId(cs, "7.2").health()).isEqualTo(Health.DEGRADED);
            assertThat(byId(cs, "7.2").reason()).isEqualTo("rx_power_dbm -40 below low alarm -20");
            assertThat(byId(cs, "7.3").readings()).containsExactly(Map.entry("rx_power_dbm", -2.0));
        }

        @Test
        void noteIsAddedWhenItsConditionHolds() {
            Profile p = profile("""
                components:
                  - kind: transceiver
                    rows: descr
                    readings:
                      rx_power_dbm: none_if(temp, -4000) / 100
                    notes:
                      - when: temp == -4000 and admin == 'down'
                        text: "rx_power_dbm reads dark ({temp / 100} dBm) on an admin-down port"
                """);
            List<Component> cs = interpret(p, walk("""
                descr.1|4|a
                descr.2|4|b
                temp.1|2|-4000
                temp.2|2|-4000
                admin.1|2|2
                admin.2|2|1
                """));
            assertThat(byId(cs, "1").notes()).containsExactly("rx_power_dbm reads dark (-40 dBm) on an admin-down port");
            assertThat(byId(cs, "1").readings()).isEmpty();
            assertThat(byId(cs, "2").notes()).isEmpty();
        }

        @Test
        void laneIsOnlyANameInRepeatedComponents() {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> profile("""
                components:
                  - kind: transceiver
                    rows: descr
                    id: "{lane}"
                """)).hasMessageContaining("unknown name 'lane'");
        }
    }
}
