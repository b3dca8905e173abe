package io.nplus.mibs.profile.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.ComponentKind;
import io.nplus.mibs.vocab.Health;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * juniper_dom and juniper_alarm on the two Junos recordings, and on them changed the way failing optics change them.
 * LibreNMS reads the same DOM values but ignores the alarm bits and drops EVO's 0 readings, so it shows the QFX's
 * 100G optic with loss of signal as healthy; nplus calls it degraded because the module raises the alarms itself.
 */
class JuniperProfileTest {
    private static final String MX5 = "junos_mx5t-isis";
    private static final String QFX = "junos_qfx5130-32cd-evo";
    private static final String DOM = "1.3.6.1.4.1.2636.3.60.1.1.1.1.";
    private static final String LANE = "1.3.6.1.4.1.2636.3.60.1.2.1.1.";
    private static final String ALARMS = DOM + "1.";
    private static final String WARNINGS = DOM + "4.";
    private static final String IF_ADMIN = "1.3.6.1.2.1.2.2.1.7.";

    @Test
    void mx5RxBelowLowAlarmIsDegradedWithTheDevicesOwnAlarmBit() {
        OpticsScenario s = OpticsScenario.walk(MX5);
        Component ge100 = s.transceiver("xcvr.516");
        assertThat(ge100.name()).isEqualTo("ge-1/0/0");
        assertThat(ge100.health()).isEqualTo(Health.DEGRADED);
        assertThat(ge100.reason()).contains("rx_power_dbm -26.77 below low alarm -21.02")
            .contains("laser rx power low (domRxLaserPowerLowAlarm)");
        assertThat(s.transceiver("xcvr.525").reason()).contains("rx_power_dbm -36.98 below low alarm -22.51");
        assertThat(s.transceiver("xcvr.526").health()).isEqualTo(Health.OK);
        // Empty cages (all readings and thresholds 0) are not transceivers.
        assertThat(s.hasTransceiver("xcvr.517")).isFalse();
        assertThat(s.transceivers()).hasSize(5);
        Component alarms = s.component(ComponentKind.CHASSIS, "chassis_alarms");
        assertThat(alarms.health()).isEqualTo(Health.DEGRADED);
        assertThat(alarms.state()).isEqualTo("red alarm");
    }

    @Test
    void qfxLossOfSignalOn100gIsDegradedOnModuleAndEveryLane() {
        OpticsScenario s = OpticsScenario.walk(QFX);
        Component module = s.transceiver("xcvr.507");
        assertThat(module.health()).isEqualTo(Health.DEGRADED);
        assertThat(module.reason()).contains("rx loss of signal (domRxLossSignalAlarm)",
            "laser rx power low (domRxLaserPowerLowAlarm)", "laser bias current low (domTxLaserBiasCurrentLowAlarm)",
            "laser output power low (domTxLaserOutputPowerLowAlarm)");
        assertThat(module.labels()).containsEntry("type", "QSFP-100G-CWDM4").containsEntry("serial", "ADD8095B6271");
        for (int lane = 0; lane < 4; lane++) {
            Component c = s.transceiver("xcvr.507." + lane);
            assertThat(c.name()).isEqualTo("et-0/0/0 lane " + lane);
            assertThat(c.health()).isEqualTo(Health.DEGRADED);
            // EVO reads 0 for a dark lane while flagging rx/tx power low: that is the -40 dBm floor, not 0 dBm.
            assertThat(c.readings()).containsEntry("rx_power_dbm", -40.0).containsEntry("tx_power_dbm", -40.0);
            assertThat(c.labels()).containsEntry("module", "xcvr.507").containsEntry("lane", String.valueOf(lane));
        }
        assertThat(s.component(ComponentKind.CHASSIS, "chassis_alarms").health()).isEqualTo(Health.WARNING);
    }

    /** et-0/0/0 with its flags cleared and healthy lanes; lane 2's Rx set to the value under test. */
    private static OpticsScenario healthyQfxLanes() {
        OpticsScenario s = OpticsScenario.walk(QFX).bits(ALARMS + "507").bits(WARNINGS + "507");
        for (int lane = 0; lane < 4; lane++) {
            s.bits(LANE + "2.507." + lane).bits(LANE + "5.507." + lane)
                .integer(LANE + "6.507." + lane, -200)
                .integer(LANE + "7.507." + lane, 30000)
                .integer(LANE + "8.507." + lane, -100);
        }
        return s;
    }

