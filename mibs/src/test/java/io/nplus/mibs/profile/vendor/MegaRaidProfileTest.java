package io.nplus.mibs.profile.vendor;

import static io.nplus.mibs.profile.vendor.RaidWalks.change;
import static io.nplus.mibs.profile.vendor.RaidWalks.component;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.nplus.mibs.interpret.DeviceInterpreter.DeviceHealth;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.ComponentKind;
import io.nplus.mibs.vocab.Health;
import org.junit.jupiter.api.Test;

/**
 * megaraid.yaml on linux_lsi (3 adapters, 92 drives, 2 CacheVaults), changed as incidents would change it.
 * linux_lsi records no virtual drive although adapter 0 counts one (its two online 300 GB drives form it):
 * {@link #withBootMirror()} adds that RAID-1 as the sub-agent would list it.
 */
class MegaRaidProfileTest {
    static final String ADAPTER = "1.3.6.1.4.1.3582.4.1.4.1.2.1.";
    static final String VD = "1.3.6.1.4.1.3582.4.1.4.3.1.2.1.";
    static final String PD = "1.3.6.1.4.1.3582.4.1.4.2.1.2.1.";
    static final String BBU = "1.3.6.1.4.1.3582.4.1.4.1.6.2.1.";

    /** Virtual drive 0 of adapter 0: RAID-1 'boot' over the two online drives (device ids 8 and 9), optimal. */
    static RaidWalks withBootMirror() {
        return change("linux_lsi")
            .integer(VD + "1.0", 0)              // virtualDevID
            .integer(VD + "2.0", 285148)         // size, MB
            .integer(VD + "5.0", 3)              // state optimal
            .text(VD + "6.0", "boot")            // name
            .integer(VD + "11.0", 1)             // prl RAID-1
            .integer(VD + "15.0", 2)             // numDrives
            .integer(VD + "16.0", 1)             // spanDepth
            .text(VD + "18.0", "No operation in progress")
            .integer(VD + "20.0", 0);            // adapterID-VDT
    }

    @Test
    void theRecordedWalkIsHealthyAndNotesTheMissingVirtualDrive() {
        DeviceHealth h = change("linux_lsi").interpret();
        assertThat(h.profiles()).contains("megaraid");
        assertThat(h.components()).filteredOn(c -> c.profile().equals("megaraid")).hasSize(3 + 92 + 2)
            .allSatisfy(c -> assertThat(c.health()).as(c.id()).isEqualTo(Health.OK));
        assertThat(component(h, ComponentKind.CONTROLLER, "ctl.0").notes())
            .containsExactly("the controller counts 1 virtual drive(s) but the agent lists 0");
    }

    @Test
    void anOptimalMirrorIsOkAndSaysItHasNoHotSpare() {
        DeviceHealth h = withBootMirror().interpret();
        Component vd = component(h, ComponentKind.VIRTUAL_DRIVE, "vd.0");
        assertThat(vd.name()).isEqualTo("Virtual Disk 0:0 (boot)");
        assertThat(vd.health()).isEqualTo(Health.OK);
        assertThat(vd.state()).isEqualTo("optimal");
        assertThat(vd.labels()).contains(entry("raid_level", "RAID-1"), entry("hot_spares", "0"));
        assertThat(vd.readings()).contains(entry("member_drives", 2.0), entry("size_bytes", 285148.0 * 1048576));
        assertThat(component(h, ComponentKind.CONTROLLER, "ctl.0").notes()).isEmpty();
    }

    @Test
    void aDegradedVirtualDriveIsDegradedAndSoIsItsController() {
        DeviceHealth h = withBootMirror().integer(VD + "5.0", 2).integer(ADAPTER + "19.0", 1).interpret();
        Component vd = component(h, ComponentKind.VIRTUAL_DRIVE, "vd.0");
        assertThat(vd.health()).isEqualTo(Health.DEGRADED);
        assertThat(vd.state()).isEqualTo("degraded");
        assertThat(vd.reason()).isEqualTo("virtual drive degraded: redundancy lost");
        Component ctl = component(h, ComponentKind.CONTROLLER, "ctl.0");
        assertThat(ctl.health()).isEqualTo(Health.DEGRADED);
        assertThat(ctl.reason()).isEqualTo("1 virtual drive(s) degraded");
        assertThat(component(h, ComponentKind.CONTROLLER, "ctl.1").health()).isEqualTo(Health.OK);
    }

    @Test
    void aPartiallyDegradedDriveIsDegradedAnOfflineOneFailed() {
        assertThat(component(withBootMirror().integer(VD + "5.0", 1).interpret(), ComponentKind.VIRTUAL_DRIVE, "vd.0")
            .health()).isEqualTo(Health.DEGRADED);
        Component offline = component(withBootMirror().integer(VD + "5.0", 0).integer(ADAPTER + "20.0", 1).interpret(),
            ComponentKind.VIRTUAL_DRIVE, "vd.0");
        assertThat(offline.health()).isEqualTo(Health.FAILED);
        assertThat(offline.reason()).isEqualTo("virtual drive offline: its data is not accessible");
    }

