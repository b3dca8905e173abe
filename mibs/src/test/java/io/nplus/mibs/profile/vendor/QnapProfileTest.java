package io.nplus.mibs.profile.vendor;

import static io.nplus.mibs.profile.vendor.ApplianceWalks.component;
import static io.nplus.mibs.profile.vendor.ApplianceWalks.interpret;
import static io.nplus.mibs.profile.vendor.ApplianceWalks.ofKind;
import static io.nplus.mibs.profile.vendor.ApplianceWalks.with;
import static io.nplus.mibs.profile.vendor.ApplianceWalks.without;
import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.mibs.data.MibSnapshot;
import io.nplus.mibs.interpret.DeviceInterpreter.DeviceHealth;
import io.nplus.mibs.testdata.TestData;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.ComponentKind;
import io.nplus.mibs.vocab.Health;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.snmp4j.smi.Counter64;

/**
 * qnap.yaml on the qnap recording (TVS-871U-RP + UX-1200U, QTS 4.3.3) and changed copies: SMART alerts, a drive
 * table of either generation (never both), RAID groups by their status text, spares.
 */
class QnapProfileTest {
    static final MibSnapshot QNAP = TestData.read("qnap");
    static final String DISK = "1.3.6.1.4.1.24681.1.4.1.1.1.1.5.2.1.";
    static final String HD = "1.3.6.1.4.1.24681.1.2.11.1.";
    static final String RAID = "1.3.6.1.4.1.24681.1.4.1.1.1.2.1.2.1.";

    static Component disk(MibSnapshot data, int index) {
        return component(interpret(data), ComponentKind.PHYSICAL_DRIVE, "disk." + index);
    }

    /** The recording plus one RAID group row (the recording has none) with this status text. */
    static MibSnapshot withRaid(MibSnapshot data, String status) {
        return with(data, RAID + "1.1", 1, RAID + "2.1", 1, RAID + "3.1", new Counter64(23_000_000_000_000L),
            RAID + "4.1", new Counter64(6_900_000_000_000L), RAID + "5.1", status, RAID + "6.1", 0,
            RAID + "7.1", "RAID 5");
    }

    static Component raid(MibSnapshot data) {
        return component(interpret(data), ComponentKind.VIRTUAL_DRIVE, "raid.1");
    }

    @Test
    void eachDriveIsReportedOnceThoughBothGenerationsListTheHostBays() {
        DeviceHealth h = interpret(QNAP);
        assertThat(h.profiles()).contains("qnap");
        // 8 host bays (legacy HDD1..8 = enclosure 0 disks 1..8) + 12 expansion bays. LibreNMS reports 28 drive states:
        // every host drive twice, as hdStatus and as diskSmartInfo.
        assertThat(ofKind(h, ComponentKind.PHYSICAL_DRIVE)).hasSize(20).allMatch(c -> c.id().startsWith("disk."))
            .allMatch(c -> c.health() == Health.OK);
        assertThat(disk(QNAP, 3).name()).isEqualTo("Disk 3 (TVS-871U-RP)");
        assertThat(disk(QNAP, 11).name()).isEqualTo("Disk 3 (UX-1200U)");
        assertThat(ofKind(h, ComponentKind.FAN)).hasSize(5);
        assertThat(ofKind(h, ComponentKind.POWER_SUPPLY)).hasSize(4).allMatch(c -> c.readings().isEmpty());
        assertThat(ofKind(h, ComponentKind.ENCLOSURE)).extracting(Component::name)
            .containsExactly("TVS-871U-RP (enclosure 0)", "UX-1200U (enclosure 1)");
    }

    @ParameterizedTest(name = "diskSmartInfo {0} -> {1}")
    @CsvSource({
        "2, DEGRADED, SMART status abnormal",
        "1, WARNING, SMART status warning",
        "-1, WARNING, SMART status error",
        "0, OK, ''",
        "7, UNKNOWN, SMART status 7",
    })
    void aSmartAlertOnADrive(int smart, Health health, String reason) {
        Component d = disk(with(QNAP, DISK + "5.3", smart), 3);
        assertThat(d.health()).isEqualTo(health);
        if (!reason.isEmpty()) {
            assertThat(d.reason()).isEqualTo(reason);
        }
    }

    @Test
    void theDriveSummaryTextCountsToo() {
        Component d = disk(with(QNAP, DISK + "4.12", "Abnormal"), 12);
        assertThat(d.state()).isEqualTo("Abnormal");
        assertThat(d.health()).isEqualTo(Health.DEGRADED);
        assertThat(d.reason()).isEqualTo("drive status Abnormal");
    }

