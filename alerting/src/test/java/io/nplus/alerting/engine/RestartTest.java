package io.nplus.alerting.engine;

import static io.nplus.alerting.engine.Harness.MINUTE;
import static io.nplus.alerting.engine.Harness.T0;
import static io.nplus.alerting.engine.Harness.comp;
import static io.nplus.alerting.engine.Harness.drive;
import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.alerting.model.Alert;
import io.nplus.alerting.model.AlertState;
import io.nplus.alerting.rules.RulePack;
import io.nplus.core.time.VirtualClock;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.ComponentKind;
import io.nplus.mibs.vocab.Health;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Alert states survive a restart: nothing pages twice, timers keep their start, what cleared meanwhile resolves. */
class RestartTest {
    /** What an AlertStore does, in memory, with a log of the calls. */
    static final class MemoryPersistence implements AlertEngine.Persistence {
        final Map<String, Alert> stored = new LinkedHashMap<>();
        final List<String> log = new ArrayList<>();

        @Override
        public List<Alert> load() {
            log.add("load");
            return List.copyOf(stored.values());
        }

        @Override
        public void save(Alert alert) {
            log.add("save " + alert.key() + " " + alert.state().word());
            stored.put(alert.key(), alert);
        }

        @Override
        public void delete(String key) {
            log.add("delete " + key);
            stored.remove(key);
        }
    }

    private static final RulePack RULES = RulePack.parse("restart.yaml", """
        rules:
          - name: DriveFailed
            kind: health
            select: {kinds: [physical_drive]}
            at_least: degraded
            severity: page
          - name: FanFailed
            kind: health
            select: {kinds: [fan]}
            at_least: degraded
            severity: page
          - name: OpticAlarm
            kind: health
            select: {kinds: [transceiver]}
            at_least: degraded
            for: 10m
            severity: page
          - name: Uplinks
            kind: redundancy
            severity: page
        """, false);

    private static final Component OPTIC_BAD = comp(ComponentKind.TRANSCEIVER, "xcvr.1").health(Health.DEGRADED).build();
    private static final Component FAN_BAD = comp(ComponentKind.FAN, "1").health(Health.FAILED).build();
    private static final Component FAN_OK = comp(ComponentKind.FAN, "1").health(Health.OK).build();

