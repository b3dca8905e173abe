package io.nplus.mibs.profile.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.nplus.mibs.interpret.DeviceInterpreter;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.ComponentKind;
import io.nplus.mibs.vocab.Thresholds;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The unit conversions the Cisco and Arista profiles use, on real rows: each case names the raw value and how
 * the MIB scales it, and the value nplus must report (computed here by hand, independently of the engine).
 */
class TransceiverUnitsTest {
    private static final Map<String, DeviceInterpreter.DeviceHealth> WALKS = new ConcurrentHashMap<>();

    static Stream<Arguments> rows() {
        return Stream.of(
            // dBm(14), scale units, precision 5: -1089909 -> -10.89909 dBm (iosxr_ncs55a2 TenGigE0/0/0/8 Rx).
            Arguments.of("iosxr_ncs55a2", "xcvr.2162689", "rx_power_dbm", "value", -1089909 / 1e5),
            Arguments.of("iosxr_ncs55a2", "xcvr.2162689", "rx_power_dbm", "low_alarm", -1600326 / 1e5),
            // celsius, units, precision 3: 39000 -> 39 C; volts, milli, precision 4: 32882000 -> 3.2882 V.
            Arguments.of("iosxr_ncs55a2", "xcvr.2162689", "temperature_celsius", "value", 39.0),
            Arguments.of("iosxr_ncs55a2", "xcvr.2162689", "supply_voltage_volts", "value", 3.2882),
            // amperes, milli, precision 3: 35696 -> 0.035696 A.
            Arguments.of("iosxr_ncs55a2", "xcvr.2162689", "bias_current_amperes", "value", 0.035696),
            // watts(6), milli, precision 4: 11274 -> 1.1274 mW -> 10 log10(1.1274) dBm (iosxr_asr9001 0/0/2/2 Rx).
            Arguments.of("iosxr_asr9001", "xcvr.31415605", "rx_power_dbm", "value", 10 * Math.log10(1.1274)),
            Arguments.of("iosxr_asr9001", "xcvr.31415605", "rx_power_dbm", "high_alarm", 10 * Math.log10(1.0)),
            Arguments.of("iosxr_asr9001", "xcvr.31415605", "rx_power_dbm", "high_warning", 10 * Math.log10(0.7943)),
            Arguments.of("iosxr_asr9001", "xcvr.31415605", "tx_power_dbm", "value", 10 * Math.log10(0.7594)),
            // celsius, units, precision 1: 308 -> 30.8 C.
            Arguments.of("iosxr_asr9001", "xcvr.31415605", "temperature_celsius", "value", 30.8),
            // dBm, milli, precision 0 (milli-dBm): -13187 -> -13.187 dBm (nxos_n3k-3064pq Ethernet1/1 Rx).
            Arguments.of("nxos_n3k-3064pq", "xcvr.48854", "rx_power_dbm", "value", -13.187),
            Arguments.of("nxos_n3k-3064pq", "xcvr.48854", "rx_power_dbm", "low_alarm", -26.989),
            // amperes, micro, precision 0: 20116 -> 0.020116 A; celsius, milli: 30855 -> 30.855 C.
            Arguments.of("nxos_n3k-3064pq", "xcvr.48854", "bias_current_amperes", "value", 0.020116),
            Arguments.of("nxos_n3k-3064pq", "xcvr.48854", "temperature_celsius", "value", 30.855),
            // dBm, units, precision 1: -65 -> -6.5 dBm, critical low -210 -> -21 (iosxe_c8500-20x6c transceiver 10).
            Arguments.of("iosxe_c8500-20x6c", "xcvr.1212", "rx_power_dbm", "value", -6.5),
            Arguments.of("iosxe_c8500-20x6c", "xcvr.1212", "rx_power_dbm", "low_alarm", -21.0),
            // volts, milli, precision 1: 33265 -> 3.3265 V.
            Arguments.of("iosxe_c8500-20x6c", "xcvr.1212", "supply_voltage_volts", "value", 3.3265),
            // Arista watts, milli, precision 4: 6322 -> 0.6322 mW; thresholds 229 -> 0.0229 mW, 22387 -> 2.2387 mW.
            Arguments.of("arista_eos", "xcvr.100301100", "tx_power_dbm", "value", 10 * Math.log10(0.6322)),
            Arguments.of("arista_eos", "xcvr.100301100", "rx_power_dbm", "low_alarm", 10 * Math.log10(0.0229)),
            Arguments.of("arista_eos", "xcvr.100301100", "rx_power_dbm", "high_alarm", 10 * Math.log10(2.2387)),
            // 1 -> 0.0001 mW is -40 dBm, the dark floor.
            Arguments.of("arista_eos", "xcvr.100301100", "rx_power_dbm", "value", -40.0),
            // Arista amperes, milli, precision 2: 3345 -> 0.03345 A; celsius, units, precision 1: -500 -> -50 C.
            Arguments.of("arista_eos", "xcvr.100301100", "bias_current_amperes", "value", 0.03345),
            Arguments.of("arista_eos", "xcvr.100301100", "temperature_celsius", "low_alarm", -50.0));
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @MethodSource("rows")
    void theReportedValueIsTheRawRowInBaseUnits(String walk, String id, String reading, String what, double expected) {
        DeviceInterpreter.DeviceHealth health = WALKS.computeIfAbsent(walk, w -> VendorWalk.of(w).interpret());
        Component optic = VendorWalk.component(health, ComponentKind.TRANSCEIVER, id);
        Double actual;
        if (what.equals("value")) {
            actual = optic.readings().get(reading);
        } else {
            Thresholds t = optic.thresholds().get(reading);
            assertThat(t).as("thresholds of %s", reading).isNotNull();
            actual = switch (what) {
                case "low_alarm" -> t.lowAlarm();
                case "low_warning" -> t.lowWarning();
                case "high_warning" -> t.highWarning();
                default -> t.highAlarm();
            };
        }
        assertThat(actual).as("%s %s of %s", reading, what, id).isNotNull();
        assertThat(actual).isCloseTo(expected, within(1e-6));
    }
}
