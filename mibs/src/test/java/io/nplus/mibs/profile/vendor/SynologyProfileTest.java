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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.snmp4j.smi.Counter64;

/**
 * synology.yaml on the dsm recording (RS2212RP+, DSM 6.1) and on changed copies of it: what a degraded or crashed
 * pool, a wearing or failing drive and a lost power supply become.
 */
class SynologyProfileTest {
    static final MibSnapshot DSM = TestData.read("dsm");
    static final String RAID_STATUS = "1.3.6.1.4.1.6574.3.1.1.3.0";
    static final String DISK = "1.3.6.1.4.1.6574.2.1.1.";

    static Component volume1(MibSnapshot data) {
        return component(interpret(data), ComponentKind.VIRTUAL_DRIVE, "raid.0");
    }

    static Component disk(MibSnapshot data, int index) {
        return component(interpret(data), ComponentKind.PHYSICAL_DRIVE, "disk." + index);
    }

    @Test
    void theRecordingIsHealthyAndTheUnpooledDiskIsNotAWarning() {
        DeviceHealth h = interpret(DSM);
        assertThat(h.profiles()).contains("synology");
        assertThat(ofKind(h, ComponentKind.PHYSICAL_DRIVE)).hasSize(22).allMatch(c -> c.health() == Health.OK);
        // Disk 1 (ST3320620NS) is "Initialized": it has the DSM system partition and belongs to no storage pool, a
        // spare drive in a bay. LibreNMS rates it warning; nplus keeps it ok and says so in the state, because
        // nothing lost redundancy (a pool that lost a member says Degrade itself).
        Component disk1 = disk(DSM, 0);
        assertThat(disk1.name()).isEqualTo("Disk 1");
        assertThat(disk1.state()).isEqualTo("Initialized");
        assertThat(disk1.health()).isEqualTo(Health.OK);
        Component volume = volume1(DSM);
        assertThat(volume.name()).isEqualTo("Volume 1");
        assertThat(volume.health()).isEqualTo(Health.OK);
        // DSM 6.1 has no diskRole column: the MIB cannot say whether a hot spare exists, so no label.
        assertThat(volume.labels()).doesNotContainKey("hot_spares");
        assertThat(component(h, ComponentKind.CHASSIS, "system").readings()).containsEntry("temperature_celsius", 48.0);
    }

    @ParameterizedTest(name = "raidStatus {0} -> {1}")
    @CsvSource({
        "11, DEGRADED, Volume 1 is Degrade",
        "12, FAILED, Volume 1 is Crashed",
        "2, WARNING, Volume 1 is Repairing",
        "13, WARNING, Volume 1 is DataScrubbing",
        "21, UNKNOWN, Volume 1 is RaidUnknownStatus",
        "22, UNKNOWN, Volume 1 is 22",
    })
    void aPoolThatLostAMemberIsDegradedAndACrashedOneFailed(int status, Health health, String reason) {
        Component volume = volume1(with(DSM, RAID_STATUS, status));
        assertThat(volume.health()).isEqualTo(health);
        assertThat(volume.reason()).isEqualTo(reason);
    }

    @Test
    void remainingLifeAtFivePercentIsAWarningAndMinusOneIsNoReading() {
        Component worn = disk(with(DSM, DISK + "11.3", 5), 3);
        assertThat(worn.readings()).containsEntry("remaining_life_ratio", 0.05);
        assertThat(worn.health()).isEqualTo(Health.WARNING);
        assertThat(worn.reason()).isEqualTo("remaining life 5%");

        Component hdd = disk(with(DSM, DISK + "11.3", -1), 3);
        assertThat(hdd.readings()).doesNotContainKey("remaining_life_ratio");
        assertThat(hdd.health()).isEqualTo(Health.OK);

        assertThat(disk(with(DSM, DISK + "11.3", 11), 3).health()).isEqualTo(Health.OK);
    }

    @Test
    void badSectorsMakeADiskAWarning() {
        assertThat(disk(with(DSM, DISK + "9.4", 0), 4).health()).isEqualTo(Health.OK);
        Component d = disk(with(DSM, DISK + "9.4", 3), 4);
        assertThat(d.name()).isEqualTo("Disk 5");
        assertThat(d.readings()).containsEntry("bad_sectors", 3.0);
        assertThat(d.health()).isEqualTo(Health.WARNING);
        assertThat(d.reason()).isEqualTo("3 bad sectors");
    }

    @ParameterizedTest(name = "diskStatus {0} -> {1}")
    @CsvSource({"1, OK", "2, OK", "3, OK", "4, DEGRADED", "5, FAILED", "9, UNKNOWN"})
    void everyDiskStatusOfTheMib(int status, Health health) {
        assertThat(disk(with(DSM, DISK + "5.7", status), 7).health()).isEqualTo(health);
    }

    @ParameterizedTest(name = "diskHealthStatus {0} -> {1}")
    @CsvSource({"1, OK", "2, WARNING", "3, DEGRADED", "4, FAILED", "5, UNKNOWN"})
    void theNewerHealthStatusOfDsm7(int status, Health health) {
        Component d = disk(with(DSM, DISK + "13.2", status), 2);
        assertThat(d.health()).isEqualTo(health);
    }

    @Test
    void hotSparesAreCountedWhereDsmReportsDriveRoles() {
        Object[] roles = new Object[44];
        for (int i = 0; i < 22; i++) {
            roles[2 * i] = DISK + "7." + i;
            roles[2 * i + 1] = "data";
        }
        MibSnapshot noSpare = with(DSM, roles);
        assertThat(volume1(noSpare).labels()).containsEntry("hot_spares", "0");
        MibSnapshot oneSpare = with(noSpare, DISK + "7.21", "hotspare");
        assertThat(volume1(oneSpare).labels()).containsEntry("hot_spares", "1");
        assertThat(disk(oneSpare, 21).labels()).containsEntry("role", "hotspare");
        assertThat(disk(oneSpare, 21).health()).isEqualTo(Health.OK);
    }

    @Test
    void poolSizesAreReported() {
        Component v = volume1(with(DSM, "1.3.6.1.4.1.6574.3.1.1.5.0", new Counter64(16_000_000_000_000L),
            "1.3.6.1.4.1.6574.3.1.1.4.0", new Counter64(4_000_000_000_000L)));
        assertThat(v.readings()).containsEntry("size_bytes", 16.0e12).containsEntry("used_bytes", 12.0e12)
            .containsEntry("used_ratio", 0.75);
    }

    @Test
    void aFailedPowerSupplyOrFanIsLostRedundancy() {
        DeviceHealth h = interpret(with(DSM, "1.3.6.1.4.1.6574.1.3.0", 2, "1.3.6.1.4.1.6574.1.4.2.0", 2));
        Component psu = component(h, ComponentKind.POWER_SUPPLY, "power");
        assertThat(psu.health()).isEqualTo(Health.DEGRADED);
        assertThat(psu.reason()).isEqualTo("one of the power supplies has failed");
        assertThat(component(h, ComponentKind.FAN, "fan.cpu").health()).isEqualTo(Health.DEGRADED);
        assertThat(component(h, ComponentKind.FAN, "fan.system").health()).isEqualTo(Health.OK);

        Component system = component(interpret(with(DSM, "1.3.6.1.4.1.6574.1.1.0", 2)), ComponentKind.CHASSIS, "system");
        assertThat(system.health()).isEqualTo(Health.FAILED);
        assertThat(system.reason()).isEqualTo("system status Failed (a volume has crashed)");
    }
}