    @ParameterizedTest(name = "lane Rx {0} (0.01 dBm) -> {1}")
    @CsvSource(delimiter = '|', value = {
        "-500  | OK       | ''",
        "-1300 | WARNING  | rx_power_dbm -13 below low warning -12.5",
        "-1400 | DEGRADED | rx_power_dbm -14 below low alarm -13.49",
    })
    void laneRxIsCheckedAgainstTheModuleThresholds(int rx, Health health, String reason) {
        OpticsScenario s = healthyQfxLanes().integer(LANE + "6.507.2", rx);
        Component lane2 = s.transceiver("xcvr.507.2");
        assertThat(lane2.health()).isEqualTo(health);
        assertThat(lane2.reason()).isEqualTo(reason);
        assertThat(lane2.thresholds().get("rx_power_dbm").lowWarning()).isEqualTo(-12.5);
        assertThat(s.transceiver("xcvr.507.1").health()).isEqualTo(Health.OK);
        assertThat(s.transceiver("xcvr.507").health()).isEqualTo(Health.OK);
    }

    @Test
    void aLaneAlarmBitAloneIsDegraded() {
        Component lane3 = healthyQfxLanes().bits(LANE + "2.507.3", 4).transceiver("xcvr.507.3");
        assertThat(lane3.health()).isEqualTo(Health.DEGRADED);
        assertThat(lane3.reason()).isEqualTo("lane alarm: laser output power high (domLaneTxLaserOutputPowerHighAlarm)");
    }

    @Test
    void exactZeroWithoutFlagsIsARealZeroDbmReading() {
        OpticsScenario s = healthyQfxLanes().integer(LANE + "6.507.0", 0);
        assertThat(s.reading("xcvr.507.0", "rx_power_dbm")).isEqualTo(0.0);
        assertThat(s.transceiver("xcvr.507.0").health()).isEqualTo(Health.OK);
    }

    @Test
    void aModuleAlarmBitAloneIsDegradedAndNamesTheFlag() {
        // ge-1/1/0 reads well inside its thresholds; only the laser fault bit (11) is set, sent as real octets.
        Component c = OpticsScenario.walk(MX5).bits(ALARMS + "526", 11).transceiver("xcvr.526");
        assertThat(c.health()).isEqualTo(Health.DEGRADED);
        assertThat(c.reason()).isEqualTo("module alarm: tx laser fault (domTxLaserFaultAlarm)");
    }

    @Test
    void aModuleWarningBitAloneIsAWarning() {
        Component c = OpticsScenario.walk(MX5).bits(WARNINGS + "526", 6).transceiver("xcvr.526");
        assertThat(c.health()).isEqualTo(Health.WARNING);
        assertThat(c.reason()).isEqualTo("module warning: module temperature high (domModuleTemperatureHighWarning)");
    }

    @Test
    void flagsAndCrossingsOnAnAdminDownPortAreNotAlarms() {
        OpticsScenario s = OpticsScenario.walk(MX5).integer(IF_ADMIN + "516", 2);
        Component c = s.transceiver("xcvr.516");
        assertThat(c.health()).isEqualTo(Health.OK);
        assertThat(c.state()).isEqualTo("admin down");
        assertThat(c.notes()).contains("rx_power_dbm thresholds not checked: admin_up does not hold",
            "module alarm flags not counted on a port that is not admin up: laser rx power low (domRxLaserPowerLowAlarm)");
    }

    @Test
    void aDarkLaneOnAnAdminDownPortIsANoteNotAReading() {
        OpticsScenario s = OpticsScenario.walk(QFX).integer(IF_ADMIN + "507", 2);
        Component lane0 = s.transceiver("xcvr.507.0");
        assertThat(lane0.health()).isEqualTo(Health.OK);
        assertThat(lane0.state()).isEqualTo("admin down");
        assertThat(lane0.readings()).doesNotContainKeys("rx_power_dbm", "tx_power_dbm");
        assertThat(lane0.notes()).contains("rx_power_dbm reads dark (-40 dBm) on an admin-down port");
        assertThat(s.transceiver("xcvr.507").health()).isEqualTo(Health.OK);
    }

    @Test
    void chassisAlarmStatesAreAllMapped() {
        String red = "1.3.6.1.4.1.2636.3.4.2.3.1.0";
        String yellow = "1.3.6.1.4.1.2636.3.4.2.2.1.0";
        assertThat(OpticsScenario.walk(MX5).integer(red, 2).component(ComponentKind.CHASSIS, "chassis_alarms").health())
            .isEqualTo(Health.OK);
        assertThat(OpticsScenario.walk(MX5).integer(red, 1).component(ComponentKind.CHASSIS, "chassis_alarms").health())
            .isEqualTo(Health.UNKNOWN);
        assertThat(OpticsScenario.walk(MX5).integer(red, 2).integer(yellow, 3)
            .component(ComponentKind.CHASSIS, "chassis_alarms").reason())
            .isEqualTo("chassis yellow (minor) alarm on; see show chassis alarms");
    }
}
