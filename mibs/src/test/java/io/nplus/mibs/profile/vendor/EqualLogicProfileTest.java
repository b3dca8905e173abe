package io.nplus.mibs.profile.vendor;

import static io.nplus.mibs.profile.vendor.ApplianceWalks.component;
import static io.nplus.mibs.profile.vendor.ApplianceWalks.interpret;
import static io.nplus.mibs.profile.vendor.ApplianceWalks.ofKind;
import static io.nplus.mibs.profile.vendor.ApplianceWalks.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.mibs.data.MibSnapshot;
import io.nplus.mibs.interpret.DeviceInterpreter.DeviceHealth;
import io.nplus.mibs.testdata.TestData;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.ComponentKind;
import io.nplus.mibs.vocab.Health;
import io.nplus.mibs.vocab.Thresholds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.snmp4j.smi.OctetString;

/**
 * equallogic.yaml on the equallogic recording (one PS-series member, 23 drives on-line and 1 spare) and on changed
 * copies: a failed drive, the spare used up, the member's RAID set degraded, crossed temperature limits.
 */
class EqualLogicProfileTest {
    static final MibSnapshot EQL = TestData.read("equallogic");
    static final String MEMBER = "1.1841966935";
    static final String DISK_STATUS = "1.3.6.1.4.1.12740.3.1.1.1.8." + MEMBER + ".";
    static final String RAID = "1.3.6.1.4.1.12740.2.1.13.1.";

    static Component disk(DeviceHealth h, int index) {
        return component(h, ComponentKind.PHYSICAL_DRIVE, "disk.1841966935." + index);
    }

    static Component member(DeviceHealth h) {
        return component(h, ComponentKind.CHASSIS, "member.1841966935");
    }

    @Test
    void theRecordingIsHealthyWithOneSpare() {
        DeviceHealth h = interpret(EQL);
        assertThat(h.profiles()).contains("equallogic");
        assertThat(ofKind(h, ComponentKind.PHYSICAL_DRIVE)).hasSize(24).allMatch(c -> c.health() == Health.OK);
        // Index 20 is the drive in slot 19 (eqlDiskIndex = slot + 1); LibreNMS calls it "Disk 20".
        assertThat(disk(h, 20).name()).isEqualTo("Disk 19");
        assertThat(disk(h, 20).state()).isEqualTo("spare");
        assertThat(member(h).labels()).containsEntry("hot_spares", "1");
        assertThat(member(h).health()).isEqualTo(Health.OK);
        assertThat(ofKind(h, ComponentKind.SENSOR)).hasSize(8).allMatch(c -> c.health() == Health.OK);
        assertThat(ofKind(h, ComponentKind.FAN)).hasSize(4).allMatch(c -> c.health() == Health.OK);
        assertThat(ofKind(h, ComponentKind.POWER_SUPPLY)).hasSize(2).allMatch(c -> c.health() == Health.OK);
        // The MIB's HighCritical column (5) is 50 and HighWarning (6) 45; LibreNMS shows them the other way round.
        assertThat(component(h, ComponentKind.SENSOR, "temp.1841966935.2").thresholds())
            .containsEntry("temperature_celsius", new Thresholds(1.0, 2.0, 45.0, 50.0));
    }

    @Test
    void aFailedDiskIsFailed() {
        Component d = disk(interpret(with(EQL, DISK_STATUS + "5", 3)), 5);
        assertThat(d.name()).isEqualTo("Disk 4");
        assertThat(d.health()).isEqualTo(Health.FAILED);
        assertThat(d.reason()).isEqualTo("disk status failed");
    }

    @ParameterizedTest(name = "eqlDiskStatus {0} -> {1}")
    @CsvSource({"1, OK", "2, OK", "3, FAILED", "4, FAILED", "5, WARNING", "6, WARNING", "7, WARNING", "8, WARNING",
        "9, WARNING", "10, WARNING", "11, WARNING", "12, WARNING", "13, FAILED", "14, UNKNOWN"})
    void everyDiskStatusOfTheMib(int status, Health health) {
        assertThat(disk(interpret(with(EQL, DISK_STATUS + "7", status)), 7).health()).isEqualTo(health);
    }

    @Test
    void aTrippedSmartStatusIsAWarning() {
        Component d = disk(interpret(with(EQL, "1.3.6.1.4.1.12740.3.1.1.1.17." + MEMBER + ".9", 2)), 9);
        assertThat(d.health()).isEqualTo(Health.WARNING);
        assertThat(d.reason()).isEqualTo("SMART threshold exceeded");
    }

    @Test
    void whenTheSpareReplacesAFailedDriveNoSpareIsLeft() {
        DeviceHealth h = interpret(with(EQL, DISK_STATUS + "20", 1, DISK_STATUS + "3", 3));
        assertThat(member(h).labels()).containsEntry("hot_spares", "0");
        assertThat(disk(h, 3).health()).isEqualTo(Health.FAILED);
    }

