package io.nplus.mibs.profile.vendor;

import static io.nplus.mibs.profile.vendor.RaidWalks.change;
import static io.nplus.mibs.profile.vendor.RaidWalks.component;
import static io.nplus.mibs.profile.vendor.RaidWalks.ofKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.nplus.mibs.interpret.DeviceInterpreter.DeviceHealth;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.ComponentKind;
import io.nplus.mibs.vocab.Health;
import org.junit.jupiter.api.Test;

/**
 * idrac_storage.yaml on drac_idrac7 (VD3 'enc1' RAID-6 in background initialisation, 26 disks) and drac_r640
 * (HBA mode, four 'NonRAID Disk n' virtual disks), changed as incidents would change them. The recordings hold
 * only the physical and virtual disk tables; controller and battery rows are added as iDRAC lists them.
 */
class IdracProfileTest {
    static final String STORAGE = "1.3.6.1.4.1.674.10892.5.5.1.20.";
    static final String CTL = STORAGE + "130.1.1.";
    static final String PD = STORAGE + "130.4.1.";
    static final String BAT = STORAGE + "130.15.1.";
    static final String VD = STORAGE + "140.1.1.";
    static final String GLOBAL_STORAGE = "1.3.6.1.4.1.674.10892.5.2.3.0";

    @Test
    void theRecordingsAreHealthyButForTheBackgroundInitialisation() {
        DeviceHealth h = change("drac_idrac7").interpret();
        assertThat(h.profiles()).contains("idrac_storage");
        assertThat(ofKind(h, ComponentKind.PHYSICAL_DRIVE)).hasSize(26)
            .allSatisfy(c -> assertThat(c.health()).as(c.name()).isEqualTo(Health.OK));
        Component enc1 = component(h, ComponentKind.VIRTUAL_DRIVE, "vd.3");
        assertThat(enc1.name()).isEqualTo("Virtual Disk 1 on Integrated RAID Controller 1 (enc1)");
        assertThat(enc1.health()).isEqualTo(Health.WARNING);
        assertThat(enc1.state()).isEqualTo("online, backgroundInit");
        assertThat(enc1.reason()).isEqualTo("background initialisation in progress, 99% done");
        assertThat(enc1.readings()).containsEntry("init_progress_ratio", 0.99);
        // The two 'ready' disks of the slot-4 controller are unconfigured, not spares.
        assertThat(component(h, ComponentKind.VIRTUAL_DRIVE, "vd.2").labels()).containsEntry("hot_spares", "0");

        DeviceHealth r640 = change("drac_r640").interpret();
        assertThat(ofKind(r640, ComponentKind.VIRTUAL_DRIVE)).hasSize(4)
            .allSatisfy(c -> assertThat(c.labels()).containsEntry("layout", "r0").doesNotContainKey("hot_spares"))
            .allSatisfy(c -> assertThat(c.health()).isEqualTo(Health.OK));
    }

    @Test
    void theBackgroundInitialisationEndsOk() {
        Component enc1 = component(change("drac_idrac7").integer(VD + "30.3", 1).interpret(),
            ComponentKind.VIRTUAL_DRIVE, "vd.3");
        assertThat(enc1.health()).isEqualTo(Health.OK);
        assertThat(enc1.readings()).doesNotContainKey("init_progress_ratio");
    }

    @Test
    void aFailedDiskFails() {
        DeviceHealth h = change("drac_idrac7").integer(PD + "4.4", 7).integer(PD + "24.4", 5).interpret();
        Component pd = component(h, ComponentKind.PHYSICAL_DRIVE, "pd.4");
        assertThat(pd.name()).isEqualTo("Physical Disk 0:1:3");
        assertThat(pd.health()).isEqualTo(Health.FAILED);
        assertThat(pd.state()).isEqualTo("failed");
        assertThat(pd.reason()).isEqualTo("disk failed");
    }

    /**
     * iDRAC reports a degraded virtual disk as state degraded(4) with component status nonCritical(4). LibreNMS and
     * Zabbix go by the status and show a warning; a RAID-1 that lost a mirror is one failure from data loss, so
     * nplus says degraded.
     */
    @Test
    void aDegradedVirtualDiskIsDegradedNotAWarning() {
        DeviceHealth h = change("drac_idrac7").integer(VD + "4.1", 4).integer(VD + "20.1", 4).integer(VD + "34.1", 0)
            .interpret();
        Component boot = component(h, ComponentKind.VIRTUAL_DRIVE, "vd.1");
        assertThat(boot.health()).isEqualTo(Health.DEGRADED);
        assertThat(boot.reason()).isEqualTo("virtual disk degraded: redundancy lost");
        assertThat(boot.readings()).containsEntry("remaining_redundancy", 0.0);
    }

    @Test
    void aFailedVirtualDiskFails() {
        Component boot = component(change("drac_idrac7").integer(VD + "4.1", 3).integer(VD + "20.1", 5).interpret(),
            ComponentKind.VIRTUAL_DRIVE, "vd.1");
        assertThat(boot.health()).isEqualTo(Health.FAILED);
        assertThat(boot.reason()).isEqualTo("virtual disk failed: its data is not accessible");
    }

    @Test
    void aMirrorThatSaysOnlineButHasNoRedundancyLeftIsDegraded() {
        Component boot = component(change("drac_idrac7").integer(VD + "34.1", 0).interpret(),
            ComponentKind.VIRTUAL_DRIVE, "vd.1");
        assertThat(boot.health()).isEqualTo(Health.DEGRADED);
        assertThat(boot.reason()).isEqualTo("the virtual disk cannot survive another drive failure (no redundancy left)");
    }

