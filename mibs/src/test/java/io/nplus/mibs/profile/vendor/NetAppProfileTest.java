package io.nplus.mibs.profile.vendor;

import static io.nplus.mibs.profile.vendor.ApplianceWalks.component;
import static io.nplus.mibs.profile.vendor.ApplianceWalks.interpret;
import static io.nplus.mibs.profile.vendor.ApplianceWalks.ofKind;
import static io.nplus.mibs.profile.vendor.ApplianceWalks.vendorWalk;
import static io.nplus.mibs.profile.vendor.ApplianceWalks.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.mibs.data.MibSnapshot;
import io.nplus.mibs.interpret.DeviceInterpreter.DeviceHealth;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.ComponentKind;
import io.nplus.mibs.vocab.Health;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.snmp4j.smi.OID;

/**
 * netapp.yaml on a synthetic 7-mode walk (walks-vendor/netapp_7mode.snmprec; no corpus walk has NETAPP-MIB): a failed
 * disk, the last spare used, a reconstruction, the global status and the NVRAM battery.
 */
class NetAppProfileTest {
    static final MibSnapshot FILER = vendorWalk("netapp_7mode");
    static final String DISKS = "1.3.6.1.4.1.789.1.6.4.";
    static final String RAIDV = "1.3.6.1.4.1.789.1.6.2.1.";

    static Component disks(DeviceHealth h) {
        return component(h, ComponentKind.CONTROLLER, "disks");
    }

    @Test
    void theSyntheticFilerIsDetectedByItsObjectIdAndHealthy() {
        DeviceHealth h = interpret(FILER);
        assertThat(h.profiles()).containsExactly("snmpv2_mib", "netapp");
        assertThat(h.components()).allMatch(c -> c.health() == Health.OK, "all ok");
        Component d = disks(h);
        assertThat(d.name()).isEqualTo("Disk subsystem");
        assertThat(d.readings()).containsEntry("physical_drives", 24.0).containsEntry("spare_physical_drives", 2.0)
            .containsEntry("failed_physical_drives", 0.0);
        assertThat(d.labels()).containsEntry("hot_spares", "2");
        assertThat(ofKind(h, ComponentKind.PHYSICAL_DRIVE)).hasSize(6);
        assertThat(component(h, ComponentKind.CHASSIS, "system").name()).isEqualTo("FAS3220");
    }

    @Test
    void theSameTablesUnderAnotherEnterpriseAreNotNetApp() {
        MibSnapshot other = with(FILER, "1.3.6.1.2.1.1.2.0", new OID("1.3.6.1.4.1.8072.3.2.10"));
        assertThat(interpret(other).profiles()).doesNotContain("netapp");
    }

    @Test
    void aFailedDiskDegradesTheDiskSubsystem() {
        DeviceHealth h = interpret(with(FILER, DISKS + "7.0", 1, DISKS + "2.0", 21,
            DISKS + "10.0", "Disk 0a.00.5 is broken.", RAIDV + "3.2.1.3", 6));
        Component d = disks(h);
        assertThat(d.health()).isEqualTo(Health.DEGRADED);
        assertThat(d.reason()).isEqualTo("1 failed disk(s): Disk 0a.00.5 is broken.");
        Component disk = component(h, ComponentKind.PHYSICAL_DRIVE, "raidv.2.1.3");
        assertThat(disk.name()).isEqualTo("0a.00.5");
        assertThat(disk.health()).isEqualTo(Health.FAILED);
        assertThat(disk.reason()).isEqualTo("0a.00.5 is failed");
        assertThat(disk.labels()).containsEntry("volume", "aggr1");
    }

    @Test
    void noSpareLeftIsLabelled() {
        Component d = disks(interpret(with(FILER, DISKS + "8.0", 0)));
        assertThat(d.labels()).containsEntry("hot_spares", "0");
        assertThat(d.readings()).containsEntry("spare_physical_drives", 0.0);
    }

    @Test
    void aReconstructionIsAWarningWithItsProgress() {
        DeviceHealth h = interpret(with(FILER, DISKS + "3.0", 1, RAIDV + "3.1.1.2", 2, RAIDV + "11.1.1.2", 40));
        Component d = disks(h);
        assertThat(d.health()).isEqualTo(Health.WARNING);
        assertThat(d.reason()).isEqualTo("1 disk(s) being reconstructed");
        Component disk = component(h, ComponentKind.PHYSICAL_DRIVE, "raidv.1.1.2");
        assertThat(disk.health()).isEqualTo(Health.WARNING);
        assertThat(disk.readings()).containsEntry("rebuild_progress_ratio", 0.4);
    }

    @ParameterizedTest(name = "raidVStatus {0} -> {1}")
    @CsvSource({"1, OK", "2, WARNING", "3, WARNING", "4, WARNING", "5, WARNING", "6, FAILED", "7, UNKNOWN",
        "8, UNKNOWN", "9, WARNING", "10, FAILED"})
    void everyRaidVStatusOfTheMib(int status, Health health) {
        DeviceHealth h = interpret(with(FILER, RAIDV + "3.1.1.1", status));
        assertThat(component(h, ComponentKind.PHYSICAL_DRIVE, "raidv.1.1.1").health()).isEqualTo(health);
    }

    @ParameterizedTest(name = "miscGlobalStatus {0} -> {1}")
    @CsvSource({"1, UNKNOWN", "2, UNKNOWN", "3, OK", "4, WARNING", "5, DEGRADED", "6, FAILED"})
    void theGlobalStatusWithItsMessage(int status, Health health) {
        DeviceHealth h = interpret(with(FILER, "1.3.6.1.4.1.789.1.2.2.4.0", status,
            "1.3.6.1.4.1.789.1.2.2.25.0", "Disk shelf fault."));
        Component system = component(h, ComponentKind.CHASSIS, "system");
        assertThat(system.health()).isEqualTo(health);
        if (health != Health.OK) {
            assertThat(system.reason()).isEqualTo("Disk shelf fault.");
        }
    }

    @Test
    void failedFansAndPowerSuppliesAndTheNvramBattery() {
        DeviceHealth h = interpret(with(FILER, "1.3.6.1.4.1.789.1.2.4.4.0", 1,
            "1.3.6.1.4.1.789.1.2.4.5.0", "Power supply #2 in the chassis has failed.",
            "1.3.6.1.4.1.789.1.2.5.1.0", 3));
        Component system = component(h, ComponentKind.CHASSIS, "system");
        assertThat(system.health()).isEqualTo(Health.DEGRADED);
        assertThat(system.reason()).isEqualTo("Power supply #2 in the chassis has failed.");
        Component battery = component(h, ComponentKind.BATTERY, "nvram.battery");
        assertThat(battery.health()).isEqualTo(Health.DEGRADED);
        assertThat(battery.reason()).isEqualTo("NVRAM battery fullyDischarged");
    }
}
