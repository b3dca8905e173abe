package io.nplus.snmp.lab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nplus.mibs.yaml.YamlException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;

/** Issue 8: the scenario format of the issue loads as written; every mistake names file, line, key and what to do. */
class ScenarioLoaderTest {
    static final String HEAD = """
        name: raid-second-failure
        interval: 60s
        duration: 3h
        devices:
          - name: db1
            walk: drac_r640.snmprec
            labels: {role: storage}
          - name: core
            walk: junos_mx5t-isis
        groups:
        """;

    static final String EXAMPLE = HEAD + """
        events:
          - at: 10m
            device: db1
            set: {1.3.6.1.4.1.674.10892.5.5.1.20.130.4.1.4.3: 7}
          - at: 20m
            device: db1
            rate: {oid: 1.3.6.1.2.1.31.1.1.1.6.2, per_second: 1.1e8}
          - at: 30m
            device: core
            ramp: {oid: 1.3.6.1.4.1.2636.3.60.1.1.1.1.5.516, to: -2500, over: 30m}
          - at: 40m
            device: db1
            reboot: true
          - at: 50m
            device: db1
            silence: 5m
          - at: 60m
            device: db1
            flap: {oid: 1.3.6.1.2.1.2.2.1.8.2, values: [1, 2], every: 30s, until: 70m}
          - at: 80m
            device: db1
            remove: 1.3.6.1.4.1.674.10892.5.5.1.20.130.4.1
          - at: 0
            heartbeat: {name: nightly-backup, max_age: 26h}
        expect:
          - page: {device: db1, component: "Disk 3"}
            after: 10m
            within: 2m
          - no_pages_before: 10m
          - page: {device: db1, rule: DeviceRebooted}
            after: 40m
            within: 3m
            max_pages: 1
          - resolved: {device: db1, component: "Disk 3"}
            after: 90m
            within: 5m
          - no_page: {device: core}
          - max_pages: 3
        """;

