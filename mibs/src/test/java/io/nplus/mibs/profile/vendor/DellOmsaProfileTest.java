package io.nplus.mibs.profile.vendor;

import static io.nplus.mibs.profile.vendor.RaidWalks.changeSynthetic;
import static io.nplus.mibs.profile.vendor.RaidWalks.component;
import static io.nplus.mibs.profile.vendor.RaidWalks.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.mibs.interpret.DeviceInterpreter.DeviceHealth;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.ComponentKind;
import io.nplus.mibs.vocab.Health;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * dell_omsa_storage.yaml on a synthetic OMSA host (walks-vendor/omsa.snmprec, written from the MIB's OIDs: no
 * corpus walk has StorageManagement-MIB): a RAID-1 'boot' with a global hot spare, a RAID-0 'scratch', a battery.
 *
 * <p>The point of this profile is the gapped enumerations. LibreNMS's dell state discovery maps arrayDiskState as if
 * its values were consecutive, so degraded(6) and predictiveFailure(34) come out as other states there; nplus maps
 * each value by number.
 */
class DellOmsaProfileTest {
    static final String PD = "1.3.6.1.4.1.674.10893.1.20.130.4.1.";
    static final String VD = "1.3.6.1.4.1.674.10893.1.20.140.1.1.";
    static final String BAT = "1.3.6.1.4.1.674.10893.1.20.130.15.1.";
    static final String CTL = "1.3.6.1.4.1.674.10893.1.20.130.1.1.";

    static RaidWalks omsa() {
        return changeSynthetic("omsa");
    }

    @Test
    void theSyntheticHostIsDetectedByItsTablesAndHealthy() {
        DeviceHealth h = omsa().interpret();
        assertThat(h.profiles()).containsExactly("snmpv2_mib", "dell_omsa_storage");
        assertThat(ofKind(h, ComponentKind.CONTROLLER)).extracting(Component::name).containsExactly("PERC H730P Mini");
        assertThat(ofKind(h, ComponentKind.PHYSICAL_DRIVE)).hasSize(4);
        assertThat(ofKind(h, ComponentKind.VIRTUAL_DRIVE)).extracting(Component::name).containsExactly("boot", "scratch");
        assertThat(ofKind(h, ComponentKind.BATTERY)).hasSize(1);
        assertThat(h.components()).filteredOn(c -> c.profile().equals("dell_omsa_storage"))
            .allSatisfy(c -> assertThat(c.health()).as(c.name()).isEqualTo(Health.OK));
        assertThat(component(h, ComponentKind.VIRTUAL_DRIVE, "virtualDisk.1").labels())
            .containsEntry("layout", "raid-1").containsEntry("hot_spares", "1");
        assertThat(component(h, ComponentKind.VIRTUAL_DRIVE, "virtualDisk.2").labels()).doesNotContainKey("hot_spares");
        Component spare = component(h, ComponentKind.PHYSICAL_DRIVE, "arrayDisk.3");
        assertThat(spare.name()).isEqualTo("Physical Disk 0:1:2");
        assertThat(spare.state()).isEqualTo("ready, globalHotSpare");
        assertThat(component(h, ComponentKind.PHYSICAL_DRIVE, "arrayDisk.4").readings())
            .containsEntry("remaining_life_ratio", 0.97);
    }

    @Test
    void predictiveFailure34IsAWarning() {
        Component pd = component(omsa().integer(PD + "4.2", 34).integer(PD + "24.2", 4).interpret(),
            ComponentKind.PHYSICAL_DRIVE, "arrayDisk.2");
        assertThat(pd.health()).isEqualTo(Health.WARNING);
        assertThat(pd.state()).isEqualTo("predictiveFailure");
        assertThat(pd.reason()).isEqualTo("predictive failure reported; disk status nonCritical");
    }

    @Test
    void degraded6IsDegraded() {
        Component pd = component(omsa().integer(PD + "4.2", 6).interpret(), ComponentKind.PHYSICAL_DRIVE, "arrayDisk.2");
        assertThat(pd.health()).isEqualTo(Health.DEGRADED);
        assertThat(pd.state()).isEqualTo("degraded");
        assertThat(pd.reason()).isEqualTo("disk degraded");
    }

