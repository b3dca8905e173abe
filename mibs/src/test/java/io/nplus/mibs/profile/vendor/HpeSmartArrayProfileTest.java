package io.nplus.mibs.profile.vendor;

import static io.nplus.mibs.profile.vendor.RaidWalks.change;
import static io.nplus.mibs.profile.vendor.RaidWalks.component;
import static io.nplus.mibs.profile.vendor.RaidWalks.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.mibs.interpret.DeviceInterpreter.DeviceHealth;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.ComponentKind;
import io.nplus.mibs.vocab.Health;
import org.junit.jupiter.api.Test;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.OctetString;

/**
 * hpe_smart_array.yaml on hpe-ilo_4 (one controller, one RAID-5 logical drive, 5 drives) and
 * hpe-ilo_5_with_bat_checks (two controllers with cache modules, 10 logical drives, 104 drives), changed as
 * incidents would change them. Indexes are {controller, drive}.
 */
class HpeSmartArrayProfileTest {
    static final String CTL = "1.3.6.1.4.1.232.3.2.2.1.1.";
    static final String ACCEL = "1.3.6.1.4.1.232.3.2.2.2.1.";
    static final String LD = "1.3.6.1.4.1.232.3.2.3.1.1.";
    static final String PD = "1.3.6.1.4.1.232.3.2.5.1.1.";

    @Test
    void theRecordingsAreHealthy() {
        DeviceHealth ilo4 = change("hpe-ilo_4").interpret();
        assertThat(ilo4.components()).filteredOn(c -> c.profile().equals("hpe_smart_array")).hasSize(1 + 1 + 5)
            .allSatisfy(c -> assertThat(c.health()).as(c.name()).isEqualTo(Health.OK));
        DeviceHealth ilo5 = change("hpe-ilo_5_with_bat_checks").interpret();
        assertThat(ofKind(ilo5, ComponentKind.CONTROLLER)).hasSize(2);
        assertThat(ofKind(ilo5, ComponentKind.BATTERY)).hasSize(2);
        assertThat(ofKind(ilo5, ComponentKind.VIRTUAL_DRIVE)).hasSize(10);
        assertThat(ofKind(ilo5, ComponentKind.PHYSICAL_DRIVE)).hasSize(104);
        assertThat(ilo5.components()).filteredOn(c -> c.profile().equals("hpe_smart_array"))
            .allSatisfy(c -> assertThat(c.health()).as(c.name()).isEqualTo(Health.OK));
        Component ld = component(ilo5, ComponentKind.VIRTUAL_DRIVE, "ld.1.3");
        assertThat(ld.name()).isEqualTo("Logical Drive 3 in Slot 1");
        assertThat(ld.labels()).containsEntry("raid_level", "RAID-6").containsEntry("hot_spares", "0");
    }

    /** HPE sets the condition of a rebuilding logical drive degraded; the status says why: a rebuild, a warning. */
    @Test
    void aRebuildingLogicalDriveIsAWarningWithItsProgress() {
        Component ld = component(change("hpe-ilo_4").integer(LD + "4.0.1", 7).integer(LD + "11.0.1", 3)
            .gauge(LD + "12.0.1", 42).interpret(), ComponentKind.VIRTUAL_DRIVE, "ld.0.1");
        assertThat(ld.health()).isEqualTo(Health.WARNING);
        assertThat(ld.state()).isEqualTo("rebuilding");
        assertThat(ld.reason()).isEqualTo("rebuilding");
        assertThat(ld.readings()).containsEntry("rebuild_progress_ratio", 0.42);
    }

    @Test
    void aLogicalDriveInInterimRecoveryIsDegraded() {
        Component ld = component(change("hpe-ilo_4").integer(LD + "4.0.1", 5).integer(LD + "11.0.1", 3).interpret(),
            ComponentKind.VIRTUAL_DRIVE, "ld.0.1");
        assertThat(ld.health()).isEqualTo(Health.DEGRADED);
        assertThat(ld.reason()).isEqualTo("logical drive running in interim recovery: redundancy lost");
        assertThat(ld.readings()).doesNotContainKey("rebuild_progress_ratio");
    }

    @Test
    void aLogicalDriveWhoseConditionAloneIsBadFollowsTheCondition() {
        Component ld = component(change("hpe-ilo_4").integer(LD + "11.0.1", 4).interpret(), ComponentKind.VIRTUAL_DRIVE,
            "ld.0.1");
        assertThat(ld.health()).isEqualTo(Health.FAILED);
        assertThat(ld.reason()).isEqualTo("HPE rates the logical drive failed");
    }

    @Test
    void anUnknownLogicalDriveStatusIsUnknown() {
        Component ld = component(change("hpe-ilo_4").integer(LD + "4.0.1", 99).interpret(), ComponentKind.VIRTUAL_DRIVE,
            "ld.0.1");
        assertThat(ld.health()).isEqualTo(Health.UNKNOWN);
        assertThat(ld.reason()).isEqualTo("cpqDaLogDrvStatus is 99 (not a state nplus knows)");
    }

    /** Incident 2: a loosened drive-array cable shows as the controller's board status before drives drop out. */
    @Test
    void aCableProblemDegradesTheController() {
        DeviceHealth h = change("hpe-ilo_4").integer(CTL + "10.0", 4).integer(CTL + "12.0", 3).interpret();
        Component ctl = component(h, ComponentKind.CONTROLLER, "ctl.0");
        assertThat(ctl.name()).isEqualTo("Smart Array in Slot 0");
        assertThat(ctl.health()).isEqualTo(Health.DEGRADED);
        assertThat(ctl.state()).isEqualTo("cableProblem");
        assertThat(ctl.reason())
            .isEqualTo("cable problem between the controller and its drives; controller board condition degraded");
    }

