package io.nplus.mibs.profile.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.nplus.mibs.data.MibSnapshot;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.Health;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.Variable;

/**
 * huawei_optical on the YunShan recording, on it changed, and on small synthetic VRP walks for the microwatt
 * generation (no such recording exists). LibreNMS on yunshan skips the admin-down ports' power (no alarm either)
 * and makes no lane sensors; nplus agrees on health and adds the lanes.
 */
class HuaweiProfileTest {
    private static final String YUNSHAN = "yunshan";
    private static final String OPT = "1.3.6.1.4.1.2011.5.25.31.1.1.3.1.";
    private static final String IF_ADMIN = "1.3.6.1.2.1.2.2.1.7.";
    static final String OLD_VRP = "Huawei Versatile Routing Platform Software\r\nVRP (R) software, Version 5.170 "
        + "(S5700 V200R010C00SPC600)\r\nCopyright (C) 2000-2016 HUAWEI TECH CO., LTD";
    static final String YUNSHAN_DESCR = "Huawei YunShan OS\nVersion 1.24.0.1 (S6700 V600R024C00SPC100)";

    @Test
    void yunshanAdminDownPortsWithDarkTxAreNotesNotAlarms() {
        OpticsScenario s = OpticsScenario.walk(YUNSHAN);
        Component module = s.transceiver("xcvr.16850444");
        assertThat(module.name()).isEqualTo("100GE1/0/11");
        assertThat(module.health()).isEqualTo(Health.OK);
        assertThat(module.state()).isEqualTo("admin down");
        for (int lane = 1; lane <= 4; lane++) {
            Component c = s.transceiver("xcvr.16850444." + lane);
            assertThat(c.health()).isEqualTo(Health.OK);
            assertThat(c.state()).isEqualTo("admin down");
            assertThat(c.readings()).containsKey("rx_power_dbm").doesNotContainKey("tx_power_dbm");
            assertThat(c.notes()).contains("tx_power_dbm reads dark (-40 dBm) on an admin-down port");
        }
        assertThat(s.transceivers()).allMatch(c -> c.health() == Health.OK);
        // 13 optics, all 4-lane; the empty cages (100GE1/0/9 and the like) are no transceivers.
        assertThat(s.transceivers()).hasSize(13 * 5);
        assertThat(s.hasTransceiver("xcvr.16850442")).isFalse();
    }

    @Test
    void theSameDarkTxOnAnAdminUpPortIsDegraded() {
        OpticsScenario s = OpticsScenario.walk(YUNSHAN).integer(IF_ADMIN + "12", 1);
        for (int lane = 1; lane <= 4; lane++) {
            Component c = s.transceiver("xcvr.16850444." + lane);
            assertThat(c.health()).isEqualTo(Health.DEGRADED);
            // The laser is off: no Tx light and no bias current, both below their alarms.
            assertThat(c.reason()).isEqualTo("tx_power_dbm -40 below low alarm -11.4; bias_current_amperes 0 below low alarm 0.0005");
        }
        assertThat(s.transceiver("xcvr.16850445.1").health()).isEqualTo(Health.OK); // 100GE1/0/12 is still down
    }

    @Test
    void oneLaneTxLowOnAnAdminUpPortIsDegraded() {
        OpticsScenario s = OpticsScenario.walk(YUNSHAN).text(OPT + "33.16850434", "-1.33,-12.00,-1.41,-1.36");
        Component lane2 = s.transceiver("xcvr.16850434.2");
        assertThat(lane2.name()).isEqualTo("100GE1/0/1 lane 2");
        assertThat(lane2.health()).isEqualTo(Health.DEGRADED);
        assertThat(lane2.reason()).isEqualTo("tx_power_dbm -12 below low alarm -9.4");
        assertThat(s.transceiver("xcvr.16850434.1").health()).isEqualTo(Health.OK);
        assertThat(s.transceiver("xcvr.16850434").health()).isEqualTo(Health.OK);
    }

    @ParameterizedTest(name = "lane string ''{1}'' with module Rx {0} -> {2}")
    @CsvSource(delimiter = '|', value = {
        // YunShan: dBm with decimals, agreeing with the module's 0.01 dBm value.
        "-135 | -1.25,-1.39,-2.47,-1.34     | -1.25 -1.39 -2.47 -1.34",
        // The MIB's own form: 0.01 dBm, no decimal point.
        "-135 | -125,-139,-247,-134         | -1.25 -1.39 -2.47 -1.34",
        // Some VRP releases: 0.01 dBm printed with decimals (Observium OBS-4148), told apart by the module value.
        "133  | 133.83,98.54,179.26,80.16   | 1.3383 0.9854 1.7926 0.8016",
        // No module value to compare (sentinel): decimals mean dBm.
        "-1   | -2.10,-2.33,-2.50,-2.70     | -2.1 -2.33 -2.5 -2.7",
    })
    void laneStringsInBothFormsBecomeDbm(int moduleRx, String lanes, String expected) {
        OpticsScenario s = OpticsScenario.walk(YUNSHAN).integer(OPT + "8.16850434", moduleRx)
            .text(OPT + "32.16850434", lanes);
        double[] want = Arrays.stream(expected.split(" ")).mapToDouble(Double::parseDouble).toArray();
        for (int lane = 1; lane <= 4; lane++) {
            assertThat(s.reading("xcvr.16850434." + lane, "rx_power_dbm")).isCloseTo(want[lane - 1], within(1e-9));
        }
    }