    @Test
    void everyGappedArrayDiskStateHasAHealthAndTheGapsAreUnknown() {
        Map<Integer, Health> expected = Map.ofEntries(
            Map.entry(1, Health.OK), Map.entry(2, Health.FAILED), Map.entry(3, Health.OK), Map.entry(4, Health.FAILED),
            Map.entry(6, Health.DEGRADED), Map.entry(7, Health.WARNING), Map.entry(11, Health.FAILED),
            Map.entry(13, Health.OK), Map.entry(14, Health.WARNING), Map.entry(15, Health.WARNING),
            Map.entry(22, Health.WARNING), Map.entry(23, Health.OK), Map.entry(24, Health.WARNING),
            Map.entry(25, Health.WARNING), Map.entry(26, Health.WARNING), Map.entry(27, Health.FAILED),
            Map.entry(28, Health.WARNING), Map.entry(34, Health.WARNING), Map.entry(35, Health.WARNING),
            Map.entry(39, Health.WARNING), Map.entry(40, Health.OK), Map.entry(41, Health.WARNING),
            Map.entry(53, Health.WARNING), Map.entry(56, Health.DEGRADED),
            // gaps of the enumeration
            Map.entry(5, Health.UNKNOWN), Map.entry(8, Health.UNKNOWN), Map.entry(33, Health.UNKNOWN));
        expected.forEach((state, health) -> assertThat(component(omsa().integer(PD + "4.2", state).interpret(),
            ComponentKind.PHYSICAL_DRIVE, "arrayDisk.2").health()).as("arrayDiskState %d", state).isEqualTo(health));
    }

    @Test
    void aDegradedVirtualDiskIsDegradedWhateverItsComponentStatus() {
        Component vd = component(omsa().integer(VD + "4.1", 6).integer(VD + "20.1", 4).integer(PD + "4.2", 2)
            .interpret(), ComponentKind.VIRTUAL_DRIVE, "virtualDisk.1");
        assertThat(vd.health()).isEqualTo(Health.DEGRADED);
        assertThat(vd.reason()).isEqualTo("virtual disk degraded: redundancy lost");
    }

    @Test
    void gappedVirtualDiskStates() {
        assertThat(vdHealth(18)).isEqualTo(Health.DEGRADED);   // failedRedundancy
        assertThat(vdHealth(52)).isEqualTo(Health.DEGRADED);   // permanentlyDegraded
        assertThat(vdHealth(36)).isEqualTo(Health.WARNING);    // backgroundInit
        assertThat(vdHealth(24)).isEqualTo(Health.WARNING);    // rebuilding
        assertThat(vdHealth(16)).isEqualTo(Health.WARNING);    // regenerating
        assertThat(vdHealth(2)).isEqualTo(Health.FAILED);
        assertThat(vdHealth(4)).isEqualTo(Health.FAILED);
        assertThat(vdHealth(5)).isEqualTo(Health.UNKNOWN);     // a gap
        Component init = component(omsa().integer(VD + "4.1", 36).interpret(), ComponentKind.VIRTUAL_DRIVE,
            "virtualDisk.1");
        assertThat(init.reason()).isEqualTo("backgroundInit in progress");
    }

    private static Health vdHealth(int state) {
        return component(omsa().integer(VD + "4.1", state).interpret(), ComponentKind.VIRTUAL_DRIVE, "virtualDisk.1")
            .health();
    }

    @Test
    void withoutItsSpareTheMirrorSaysSo() {
        Component vd = component(omsa().integer(PD + "22.3", 5).interpret(), ComponentKind.VIRTUAL_DRIVE,
            "virtualDisk.1");
        assertThat(vd.health()).isEqualTo(Health.OK);
        assertThat(vd.labels()).containsEntry("hot_spares", "0");
    }

    @Test
    void aSmartAlertIsAWarning() {
        Component pd = component(omsa().integer(PD + "31.1", 2).interpret(), ComponentKind.PHYSICAL_DRIVE, "arrayDisk.1");
        assertThat(pd.health()).isEqualTo(Health.WARNING);
        assertThat(pd.reason()).isEqualTo("SMART alert (predictive failure) reported");
    }

    @Test
    void aMissingBatteryIsDegradedALearningOneOk() {
        Component missing = component(omsa().integer(BAT + "4.1", 21).integer(BAT + "6.1", 5).interpret(),
            ComponentKind.BATTERY, "battery.1");
        assertThat(missing.health()).isEqualTo(Health.DEGRADED);
        assertThat(missing.reason())
            .isEqualTo("battery missing: the controller cache is not protected against power loss; battery status critical");
        assertThat(component(omsa().integer(BAT + "4.1", 36).interpret(), ComponentKind.BATTERY, "battery.1").health())
            .isEqualTo(Health.OK);
    }

    @Test
    void aDegradedControllerIsDegraded() {
        Component ctl = component(omsa().integer(CTL + "5.1", 6).interpret(), ComponentKind.CONTROLLER, "controller.1");
        assertThat(ctl.health()).isEqualTo(Health.DEGRADED);
        assertThat(ctl.reason()).isEqualTo("controller degraded");
    }
}
