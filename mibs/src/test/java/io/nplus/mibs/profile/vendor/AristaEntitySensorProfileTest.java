package io.nplus.mibs.profile.vendor;

import static io.nplus.mibs.profile.vendor.VendorWalk.component;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.nplus.mibs.interpret.DeviceInterpreter;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.ComponentKind;
import io.nplus.mibs.vocab.Health;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * arista_entity_sensor on the arista_eos walk (ENTITY-SENSOR-MIB, power in watts at scale milli, precision 4,
 * with ARISTA-ENTITY-SENSOR-MIB thresholds), with an incident's values changed.
 */
class AristaEntitySensorProfileTest {
    static final String WALK = "arista_eos";
    static final String VALUE = "1.3.6.1.2.1.99.1.1.1.4.";
    static final String IF_ADMIN = "1.3.6.1.2.1.2.2.1.7.";
    static final String ETH1 = "xcvr.100301100";
    static final String ETH1_RX = "100301213";          // low critical 0.0229 mW, low warning 0.0363 mW

    @Test
    void theRecordedDarkReceiversOnAdminUpPortsAreLossOfLight() {
        DeviceInterpreter.DeviceHealth health = VendorWalk.of(WALK).interpret();
        for (String port : List.of("01", "47", "48")) {
            Component optic = component(health, ComponentKind.TRANSCEIVER, "xcvr.1003" + port + "100");
            assertThat(optic.name()).isEqualTo("Ethernet" + Integer.parseInt(port));
            assertThat(optic.health()).isEqualTo(Health.DEGRADED);
            assertThat(optic.readings()).containsEntry("rx_power_dbm", -40.0);
            assertThat(optic.reason()).isEqualTo("rx_power_dbm -40 below low alarm -16.4016");
        }
    }

    @Test
    void anRxBackInRangeIsOk() {
        Component optic = component(VendorWalk.of(WALK).set(VALUE + ETH1_RX, 5000).interpret(),
            ComponentKind.TRANSCEIVER, ETH1);
        assertThat(optic.health()).isEqualTo(Health.OK);
        assertThat(optic.reason()).isEmpty();
        assertThat(optic.readings().get("rx_power_dbm")).isCloseTo(-3.0103, within(1e-4));
    }

    @Test
    void anRxBetweenItsLowWarningAndLowCriticalIsAWarning() {
        Component optic = component(VendorWalk.of(WALK).set(VALUE + ETH1_RX, 300).interpret(),
            ComponentKind.TRANSCEIVER, ETH1);
        assertThat(optic.health()).isEqualTo(Health.WARNING);
        assertThat(optic.reason()).isEqualTo("rx_power_dbm -15.2288 below low warning -14.4009");
    }

    @Test
    void aDarkReceiverOnAnAdminDownPortIsANote() {
        Component optic = component(VendorWalk.of(WALK).set(IF_ADMIN + "47", 2).interpret(),
            ComponentKind.TRANSCEIVER, "xcvr.100347100");
        assertThat(optic.health()).isEqualTo(Health.OK);
        assertThat(optic.state()).isEqualTo("admin down");
        assertThat(optic.readings()).doesNotContainKey("rx_power_dbm").containsKey("tx_power_dbm");
        assertThat(optic.notes()).contains("rx_power_dbm reads dark (-40 dBm) on an admin-down port",
            "tx_power_dbm thresholds not checked: admin_up does not hold");
    }

    @Test
    void theMinusOneBillionSentinelIsNoReadingNeverAnAlarm() {
        DeviceInterpreter.DeviceHealth health = VendorWalk.of(WALK).interpret();
        // Ethernet2..8 are admin up: the optic cannot be seen, which is worth a look but not an alarm.
        for (int port = 2; port <= 8; port++) {
            Component optic = component(health, ComponentKind.TRANSCEIVER, String.format("xcvr.1003%02d100", port));
            assertThat(optic.health()).as("Ethernet%d", port).isEqualTo(Health.UNKNOWN);
            assertThat(optic.reason()).isEqualTo("rx_power_dbm has no reading (the device reports -1000000000)");
            assertThat(optic.readings()).doesNotContainKey("rx_power_dbm").containsKey("tx_power_dbm");
        }
        // Ethernet9..30 are admin down: only a note.
        for (int port = 9; port <= 30; port++) {
            Component optic = component(health, ComponentKind.TRANSCEIVER, String.format("xcvr.1003%02d100", port));
            assertThat(optic.health()).as("Ethernet%d", port).isEqualTo(Health.OK);
            assertThat(optic.notes()).contains("rx_power_dbm has no reading (the device reports -1000000000) on an"
                + " admin-down port");
        }
    }

    @Test
    void anOpticWithoutThresholdRowsReportsItsReadingsAndNothingElse() {
        Component optic = component(VendorWalk.of(WALK).interpret(), ComponentKind.TRANSCEIVER, "xcvr.100343100");
        assertThat(optic.name()).isEqualTo("Ethernet43");
        assertThat(optic.health()).isEqualTo(Health.OK);
        assertThat(optic.thresholds()).isEmpty();
        assertThat(optic.readings()).containsOnlyKeys("temperature_celsius", "supply_voltage_volts",
            "bias_current_amperes", "tx_power_dbm", "rx_power_dbm");
    }

