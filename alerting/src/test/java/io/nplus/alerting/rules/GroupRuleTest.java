package io.nplus.alerting.rules;

import static io.nplus.alerting.engine.Harness.MINUTE;
import static io.nplus.alerting.engine.Harness.iface;
import static io.nplus.alerting.engine.Harness.member;
import static io.nplus.alerting.engine.Harness.wholeTarget;
import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.alerting.engine.AlertEngine;
import io.nplus.alerting.engine.Harness;
import io.nplus.alerting.model.Alert;
import io.nplus.alerting.model.AlertState;
import io.nplus.alerting.model.Severity;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.ComponentKind;
import io.nplus.mibs.vocab.Health;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Redundancy groups and correlated failures: the rules about several targets at once. */
class GroupRuleTest {
    private static Component uplink(String state) {
        return iface("49", "Ethernet49", state, 4e10);
    }

    private static Harness uplinks() {
        return Harness.builtIn().targets("sw-1", "sw-2", "web-1")
            .group("storage-uplinks", 2, member("sw-*", ComponentKind.INTERFACE, "Ethernet49"));
    }

    @Test
    void twoOfTwoToZeroOfTwoPagesWithWhatIsNotHealthy() {
        Harness h = uplinks();
        h.observe("sw-1", uplink("up"), iface("50", "Ethernet50", "down", 4e10));
        h.observe("sw-2", uplink("up"));
        h.observe("web-1", uplink("down"));
        assertThat(h.engine.alerts()).isEmpty();
        h.advance(MINUTE);
        h.observe("sw-1", uplink("down"));
        assertThat(h.fired("RedundancyLost")).singleElement().satisfies(a -> {
            assertThat(a.key()).isEqualTo("nplus:RedundancyLost::group/storage-uplinks");
            assertThat(a.labels()).containsEntry("group", "storage-uplinks").doesNotContainKey("target");
            assertThat(a.summary()).isEqualTo("storage-uplinks: 1 of 2 healthy, need 2; not healthy: sw-1 Ethernet49 (down)");
            assertThat(a.value()).isEqualTo(1);
        });
        h.observe("sw-2", uplink("down"));
        assertThat(h.fired("RedundancyLost")).hasSize(1);
        assertThat(h.alert("RedundancyLost").orElseThrow().summary()).isEqualTo(
            "storage-uplinks: 0 of 2 healthy, need 2; not healthy: sw-1 Ethernet49 (down), sw-2 Ethernet49 (down)");
        h.everyMinuteFor(Duration.ofMinutes(59), () -> {
            h.observe("sw-1", uplink("up"));
            h.observe("sw-2", uplink("up"));
        });
        assertThat(h.resolved("RedundancyLost")).isEmpty();
        h.everyMinuteFor(Duration.ofMinutes(2), () -> {
            h.observe("sw-1", uplink("up"));
            h.observe("sw-2", uplink("up"));
        });
        assertThat(h.resolved("RedundancyLost")).as("keep_firing_for 1h").hasSize(1);
    }

    @Test
    void anInterfaceCountsAsHealthyOnlyWhenUpAndAnyComponentOnlyWhenOk() {
        Harness h = Harness.builtIn().targets("sw-1", "srv")
            .group("uplinks", 1, member("sw-1", ComponentKind.INTERFACE, "Ethernet49"))
            .group("array", 2, member("srv", ComponentKind.PHYSICAL_DRIVE, "*"));
        // An interface whose health is ok (admin down is not a fault) but which is not up.
        Component adminDown = Component.builder(ComponentKind.INTERFACE, "49").name("Ethernet49").state("lowerLayerDown")
            .health(Health.OK).build();
        h.observe("sw-1", adminDown);
        h.observe("srv", Harness.drive("0", Health.OK, "online"), Harness.drive("1", Health.WARNING, "predictive failure"));
        assertThat(h.fired("RedundancyLost")).extracting(Alert::summary).containsExactlyInAnyOrder(
            "uplinks: 0 of 1 healthy, need 1; not healthy: sw-1 Ethernet49 (lowerLayerDown)",
            "array: 1 of 2 healthy, need 2; not healthy: srv Disk 1 (warning)");
    }