    /**
     * The two unit generations of hwEntityOpticalRxPower, table-driven: the device decides (sysDescr YunShan, or any
     * negative power other than -1), and thresholds are 0.01 dBm either way.
     */
    @ParameterizedTest(name = "{0}: {2} read as {1} -> {3}")
    @CsvSource(delimiter = '|', value = {
        "old VRP  | uW       | 1000 501 50 1 0   | 0 -3 -13.01 -30 -40",
        "old VRP  | uW       | 150 340           | -8.24 -4.69",
        "old VRP  | 0.01 dBm | -135 459 -4000    | -1.35 4.59 -40",
        "YunShan  | 0.01 dBm | 150 340           | 1.5 3.4",
        "old VRP  | uW       | -1 2147483647 -1  | none none none",
    })
    void powerInMicrowattsOnOldVrpAndHundredthsOfDbmOnNewer(String os, String unit, String raw, String expected) {
        int[] values = Arrays.stream(raw.trim().split("\\s+")).mapToInt(Integer::parseInt).toArray();
        String[] want = expected.trim().split("\\s+");
        OpticsScenario s = OpticsScenario.of(syntheticVrp(os.equals("YunShan") ? YUNSHAN_DESCR : OLD_VRP, values));
        for (int k = 0; k < values.length; k++) {
            Component c = s.transceiver("xcvr." + (100 + k));
            assertThat(c.name()).isEqualTo("GigabitEthernet0/0/" + (k + 1));
            if (want[k].equals("none")) {
                assertThat(c.readings()).doesNotContainKeys("rx_power_dbm", "tx_power_dbm");
            } else {
                assertThat(c.readings().get("rx_power_dbm")).isCloseTo(Double.parseDouble(want[k]), within(1e-9));
            }
            assertThat(c.labels()).containsEntry("power_unit", unit);
        }
        Component first = s.transceiver("xcvr.100");
        assertThat(first.readings()).containsEntry("supply_voltage_volts", 3.3).containsEntry("bias_current_amperes", 0.006);
        if (!want[0].equals("none")) {
            assertThat(first.thresholds().get("rx_power_dbm").lowAlarm()).isEqualTo(-17.0);
            assertThat(first.thresholds().get("rx_power_dbm").highAlarm()).isEqualTo(0.5);
        }
    }

    /**
     * A VRP switch with one SFP per value (single lane, no lane strings), ports GigabitEthernet0/0/1.., entity
     * 100.. mapped to ifIndex 1.. with entAliasMappingIdentifier; Rx and Tx both the given raw value.
     */
    static MibSnapshot syntheticVrp(String sysDescr, int... power) {
        Map<OID, Variable> m = new TreeMap<>();
        m.put(new OID("1.3.6.1.2.1.1.1.0"), new OctetString(sysDescr));
        m.put(new OID("1.3.6.1.2.1.1.2.0"), new OID("1.3.6.1.4.1.2011.2.23.100"));
        for (int k = 0; k < power.length; k++) {
            int ent = 100 + k;
            int ifIndex = k + 1;
            String port = "GigabitEthernet0/0/" + ifIndex;
            m.put(new OID("1.3.6.1.2.1.2.2.1.2." + ifIndex), new OctetString(port));
            m.put(new OID("1.3.6.1.2.1.2.2.1.7." + ifIndex), new Integer32(1));
            m.put(new OID("1.3.6.1.2.1.2.2.1.8." + ifIndex), new Integer32(1));
            m.put(new OID("1.3.6.1.2.1.31.1.1.1.1." + ifIndex), new OctetString(port));
            m.put(new OID("1.3.6.1.2.1.47.1.1.1.1.7." + ent), new OctetString(port));
            m.put(new OID("1.3.6.1.2.1.47.1.3.2.1.2." + ent + ".0"), new OID("1.3.6.1.2.1.2.2.1.1." + ifIndex));
            m.put(new OID(OPT + "4." + ent), new OctetString("SN" + ent));
            m.put(new OID(OPT + "5." + ent), new Integer32(30));
            m.put(new OID(OPT + "6." + ent), new Integer32(3300));
            m.put(new OID(OPT + "7." + ent), new Integer32(6000));
            m.put(new OID(OPT + "8." + ent), new Integer32(power[k]));
            m.put(new OID(OPT + "9." + ent), new Integer32(power[k]));
            m.put(new OID(OPT + "13." + ent), new Integer32(-1700));
            m.put(new OID(OPT + "14." + ent), new Integer32(50));
            m.put(new OID(OPT + "15." + ent), new Integer32(-1000));
            m.put(new OID(OPT + "16." + ent), new Integer32(50));
        }
        return MibSnapshot.of(m);
    }
}