    @Test
    void aRestartedEngineContinuesWhereTheOldOneStopped() {
        VirtualClock clock = new VirtualClock(T0);
        MemoryPersistence store = new MemoryPersistence();
        Harness first = new Harness(clock, RULES, store);
        first.targets("srv");
        first.observe("srv", drive("3", Health.FAILED, "failed"), FAN_BAD, OPTIC_BAD);
        first.advance(Duration.ofMinutes(3));
        first.observe("srv", drive("3", Health.FAILED, "failed"), FAN_BAD, OPTIC_BAD);
        assertThat(first.fired("DriveFailed")).hasSize(1);
        assertThat(first.fired("FanFailed")).hasSize(1);
        assertThat(first.state("OpticAlarm")).isEqualTo(AlertState.PENDING);
        assertThat(store.stored.values()).extracting(a -> a.rule() + " " + a.state().word())
            .containsExactlyInAnyOrder("DriveFailed firing", "FanFailed firing", "OpticAlarm pending");
        assertThat(store.log).as("saved on each state change only, not on every poll").containsExactly("load",
            "save nplus:DriveFailed:srv:physical_drive/3 firing", "save nplus:FanFailed:srv:fan/1 firing",
            "save nplus:OpticAlarm:srv:transceiver/xcvr.1 pending");

        // nplus stops for two minutes; meanwhile the fan is replaced.
        clock.advance(Duration.ofMinutes(2));
        Harness second = new Harness(clock, RULES, store);
        second.targets("srv");
        assertThat(second.engine.alerts()).extracting(v -> v.alert().rule() + " " + v.alert().state().word())
            .containsExactlyInAnyOrder("DriveFailed firing", "FanFailed firing", "OpticAlarm pending");
        second.observe("srv", drive("3", Health.FAILED, "failed"), FAN_OK, OPTIC_BAD);
        assertThat(second.transitions).as("the firing drive alert does not page again; the fan resolves once")
            .extracting(a -> a.rule() + " " + a.state().word()).containsExactly("FanFailed resolved");

        // The optic's 10m run from its original activeAt (T0), not from the restart.
        for (int i = 0; i < 4; i++) {
            second.advance(MINUTE);
            second.observe("srv", drive("3", Health.FAILED, "failed"), FAN_OK, OPTIC_BAD);
        }
        assertThat(second.now()).isEqualTo(T0.plus(Duration.ofMinutes(9)));
        assertThat(second.fired("OpticAlarm")).isEmpty();
        second.advance(MINUTE);
        second.observe("srv", drive("3", Health.FAILED, "failed"), FAN_OK, OPTIC_BAD);
        assertThat(second.fired("OpticAlarm")).singleElement().satisfies(a -> {
            assertThat(a.activeAt()).isEqualTo(T0);
            assertThat(a.firedAt()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
        });
        for (int i = 0; i < 30; i++) {
            second.advance(MINUTE);
            second.observe("srv", drive("3", Health.FAILED, "failed"), FAN_OK, OPTIC_BAD);
        }
        assertThat(second.transitions).extracting(a -> a.rule() + " " + a.state().word())
            .containsExactly("FanFailed resolved", "OpticAlarm firing");
        assertThat(store.stored.get("nplus:FanFailed:srv:fan/1").state()).isEqualTo(AlertState.RESOLVED);
        assertThat(store.stored.get("nplus:DriveFailed:srv:physical_drive/3").firedAt()).isEqualTo(T0);
    }

    @Test
    void aPendingAlertWhoseConditionClearedWhileDownIsForgottenWithoutATransition() {
        VirtualClock clock = new VirtualClock(T0);
        MemoryPersistence store = new MemoryPersistence();
        Harness first = new Harness(clock, RULES, store).targets("srv");
        first.observe("srv", OPTIC_BAD);
        clock.advance(Duration.ofMinutes(5));
        Harness second = new Harness(clock, RULES, store).targets("srv");
        second.observe("srv", comp(ComponentKind.TRANSCEIVER, "xcvr.1").health(Health.OK).build());
        assertThat(second.transitions).isEmpty();
        assertThat(second.engine.alerts()).isEmpty();
        assertThat(store.stored).isEmpty();
    }

    @Test
    void aLostRedundancyKeepsFiringAcrossARestartWhileItsMembersAreStillBeingPolled() {
        VirtualClock clock = new VirtualClock(T0);
        MemoryPersistence store = new MemoryPersistence();
        Harness first = new Harness(clock, RULES, store).targets("sw-1", "sw-2")
            .group("uplinks", 2, Harness.member("sw-*", ComponentKind.INTERFACE, "Ethernet49"));
        first.observe("sw-1", Harness.iface("49", "Ethernet49", "up", 1e10));
        first.observe("sw-2", Harness.iface("49", "Ethernet49", "down", 1e10));
        assertThat(first.fired("Uplinks")).hasSize(1);

        clock.advance(MINUTE);
        Harness second = new Harness(clock, RULES, store).targets("sw-1", "sw-2")
            .group("uplinks", 2, Harness.member("sw-*", ComponentKind.INTERFACE, "Ethernet49"));
        second.engine.tick();
        second.observe("sw-1", Harness.iface("49", "Ethernet49", "up", 1e10));
        second.observe("sw-2", Harness.iface("49", "Ethernet49", "down", 1e10));
        assertThat(second.transitions).as("neither resolved by the restart nor paged again").isEmpty();
        assertThat(second.state("Uplinks")).isEqualTo(AlertState.FIRING);
    }

    @Test
    void aRecurrenceCountSurvivesARestart() {
        VirtualClock clock = new VirtualClock(T0);
        MemoryPersistence store = new MemoryPersistence();
        Harness first = new Harness(clock, RULES, store).targets("srv");
        first.observe("srv", FAN_BAD);
        first.advance(MINUTE);
        first.observe("srv", FAN_OK);
        first.advance(MINUTE);
        first.observe("srv", FAN_BAD);
        assertThat(first.fired("FanFailed").get(1).annotations()).containsEntry("occurrences", "2");
        first.advance(MINUTE);
        first.observe("srv", FAN_OK);

        clock.advance(Duration.ofHours(1));
        Harness second = new Harness(clock, RULES, store).targets("srv");
        second.observe("srv", FAN_BAD);
        assertThat(second.fired("FanFailed")).singleElement().satisfies(a -> {
            assertThat(a.annotations()).containsEntry("occurrences", "3");
            assertThat(a.summary()).endsWith("(occurrence 3 within 24h)");
        });
    }

    @Test
    void aDriveStillMissingAfterARestartIsNotReportedBack() {
        VirtualClock clock = new VirtualClock(T0);
        MemoryPersistence store = new MemoryPersistence();
        Component vd = comp(ComponentKind.VIRTUAL_DRIVE, "0").name("VD 0").profile("megaraid").build();
        Harness first = new Harness(clock, RulePack.builtIn(), store).targets("srv");
        first.observe("srv", vd, drive("0", Health.OK, "online"), drive("1", Health.OK, "online"));
        first.advance(MINUTE);
        first.observe("srv", vd, drive("0", Health.OK, "online"));
        assertThat(first.fired("StorageComponentGone")).hasSize(1);

        clock.advance(MINUTE);
        Harness second = new Harness(clock, RulePack.builtIn(), store).targets("srv");
        second.everyMinuteFor(Duration.ofHours(3), () -> second.observe("srv", vd, drive("0", Health.OK, "online")));
        assertThat(second.transitions).as("the drive is still gone: no RESOLVED, no second page").isEmpty();
        assertThat(second.state("StorageComponentGone")).isEqualTo(AlertState.FIRING);
        assertThat(second.alert("StorageComponentGone").orElseThrow().summary())
            .as("last seen: the restored memory knows it only as well as the alert (its activeAt)")
            .isEqualTo("srv: physical drive Disk 1 is gone (last seen " + T0.plus(MINUTE) + ")");

        second.everyMinuteFor(Duration.ofMinutes(61), () -> second.observe("srv", vd, drive("0", Health.OK, "online"),
            drive("1", Health.OK, "online")));
        assertThat(second.resolved("StorageComponentGone")).as("back: resolves (after the pack's hour)").hasSize(1);
    }

    @Test
    void aRaidAgentStillSilentAfterARestartIsNotReportedBack() {
        VirtualClock clock = new VirtualClock(T0);
        MemoryPersistence store = new MemoryPersistence();
        Component eth0 = Harness.iface("1", "eth0", "up", 1e9);
        Harness first = new Harness(clock, RulePack.builtIn(), store).targets("srv");
        first.observe("srv", eth0, drive("0", Health.OK, "online"), drive("1", Health.OK, "online"));
        first.advance(MINUTE);
        first.observe("srv", eth0);
        assertThat(first.fired("StorageAgentSilent")).hasSize(1);

        clock.advance(MINUTE);
        Harness second = new Harness(clock, RulePack.builtIn(), store).targets("srv");
        second.everyMinuteFor(Duration.ofHours(3), () -> second.observe("srv", eth0));
        assertThat(second.transitions).isEmpty();
        assertThat(second.state("StorageAgentSilent")).isEqualTo(AlertState.FIRING);
    }

    @Test
    void aLimitStillOffItsBaselineAfterARestartIsNotReportedBack() {
        RulePack rules = RulePack.parse("change.yaml", """
            rules:
              - name: LimitChanged
                kind: change
                reading: max_connections
                baseline_for: 1h
                severity: page
            """, false);
        VirtualClock clock = new VirtualClock(T0);
        MemoryPersistence store = new MemoryPersistence();
        Harness first = new Harness(clock, rules, store).targets("db");
        first.everyMinuteFor(Duration.ofMinutes(61), () -> first.observe("db", db(5000.5)));
        first.advance(MINUTE);
        first.observe("db", db(30));
        assertThat(first.fired("LimitChanged")).singleElement().extracting(Alert::summary)
            .isEqualTo("db: chassis postgres: max connections changed 5000.5 -> 30"); // up to 6 significant digits, no trailing zeros

        clock.advance(MINUTE);
        Harness second = new Harness(clock, rules, store).targets("db");
        second.everyMinuteFor(Duration.ofHours(3), () -> second.observe("db", db(30)));
        assertThat(second.transitions).as("still 30: neither resolved nor learnt as the new baseline").isEmpty();
        assertThat(second.alert("LimitChanged").orElseThrow().summary()).contains("5000.5 -> 30");
        second.advance(MINUTE);
        second.observe("db", db(5000.5));
        assertThat(second.resolved("LimitChanged")).hasSize(1);
    }

    private static Component db(double maxConnections) {
        return comp(ComponentKind.CHASSIS, "db").name("postgres").reading("max_connections", maxConnections).build();
    }

    @Test
    void aLinkStillAtItsLowerSpeedAfterARestartIsNotReportedBack() {
        VirtualClock clock = new VirtualClock(T0);
        MemoryPersistence store = new MemoryPersistence();
        Harness first = new Harness(clock, RulePack.builtIn(), store).targets("sw");
        first.observe("sw", Harness.iface("9", "Te0/9", "up", 1e10));
        first.everyMinuteFor(Duration.ofMinutes(3), () -> first.observe("sw", Harness.iface("9", "Te0/9", "up", 1e9)));
        assertThat(first.fired("LinkSpeedDropped")).hasSize(1);

        clock.advance(MINUTE);
        Harness second = new Harness(clock, RulePack.builtIn(), store).targets("sw");
        second.everyMinuteFor(Duration.ofHours(3), () -> second.observe("sw", Harness.iface("9", "Te0/9", "up", 1e9)));
        assertThat(second.transitions).isEmpty();
        assertThat(second.alert("LinkSpeedDropped").orElseThrow().summary())
            .isEqualTo("sw: Te0/9 renegotiated from 10000 Mbit/s to 1000 Mbit/s");
        second.advance(MINUTE);
        second.observe("sw", Harness.iface("9", "Te0/9", "up", 1e10));
        assertThat(second.resolved("LinkSpeedDropped")).hasSize(1);
    }
}