    @Test
    void aSmartAlertIsAWarning() {
        Component pd = component(change("drac_idrac7").integer(PD + "31.1", 1).integer(PD + "24.1", 4).interpret(),
            ComponentKind.PHYSICAL_DRIVE, "pd.1");
        assertThat(pd.health()).isEqualTo(Health.WARNING);
        assertThat(pd.reason()).isEqualTo("disk status nonCritical; SMART alert (predictive failure) reported");
    }

    @Test
    void aRebuildingDiskIsAWarningWithProgress() {
        Component pd = component(change("drac_idrac7").integer(PD + "50.1", 2).integer(PD + "51.1", 37).interpret(),
            ComponentKind.PHYSICAL_DRIVE, "pd.1");
        assertThat(pd.health()).isEqualTo(Health.WARNING);
        assertThat(pd.state()).isEqualTo("online, rebuild");
        assertThat(pd.reason()).isEqualTo("rebuild in progress, 37% done");
        assertThat(pd.readings()).containsEntry("rebuild_progress_ratio", 0.37);
    }

    @Test
    void aWornSsdIsAWarning() {
        Component pd = component(change("drac_r640").integer(PD + "49.1", 8).interpret(), ComponentKind.PHYSICAL_DRIVE,
            "pd.1");
        assertThat(pd.health()).isEqualTo(Health.WARNING);
        assertThat(pd.reason()).isEqualTo("8% of the rated write endurance left");
        assertThat(pd.readings()).containsEntry("remaining_life_ratio", 0.08);
    }

    @Test
    void hotSparesAreCountedPerController() {
        // Disk 0:0:3 (pd.25, on RAID.Slot.4-1) made a global hot spare: it protects 'enc2', not the integrated VDs.
        DeviceHealth h = change("drac_idrac7").integer(PD + "22.25", 3).interpret();
        assertThat(component(h, ComponentKind.VIRTUAL_DRIVE, "vd.2").labels())
            .contains(entry("controller", "RAID.Slot.4-1"), entry("hot_spares", "1"));
        assertThat(component(h, ComponentKind.VIRTUAL_DRIVE, "vd.1").labels()).containsEntry("hot_spares", "0");
        Component spare = component(h, ComponentKind.PHYSICAL_DRIVE, "pd.25");
        assertThat(spare.state()).isEqualTo("ready, globalHotSpare");
        assertThat(spare.health()).isEqualTo(Health.OK);
    }

    static RaidWalks withControllerAndBattery(String walk) {
        return change(walk)
            .text(CTL + "2.1", "PERC H730P Mini")
            .integer(CTL + "37.1", 3)
            .integer(CTL + "38.1", 3)
            .text(CTL + "78.1", "RAID.Integrated.1-1")
            .text(CTL + "79.1", "Integrated RAID Controller 1")
            .integer(BAT + "4.1", 2)
            .integer(BAT + "6.1", 3)
            .text(BAT + "20.1", "Battery.Integrated.1:RAID.Integrated.1-1")
            .text(BAT + "21.1", "Battery on Integrated RAID Controller 1");
    }

    @Test
    void aMissingBatteryIsDegradedAndTheControllerRollUpShowsIt() {
        DeviceHealth ok = withControllerAndBattery("drac_idrac7").interpret();
        assertThat(component(ok, ComponentKind.BATTERY, "bbu.1").health()).isEqualTo(Health.OK);
        Component ctl = component(ok, ComponentKind.CONTROLLER, "ctl.1");
        assertThat(ctl.name()).isEqualTo("Integrated RAID Controller 1");
        assertThat(ctl.health()).isEqualTo(Health.OK);

        DeviceHealth missing = withControllerAndBattery("drac_idrac7").integer(BAT + "4.1", 5).integer(BAT + "6.1", 5)
            .integer(CTL + "37.1", 5).interpret();
        Component bbu = component(missing, ComponentKind.BATTERY, "bbu.1");
        assertThat(bbu.name()).isEqualTo("Battery on Integrated RAID Controller 1");
        assertThat(bbu.health()).isEqualTo(Health.DEGRADED);
        assertThat(bbu.reason())
            .isEqualTo("battery missing: the controller cache is not protected against power loss; battery status critical");
        Component ctl2 = component(missing, ComponentKind.CONTROLLER, "ctl.1");
        assertThat(ctl2.health()).isEqualTo(Health.DEGRADED);
        assertThat(ctl2.reason()).isEqualTo("a disk, battery or enclosure on this controller is critical");

        Component charging = component(withControllerAndBattery("drac_idrac7").integer(BAT + "4.1", 6).interpret(),
            ComponentKind.BATTERY, "bbu.1");
        assertThat(charging.health()).isEqualTo(Health.OK);
        assertThat(charging.state()).isEqualTo("charging");
    }

    @Test
    void theGlobalStorageStatusIsAChassisComponentWhenTheIdracGivesIt() {
        assertThat(ofKind(change("drac_idrac7").interpret(), ComponentKind.CHASSIS)).isEmpty();
        DeviceHealth h = change("drac_idrac7").integer(GLOBAL_STORAGE, 5).interpret();
        Component storage = component(h, ComponentKind.CHASSIS, "global.storage");
        assertThat(storage.health()).isEqualTo(Health.DEGRADED);
        assertThat(storage.reason()).isEqualTo("iDRAC rates the storage subsystem critical");
    }
}