    @Test
    void aDegradedRollUpIsAWarningOnTheController() {
        Component ctl = component(change("hpe-ilo_4").integer(CTL + "6.0", 3).interpret(), ComponentKind.CONTROLLER,
            "ctl.0");
        assertThat(ctl.health()).isEqualTo(Health.WARNING);
        assertThat(ctl.reason()).isEqualTo("a logical drive, drive or the cache module of this controller is degraded");
    }

    @Test
    void aFailedCacheBatteryIsDegraded() {
        Component bbu = component(change("hpe-ilo_5_with_bat_checks").integer(ACCEL + "6.1", 4)
            .integer(ACCEL + "9.1", 4).interpret(), ComponentKind.BATTERY, "bbu.1");
        assertThat(bbu.name()).isEqualTo("Cache battery of Smart Array in Slot 1");
        assertThat(bbu.health()).isEqualTo(Health.DEGRADED);
        assertThat(bbu.state()).isEqualTo("enabled, battery failed");
        assertThat(bbu.reason()).isEqualTo(
            "cache battery failed: the write cache is not protected against power loss; cache module condition failed");
    }

    @Test
    void aMissingBatteryOnAControllerWithCacheIsDegraded() {
        Component bbu = component(change("hpe-ilo_5_with_bat_checks").integer(ACCEL + "6.0", 6).interpret(),
            ComponentKind.BATTERY, "bbu.0");
        assertThat(bbu.health()).isEqualTo(Health.DEGRADED);
        assertThat(bbu.reason())
            .isEqualTo("no cache battery or capacitor present; the write cache is not protected against power loss");
        Component recharging = component(change("hpe-ilo_5_with_bat_checks").integer(ACCEL + "6.0", 3).interpret(),
            ComponentKind.BATTERY, "bbu.0");
        assertThat(recharging.health()).isEqualTo(Health.OK);
    }

    /** HPE sets a predictive-failure drive's condition degraded; like every vendor here nplus rates it a warning. */
    @Test
    void aPredictiveFailureIsAWarningAFailedDriveFails() {
        Component predicted = component(change("hpe-ilo_4").integer(PD + "6.0.2", 4).integer(PD + "37.0.2", 3)
            .integer(PD + "57.0.2", 3).interpret(), ComponentKind.PHYSICAL_DRIVE, "pd.0.2");
        assertThat(predicted.name()).isEqualTo("Physical Drive 1I:6:2 in Slot 0");
        assertThat(predicted.health()).isEqualTo(Health.WARNING);
        assertThat(predicted.reason()).isEqualTo("predictive failure reported; SMART: replaceDrive");
        Component failed = component(change("hpe-ilo_4").integer(PD + "6.0.2", 3).integer(PD + "37.0.2", 4)
            .interpret(), ComponentKind.PHYSICAL_DRIVE, "pd.0.2");
        assertThat(failed.health()).isEqualTo(Health.FAILED);
        assertThat(failed.reason()).isEqualTo("drive failed; HPE rates the drive failed");
    }

    @Test
    void aDriveAboveItsOwnTemperatureThresholdIsDegraded() {
        Component pd = component(change("hpe-ilo_4").integer(PD + "70.0.0", 62).interpret(),
            ComponentKind.PHYSICAL_DRIVE, "pd.0.0");
        assertThat(pd.health()).isEqualTo(Health.DEGRADED);
        assertThat(pd.reason()).isEqualTo("temperature_celsius 62 above high alarm 60");
    }

    @Test
    void mediaErrorsAreAWarning() {
        Component pd = component(change("hpe-ilo_4").set(PD + "39.0.0", new Counter32(5)).interpret(),
            ComponentKind.PHYSICAL_DRIVE, "pd.0.0");
        assertThat(pd.health()).isEqualTo(Health.WARNING);
        assertThat(pd.reason()).isEqualTo("5 media error(s)");
    }

    @Test
    void aWornSsdIsAWarning() {
        Component pd = component(change("hpe-ilo_4").gauge(PD + "75.0.0", 95).interpret(),
            ComponentKind.PHYSICAL_DRIVE, "pd.0.0");
        assertThat(pd.health()).isEqualTo(Health.WARNING);
        assertThat(pd.reason()).isEqualTo("5% of the rated write endurance left");
        assertThat(pd.readings()).containsEntry("remaining_life_ratio", 0.05);
    }

    /** cpqDaLogDrvAvailSpares holds one octet per spare drive; the agent prints them as hex, or as text when printable. */
    @Test
    void hotSparesComeFromTheAvailableSparesOctets() {
        assertThat(spares(new byte[] {5})).isEqualTo("1");
        assertThat(spares(new byte[] {5, 6})).isEqualTo("2");
        assertThat(spares(new byte[] {0x30, 0x31})).isEqualTo("2");
        assertThat(spares(new byte[0])).isEqualTo("0");
    }

    private static String spares(byte[] octets) {
        return component(change("hpe-ilo_4").set(LD + "8.0.1", new OctetString(octets)).interpret(),
            ComponentKind.VIRTUAL_DRIVE, "ld.0.1").labels().get("hot_spares");
    }

    @Test
    void aRaid0LogicalDriveHasNoHotSpareLabel() {
        Component ld = component(change("hpe-ilo_4").integer(LD + "3.0.1", 2).interpret(), ComponentKind.VIRTUAL_DRIVE,
            "ld.0.1");
        assertThat(ld.labels()).containsEntry("raid_level", "RAID-0").doesNotContainKey("hot_spares");
    }
}