    @Test
    void wholeTargetMembersAreHealthyWhenTheyAnswer() {
        Harness h = Harness.builtIn().targets("core-a", "core-b").group("core-pair", 2, wholeTarget("core-*"));
        h.observe("core-a");
        h.observe("core-b");
        assertThat(h.engine.alerts()).isEmpty();
        h.advance(MINUTE);
        h.poll("core-b").unreachable("timeout").observe();
        assertThat(h.fired("RedundancyLost")).singleElement().extracting(Alert::summary)
            .isEqualTo("core-pair: 1 of 2 healthy, need 2; not healthy: core-b (unreachable)");
        h.everyMinuteFor(Duration.ofMinutes(61), () -> {
            h.observe("core-a");
            h.observe("core-b");
        });
        assertThat(h.resolved("RedundancyLost")).hasSize(1);
    }

    @Test
    void aPoolThatLostItsRedundancyHoldsBackItsSilentMembersButNoOtherDevice() {
        Harness h = Harness.builtIn().targets("lb1", "lb2", "lb3", "lb4", "db").group("lb-pool", 3, wholeTarget("lb*"));
        for (String t : List.of("lb1", "lb2", "lb3", "lb4", "db")) {
            h.observe(t);
        }
        h.everyMinuteFor(Duration.ofMinutes(5), () -> {
            h.poll("lb1").unreachable("timeout").observe();
            h.poll("lb2").unreachable("timeout").observe();
            h.poll("db").unreachable("timeout").observe();
            h.observe("lb3");
            h.observe("lb4");
        });
        assertThat(h.fired("RedundancyLost")).singleElement().extracting(Alert::summary)
            .isEqualTo("lb-pool: 2 of 4 healthy, need 3; not healthy: lb1 (unreachable), lb2 (unreachable)");
        Map<String, String> heldBack = h.engine.alerts().stream().filter(v -> v.alert().rule().equals("TargetUnreachable"))
            .collect(Collectors.toMap(v -> v.alert().label("target"), AlertEngine.View::inhibitedBy));
        assertThat(heldBack).containsOnly(Map.entry("lb1", "nplus:RedundancyLost::group/lb-pool"),
            Map.entry("lb2", "nplus:RedundancyLost::group/lb-pool"), Map.entry("db", ""));
    }

    @Test
    void anUnreachableMembersComponentsCountAsUnhealthy() {
        Harness h = uplinks();
        h.observe("sw-1", uplink("up"));
        h.observe("sw-2", uplink("up"));
        h.advance(MINUTE);
        h.poll("sw-2").unreachable("timeout").observe();
        assertThat(h.fired("RedundancyLost")).singleElement().extracting(Alert::summary)
            .isEqualTo("storage-uplinks: 1 of 2 healthy, need 2; not healthy: sw-2 Ethernet49 (device unreachable)");
        assertThat(h.engine.alerts()).filteredOn(v -> v.alert().rule().equals("RedundancyLost"))
            .noneMatch(AlertEngine.View::inhibited);
    }

    @Test
    void membersNotPolledYetDoNotPageAtStartup() {
        Harness h = uplinks();
        h.engine.tick();
        h.observe("sw-1", uplink("up"));
        h.engine.tick();
        assertThat(h.engine.alerts()).as("sw-2 has not been polled yet: unknown, not unhealthy").isEmpty();
        h.observe("sw-2", uplink("down"));
        assertThat(h.fired("RedundancyLost")).singleElement().extracting(Alert::summary)
            .isEqualTo("storage-uplinks: 1 of 2 healthy, need 2; not healthy: sw-2 Ethernet49 (down)");
    }

    @Test
    void aGroupWhoseMembersMatchNothingPagesOnceEveryTargetWasPolled() {
        Harness h = Harness.builtIn().targets("sw-1").group("typo", 1, member("sw-1", ComponentKind.INTERFACE, "Ethernet99"));
        h.observe("sw-1", uplink("up"));
        assertThat(h.fired("RedundancyLost")).singleElement().extracting(Alert::summary)
            .isEqualTo("typo: 0 of 0 healthy, need 1; not healthy: no member found");
    }

    // ---- correlated ----

    private static Harness core() {
        return Harness.builtIn().targets("core-1", "core-2", "core-3", "edge-1")
            .group("core", 2, wholeTarget("core-*"));
    }

    private static void everyonePolls(Harness h) {
        for (String t : new String[] {"core-1", "core-2", "core-3", "edge-1"}) {
            h.observe(t);
        }
    }

