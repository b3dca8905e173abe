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

/**
 * proware_areca.yaml on the eurostor_es-6642b recording (ES-6642B, Areca ARC-8066 firmware; SLOT 07 failed,
 * SLOT 36 hot spare) and on changed copies: drive and RAID set state texts, a spent hot spare, empty slots.
 */
class ProwareArecaProfileTest {
    static final MibSnapshot ES = TestData.read("eurostor_es-6642b");
    /** hddEnclosureNNState of enclosure e, slot s. */
    static String hddState(int enclosure, int slot) {
        return "1.3.6.1.4.1.14752.1.3.3." + enclosure + ".4.1.8." + slot;
    }

    static final String RAID_STATE = "1.3.6.1.4.1.14752.1.3.4.1.1.4.";

    static Component drive(DeviceHealth h, int enclosure, int slot) {
        return component(h, ComponentKind.PHYSICAL_DRIVE, "hdd." + enclosure + "." + slot);
    }

    static Component raidSet(DeviceHealth h, int index) {
        return component(h, ComponentKind.VIRTUAL_DRIVE, "raidset." + index);
    }

    @Test
    void theFailedDriveInSlot07IsFailedAndTheHotSpareInSlot36IsOk() {
        DeviceHealth h = interpret(ES);
        assertThat(h.profiles()).contains("proware_areca");
        assertThat(ofKind(h, ComponentKind.PHYSICAL_DRIVE)).hasSize(42);
        Component slot07 = drive(h, 1, 7);
        assertThat(slot07.name()).isEqualTo("Enclosure 1 SLOT 07");
        assertThat(slot07.health()).isEqualTo(Health.FAILED);
        assertThat(slot07.reason()).isEqualTo("Enclosure 1 SLOT 07 is Failed");
        assertThat(slot07.labels()).containsEntry("model", "Hitachi HUA723030ALA640").containsEntry("channel", "E1S7");
        Component slot36 = drive(h, 2, 15);
        assertThat(slot36.name()).isEqualTo("Enclosure 2 SLOT 36");
        assertThat(slot36.state()).isEqualTo("Hot Spare");
        assertThat(slot36.health()).isEqualTo(Health.OK);
        assertThat(slot36.readings()).containsEntry("size_bytes", 6.0012e12);
        assertThat(ofKind(h, ComponentKind.PHYSICAL_DRIVE)).filteredOn(c -> c.health() != Health.OK)
            .extracting(Component::id).containsExactly("hdd.1.7");
        // Raid Set # 000 already lists E1S21 instead of the failed E1S7: rebuilt, Normal.
        assertThat(ofKind(h, ComponentKind.VIRTUAL_DRIVE)).hasSize(4).allMatch(c -> c.health() == Health.OK)
            .allMatch(c -> "1".equals(c.labels().get("hot_spares")));
        assertThat(raidSet(h, 0).labels().get("members")).contains("E1S21").doesNotContain("E1S7,");
    }

    @ParameterizedTest(name = "hddState \"{0}\" -> {1}")
    @CsvSource({
        "Failed, FAILED",
        "Rebuilding, WARNING",
        "Free, OK",
        "Pass Through, OK",
        "HotSpare[Global], OK",
        "Normal, OK",
        "Mystery, UNKNOWN",
    })
    void driveStateText(String state, Health health) {
        Component d = drive(interpret(with(ES, hddState(1, 3), state)), 1, 3);
        assertThat(d.state()).isEqualTo(state);
        assertThat(d.health()).isEqualTo(health);
    }

    @ParameterizedTest(name = "raidState \"{0}\" -> {1}")
    @CsvSource({
        "Degraded, DEGRADED, Raid Set # 001 is Degraded",
        "Rebuilding, WARNING, Raid Set # 001 is Rebuilding",
        "Checking, WARNING, Raid Set # 001 is Checking",
        "Incompleted, FAILED, Raid Set # 001 is Incompleted",
        "Offline, FAILED, Raid Set # 001 is Offline",
        "Normal, OK, ''",
    })
    void raidSetStateText(String state, Health health, String reason) {
        Component r = raidSet(interpret(with(ES, RAID_STATE + "1", state)), 1);
        assertThat(r.health()).isEqualTo(health);
        assertThat(r.reason()).isEqualTo(reason);
    }

