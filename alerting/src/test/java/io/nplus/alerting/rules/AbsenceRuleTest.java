package io.nplus.alerting.rules;

import static io.nplus.alerting.engine.Harness.MINUTE;
import static io.nplus.alerting.engine.Harness.comp;
import static io.nplus.alerting.engine.Harness.drive;
import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.alerting.engine.Harness;
import io.nplus.alerting.model.Alert;
import io.nplus.alerting.model.AlertState;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.ComponentKind;
import io.nplus.mibs.vocab.Health;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AbsenceRuleTest {
    private static final Component ETH0 = comp(ComponentKind.INTERFACE, "1").name("eth0").state("up").profile("if_mib").build();
    private static final Component VD0 = comp(ComponentKind.VIRTUAL_DRIVE, "0").name("VD 0").state("optimal")
        .profile("megaraid").build();

    private static Component[] host(int drives) {
        List<Component> out = new ArrayList<>(List.of(ETH0, VD0));
        for (int i = 0; i < drives; i++) {
            out.add(drive(Integer.toString(i), Health.OK, "online"));
        }
        return out.toArray(Component[]::new);
    }

    @Test
    void aDriveThatVanishedWhileTheDeviceAnswersPagesAndResolvesWhenItIsBack() {
        Harness h = Harness.builtIn().targets("srv");
        h.observe("srv", host(4));
        var lastSeen = h.now();
        h.advance(MINUTE);
        h.observe("srv", ETH0, VD0, drive("0", Health.OK, "online"), drive("1", Health.OK, "online"),
            drive("3", Health.OK, "online"));
        assertThat(h.firedAll()).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo("StorageComponentGone");
            assertThat(a.key()).isEqualTo("nplus:StorageComponentGone:srv:physical_drive/2");
            assertThat(a.summary()).isEqualTo("srv: physical drive Disk 2 is gone (last seen " + lastSeen + ")");
            assertThat(a.severity().word()).isEqualTo("page");
        });
        for (int i = 0; i < 30; i++) {
            h.advance(MINUTE);
            h.observe("srv", ETH0, VD0, drive("0", Health.OK, "online"), drive("1", Health.OK, "online"),
                drive("3", Health.OK, "online"));
        }
        assertThat(h.firedAll()).hasSize(1);
        h.advance(MINUTE);
        var back = h.now();
        h.observe("srv", host(4));
        // The built-in page rules keep firing for an hour after their condition last held (a flapping drive pages once).
        h.everyMinuteFor(Duration.ofMinutes(58), () -> h.observe("srv", host(4)));
        assertThat(h.resolved("StorageComponentGone")).isEmpty();
        h.everyMinuteFor(MINUTE, () -> h.observe("srv", host(4)));
        assertThat(h.resolved("StorageComponentGone")).singleElement().extracting(Alert::resolvedAt)
            .isEqualTo(back.plus(Duration.ofMinutes(59)));
        assertThat(h.transitions).hasSize(2);
    }

    @Test
    void aRaidProfileWhoseTablesCameBackEmptyIsOneAlertNotOnePerDrive() {
        Harness h = Harness.builtIn().targets("srv");
        h.observe("srv", host(8));
        h.advance(MINUTE);
        h.observe("srv", ETH0); // the megaraid tables are empty: the sub-agent died
        assertThat(h.engine.alerts()).singleElement().extracting(v -> v.alert()).satisfies(a -> {
            assertThat(a.rule()).isEqualTo("StorageAgentSilent");
            assertThat(a.state()).isEqualTo(AlertState.FIRING);
            assertThat(a.key()).isEqualTo("nplus:StorageAgentSilent:srv:profile/megaraid");
            assertThat(a.labels()).containsEntry("profile", "megaraid");
            assertThat(a.summary()).startsWith("srv: the megaraid tables came back empty");
        });
        h.everyMinuteFor(Duration.ofMinutes(61), () -> h.observe("srv", host(8)));
        assertThat(h.resolved("StorageAgentSilent")).hasSize(1);
        assertThat(h.firedAll()).hasSize(1);
    }

    @Test
    void anUnreachableDeviceDoesNotMakeItsComponentsAbsent() {
        Harness h = Harness.rules("""
            rules:
              - name: Gone
                kind: absence
                severity: page
              - name: ProfileGone
                kind: absence
                of: profile
                severity: page
            """).targets("srv");
        h.observe("srv", host(4));
        for (int i = 0; i < 10; i++) {
            h.advance(MINUTE);
            h.poll("srv").unreachable("timeout").observe();
        }
        h.advance(MINUTE);
        h.observe("srv", host(4));
        assertThat(h.engine.alerts()).isEmpty();
        assertThat(h.transitions).isEmpty();
    }

    @Test
    void aProfileSelectNarrowsTheProfilesWatched() {
        Harness h = Harness.rules("""
            rules:
              - name: ProfileGone
                kind: absence
                of: profile
                select: {profiles: ["mega*"]}
                severity: page
            """).targets("srv");
        Component fs = comp(ComponentKind.FILESYSTEM, "1").name("/").profile("host_resources").build();
        h.observe("srv", ETH0, VD0, fs);
        h.advance(MINUTE);
        h.observe("srv", VD0);
        assertThat(h.engine.alerts()).isEmpty();
        h.advance(MINUTE);
        h.observe("srv", ETH0, fs);
        assertThat(h.firedAll()).extracting(Alert::key).containsExactly("nplus:ProfileGone:srv:profile/megaraid");
    }

    @Test
    void aComponentNotSeenForAWeekIsForgotten() {
        Harness h = Harness.rules("""
            rules:
              - name: Gone
                kind: absence
                severity: ticket
            """).targets("srv");
        h.observe("srv", ETH0, VD0);
        h.advance(MINUTE);
        h.observe("srv", ETH0);
        assertThat(h.fired("Gone")).hasSize(0);
        h.observe("srv", ETH0, comp(ComponentKind.INTERFACE, "2").name("eth1").profile("if_mib").build());
        h.advance(MINUTE);
        h.observe("srv", ETH0);
        assertThat(h.fired("Gone")).singleElement().extracting(a -> a.label("name")).isEqualTo("eth1");
        h.advance(Duration.ofDays(7).plus(MINUTE));
        h.observe("srv", ETH0);
        h.advance(MINUTE);
        h.observe("srv", ETH0);
        assertThat(h.resolved("Gone")).hasSize(1);
    }
}