    @Test
    void theIssuesExampleLoadsWithEveryActionAndExpectation() {
        Scenario s = Walks.parse(EXAMPLE);
        assertThat(s.name()).isEqualTo("raid-second-failure");
        assertThat(s.interval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.duration()).isEqualTo(Duration.ofHours(3));
        assertThat(s.devices()).extracting(Scenario.Device::name).containsExactly("db1", "core");
        assertThat(s.device("db1").labels()).containsEntry("role", "storage");
        // Sorted by time: the heartbeat written last happens first.
        assertThat(s.events()).extracting(e -> e.action().getClass().getSimpleName()).containsExactly("Heartbeat", "Set",
            "Rate", "Ramp", "Reboot", "Silence", "Flap", "Remove");
        ScenarioAction.Set set = (ScenarioAction.Set) s.events().get(1).action();
        assertThat(set.values()).containsEntry(new OID("1.3.6.1.4.1.674.10892.5.5.1.20.130.4.1.4.3"), new Integer32(7));
        assertThat(((ScenarioAction.Rate) s.events().get(2).action()).perSecond()).isEqualTo(1.1e8);
        assertThat(s.events().get(1).line()).isEqualTo(12);
        assertThat(s.expectations()).extracting(x -> x.getClass().getSimpleName()).containsExactly("Page",
            "NoPagesBefore", "Page", "Resolved", "NoPage", "MaxPages");
        assertThat(s.expectations().get(0).describe()).isEqualTo("page db1 \"Disk 3\" within 2m after +10m00s");
        assertThat(((Expectation.Page) s.expectations().get(2)).maxPages()).isEqualTo(1);
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
            Arguments.of("an unknown key", HEAD + "evnts: []\n",
                "test.yaml:11 evnts: unknown key 'evnts'; allowed: description, devices, duration, events, expect, groups,"
                    + " interval, name"),
            Arguments.of("an unknown key in an event", HEAD + "events:\n  - at: 1m\n    device: db1\n    reboots: true\n",
                "test.yaml:14 events[0].reboots: unknown key 'reboots'"),
            Arguments.of("a bad duration", HEAD + "events:\n  - at: 10 minutes\n    device: db1\n    reboot: true\n",
                "test.yaml:12 events[0].at: '10 minutes' is not a duration; write it like 500ms, 5s, 2m, 1h30m or 7d"),
            Arguments.of("an event after the end", HEAD + "events:\n  - at: 4h\n    device: db1\n    reboot: true\n",
                "test.yaml:12 events[0].at: 4h is beyond the scenario's duration 3h; make it earlier or the duration longer"),
            Arguments.of("a device not declared", HEAD + "events:\n  - at: 1m\n    device: db2\n    reboot: true\n",
                "test.yaml:13 events[0].device: unknown device 'db2'; declared: db1, core"),
            Arguments.of("an OID not in the walk",
                HEAD + "events:\n  - at: 1m\n    device: db1\n    set: {1.3.6.1.4.1.674.10892.5.5.1.20.130.4.1.4.9: 7}\n",
                "test.yaml:14 events[0].set.1.3.6.1.4.1.674.10892.5.5.1.20.130.4.1.4.9: OID"
                    + " 1.3.6.1.4.1.674.10892.5.5.1.20.130.4.1.4.9 is not in db1's walk (drac_r640.snmprec); it has"
                    + " 1.3.6.1.4.1.674.10892.5.5.1.20.130.4.1.4.1, 1.3.6.1.4.1.674.10892.5.5.1.20.130.4.1.4.2,"
                    + " 1.3.6.1.4.1.674.10892.5.5.1.20.130.4.1.4.3 ..."),
            Arguments.of("a ramp OID not in the walk",
                HEAD + "events:\n  - at: 1m\n    device: core\n    ramp: {oid: 1.3.6.1.9, to: 1, over: 1m}\n",
                "events[0].ramp.oid: OID 1.3.6.1.9 is not in core's walk (junos_mx5t-isis)"),
            Arguments.of("a value of the wrong type",
                HEAD + "events:\n  - at: 1m\n    device: db1\n    set: {1.3.6.1.4.1.674.10892.5.5.1.20.130.4.1.4.3: failed}\n",
                "bad value: 'failed' is not a number (the walk's type here is Integer32)"),
            Arguments.of("a rate on a gauge",
                HEAD + "events:\n  - at: 1m\n    device: db1\n    rate: {oid: 1.3.6.1.2.1.2.2.1.8.2, per_second: 5}\n",
                "test.yaml:14 events[0].rate.oid: 1.3.6.1.2.1.2.2.1.8.2 is Integer32 in db1's walk; rate moves Counter32 and"
                    + " Counter64 values (use ramp for a gauge)"),
            Arguments.of("two actions in one event", HEAD + "events:\n  - at: 1m\n    device: db1\n    reboot: true\n"
                + "    silence: 1m\n", "test.yaml:12 events[0]: 2 actions in one event; give exactly one of set, rate, ramp,"
                    + " reboot, silence, flap, remove, restore, heartbeat or pause"),
            Arguments.of("a flap ending before it starts", HEAD + "events:\n  - at: 30m\n    device: db1\n"
                + "    flap: {oid: 1.3.6.1.2.1.2.2.1.8.2, values: [1, 2], every: 30s, until: 20m}\n",
                "events[0].flap.until: until 20m is not after the event's at 30m"),
            Arguments.of("a flap until past the end", HEAD + "events:\n  - at: 30m\n    device: db1\n"
                + "    flap: {oid: 1.3.6.1.2.1.2.2.1.8.2, values: [1, 2], every: 30s, until: 5h}\n",
                "events[0].flap.until: 5h is beyond the scenario's duration 3h"),
            Arguments.of("an expectation about an unknown device", HEAD + "expect:\n  - page: {device: db9}\n"
                + "    within: 2m\n", "test.yaml:12 expect[0].page.device: unknown device 'db9'; declared: db1, core"),
            Arguments.of("a page without within", HEAD + "expect:\n  - page: {device: db1}\n",
                "expect[0]: page needs 'within'"),
            Arguments.of("a page of nobody", HEAD + "expect:\n  - page: {component: Disk}\n    within: 1m\n",
                "test.yaml:12 expect[0].page: say whose page: device (one of db1, core), group (a redundancy group's"
                    + " name), heartbeat (a job's name) or rule (an alert name)"),
            Arguments.of("a missing walk", HEAD.replace("drac_r640.snmprec", "nowhere.snmprec"),
                "test.yaml:6 devices[0].walk: no walk 'nowhere.snmprec': not a file next to the scenario, nor a built-in"
                    + " walk (built-in: drac_r640, junos_mx5t-isis, ...)"),
            Arguments.of("no duration", HEAD.replace("duration: 3h\n", ""),
                "duration: a scenario needs a duration (how long it plays: 3h, 24h ...)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void aMistakeStopsTheLoadWithFileLineKeyAndWhatToDo(String what, String yaml, String message) {
        assertThatThrownBy(() -> Walks.parse(yaml)).isInstanceOf(YamlException.class).hasMessageContaining(message);
    }

    @Test
    void aPauseWithoutADeviceStopsPollingOfEveryDeviceForItsLength() {
        Scenario s = Walks.parse(HEAD + """
            events:
              - {at: 5m, pause: 10m}
              - {at: 20m, device: core, pause: 1m}
            """);
        ScenarioPlayer p = new ScenarioPlayer(s);
        assertThat(p.pausedAt(Duration.ofMinutes(4))).isEmpty();
        assertThat(p.pausedAt(Duration.ofMinutes(5))).containsExactly("core", "db1");
        assertThat(p.pausedAt(Duration.ofMinutes(15))).isEmpty();
        assertThat(p.pausedAt(Duration.ofMinutes(20))).containsExactly("core");
        assertThat(p.nextChangeAfter(Duration.ofMinutes(6))).isEqualTo(Duration.ofMinutes(15));
        assertThat(s.events().get(0).describe()).isEqualTo("polling paused for 10m");
    }

    @Test
    void eventsAtTheSameTimeKeepTheFilesOrder() {
        Scenario s = Walks.parse(HEAD + """
            events:
              - {at: 5m, device: db1, silence: 1m}
              - {at: 1m, device: db1, reboot: true}
              - {at: 5m, device: core, reboot: true}
            """);
        assertThat(s.events()).extracting(ScenarioEvent::device).containsExactly("db1", "db1", "core");
        assertThat(s.events()).extracting(e -> ScenarioEvent.offset(e.at())).containsExactly("+1m00s", "+5m00s", "+5m00s");
        assertThat(List.of(ScenarioEvent.offset(Duration.ofMinutes(70)))).containsExactly("+1h10m00s");
    }
}
