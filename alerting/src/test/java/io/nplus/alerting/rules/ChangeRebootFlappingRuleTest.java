package io.nplus.alerting.rules;

import static io.nplus.alerting.engine.Harness.MINUTE;
import static io.nplus.alerting.engine.Harness.comp;
import static io.nplus.alerting.engine.Harness.iface;
import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.alerting.engine.Harness;
import io.nplus.alerting.model.AlertState;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.ComponentKind;
import io.nplus.mibs.vocab.Health;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChangeRebootFlappingRuleTest {
    private static final String CHANGE = """
        rules:
          - name: LimitChanged
            kind: change
            reading: max_connections
            baseline_for: 1h
            severity: page
        """;

    private static Component db(double maxConnections) {
        return comp(ComponentKind.CHASSIS, "db").name("postgres").reading("max_connections", maxConnections).build();
    }

    private static void polls(Harness h, double value, Duration during) {
        for (long m = 0; m < during.toMinutes(); m++) {
            h.observe("db-1", db(value));
            h.advance(MINUTE);
        }
    }

    @Test
    void aValueThatLeavesItsBaselineIsReportedWithBeforeAndAfterAndResolvesWhenBack() {
        Harness h = Harness.rules(CHANGE).targets("db-1");
        polls(h, 5000, Duration.ofMinutes(30));
        polls(h, 4000, Duration.ofMinutes(20)); // no baseline yet: nothing to compare with
        assertThat(h.engine.alerts()).isEmpty();
        polls(h, 5000, Duration.ofMinutes(61)); // held an hour: the baseline
        assertThat(h.engine.alerts()).isEmpty();
        h.observe("db-1", db(30));
        assertThat(h.fired("LimitChanged")).singleElement().satisfies(a -> {
            assertThat(a.summary()).isEqualTo("db-1: chassis postgres: max connections changed 5000 -> 30");
            assertThat(a.value()).isEqualTo(30);
        });
        h.advance(MINUTE);
        polls(h, 30, Duration.ofHours(3));
        assertThat(h.fired("LimitChanged")).hasSize(1);
        assertThat(h.alert("LimitChanged").orElseThrow().summary()).contains("5000 -> 30");
        h.observe("db-1", db(5000));
        assertThat(h.resolved("LimitChanged")).hasSize(1);
    }

    @Test
    void minChangeIsAFractionOfTheBaseline() {
        Harness h = Harness.rules("""
            rules:
              - name: LimitChanged
                kind: change
                reading: max_connections
                baseline_for: 10m
                min_change: 0.5
                severity: page
            """).targets("db-1");
        polls(h, 5000, Duration.ofMinutes(11));
        polls(h, 4000, Duration.ofMinutes(5));
        assertThat(h.engine.alerts()).isEmpty();
        h.observe("db-1", db(30));
        assertThat(h.fired("LimitChanged")).singleElement().extracting(a -> a.summary())
            .isEqualTo("db-1: chassis postgres: max connections changed 5000 -> 30");
    }

    @Test
    void aNewValueHeldForADayBecomesTheBaseline() {
        Harness h = Harness.rules(CHANGE).targets("db-1");
        polls(h, 5000, Duration.ofMinutes(61));
        polls(h, 8000, Duration.ofHours(24).plus(MINUTE));
        assertThat(h.fired("LimitChanged")).hasSize(1);
        assertThat(h.resolved("LimitChanged")).as("the new normal").hasSize(1);
        polls(h, 8000, Duration.ofHours(2));
        assertThat(h.fired("LimitChanged")).hasSize(1);
        h.observe("db-1", db(5000));
        assertThat(h.fired("LimitChanged")).hasSize(2);
        assertThat(h.fired("LimitChanged").get(1).summary()).startsWith("db-1: chassis postgres: max connections changed 8000 -> 5000");
    }

    @Test
    void rebootIsInfoAndKeepsFiringForHalfAnHour() {
        Harness h = Harness.builtIn().targets("sw");
        h.observe("sw");
        h.advance(MINUTE);
        h.poll("sw").rebooted().observe();
        assertThat(h.fired("DeviceRebooted")).singleElement().satisfies(a -> {
            assertThat(a.severity().word()).isEqualTo("info");
            assertThat(a.summary()).isEqualTo("sw restarted (sysUpTime went back)");
            assertThat(a.key()).isEqualTo("nplus:DeviceRebooted:sw");
        });
        var at = h.now();
        for (int i = 0; i < 29; i++) {
            h.advance(MINUTE);
            h.observe("sw");
        }
        assertThat(h.state("DeviceRebooted")).isEqualTo(AlertState.FIRING);
        h.advance(MINUTE);
        h.observe("sw");
        assertThat(h.resolved("DeviceRebooted")).singleElement().extracting(a -> a.resolvedAt())
            .isEqualTo(at.plus(Duration.ofMinutes(30)));
        assertThat(h.firedAll()).hasSize(1);
    }

    private static final String FLAP = """
        rules:
          - name: Flapping
            kind: flapping
            select: {kinds: [interface]}
            field: state
            changes: 4
            within: 15m
            keep_firing_for: 30m
            severity: ticket
        """;

    @Test
    void flappingCountsChangesInTheWindowIncludingTheCurrentPoll() {
        Harness h = Harness.rules(FLAP).targets("sw");
        String[] states = {"up", "down", "up", "down"};
        for (String s : states) {
            h.observe("sw", iface("49", "Ethernet49", s, 1e10));
            h.advance(MINUTE);
        }
        assertThat(h.engine.alerts()).as("3 changes so far").isEmpty();
        h.observe("sw", iface("49", "Ethernet49", "up", 1e10));
        assertThat(h.fired("Flapping")).singleElement().satisfies(a -> {
            assertThat(a.summary()).isEqualTo("sw: interface Ethernet49 changed state 4 times in 15m (now up)");
            assertThat(a.value()).isEqualTo(4);
        });
        var last = h.now();
        for (int i = 0; i < 60; i++) {
            h.advance(MINUTE);
            h.observe("sw", iface("49", "Ethernet49", "up", 1e10));
        }
        assertThat(h.resolved("Flapping")).singleElement().extracting(a -> a.resolvedAt())
            .as("4 changes stayed in the 15m window until 12m after, then 30m more")
            .isEqualTo(last.plus(Duration.ofMinutes(12 + 30)));
    }

    @Test
    void changesSpreadWiderThanTheWindowAreNoFlap() {
        Harness h = Harness.rules(FLAP).targets("sw");
        for (int i = 0; i < 60; i++) {
            h.observe("sw", iface("49", "Ethernet49", (i / 6) % 2 == 0 ? "up" : "down", 1e10));
            h.advance(MINUTE);
        }
        assertThat(h.engine.alerts()).as("a change every 6 minutes: at most 3 in 15m").isEmpty();
    }

    @Test
    void flappingOfHealth() {
        Harness h = Harness.rules("""
            rules:
              - name: DriveFlapping
                kind: flapping
                field: health
                changes: 2
                within: 10m
                severity: page
            """).targets("srv");
        Health[] seq = {Health.OK, Health.OK, Health.DEGRADED, Health.DEGRADED};
        for (Health s : seq) {
            h.observe("srv", Harness.drive("1", s, "online"));
            h.advance(MINUTE);
        }
        assertThat(h.engine.alerts()).isEmpty();
        h.observe("srv", Harness.drive("1", Health.OK, "online"));
        assertThat(h.fired("DriveFlapping")).singleElement().extracting(a -> a.summary())
            .isEqualTo("srv: physical drive Disk 1 changed health 2 times in 10m (now online)");
    }
}
