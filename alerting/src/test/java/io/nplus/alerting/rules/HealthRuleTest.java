package io.nplus.alerting.rules;

import static io.nplus.alerting.engine.Harness.MINUTE;
import static io.nplus.alerting.engine.Harness.comp;
import static io.nplus.alerting.engine.Harness.drive;
import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.alerting.engine.Harness;
import io.nplus.alerting.model.Alert;
import io.nplus.alerting.model.AlertState;
import io.nplus.mibs.vocab.ComponentKind;
import io.nplus.mibs.vocab.Health;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthRuleTest {
    private static final String DEGRADED_OR_WORSE = """
        rules:
          - name: DriveBad
            kind: health
            select: {kinds: [physical_drive]}
            at_least: degraded
            severity: page
        """;

    @Test
    void firesAtTheLowerBoundAndAboveItOnceAndResolvesWhenHealthy() {
        Harness h = Harness.rules(DEGRADED_OR_WORSE).targets("srv");
        h.observe("srv", drive("3", Health.WARNING, "predictive failure"));
        assertThat(h.engine.alerts()).as("warning is below at_least degraded").isEmpty();

        h.advance(MINUTE);
        h.observe("srv", drive("3", Health.DEGRADED, "rebuilding"));
        assertThat(h.fired("DriveBad")).hasSize(1);
        Alert a = h.fired("DriveBad").get(0);
        assertThat(a.key()).isEqualTo("nplus:DriveBad:srv:physical_drive/3");
        assertThat(a.firedAt()).isEqualTo(h.now());
        assertThat(a.labels()).containsEntry("alertname", "DriveBad").containsEntry("severity", "page")
            .containsEntry("target", "srv").containsEntry("component", "3").containsEntry("name", "Disk 3")
            .containsEntry("kind", "physical_drive");
        assertThat(a.summary()).isEqualTo("srv: physical drive Disk 3 is degraded: drive is rebuilding");

        h.advance(MINUTE);
        h.observe("srv", drive("3", Health.FAILED, "failed"));
        assertThat(h.fired("DriveBad")).as("worse is the same alert, not a second page").hasSize(1);
        assertThat(h.alert("DriveBad").orElseThrow().summary()).contains("is failed");

        h.advance(MINUTE);
        h.observe("srv", drive("3", Health.OK, "online"));
        assertThat(h.resolved("DriveBad")).hasSize(1);
        assertThat(h.resolved("DriveBad").get(0).resolvedAt()).isEqualTo(h.now());
        assertThat(h.state("DriveBad")).isEqualTo(AlertState.RESOLVED);
        assertThat(h.engine.counts()).as("resolved alerts are not counted").isEmpty();
    }

    @Test
    void atMostBoundsFromAbove() {
        Harness h = Harness.rules("""
            rules:
              - name: DriveAtRisk
                kind: health
                at_least: warning
                at_most: warning
                severity: ticket
            """).targets("srv");
        h.observe("srv", drive("1", Health.FAILED, "failed"), drive("2", Health.WARNING, "predictive failure"),
            drive("3", Health.UNKNOWN, "?"), drive("4", Health.OK, "online"));
        assertThat(h.firedAll()).extracting(a -> a.label("component")).containsExactly("2");
    }

    @Test
    void defaultsAreWarningToFailed() {
        Harness h = Harness.rules("""
            rules:
              - name: Anything
                kind: health
                severity: info
            """).targets("srv");
        h.observe("srv", drive("1", Health.FAILED, "failed"), drive("2", Health.WARNING, "predictive failure"),
            drive("3", Health.UNKNOWN, "?"), drive("4", Health.DEGRADED, "degraded"));
        assertThat(h.firedAll()).extracting(a -> a.label("component")).containsExactlyInAnyOrder("1", "2", "4");
    }

    @Test
    void theLanesOfOneOpticAreOneAlertNamedAfterItsPort() {
        Harness h = Harness.rules("""
            rules:
              - name: OpticAlarm
                kind: health
                select: {kinds: [transceiver]}
                at_least: degraded
                severity: page
            """).targets("sw");
        var module = comp(ComponentKind.TRANSCEIVER, "xcvr.7").name("et-0/0/0").health(Health.OK).build();
        java.util.function.BiFunction<Integer, Health, io.nplus.mibs.vocab.Component> lane = (n, health) ->
            comp(ComponentKind.TRANSCEIVER, "xcvr.7." + n).name("et-0/0/0 lane " + n).health(health)
                .reason(health == Health.OK ? "" : "rx_power_dbm -16 below low alarm -13.49")
                .label("module", "xcvr.7").label("lane", Integer.toString(n)).build();
        var other = comp(ComponentKind.TRANSCEIVER, "xcvr.9").name("et-0/0/1").health(Health.DEGRADED)
            .reason("temperature 80 above high alarm 75").build();
        h.observe("sw", module, lane.apply(0, Health.DEGRADED), lane.apply(1, Health.OK), other);
        h.advance(MINUTE);
        h.observe("sw", module, lane.apply(0, Health.DEGRADED), lane.apply(1, Health.DEGRADED), other);
        assertThat(h.fired("OpticAlarm")).extracting(Alert::key).containsExactlyInAnyOrder(
            "nplus:OpticAlarm:sw:transceiver/xcvr.7", "nplus:OpticAlarm:sw:transceiver/xcvr.9");
        assertThat(h.engine.alerts()).extracting(v -> v.alert().summary()).containsExactlyInAnyOrder(
            "sw: transceiver et-0/0/0 is degraded: lanes 0, 1: rx_power_dbm -16 below low alarm -13.49",
            "sw: transceiver et-0/0/1 is degraded: temperature 80 above high alarm 75");
        assertThat(h.fired("OpticAlarm")).filteredOn(a -> a.label("component").equals("xcvr.7")).singleElement()
            .satisfies(a -> assertThat(a.label("name")).isEqualTo("et-0/0/0"));
    }

    @Test
    void forDelaysFiringUntilTheFirstEvaluationAtOrAfterIt() {
        Harness h = Harness.rules("""
            rules:
              - name: OpticBad
                kind: health
                select: {kinds: [transceiver]}
                at_least: degraded
                for: 5m
                severity: page
            """).targets("sw");
        var bad = comp(ComponentKind.TRANSCEIVER, "xcvr.1").health(Health.DEGRADED).reason("rx power low").build();
        var start = h.now();
        // Polled every 2 minutes: true at 0, 2, 4 (pending), 6 is the first evaluation after 5m.
        for (int i = 0; i < 3; i++) {
            h.observe("sw", bad);
            assertThat(h.state("OpticBad")).isEqualTo(AlertState.PENDING);
            assertThat(h.engine.counts()).containsEntry(List.of("OpticBad", "page", "pending"), 1);
            h.advance(Duration.ofMinutes(2));
        }
        assertThat(h.firedAll()).isEmpty();
        h.observe("sw", bad);
        assertThat(h.fired("OpticBad")).hasSize(1);
        Alert a = h.fired("OpticBad").get(0);
        assertThat(a.activeAt()).isEqualTo(start);
        assertThat(a.firedAt()).isEqualTo(start.plus(Duration.ofMinutes(6)));
    }

    @Test
    void firesExactlyAtForWhenAnEvaluationFallsOnIt() {
        Harness h = Harness.rules("""
            rules:
              - name: OpticBad
                kind: health
                at_least: degraded
                for: 5m
                severity: page
            """).targets("sw");
        var bad = comp(ComponentKind.TRANSCEIVER, "xcvr.1").health(Health.DEGRADED).build();
        var start = h.now();
        for (int i = 0; i <= 5; i++) {
            h.observe("sw", bad);
            h.advance(MINUTE);
        }
        assertThat(h.fired("OpticBad")).singleElement().extracting(Alert::firedAt)
            .isEqualTo(start.plus(Duration.ofMinutes(5)));
    }

    @Test
    void aPendingAlertThatClearsBeforeForNeverFiresAndIsForgotten() {
        Harness h = Harness.rules("""
            rules:
              - name: OpticBad
                kind: health
                at_least: degraded
                for: 5m
                severity: page
            """).targets("sw");
        var bad = comp(ComponentKind.TRANSCEIVER, "xcvr.1").health(Health.DEGRADED).build();
        var good = comp(ComponentKind.TRANSCEIVER, "xcvr.1").health(Health.OK).build();
        h.observe("sw", bad);
        h.advance(Duration.ofMinutes(3));
        h.observe("sw", good);
        assertThat(h.engine.alerts()).isEmpty();
        // Bad again: the for timer starts over.
        h.advance(MINUTE);
        var again = h.now();
        h.observe("sw", bad);
        h.advance(Duration.ofMinutes(4));
        h.observe("sw", bad);
        assertThat(h.firedAll()).isEmpty();
        h.advance(MINUTE);
        h.observe("sw", bad);
        assertThat(h.fired("OpticBad")).singleElement().extracting(Alert::activeAt).isEqualTo(again);
        assertThat(h.transitions).noneMatch(a -> a.state() == AlertState.RESOLVED);
    }

    @Test
    void selectNarrowsByKindComponentAndTarget() {
        Harness h = Harness.rules("""
            rules:
              - name: DriveBad
                kind: health
                select: {kinds: [physical_drive], target: "db-*", component: "Disk 1*"}
                at_least: degraded
                severity: page
            """).targets("db-1", "web-1");
        h.observe("db-1", drive("1", Health.FAILED, "failed"), drive("12", Health.FAILED, "failed"),
            drive("2", Health.FAILED, "failed"), comp(ComponentKind.FAN, "1").health(Health.FAILED).build());
        h.observe("web-1", drive("1", Health.FAILED, "failed"));
        assertThat(h.firedAll()).extracting(Alert::key)
            .containsExactlyInAnyOrder("nplus:DriveBad:db-1:physical_drive/1", "nplus:DriveBad:db-1:physical_drive/12");
    }

    @Test
    void theTargetsLabelsAreOnTheAlertFromTheFirstPoll() {
        Harness h = Harness.rules(DEGRADED_OR_WORSE).targets("srv");
        h.poll("srv").label("site", "ams").label("role", "db").components(drive("3", Health.FAILED, "failed")).observe();
        assertThat(h.fired("DriveBad")).singleElement().satisfies(a ->
            assertThat(a.labels()).containsEntry("site", "ams").containsEntry("role", "db")
                .containsEntry("severity", "page"));
    }

    @Test
    void aTargetLabelCannotOverrideTheAlertsOwnLabels() {
        Harness h = Harness.rules(DEGRADED_OR_WORSE).targets("srv");
        h.poll("srv").label("severity", "info").label("alertname", "x").components(drive("3", Health.FAILED, "failed"))
            .observe();
        assertThat(h.fired("DriveBad").get(0).labels()).containsEntry("severity", "page")
            .containsEntry("alertname", "DriveBad");
    }
}