    @Test
    void aRebuildingMirrorStaysDegradedAndReportsItsProgress() {
        DeviceHealth h = withBootMirror().integer(VD + "5.0", 2).text(VD + "18.0", "Rebuild: 45% complete")
            .integer(PD + "10.1", 20).text(PD + "21.1", "Rebuild progress is 45%").interpret();
        Component vd = component(h, ComponentKind.VIRTUAL_DRIVE, "vd.0");
        assertThat(vd.health()).isEqualTo(Health.DEGRADED);
        assertThat(vd.readings()).containsEntry("rebuild_progress_ratio", 0.45);
        Component pd = component(h, ComponentKind.PHYSICAL_DRIVE, "pd.1");
        assertThat(pd.health()).isEqualTo(Health.WARNING);
        assertThat(pd.state()).isEqualTo("rebuild");
        assertThat(pd.reason()).isEqualTo("rebuilding");
        assertThat(pd.readings()).containsEntry("rebuild_progress_ratio", 0.45);
    }

    @Test
    void aConsistencyCheckOnAnOptimalDriveIsAWarningWithProgress() {
        Component vd = component(withBootMirror().text(VD + "18.0", "Check Consistency 30%").interpret(),
            ComponentKind.VIRTUAL_DRIVE, "vd.0");
        assertThat(vd.health()).isEqualTo(Health.WARNING);
        assertThat(vd.reason()).isEqualTo("operation in progress: Check Consistency 30%");
        assertThat(vd.readings()).containsEntry("check_progress_ratio", 0.3);
    }

    @Test
    void hotSparesAreCountedOnTheVirtualDrivesAdapter() {
        // pd.91 (device 109, JBOD) made a global hot spare; the recording does not say on which adapter.
        RaidWalks spare = withBootMirror().integer(PD + "10.91", 2);
        assertThat(component(spare.interpret(), ComponentKind.VIRTUAL_DRIVE, "vd.0").labels())
            .containsEntry("hot_spares", "1");
        assertThat(component(spare.integer(PD + "22.91", 1).interpret(), ComponentKind.VIRTUAL_DRIVE, "vd.0").labels())
            .as("a spare on adapter 1 does not protect adapter 0").containsEntry("hot_spares", "0");
        assertThat(component(spare.integer(PD + "22.91", 0).interpret(), ComponentKind.VIRTUAL_DRIVE, "vd.0").labels())
            .containsEntry("hot_spares", "1");
        assertThat(component(spare.interpret(), ComponentKind.PHYSICAL_DRIVE, "pd.91").health()).isEqualTo(Health.OK);
    }

    @Test
    void aRaid0HasNoHotSpareLabel() {
        Component vd = component(withBootMirror().integer(VD + "11.0", 0).interpret(), ComponentKind.VIRTUAL_DRIVE,
            "vd.0");
        assertThat(vd.labels()).containsEntry("raid_level", "RAID-0").doesNotContainKey("hot_spares");
    }

    @Test
    void mediaErrorsMakeADriveAWarning() {
        Component pd = component(change("linux_lsi").integer(PD + "7.5", 3).interpret(), ComponentKind.PHYSICAL_DRIVE,
            "pd.5");
        assertThat(pd.name()).isEqualTo("Physical Disk device 13");
        assertThat(pd.health()).isEqualTo(Health.WARNING);
        assertThat(pd.reason()).isEqualTo("3 media error(s)");
        assertThat(pd.readings()).containsEntry("media_errors", 3.0);
    }

    @Test
    void otherErrorsAreReadButNotJudged() {
        Component pd = component(change("linux_lsi").integer(PD + "8.5", 12).interpret(), ComponentKind.PHYSICAL_DRIVE,
            "pd.5");
        assertThat(pd.health()).isEqualTo(Health.OK);
        assertThat(pd.readings()).containsEntry("other_errors", 12.0);
    }

    @Test
    void aFailedDriveFailsAndItsControllerCountsIt() {
        DeviceHealth h = change("linux_lsi").integer(PD + "10.5", 17).integer(ADAPTER + "24.1", 1).interpret();
        Component pd = component(h, ComponentKind.PHYSICAL_DRIVE, "pd.5");
        assertThat(pd.health()).isEqualTo(Health.FAILED);
        assertThat(pd.reason()).isEqualTo("drive failed");
        Component ctl = component(h, ComponentKind.CONTROLLER, "ctl.1");
        assertThat(ctl.health()).isEqualTo(Health.DEGRADED);
        assertThat(ctl.reason()).isEqualTo("1 physical drive(s) failed");
    }

