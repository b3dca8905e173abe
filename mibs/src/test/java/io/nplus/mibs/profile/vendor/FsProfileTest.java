package io.nplus.mibs.profile.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.Health;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * fs_fiber on the FS.com recording (no IF-MIB in it) and on it changed. LibreNMS alarms on the same four dark
 * receivers (Rx -40 dBm below its -12 dBm limit) but ignores FS's status columns; nplus counts them.
 */
class FsProfileTest {
    private static final String FS = "fs-switch-dc_fs-switch-dc";
    private static final String F = "1.3.6.1.4.1.52642.1.1.10.2.105.1.1.1.";

    @Test
    void theSwitchsOwnRxAlarmOnFourDarkPortsIsDegraded() {
        OpticsScenario s = OpticsScenario.walk(FS);
        assertThat(s.transceivers()).hasSize(18);
        for (int port : new int[] {9, 10, 21, 22}) {
            Component c = s.transceiver("xcvr." + port);
            assertThat(c.name()).isEqualTo("TenGigabitEthernet 0/" + port);
            assertThat(c.health()).isEqualTo(Health.DEGRADED);
            assertThat(c.reason()).contains("switch reports alarm: rx power (fsFiberRXpowerStatus)");
            assertThat(c.readings()).containsEntry("rx_power_dbm", -40.0);
            // No IF-MIB in the recording: admin status unknown, the switch's verdict stands (see fs_fiber.yaml).
            assertThat(c.state()).isEqualTo("admin status unknown");
            assertThat(c.notes()).anyMatch(n -> n.startsWith("admin status unknown"));
        }
        assertThat(s.transceivers()).filteredOn(c -> c.health() == Health.OK).hasSize(14);
        // No DDM: empty cages and the 100G DAC in HundredGigabitEthernet 0/55.
        assertThat(s.hasTransceiver("xcvr.55")).isFalse();
        assertThat(s.hasTransceiver("xcvr.57")).isFalse();
    }

    @ParameterizedTest(name = "{0} = {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "34 | 3 | WARNING  | switch reports warning: rx power (fsFiberRXpowerStatus)",
        "53 | 3 | WARNING  | switch reports warning: tx power (fsFiberTXpowerStatus)",
        "18 | 4 | DEGRADED | switch reports alarm: temperature (fsFiberTempStatus)",
        "22 | 4 | DEGRADED | switch reports alarm: laser bias current (fsFiberBiasStatus)",
        "20 | 7 | UNKNOWN  | fsFiberVoltageStatus is 7 (not a state nplus knows)",
        "34 | 1 | OK       | ''",
    })
    void statusColumnsAreTheSwitchsVerdict(int column, int value, Health health, String reason) {
        Component c = OpticsScenario.walk(FS).integer(F + column + ".1", value).transceiver("xcvr.1");
        assertThat(c.health()).isEqualTo(health);
        assertThat(c.reason()).isEqualTo(reason);
    }

    @Test
    void withIfMibAnAdminDownPortsDarkReceiverIsANote() {
        OpticsScenario s = OpticsScenario.walk(FS)
            .text("1.3.6.1.2.1.31.1.1.1.1.9", "TenGigabitEthernet 0/9")
            .integer("1.3.6.1.2.1.2.2.1.7.9", 2)
            .integer("1.3.6.1.2.1.2.2.1.8.9", 2);
        Component c = s.transceiver("xcvr.9");
        assertThat(c.health()).isEqualTo(Health.OK);
        assertThat(c.state()).isEqualTo("admin down");
        assertThat(c.readings()).doesNotContainKey("rx_power_dbm").containsEntry("tx_power_dbm", -2.02);
        assertThat(c.notes()).contains("rx_power_dbm reads dark (-40 dBm) on an admin-down port",
            "switch alarm status not counted on an admin-down port: rx power (fsFiberRXpowerStatus)");
    }

    @Test
    void withIfMibAnAdminUpPortsDarkReceiverStaysDegraded() {
        OpticsScenario s = OpticsScenario.walk(FS)
            .text("1.3.6.1.2.1.31.1.1.1.1.9", "TenGigabitEthernet 0/9")
            .integer("1.3.6.1.2.1.2.2.1.7.9", 1)
            .integer("1.3.6.1.2.1.2.2.1.8.9", 2);
        Component c = s.transceiver("xcvr.9");
        assertThat(c.health()).isEqualTo(Health.DEGRADED);
        assertThat(c.state()).isEqualTo("link down");
        assertThat(c.notes()).noneMatch(n -> n.startsWith("admin status unknown"));
    }

    @Test
    void aQsfpWithDdmHasOneComponentPerChannel() {
        // HundredGigabitEthernet 0/55 turned into a QSFP28 SR4 with DDM; channel 4 receives weakly.
        OpticsScenario s = OpticsScenario.walk(FS).integer(F + "15.55", 1).integer(F + "17.55", 35)
            .integer(F + "18.55", 2).integer(F + "19.55", 3300).integer(F + "20.55", 2)
            .integer(F + "91.55", -1000).integer(F + "92.55", 300).integer(F + "93.55", -1200).integer(F + "94.55", 500)
            .integer(F + "95.55", -700).integer(F + "96.55", 300).integer(F + "97.55", -900).integer(F + "98.55", 500);
        int[] rxCombined = {77, 78, 79, 80};
        int[] txCombined = {82, 83, 84, 85};
        int[] rxStatus = {38, 42, 46, 50};
        int[] txStatus = {56, 59, 62, 65};
        int[] bias = {23, 25, 27, 29};
        int[] rx = {-250, -260, -270, -1100};
        for (int ch = 0; ch < 4; ch++) {
            s.integer(F + rxCombined[ch] + ".55", rx[ch]).integer(F + txCombined[ch] + ".55", -100)
                .integer(F + rxStatus[ch] + ".55", ch == 3 ? 3 : 2).integer(F + txStatus[ch] + ".55", 2)
                .integer(F + bias[ch] + ".55", 7000).integer(F + (bias[ch] + 1) + ".55", 2);
        }
        Component module = s.transceiver("xcvr.55");
        assertThat(module.health()).isEqualTo(Health.OK);
        assertThat(module.readings()).containsOnlyKeys("temperature_celsius", "supply_voltage_volts");
        assertThat(s.reading("xcvr.55.2", "rx_power_dbm")).isEqualTo(-2.6);
        assertThat(s.reading("xcvr.55.2", "bias_current_amperes")).isEqualTo(0.007);
        Component lane4 = s.transceiver("xcvr.55.4");
        assertThat(lane4.name()).isEqualTo("HundredGigabitEthernet 0/55 lane 4");
        assertThat(lane4.health()).isEqualTo(Health.WARNING);
        assertThat(lane4.reason()).isEqualTo(
            "rx_power_dbm -11 below low warning -10; switch reports warning: rx power (fsFiberChannel4RXpowerStatus)");
        assertThat(s.hasTransceiver("xcvr.55.5")).isFalse();
    }
}
