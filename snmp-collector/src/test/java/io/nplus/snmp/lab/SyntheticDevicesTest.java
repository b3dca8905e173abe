package io.nplus.snmp.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nplus.mibs.data.MibSnapshot;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snmp4j.smi.OID;

/** The benchmark's switches look alive: counters only grow, at plausible rates, and uptime moves with them. */
class SyntheticDevicesTest {
    static final OID IN_OCTETS = new OID("1.3.6.1.2.1.31.1.1.1.6");

    static long counter(MibSnapshot s, OID column, int port) {
        return s.get(column, new int[] {port}).toLong();
    }

    @Test
    void countersGrowAtPlausibleRatesAndNeverGoBack() {
        MibSnapshot before = SyntheticDevices.switchWithPorts(52, 0);
        for (long t = 60; t <= 3600; t += 60) {
            MibSnapshot after = SyntheticDevices.switchWithPorts(52, t);
            for (int p = 1; p <= 52; p++) {
                long delta = counter(after, IN_OCTETS, p) - counter(before, IN_OCTETS, p);
                // 1 MB/s per port number, +-30 %: well within a 25G port, never negative.
                assertThat(delta).as("port %d at %ds", p, t).isBetween((long) (0.6e6 * p * 60), (long) (1.4e6 * p * 60));
            }
            assertThat(after.get(new OID("1.3.6.1.2.1.1.3.0")).toLong()).isEqualTo(123_456_789L + t * 100);
            before = after;
        }
    }

    @Test
    void receivePowerStepsNowAndThenAndAFleetMovesTogether() {
        OID rx = new OID("1.3.6.1.2.1.99.1.1.1.4");
        int idx = 1000 * 3 + 5;
        assertThat(SyntheticDevices.switchWithPorts(52, 0).get(rx, new int[] {idx}))
            .isNotEqualTo(SyntheticDevices.switchWithPorts(52, 240).get(rx, new int[] {idx}));
        assertThat(SyntheticDevices.switchWithPorts(52, 0).get(rx, new int[] {idx}))
            .isEqualTo(SyntheticDevices.switchWithPorts(52, 100).get(rx, new int[] {idx}));

        Map<String, LabDevice> fleet = SyntheticDevices.fleet(10, SyntheticDevices.switchWithPorts(4), 8);
        SyntheticDevices.advance(fleet, 8, 600);
        assertThat(fleet.get("sw-00001").data().get(new OID("1.3.6.1.2.1.1.3.0")).toLong()).isEqualTo(123_456_789L + 60_000);
        assertThat(fleet.get("sw-00001").data()).isSameAs(fleet.get("sw-00009").data());
        assertThat(fleet.get("raid-00005").data().size()).isEqualTo(SyntheticDevices.switchWithPorts(4).size());
        assertThat(SyntheticDevices.switchWithPorts(52).size()).isEqualTo(SyntheticDevices.switch48().size());
        assertThatThrownBy(() -> SyntheticDevices.switchWithPorts(0)).hasMessageContaining("ports must be 1..4096");
    }
}