    @Test
    void aLinkBundleOnRebootingSwitchesIsNoSecondCorrelatedReboot() {
        // Issue 8, incident 3: the pair's group pages for the reboot; the bundle the pair carries does not.
        Harness h = core().group("storage-uplinks", 2, member("core-*", ComponentKind.INTERFACE, "Ethernet49"));
        everyonePolls(h);
        h.advance(MINUTE);
        h.poll("core-1").rebooted().observe();
        h.advance(Duration.ofSeconds(40));
        h.poll("core-2").rebooted().observe();
        assertThat(h.fired("CorrelatedReboot")).singleElement()
            .extracting(Alert::key).isEqualTo("nplus:CorrelatedReboot::group/core");
    }

    @Test
    void twoMembersRebootingWithinTenMinutesIsOnePageAndTheirRebootAlertsAreHeldBack() {
        Harness h = core();
        everyonePolls(h);
        h.advance(MINUTE);
        h.poll("core-1").rebooted().observe();
        h.poll("edge-1").rebooted().observe();
        assertThat(h.fired("CorrelatedReboot")).as("edge-1 is not in the group").isEmpty();
        for (int i = 0; i < 4; i++) {
            h.advance(MINUTE);
            everyonePolls(h);
        }
        h.advance(MINUTE);
        h.poll("core-2").rebooted().observe();
        h.advance(MINUTE);
        h.poll("core-3").rebooted().observe();

        assertThat(h.firedAll()).filteredOn(a -> a.severity() == Severity.PAGE).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo("CorrelatedReboot");
            assertThat(a.key()).isEqualTo("nplus:CorrelatedReboot::group/core");
            assertThat(a.summary()).isEqualTo("core: 2 members rebooted within 10m: core-1, core-2");
        });
        assertThat(h.alert("CorrelatedReboot").orElseThrow().summary())
            .isEqualTo("core: 3 members rebooted within 10m: core-1, core-2, core-3");
        Map<String, String> inhibited = h.engine.alerts().stream()
            .collect(Collectors.toMap(v -> v.alert().key(), AlertEngine.View::inhibitedBy));
        assertThat(inhibited)
            .containsEntry("nplus:DeviceRebooted:core-1", "nplus:CorrelatedReboot::group/core")
            .containsEntry("nplus:DeviceRebooted:core-2", "nplus:CorrelatedReboot::group/core")
            .containsEntry("nplus:DeviceRebooted:core-3", "nplus:CorrelatedReboot::group/core")
            .containsEntry("nplus:DeviceRebooted:edge-1", "")
            .containsEntry("nplus:CorrelatedReboot::group/core", "");
    }

    @Test
    void rebootsFurtherApartThanTheWindowAreNotCorrelated() {
        Harness h = core();
        everyonePolls(h);
        h.advance(MINUTE);
        h.poll("core-1").rebooted().observe();
        for (int i = 0; i < 11; i++) {
            h.advance(MINUTE);
            everyonePolls(h);
        }
        h.poll("core-2").rebooted().observe();
        assertThat(h.fired("CorrelatedReboot")).isEmpty();
        assertThat(h.fired("DeviceRebooted")).hasSize(2);
    }

    @Test
    void aCorrelatedOutageHoldsBackTheMembersUnreachableAlerts() {
        Harness h = Harness.rules("""
            rules:
              - name: Unreachable
                kind: unreachable
                severity: page
              - name: CoreDown
                kind: correlated
                of: unreachable
                window: 5m
                severity: page
            """).targets("core-1", "core-2").group("core", 2, wholeTarget("core-*"));
        h.observe("core-1");
        h.observe("core-2");
        h.advance(MINUTE);
        h.poll("core-1").unreachable("timeout").observe();
        h.poll("core-2").unreachable("timeout").observe();
        assertThat(h.fired("CoreDown")).singleElement().extracting(Alert::summary)
            .isEqualTo("core: 2 members stopped answering within 5m: core-1, core-2");
        Map<String, String> inhibited = h.engine.alerts().stream()
            .collect(Collectors.toMap(v -> v.alert().key(), AlertEngine.View::inhibitedBy));
        assertThat(inhibited).containsEntry("nplus:Unreachable:core-1", "nplus:CoreDown::group/core")
            .containsEntry("nplus:Unreachable:core-2", "nplus:CoreDown::group/core");
        h.advance(MINUTE);
        h.observe("core-1");
        assertThat(h.state("CoreDown")).isEqualTo(AlertState.RESOLVED);
    }
}