    @Test
    void theChassisSensorsStaySensorsWithEosThresholds() {
        DeviceInterpreter.DeviceHealth health = VendorWalk.of(WALK).interpret();
        assertThat(health.profiles()).contains("arista_entity_sensor").doesNotContain("entity_sensor");
        Component cpu = component(health, ComponentKind.SENSOR, "100006001");
        assertThat(cpu.name()).isEqualTo("Cpu temp sensor");
        assertThat(cpu.thresholds().get("temperature_celsius").highAlarm()).isEqualTo(95.0);
        Component hot = component(VendorWalk.of(WALK).set(VALUE + "100006001", 960).interpret(),
            ComponentKind.SENSOR, "100006001");
        assertThat(hot.health()).isEqualTo(Health.DEGRADED);
        assertThat(hot.reason()).isEqualTo("temperature_celsius 96 above high alarm 95");
        // Every one of the 226 ENTITY-SENSOR-MIB rows is a sensor or one of the five DOM sensors of an optic.
        List<String> sensors = VendorWalk.ids(health, ComponentKind.SENSOR);
        assertThat(sensors).doesNotHaveDuplicates().hasSize(51);
        assertThat(VendorWalk.ids(health, ComponentKind.TRANSCEIVER)).hasSize(35);
        assertThat(sensors.size() + 5 * 35).isEqualTo(226);
    }

    @Test
    void onAnotherVendorTheGenericProfileReportsTheSameTable() {
        DeviceInterpreter.DeviceHealth health = VendorWalk.of(WALK).setOid("1.3.6.1.2.1.1.2.0", "1.3.6.1.4.1.8072.3.2.10")
            .interpret();
        assertThat(health.profiles()).contains("entity_sensor").doesNotContain("arista_entity_sensor");
        assertThat(VendorWalk.ids(health, ComponentKind.TRANSCEIVER)).isEmpty();
    }

    @Test
    void aFourLaneOpticGivesAModuleAndOneComponentPerLane() {
        // A QSFP in port 49 as EOS numbers it: Xcvr 100349100, lanes "Lane n for Xcvr for Ethernet49" (1003492n0)
        // with their RX power sensors (1003492n3); module-wide temperature 100349201. Lane 2 is dark.
        VendorWalk walk = VendorWalk.of(WALK);
        String ent = "1.3.6.1.2.1.47.1.1.1.1.";
        walk.set(ent + "2.100349100", "Xcvr for Ethernet49").set(ent + "4.100349100", 100349000)
            .set(ent + "13.100349100", "QSFP-40G-SR4");
        sensor(walk, 100349201, "DOM Temperature Sensor for Ethernet49", 100349100, 8, 9, 1, 312);
        int[] rx = {5000, 1, 4500, 4800};
        for (int lane = 1; lane <= 4; lane++) {
            int laneEnt = 100349200 + 10 * lane;
            walk.set(ent + "2." + laneEnt, "Lane " + lane + " for Xcvr for Ethernet49").set(ent + "4." + laneEnt, 100349100);
            int idx = laneEnt + 3;
            sensor(walk, idx, "DOM RX Power Sensor for Ethernet49/" + lane, laneEnt, 6, 8, 4, rx[lane - 1]);
            walk.set("1.3.6.1.4.1.30065.3.12.1.1.1.2." + idx, 229);
        }
        walk.set(IF_ADMIN + "49", 1);
        DeviceInterpreter.DeviceHealth health = walk.interpret();

        Component module = component(health, ComponentKind.TRANSCEIVER, "xcvr.100349100");
        assertThat(module.name()).isEqualTo("Ethernet49");
        assertThat(module.readings()).containsOnlyKeys("temperature_celsius");
        assertThat(module.labels()).containsEntry("model", "QSFP-40G-SR4");
        for (int lane = 1; lane <= 4; lane++) {
            Component c = component(health, ComponentKind.TRANSCEIVER, "xcvr.100349100." + lane);
            assertThat(c.name()).isEqualTo("Ethernet49 lane " + lane);
            assertThat(c.labels()).containsEntry("lane", String.valueOf(lane)).containsEntry("module", "xcvr.100349100");
            assertThat(c.health()).as("lane %d", lane).isEqualTo(lane == 2 ? Health.DEGRADED : Health.OK);
        }
        assertThat(component(health, ComponentKind.TRANSCEIVER, "xcvr.100349100.2").reason())
            .isEqualTo("rx_power_dbm -40 below low alarm -16.4016");
    }

    private static void sensor(VendorWalk walk, int idx, String descr, int parent, int type, int scale, int precision,
                               int value) {
        String ent = "1.3.6.1.2.1.47.1.1.1.1.";
        walk.set(ent + "2." + idx, descr).set(ent + "4." + idx, parent)
            .set("1.3.6.1.2.1.99.1.1.1.1." + idx, type).set("1.3.6.1.2.1.99.1.1.1.2." + idx, scale)
            .set("1.3.6.1.2.1.99.1.1.1.3." + idx, precision).set(VALUE + idx, value)
            .set("1.3.6.1.2.1.99.1.1.1.5." + idx, 1);
    }
}
