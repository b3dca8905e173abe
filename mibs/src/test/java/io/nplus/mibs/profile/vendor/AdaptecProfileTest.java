package io.nplus.mibs.profile.vendor;

import static io.nplus.mibs.profile.vendor.RaidWalks.changeSynthetic;
import static io.nplus.mibs.profile.vendor.RaidWalks.component;
import static io.nplus.mibs.profile.vendor.RaidWalks.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.mibs.interpret.DeviceInterpreter.DeviceHealth;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.ComponentKind;
import io.nplus.mibs.vocab.Health;
import org.junit.jupiter.api.Test;

/**
 * adaptec.yaml on a synthetic host (walks-vendor/adaptec.snmprec): no corpus walk has ADAPTEC-UNIVERSAL-STORAGE-MIB
 * and its OIDs are only partially verified (a pysmi compilation of the MIB, see the profile header).
 */
class AdaptecProfileTest {
    static final String CTL = "1.3.6.1.4.1.795.14.1.201.1.1.";
    static final String DEV = "1.3.6.1.4.1.795.14.1.400.1.1.";
    static final String SMART = "1.3.6.1.4.1.795.14.1.410.1.1.";
    static final String ARRAY = "1.3.6.1.4.1.795.14.1.1000.1.1.";

    static RaidWalks adaptec() {
        return changeSynthetic("adaptec");
    }

    @Test
    void theSyntheticHostIsDetectedByItsTablesAndHealthy() {
        DeviceHealth h = adaptec().interpret();
        assertThat(h.profiles()).containsExactly("snmpv2_mib", "adaptec");
        assertThat(ofKind(h, ComponentKind.CONTROLLER)).extracting(Component::name).containsExactly("Controller 1 (ASR8805)");
        assertThat(ofKind(h, ComponentKind.BATTERY)).extracting(Component::state).containsExactly("okay");
        assertThat(ofKind(h, ComponentKind.PHYSICAL_DRIVE)).extracting(Component::name).containsExactly(
            "Device 1 (SEAGATE ST2000NM0023)", "Device 2 (SEAGATE ST2000NM0023)", "Device 3 (SEAGATE ST2000NM0023)");
        assertThat(ofKind(h, ComponentKind.ENCLOSURE)).extracting(Component::name)
            .containsExactly("Enclosure 4 (ADAPTEC Virtual SGPIO)");
        assertThat(ofKind(h, ComponentKind.VIRTUAL_DRIVE)).extracting(Component::name)
            .containsExactly("Array 1 (data)", "Array 2 (os)");
        assertThat(h.components()).filteredOn(c -> c.profile().equals("adaptec"))
            .allSatisfy(c -> assertThat(c.health()).as(c.name()).isEqualTo(Health.OK));
        assertThat(component(h, ComponentKind.PHYSICAL_DRIVE, "ausDevice.2").labels()).containsEntry("smart", "okay");
    }

    @Test
    void aDegradedArrayRebuildingIsDegradedWithItsProgress() {
        Component array = component(adaptec().integer(ARRAY + "12.1", 6).integer(ARRAY + "11.1", 4)
            .integer(ARRAY + "6.1", 4).integer(ARRAY + "7.1", 30).interpret(), ComponentKind.VIRTUAL_DRIVE, "ausArray.1");
        assertThat(array.health()).isEqualTo(Health.DEGRADED);
        assertThat(array.state()).isEqualTo("degraded, reconstruct");
        assertThat(array.reason()).isEqualTo("array degraded: redundancy lost");
        assertThat(array.readings()).containsEntry("rebuild_progress_ratio", 0.3);
    }

    @Test
    void aFailedArrayFailsAnImpactedOneIsAWarning() {
        assertThat(component(adaptec().integer(ARRAY + "12.2", 7).interpret(), ComponentKind.VIRTUAL_DRIVE,
            "ausArray.2").health()).isEqualTo(Health.FAILED);
        Component impacted = component(adaptec().integer(ARRAY + "12.2", 5).integer(ARRAY + "6.2", 5)
            .integer(ARRAY + "7.2", 60).interpret(), ComponentKind.VIRTUAL_DRIVE, "ausArray.2");
        assertThat(impacted.health()).isEqualTo(Health.WARNING);
        assertThat(impacted.readings()).containsEntry("init_progress_ratio", 0.6);
    }

    @Test
    void aFailedDiskFailsAPredictedOneIsAWarning() {
        Component failed = component(adaptec().integer(DEV + "11.3", 5).interpret(), ComponentKind.PHYSICAL_DRIVE,
            "ausDevice.3");
        assertThat(failed.health()).isEqualTo(Health.FAILED);
        assertThat(failed.reason()).isEqualTo("device status failure");
        Component predicted = component(adaptec().integer(SMART + "8.2", 5).interpret(), ComponentKind.PHYSICAL_DRIVE,
            "ausDevice.2");
        assertThat(predicted.health()).isEqualTo(Health.WARNING);
        assertThat(predicted.reason()).isEqualTo("SMART predicts a failure");
    }

    @Test
    void aDiskWithoutATypeGroupIsStillADisk() {
        DeviceHealth h = adaptec().set(DEV + "5.1", new org.snmp4j.smi.Null()).interpret();
        assertThat(component(h, ComponentKind.PHYSICAL_DRIVE, "ausDevice.1").health()).isEqualTo(Health.OK);
    }

    @Test
    void aFailedBatteryIsDegraded() {
        Component bbu = component(adaptec().integer(CTL + "14.1", 6).interpret(), ComponentKind.BATTERY, "ausBattery.1");
        assertThat(bbu.health()).isEqualTo(Health.DEGRADED);
        assertThat(bbu.reason()).isEqualTo("battery failed: the controller cache is not protected against power loss");
    }

    @Test
    void aControllerWhoseDevicesFailIsDegraded() {
        Component ctl = component(adaptec().integer(CTL + "16.1", 5).interpret(), ComponentKind.CONTROLLER,
            "ausController.1");
        assertThat(ctl.health()).isEqualTo(Health.DEGRADED);
        assertThat(ctl.reason()).isEqualTo("a device or array of this controller reports failure");
    }
}