    @Test
    void aDriveFailsAndTheArrayDegrades() {
        DeviceHealth h = interpret(with(ES, hddState(2, 4), "Failed", RAID_STATE + "2", "Degraded"));
        assertThat(drive(h, 2, 4).health()).isEqualTo(Health.FAILED);
        assertThat(drive(h, 2, 4).name()).isEqualTo("Enclosure 2 SLOT 25");
        assertThat(raidSet(h, 2).health()).isEqualTo(Health.DEGRADED);
        assertThat(raidSet(h, 3).health()).isEqualTo(Health.OK);
    }

    @Test
    void onceTheHotSpareIsUsedUpTheRaidSetsSayNone() {
        DeviceHealth h = interpret(with(ES, hddState(2, 15), "RaidSet Member"));
        assertThat(ofKind(h, ComponentKind.VIRTUAL_DRIVE)).allMatch(c -> "0".equals(c.labels().get("hot_spares")));
    }

    @Test
    void anEmptySlotIsNotADrive() {
        DeviceHealth h = interpret(with(ES, hddState(1, 7), "Empty Slot"));
        assertThat(ofKind(h, ComponentKind.PHYSICAL_DRIVE)).hasSize(41).extracting(Component::id).doesNotContain("hdd.1.7");
    }

    @Test
    void aStoppedFanAndAFailedPowerSupply() {
        DeviceHealth h = interpret(with(ES, "1.3.6.1.4.1.14752.1.3.2.2.9.1.3.6", 0,
            "1.3.6.1.4.1.14752.1.3.2.3.7.1.3.1", 0));
        Component fan = component(h, ComponentKind.FAN, "fan.2.6");
        assertThat(fan.name()).isEqualTo("Enclosure 1 Fan6-1");
        assertThat(fan.health()).isEqualTo(Health.DEGRADED);
        assertThat(fan.reason()).isEqualTo("fan stopped (0 rpm)");
        Component psu = component(h, ComponentKind.POWER_SUPPLY, "power.3.1");
        assertThat(psu.name()).isEqualTo("Enclosure 2 Power 01-2");
        assertThat(psu.state()).isEqualTo("failed");
        assertThat(psu.health()).isEqualTo(Health.DEGRADED);
    }

    @Test
    void theControllerBatteryAppearsWhenFitted() {
        String battery = "1.3.6.1.4.1.14752.1.3.2.1.8.1.3.10";
        assertThat(ofKind(interpret(ES), ComponentKind.BATTERY)).isEmpty(); // 255: no battery module
        Component bbu = component(interpret(with(ES, battery, 87)), ComponentKind.BATTERY, "bbu.1.10");
        assertThat(bbu.name()).isEqualTo("Controller battery");
        assertThat(bbu.readings()).containsEntry("charge_ratio", 0.87);
    }

    @Test
    void aVolumeSetRebuildingShowsItsProgress() {
        String vol = "1.3.6.1.4.1.14752.1.3.5.1.1.";
        DeviceHealth h = interpret(with(ES, vol + "1.0", 0, vol + "2.0", "ARC-8066-VOL#000", vol + "3.0", "Raid Set # 000",
            vol + "4.0", 24000000, vol + "5.0", "Rebuilding", vol + "6.0", 42, vol + "11.0", "6"));
        Component v = component(h, ComponentKind.VIRTUAL_DRIVE, "volumeset.0");
        assertThat(v.name()).isEqualTo("ARC-8066-VOL#000");
        assertThat(v.health()).isEqualTo(Health.WARNING);
        assertThat(v.readings()).containsEntry("rebuild_progress_ratio", 0.42).containsEntry("size_bytes", 2.4e13);
        assertThat(v.labels()).containsEntry("raid_set", "Raid Set # 000").containsEntry("raid_level", "6");
    }
}