    @Test
    void theMembersRaidSetWhereTheFirmwareReportsIt() {
        MibSnapshot raid = with(EQL, RAID + "1." + MEMBER, 2, RAID + "2." + MEMBER, 0, RAID + "3." + MEMBER, 2,
            RAID + "4." + MEMBER, 0);
        Component r = component(interpret(raid), ComponentKind.VIRTUAL_DRIVE, "raid.1841966935");
        assertThat(r.name()).isEqualTo("RAID set of member 1841966935");
        assertThat(r.health()).isEqualTo(Health.DEGRADED);
        assertThat(r.reason()).isEqualTo("RAID status degraded");
        assertThat(r.labels()).containsEntry("hot_spares", "0");
        // eqlMemberNumberOfSpares wins over counting the drives' states.
        assertThat(member(interpret(raid)).labels()).containsEntry("hot_spares", "0");

        Component rebuilding = component(interpret(with(raid, RAID + "1." + MEMBER, 4, RAID + "2." + MEMBER, 37)),
            ComponentKind.VIRTUAL_DRIVE, "raid.1841966935");
        assertThat(rebuilding.health()).isEqualTo(Health.WARNING);
        assertThat(rebuilding.readings()).containsEntry("rebuild_progress_ratio", 0.37);

        assertThat(component(interpret(with(raid, RAID + "1." + MEMBER, 6)), ComponentKind.VIRTUAL_DRIVE,
            "raid.1841966935").health()).isEqualTo(Health.FAILED);
    }

    @Test
    void theMemberNamesTheConditionBehindItsStatus() {
        // eqlMemberHealthWarningConditions bit 6 (raidSetFaulted) is 0x02 in the first octet.
        MibSnapshot faulted = with(EQL, "1.3.6.1.4.1.12740.2.1.5.1.1." + MEMBER, 2,
            "1.3.6.1.4.1.12740.2.1.5.1.2." + MEMBER, new OctetString(new byte[] {0x02, 0, 0, 0}));
        Component m = member(interpret(faulted));
        assertThat(m.health()).isEqualTo(Health.DEGRADED);
        assertThat(m.reason()).isEqualTo("the RAID set is faulted (a drive is lost, redundancy reduced)");

        Component critical = member(interpret(with(EQL, "1.3.6.1.4.1.12740.2.1.5.1.1." + MEMBER, 3)));
        assertThat(critical.health()).isEqualTo(Health.DEGRADED);
        assertThat(critical.reason()).isEqualTo("member health critical");
    }

    @Test
    void temperaturesAndFansAreCheckedAgainstTheArraysOwnLimits() {
        String temp = "1.3.6.1.4.1.12740.2.1.6.1.3." + MEMBER + ".4";
        Component hot = component(interpret(with(EQL, temp, 96)), ComponentKind.SENSOR, "temp.1841966935.4");
        assertThat(hot.name()).isEqualTo("Control module 0 processor");
        assertThat(hot.health()).isEqualTo(Health.DEGRADED);
        assertThat(hot.reason()).isEqualTo("temperature_celsius 96 above high alarm 95");
        Component warm = component(interpret(with(EQL, temp, 91)), ComponentKind.SENSOR, "temp.1841966935.4");
        assertThat(warm.health()).isEqualTo(Health.WARNING);

        Component slow = component(interpret(with(EQL, "1.3.6.1.4.1.12740.2.1.7.1.3." + MEMBER + ".2",
            new org.snmp4j.smi.Gauge32(2000))), ComponentKind.FAN, "fan.1841966935.2");
        assertThat(slow.health()).isEqualTo(Health.DEGRADED);
        assertThat(slow.reason()).isEqualTo("fan_speed_rpm 2000 below low alarm 3000");
    }

    @Test
    void aPowerSupplyWithoutMainsOrAStoppedFan() {
        String psu = "1.3.6.1.4.1.12740.2.1.8.1.";
        DeviceHealth h = interpret(with(EQL, psu + "3." + MEMBER + ".1", 2, psu + "4." + MEMBER + ".2", 2));
        Component noAc = component(h, ComponentKind.POWER_SUPPLY, "psu.1841966935.1");
        assertThat(noAc.health()).isEqualTo(Health.DEGRADED);
        assertThat(noAc.reason()).isEqualTo("power supply no-ac-power");
        Component fan = component(h, ComponentKind.POWER_SUPPLY, "psu.1841966935.2");
        assertThat(fan.health()).isEqualTo(Health.DEGRADED);
        assertThat(fan.reason()).isEqualTo("power supply fan fan-not-operational");
    }
}