    @Test
    void predictiveFailureIsAWarningOnTheDriveAndTheController() {
        DeviceHealth h = change("linux_lsi").integer(PD + "9.5", 1).integer(ADAPTER + "23.1", 1).interpret();
        assertThat(component(h, ComponentKind.PHYSICAL_DRIVE, "pd.5").reason()).isEqualTo("predictive failure reported (1)");
        assertThat(component(h, ComponentKind.PHYSICAL_DRIVE, "pd.5").health()).isEqualTo(Health.WARNING);
        assertThat(component(h, ComponentKind.CONTROLLER, "ctl.1").health()).isEqualTo(Health.WARNING);
    }

    /** pdState is gapped (0, 1, 2, 16, 17, 20, 24, 32, 64, 128, 130, 144): every value maps, others are unknown. */
    @Test
    void gappedDriveStatesMapByNumber() {
        assertThat(pdHealth(0)).isEqualTo(Health.OK);
        assertThat(pdHealth(1)).isEqualTo(Health.FAILED);
        assertThat(pdHealth(2)).isEqualTo(Health.OK);
        assertThat(pdHealth(16)).isEqualTo(Health.FAILED);
        assertThat(pdHealth(17)).isEqualTo(Health.FAILED);
        assertThat(pdHealth(20)).isEqualTo(Health.WARNING);
        assertThat(pdHealth(24)).isEqualTo(Health.OK);
        assertThat(pdHealth(32)).isEqualTo(Health.WARNING);
        assertThat(pdHealth(64)).isEqualTo(Health.OK);
        assertThat(pdHealth(128)).isEqualTo(Health.WARNING);
        assertThat(pdHealth(130)).isEqualTo(Health.WARNING);
        assertThat(pdHealth(144)).isEqualTo(Health.WARNING);
        Component unknown = component(change("linux_lsi").integer(PD + "10.5", 99).interpret(),
            ComponentKind.PHYSICAL_DRIVE, "pd.5");
        assertThat(unknown.health()).isEqualTo(Health.UNKNOWN);
        assertThat(unknown.reason()).isEqualTo("pdState is 99 (not a state nplus knows)");
    }

    private static Health pdHealth(int state) {
        return component(change("linux_lsi").integer(PD + "10.5", state).interpret(), ComponentKind.PHYSICAL_DRIVE,
            "pd.5").health();
    }

    @Test
    void aMissingBatteryPackLeavesTheCacheUnprotected() {
        Component bbu = component(change("linux_lsi").text(BBU + "8.0", "packMissing").interpret(),
            ComponentKind.BATTERY, "bbu.0");
        assertThat(bbu.name()).isEqualTo("Battery on controller 1");
        assertThat(bbu.health()).isEqualTo(Health.DEGRADED);
        assertThat(bbu.reason()).isEqualTo("battery pack missing; the controller cache is not protected against power loss");
    }

    @Test
    void batteryFlagsWrittenWithTheirValueCountOnlyWhenSet() {
        assertThat(component(change("linux_lsi").text(BBU + "8.0", "packMissing(0) voltageLow(0)").interpret(),
            ComponentKind.BATTERY, "bbu.0").health()).isEqualTo(Health.OK);
        Component low = component(change("linux_lsi").text(BBU + "8.0", "packMissing(0) voltageLow(1)").interpret(),
            ComponentKind.BATTERY, "bbu.0");
        assertThat(low.health()).isEqualTo(Health.WARNING);
    }

    @Test
    void aNonOperationalBatteryIsDegradedAnUnknownWordUnknown() {
        Component bad = component(change("linux_lsi").text(BBU + "29.1", "Non-Operational").interpret(),
            ComponentKind.BATTERY, "bbu.1");
        assertThat(bad.health()).isEqualTo(Health.DEGRADED);
        assertThat(bad.reason())
            .isEqualTo("battery Non-Operational: the controller cache is not protected against power loss");
        Component odd = component(change("linux_lsi").text(BBU + "29.1", "Learning").interpret(),
            ComponentKind.BATTERY, "bbu.1");
        assertThat(odd.health()).isEqualTo(Health.UNKNOWN);
        assertThat(odd.reason()).isEqualTo("bbuState is Learning (not a state nplus knows)");
    }

    @Test
    void aBatteryThatNeedsReplacingIsAWarning() {
        Component bbu = component(change("linux_lsi").integer(BBU + "27.0", 1).interpret(), ComponentKind.BATTERY,
            "bbu.0");
        assertThat(bbu.health()).isEqualTo(Health.WARNING);
        assertThat(bbu.reason()).isEqualTo("the battery needs to be replaced");
    }
}
