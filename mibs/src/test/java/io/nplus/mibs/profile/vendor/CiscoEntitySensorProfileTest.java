package io.nplus.mibs.profile.vendor;

import static io.nplus.mibs.profile.vendor.VendorWalk.component;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.nplus.mibs.interpret.DeviceInterpreter;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.ComponentKind;
import io.nplus.mibs.vocab.Health;
import io.nplus.mibs.vocab.Thresholds;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * cisco_entity_sensor and cisco_entity_fru_control on real Cisco walks with an incident's values changed
 * (incident 3: optics crossing their own thresholds; incident 1's lost redundancy for power supplies).
 */
class CiscoEntitySensorProfileTest {
    static final String VALUE = "1.3.6.1.4.1.9.9.91.1.1.1.1.4.";
    static final String THRESHOLD = "1.3.6.1.4.1.9.9.91.1.2.1.1.4.";
    static final String IF_ADMIN = "1.3.6.1.2.1.2.2.1.7.";

    /** iosxr_ncs55a2: dBm sensors in units with precision 5 (-1089909 is -10.89909 dBm). */
    @Nested
    class Ncs55a2 {
        static final String WALK = "iosxr_ncs55a2";
        static final String TE8 = "xcvr.2162689";         // TenGigE0/0/0/8, ifIndex 67, admin up
        static final String TE8_RX = "2162970";          // minor low -15.00312, major low -16.00326 dBm
        static final String TE2 = "xcvr.2138113";         // TenGigE0/0/0/2, ifIndex 72, admin down
        static final String TE2_RX = "2138394";

        @Test
        void rxBelowItsLowWarningOnAnAdminUpPortIsAWarning() {
            Component optic = component(VendorWalk.of(WALK).set(VALUE + TE8_RX, -1550000).interpret(),
                ComponentKind.TRANSCEIVER, TE8);
            assertThat(optic.name()).isEqualTo("TenGigE0/0/0/8");
            assertThat(optic.health()).isEqualTo(Health.WARNING);
            assertThat(optic.reason()).isEqualTo("rx_power_dbm -15.5 below low warning -15.0031");
        }

        @Test
        void rxBelowItsLowAlarmOnAnAdminUpPortIsDegraded() {
            Component optic = component(VendorWalk.of(WALK).set(VALUE + TE8_RX, -1700000).interpret(),
                ComponentKind.TRANSCEIVER, TE8);
            assertThat(optic.health()).isEqualTo(Health.DEGRADED);
            assertThat(optic.reason()).isEqualTo("rx_power_dbm -17 below low alarm -16.0033");
        }

        @Test
        void aDarkReceiverOnAnAdminUpPortIsLossOfLight() {
            Component optic = component(VendorWalk.of(WALK).set(VALUE + TE8_RX, -4000000).interpret(),
                ComponentKind.TRANSCEIVER, TE8);
            assertThat(optic.health()).isEqualTo(Health.DEGRADED);
            assertThat(optic.readings()).containsEntry("rx_power_dbm", -40.0);
            assertThat(optic.reason()).isEqualTo("rx_power_dbm -40 below low alarm -16.0033");
        }

        @Test
        void theSameReadingsOnAnAdminDownPortAreNoAlarmButANote() {
            for (int raw : new int[] {-1550000, -1700000}) {
                Component optic = component(VendorWalk.of(WALK).set(VALUE + TE2_RX, raw).interpret(),
                    ComponentKind.TRANSCEIVER, TE2);
                assertThat(optic.health()).as("raw %d", raw).isEqualTo(Health.OK);
                assertThat(optic.state()).isEqualTo("admin down");
                assertThat(optic.readings()).containsEntry("rx_power_dbm", raw / 100000.0);
                assertThat(optic.notes()).contains("rx_power_dbm thresholds not checked: admin_up does not hold");
            }
        }

        @Test
        void theRecordedDarkOpticsOnAdminDownPortsHaveNoValueAndANote() {
            DeviceInterpreter.DeviceHealth health = VendorWalk.of(WALK).interpret();
            for (String id : List.of(TE2, "xcvr.2142209")) {
                Component optic = component(health, ComponentKind.TRANSCEIVER, id);
                assertThat(optic.health()).isEqualTo(Health.OK);
                assertThat(optic.state()).isEqualTo("admin down");
                assertThat(optic.readings()).doesNotContainKeys("rx_power_dbm", "tx_power_dbm")
                    .containsKeys("temperature_celsius", "supply_voltage_volts", "bias_current_amperes");
                assertThat(optic.labels()).containsEntry("admin_status", "down");
                assertThat(optic.notes()).contains("rx_power_dbm reads dark (-40 dBm) on an admin-down port",
                    "tx_power_dbm reads dark (-40 dBm) on an admin-down port");
            }
        }

        @Test
        void shuttingAPortTurnsItsLossOfLightIntoANote() {
            Component optic = component(VendorWalk.of(WALK).set(VALUE + TE8_RX, -4000000).set(IF_ADMIN + "67", 2)
                .interpret(), ComponentKind.TRANSCEIVER, TE8);
            assertThat(optic.health()).isEqualTo(Health.OK);
            assertThat(optic.readings()).doesNotContainKey("rx_power_dbm");
            assertThat(optic.notes()).contains("rx_power_dbm reads dark (-40 dBm) on an admin-down port");
        }

        @Test
        void anOpticThatReportsZeroForEverythingHasNoDomAndNoAlarm() {
            Component optic = component(VendorWalk.of(WALK).interpret(), ComponentKind.TRANSCEIVER, "xcvr.2154497");
            assertThat(optic.name()).isEqualTo("GigabitEthernet0/0/0/6");
            assertThat(optic.health()).isEqualTo(Health.UNKNOWN);
            assertThat(optic.readings()).isEmpty();
            assertThat(optic.reason()).isEqualTo("no DOM readings: the module reports 0 for every reading and threshold");
        }

        @Test
        void invertedLowThresholdsAreIgnoredWithANote() {
            // minor low -20 dBm, major low -10 dBm: the alarm sits above the warning.
            Component optic = component(VendorWalk.of(WALK).set(THRESHOLD + TE8_RX + ".1", -2000000)
                .set(THRESHOLD + TE8_RX + ".3", -1000000).interpret(), ComponentKind.TRANSCEIVER, TE8);
            assertThat(optic.health()).isEqualTo(Health.OK);
            assertThat(optic.notes()).contains("rx_power_dbm low thresholds ignored: alarm -10 above warning -20 (inverted)");
            assertThat(optic.thresholds().get("rx_power_dbm").lowAlarm()).isNull();
        }

        @Test
        void equalThresholdsAreIgnoredWithANote() {
            VendorWalk walk = VendorWalk.of(WALK);
            for (int t = 1; t <= 4; t++) {
                walk.set(THRESHOLD + TE8_RX + "." + t, -1000000);
            }
            Component optic = component(walk.interpret(), ComponentKind.TRANSCEIVER, TE8);
            assertThat(optic.health()).isEqualTo(Health.OK);
            assertThat(optic.notes()).contains("rx_power_dbm thresholds ignored: all equal (-10)");
            assertThat(optic.thresholds()).doesNotContainKey("rx_power_dbm");
        }

        @Test
        void unsetCriticalThresholdsOfZeroAreNotUsed() {
            // Major rows unset: critical (0 dBm low and 0 dBm high) would be the alarm, but equal low and high is
            // IOS XR's "unset"; the minor thresholds stay.
            VendorWalk walk = VendorWalk.of(WALK).set(THRESHOLD + TE8_RX + ".3", -32768)
                .set(THRESHOLD + TE8_RX + ".4", -32768);
            Component optic = component(walk.interpret(), ComponentKind.TRANSCEIVER, TE8);
            assertThat(optic.health()).isEqualTo(Health.OK);
            assertThat(optic.thresholds().get("rx_power_dbm"))
                .isEqualTo(new Thresholds(null, -15.00312, 0.49992, null));
            assertThat(component(VendorWalk.of(WALK).interpret(), ComponentKind.TRANSCEIVER, TE8).thresholds()
                .get("rx_power_dbm")).isEqualTo(new Thresholds(-16.00326, -15.00312, 0.49992, 1.49988));
        }
    }

    /** iosxr_asr9001: optical power as watts, scale milli, precision 4 (11274 is 1.1274 mW). */
    @Nested
    class Asr9001 {
        static final String WALK = "iosxr_asr9001";
        static final String TE022 = "xcvr.31415605";       // TenGigE0/0/2/2: minor high 0.7943 mW, major high 1.0 mW
        static final String TE022_RX = "30573226";

        @Test
        void theRecordedRxAboveItsHighAlarmIsDegraded() {
            Component optic = component(VendorWalk.of(WALK).interpret(), ComponentKind.TRANSCEIVER, TE022);
            assertThat(optic.health()).isEqualTo(Health.DEGRADED);
            assertThat(optic.reason()).isEqualTo("rx_power_dbm 0.52078 above high alarm 0");
        }

        @Test
        void rxBroughtBelowTheHighAlarmIsAWarningThenOk() {
            Component warm = component(VendorWalk.of(WALK).set(VALUE + TE022_RX, 9000).interpret(),
                ComponentKind.TRANSCEIVER, TE022);
            assertThat(warm.health()).isEqualTo(Health.WARNING);
            assertThat(warm.reason()).isEqualTo("rx_power_dbm -0.457575 above high warning -1.00015");

            Component fine = component(VendorWalk.of(WALK).set(VALUE + TE022_RX, 5000).interpret(),
                ComponentKind.TRANSCEIVER, TE022);
            assertThat(fine.health()).isEqualTo(Health.OK);
            assertThat(fine.reason()).isEmpty();
            assertThat(fine.readings().get("rx_power_dbm")).isCloseTo(-3.0103, within(1e-4));
        }

        @Test
        void anOpticWhoseEverySensorSaysMinus32768HasNoReadingsAndNoAlarm() {
            Component optic = component(VendorWalk.of(WALK).interpret(), ComponentKind.TRANSCEIVER, "xcvr.15526104");
            assertThat(optic.name()).isEqualTo("GigabitEthernet0/0/1/3");
            assertThat(optic.health()).isEqualTo(Health.OK);
            assertThat(optic.state()).isEqualTo("admin down");
            assertThat(optic.readings()).isEmpty();
            assertThat(optic.notes()).contains("rx_power_dbm has no reading (the device reports -32768) on an admin-down port");

            // The same optic on an admin-up port: nplus cannot see it, which is worth a look but no alarm.
            Component up = component(VendorWalk.of(WALK).set(IF_ADMIN + "25", 1).interpret(),
                ComponentKind.TRANSCEIVER, "xcvr.15526104");
            assertThat(up.health()).isEqualTo(Health.UNKNOWN);
            assertThat(up.reason()).contains("rx_power_dbm has no reading (the device reports -32768)");
        }
    }

    /** nxos_n3k-3064pq: values in milli-dBm; an exact 0 dBm is NX-OS's "no reading". */
    @Nested
    class Nexus3064 {
        static final String WALK = "nxos_n3k-3064pq";
        static final String ETH1 = "xcvr.48854";           // Ethernet1/1, ifIndex 436207616, admin up, oper down
        static final String ETH1_RX = "300000013";        // major high -1.999, minor high -3.001 dBm
        static final String ETH1_BIAS = "300000004";

        @Test
        void theRecordedExactZeroReceiversAreNoReadingNotAnAlarm() {
            DeviceInterpreter.DeviceHealth health = VendorWalk.of(WALK).interpret();
            for (String id : List.of("xcvr.48855", "xcvr.48856", "xcvr.48857", "xcvr.48858", "xcvr.48859", "xcvr.48861")) {
                Component optic = component(health, ComponentKind.TRANSCEIVER, id);
                assertThat(optic.health()).as(id).isEqualTo(Health.UNKNOWN);
                assertThat(optic.readings()).as(id).doesNotContainKey("rx_power_dbm").containsKey("tx_power_dbm");
                assertThat(optic.reason()).as(id)
                    .isEqualTo("rx_power_dbm has no reading (NX-OS reports exactly 0 dBm when it has no reading)");
            }
            assertThat(component(health, ComponentKind.TRANSCEIVER, ETH1).health()).isEqualTo(Health.OK);
            assertThat(component(health, ComponentKind.TRANSCEIVER, "xcvr.48860").health()).isEqualTo(Health.OK);
        }

        @Test
        void zeroDbmWithTheLaserOffOnAnAdminDownPortIsANote() {
            Component optic = component(VendorWalk.of(WALK).set(VALUE + ETH1_RX, 0).set(VALUE + ETH1_BIAS, 0)
                .set(IF_ADMIN + "436207616", 2).interpret(), ComponentKind.TRANSCEIVER, ETH1);
            assertThat(optic.health()).isEqualTo(Health.OK);
            assertThat(optic.readings()).doesNotContainKey("rx_power_dbm").containsEntry("bias_current_amperes", 0.0);
            assertThat(optic.notes()).contains("rx_power_dbm has no reading (NX-OS reports exactly 0 dBm when it has no"
                + " reading) on an admin-down port");
        }

        @Test
        void aRealReadingNearZeroIsCheckedAgainstTheThresholds() {
            Component hot = component(VendorWalk.of(WALK).set(VALUE + ETH1_RX, -1500).interpret(),
                ComponentKind.TRANSCEIVER, ETH1);
            assertThat(hot.health()).isEqualTo(Health.DEGRADED);
            assertThat(hot.reason()).isEqualTo("rx_power_dbm -1.5 above high alarm -1.999");

            Component warm = component(VendorWalk.of(WALK).set(VALUE + ETH1_RX, -2500).interpret(),
                ComponentKind.TRANSCEIVER, ETH1);
            assertThat(warm.health()).isEqualTo(Health.WARNING);
            assertThat(warm.reason()).isEqualTo("rx_power_dbm -2.5 above high warning -3.001");

            Component zero = component(VendorWalk.of(WALK).set(VALUE + ETH1_RX, 0).interpret(),
                ComponentKind.TRANSCEIVER, ETH1);
            assertThat(zero.health()).isEqualTo(Health.UNKNOWN);
            assertThat(zero.readings()).doesNotContainKey("rx_power_dbm");
        }

        @Test
        void aFourLaneOpticGivesAModuleAndOneComponentPerLane() {
            // A QSFP in Ethernet1/49 (port entity 5254, ifIndex 436404224), NX-OS naming: one temperature
            // sensor for the module, receive power per lane; lane 3 is dark below its low alarm.
            VendorWalk walk = VendorWalk.of(WALK);
            String ent = "1.3.6.1.2.1.47.1.1.1.1.";
            walk.set(ent + "2.48902", "Transceiver(slot:1-port:49)").set(ent + "4.48902", 5254).set(ent + "5.48902", 9)
                .set(ent + "7.48902", "Transceiver(slot:1-port:49)").set(ent + "13.48902", "QSFP-40G-SR4");
            sensor(walk, 300090007, "Ethernet1/49 Lane 1 Transceiver Temperature Sensor", 8, 8, 31000);
            int[] rx = {-2100, -2300, -40000, -2200};
            for (int lane = 1; lane <= 4; lane++) {
                int idx = 300090013 + 100 * lane;
                sensor(walk, idx, "Ethernet1/49 Lane " + lane + " Transceiver Receive Power Sensor", 14, 8, rx[lane - 1]);
                walk.set("1.3.6.1.4.1.9.9.91.1.2.1.1.2." + idx + ".1", 20).set("1.3.6.1.4.1.9.9.91.1.2.1.1.3." + idx + ".1", 1)
                    .set(THRESHOLD + idx + ".1", -12000);
            }
            DeviceInterpreter.DeviceHealth health = walk.interpret();

            Component module = component(health, ComponentKind.TRANSCEIVER, "xcvr.48902");
            assertThat(module.name()).isEqualTo("Ethernet1/49");
            assertThat(module.readings()).containsOnlyKeys("temperature_celsius");
            assertThat(module.health()).isEqualTo(Health.OK);
            for (int lane = 1; lane <= 4; lane++) {
                Component c = component(health, ComponentKind.TRANSCEIVER, "xcvr.48902." + lane);
                assertThat(c.name()).isEqualTo("Ethernet1/49 lane " + lane);
                assertThat(c.labels()).containsEntry("lane", String.valueOf(lane)).containsEntry("module", "xcvr.48902")
                    .containsEntry("interface", "Ethernet1/49");
                assertThat(c.readings().get("rx_power_dbm")).isEqualTo(rx[lane - 1] / 1000.0);
                assertThat(c.health()).isEqualTo(lane == 3 ? Health.DEGRADED : Health.OK);
            }
            assertThat(component(health, ComponentKind.TRANSCEIVER, "xcvr.48902.3").reason())
                .isEqualTo("rx_power_dbm -40 below low alarm -12");
        }

        private static void sensor(VendorWalk walk, int idx, String name, int type, int scale, int value) {
            String ent = "1.3.6.1.2.1.47.1.1.1.1.";
            walk.set(ent + "2." + idx, name).set(ent + "4." + idx, 48902).set(ent + "5." + idx, 8).set(ent + "7." + idx, name)
                .set("1.3.6.1.4.1.9.9.91.1.1.1.1.1." + idx, type).set("1.3.6.1.4.1.9.9.91.1.1.1.1.2." + idx, scale)
                .set("1.3.6.1.4.1.9.9.91.1.1.1.1.3." + idx, 0).set(VALUE + idx, value);
        }
    }

    /** iosxe_c8500-20x6c: both sensor MIBs, critical-only alarms, no ifAdminStatus, and three dead supplies. */
    @Nested
    class C8500 {
        static final String WALK = "iosxe_c8500-20x6c";
        static final String FRU = "1.3.6.1.4.1.9.9.117.1.1.2.1.2.";

        @Test
        void eachEntitySensorIsReportedOnceAsASensorOrInsideATransceiver() {
            DeviceInterpreter.DeviceHealth health = VendorWalk.of(WALK).interpret();
            assertThat(health.profiles()).contains("cisco_entity_sensor").doesNotContain("entity_sensor");
            List<Component> sensors = health.components().stream().filter(c -> c.kind() == ComponentKind.SENSOR).toList();
            assertThat(sensors).extracting(Component::id).doesNotHaveDuplicates();
            int domReadings = health.components().stream().filter(c -> c.kind() == ComponentKind.TRANSCEIVER)
                .mapToInt(c -> c.readings().size()).sum();
            // 138 rows in entPhySensorTable, the same entities as entSensorValueTable; every DOM value is valid.
            assertThat(sensors.size() + domReadings).isEqualTo(138);
            assertThat(VendorWalk.ids(health, ComponentKind.TRANSCEIVER)).hasSize(7);
        }

        @Test
        void criticalIsTheAlarmWhereThereIsNoMajorAndAMissingAdminStatusStillChecks() {
            // Transceiver 10 (Te0/0/10) Rx: minor low -17.0, critical low -21.0 dBm; the walk has no ifAdminStatus.
            Component warm = component(VendorWalk.of(WALK).set(VALUE + "1219", -180).interpret(),
                ComponentKind.TRANSCEIVER, "xcvr.1212");
            assertThat(warm.health()).isEqualTo(Health.WARNING);
            assertThat(warm.reason()).isEqualTo("rx_power_dbm -18 below low warning -17");
            Component dark = component(VendorWalk.of(WALK).set(VALUE + "1219", -400).interpret(),
                ComponentKind.TRANSCEIVER, "xcvr.1212");
            assertThat(dark.health()).isEqualTo(Health.DEGRADED);
            assertThat(dark.reason()).isEqualTo("rx_power_dbm -40 below low alarm -21");
        }

        @Test
        void chassisTemperatureAlarmsAtMajorNotCritical() {
            // Temp: AMB IN: minor 45, major 55, critical 60 C.
            Component hot = component(VendorWalk.of(WALK).set(VALUE + "7063", 57).interpret(), ComponentKind.SENSOR, "7063");
            assertThat(hot.health()).isEqualTo(Health.DEGRADED);
            assertThat(hot.reason()).isEqualTo("temperature_celsius 57 above high alarm 55");
        }

        @Test
        void powerSuppliesWithoutInputReportFailed() {
            DeviceInterpreter.DeviceHealth health = VendorWalk.of(WALK).interpret();
            for (String id : List.of("psu.3", "psu.23", "psu.43")) {
                Component psu = component(health, ComponentKind.POWER_SUPPLY, id);
                assertThat(psu.health()).isEqualTo(Health.FAILED);
                assertThat(psu.state()).isEqualTo("failed");
            }
            assertThat(component(health, ComponentKind.POWER_SUPPLY, "psu.63").health()).isEqualTo(Health.OK);
            assertThat(component(health, ComponentKind.SENSOR, "4").readings()).containsEntry("voltage_volts", 0.0);
            assertThat(component(health, ComponentKind.SENSOR, "64").readings()).containsEntry("voltage_volts", 232.5);
        }

        @Test
        void eachPowerStateOfASupplyMapsToItsHealth() {
            record Case(int state, Health health, String word) {
            }
            for (Case k : List.of(new Case(2, Health.OK, "on"), new Case(9, Health.DEGRADED, "onButFanFail"),
                    new Case(3, Health.WARNING, "offAdmin"), new Case(5, Health.FAILED, "offEnvPower"),
                    new Case(8, Health.FAILED, "failed"), new Case(42, Health.UNKNOWN, "42"))) {
                Component psu = component(VendorWalk.of(WALK).set(FRU + "63", k.state()).interpret(),
                    ComponentKind.POWER_SUPPLY, "psu.63");
                assertThat(psu.health()).as("state %d", k.state()).isEqualTo(k.health());
                assertThat(psu.state()).isEqualTo(k.word());
            }
            Component restored = component(VendorWalk.of(WALK).set(FRU + "3", 2).interpret(), ComponentKind.POWER_SUPPLY, "psu.3");
            assertThat(restored.health()).isEqualTo(Health.OK);
        }
    }
}