    @Test
    void withoutTheStorageManagerTablesTheLegacyDriveTableIsRead() {
        MibSnapshot old = without(QNAP, "1.3.6.1.4.1.24681.1.4");
        DeviceHealth h = interpret(old);
        assertThat(ofKind(h, ComponentKind.PHYSICAL_DRIVE)).hasSize(8).allMatch(c -> c.id().startsWith("hd."))
            .allMatch(c -> c.health() == Health.OK);
        Component hdd1 = component(h, ComponentKind.PHYSICAL_DRIVE, "hd.1");
        assertThat(hdd1.name()).isEqualTo("HDD1");
        assertThat(hdd1.state()).isEqualTo("ready");
        assertThat(hdd1.readings()).containsEntry("temperature_celsius", 28.0); // from "28 C/82 F"
        assertThat(hdd1.labels()).containsEntry("capacity", "5.46 TB").containsEntry("smart", "GOOD");

        DeviceHealth changed = interpret(with(old, HD + "4.2", -9, HD + "7.3", "Abnormal", HD + "7.4", "Warning",
            HD + "4.5", -5, HD + "4.6", -4));
        assertThat(component(changed, ComponentKind.PHYSICAL_DRIVE, "hd.2").health()).isEqualTo(Health.FAILED);
        assertThat(component(changed, ComponentKind.PHYSICAL_DRIVE, "hd.2").reason()).isEqualTo("drive status rwError");
        assertThat(component(changed, ComponentKind.PHYSICAL_DRIVE, "hd.3").health()).isEqualTo(Health.DEGRADED);
        assertThat(component(changed, ComponentKind.PHYSICAL_DRIVE, "hd.3").reason()).isEqualTo("SMART status Abnormal");
        assertThat(component(changed, ComponentKind.PHYSICAL_DRIVE, "hd.4").health()).isEqualTo(Health.WARNING);
        assertThat(component(changed, ComponentKind.PHYSICAL_DRIVE, "hd.6").health()).isEqualTo(Health.UNKNOWN);
        // noDisk(-5): an empty bay is not a drive.
        assertThat(ofKind(changed, ComponentKind.PHYSICAL_DRIVE)).extracting(Component::id).doesNotContain("hd.5");
    }

    @ParameterizedTest(name = "raidStatus \"{0}\" -> {1}")
    @CsvSource({
        "Ready, OK",
        "Degraded, DEGRADED",
        "Rebuilding, WARNING",
        "Synchronizing, WARNING",
        "Migrating..., WARNING",
        "Offline, FAILED",
        "Failure, FAILED",
        "Reticulating, UNKNOWN",
    })
    void raidGroupStatusText(String status, Health health) {
        Component r = raid(withRaid(QNAP, status));
        assertThat(r.name()).isEqualTo("RAID group 1");
        assertThat(r.state()).isEqualTo(status);
        assertThat(r.health()).isEqualTo(health);
        assertThat(r.labels()).containsEntry("level", "RAID 5");
        assertThat(r.readings()).containsEntry("used_ratio", 0.7);
    }

    @Test
    void aRaidGroupWithoutGlobalSpareSaysSo() {
        assertThat(raid(withRaid(QNAP, "Ready")).labels()).containsEntry("hot_spares", "0");
        MibSnapshot spare = with(withRaid(QNAP, "Ready"), DISK + "7.20", 1);
        assertThat(raid(spare).labels()).containsEntry("hot_spares", "1");
        assertThat(disk(spare, 20).labels()).containsEntry("global_spare", "yes");
    }

    @Test
    void aFailedFanOrPowerSupply() {
        DeviceHealth h = interpret(with(QNAP, "1.3.6.1.4.1.24681.1.4.1.1.1.1.2.2.1.4.2", -1,
            "1.3.6.1.4.1.24681.1.4.1.1.1.1.3.2.1.4.3", -1));
        Component fan = component(h, ComponentKind.FAN, "fan.2");
        assertThat(fan.health()).isEqualTo(Health.DEGRADED);
        assertThat(fan.state()).isEqualTo("fail");
        Component psu = component(h, ComponentKind.POWER_SUPPLY, "psu.3");
        assertThat(psu.name()).isEqualTo("PSU 1 (UX-1200U)");
        assertThat(psu.health()).isEqualTo(Health.DEGRADED);
    }

    @Test
    void poolsAndVolumes() {
        String pool = "1.3.6.1.4.1.24681.1.4.1.1.1.2.2.2.1.";
        String vol = "1.3.6.1.4.1.24681.1.4.1.1.1.2.3.2.1.";
        DeviceHealth h = interpret(with(QNAP, pool + "1.1", 1, pool + "2.1", 1, pool + "5.1", -3,
            vol + "1.1", 1, vol + "2.1", 1, vol + "5.1", "Degraded", vol + "8.1", "DataVol1",
            vol + "3.1", new Counter64(1000), vol + "4.1", new Counter64(50)));
        Component p = component(h, ComponentKind.STORAGE, "pool.1");
        assertThat(p.state()).isEqualTo("error");
        assertThat(p.health()).isEqualTo(Health.FAILED);
        Component v = component(h, ComponentKind.STORAGE, "volume.1");
        assertThat(v.name()).isEqualTo("DataVol1");
        assertThat(v.health()).isEqualTo(Health.DEGRADED);
        assertThat(v.readings()).containsEntry("used_ratio", 0.95);
    }
}
