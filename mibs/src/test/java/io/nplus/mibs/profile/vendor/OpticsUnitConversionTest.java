package io.nplus.mibs.profile.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every unit conversion the Juniper, Huawei, FS.com and Dell FTOS optics profiles make, one row each: a recording
 * (or a synthetic walk) with the raw value set, and the reading it must become in base units.
 */
class OpticsUnitConversionTest {
    private static final String JNX = "1.3.6.1.4.1.2636.3.60.1.1.1.1.";
    private static final String JNX_LANE = "1.3.6.1.4.1.2636.3.60.1.2.1.1.";
    private static final String HW = "1.3.6.1.4.1.2011.5.25.31.1.1.3.1.";
    private static final String FS = "1.3.6.1.4.1.52642.1.1.10.2.105.1.1.1.";
    private static final String DELL = "1.3.6.1.4.1.6027.3.11.1.3.1.1.";

    private static Arguments row(String conversion, Supplier<OpticsScenario> scenario, String id, String reading,
                                 double expected) {
        return Arguments.of(conversion, scenario, id, reading, expected);
    }

    private static OpticsScenario mx5() {
        return OpticsScenario.walk("junos_mx5t-isis");
    }

    /** FS port 1 with the combined 0.01 dBm column invalid, so the parts are read. */
    private static OpticsScenario fsParts(int integer, int decimal, Integer sign) {
        OpticsScenario s = OpticsScenario.walk("fs-switch-dc_fs-switch-dc").integer(FS + "76.1", -10000)
            .integer(FS + "31.1", integer).integer(FS + "32.1", decimal);
        return sign == null ? s.remove(FS + "66.1") : s.integer(FS + "66.1", sign);
    }

    static Stream<Arguments> conversions() {
        return Stream.of(
            row("0.01 dBm (Juniper module)", () -> mx5().integer(JNX + "5.526", -483), "xcvr.526", "rx_power_dbm", -4.83),
            row("0.01 dBm (Juniper lane)", () -> OpticsScenario.walk("junos_qfx5130-32cd-evo")
                .integer(JNX_LANE + "6.507.1", -1234), "xcvr.507.1", "rx_power_dbm", -12.34),
            row("0.01 dBm (Huawei threshold)", () -> OpticsScenario.walk("yunshan")
                .integer(HW + "13.16850434", -1130), "xcvr.16850434.1", "rx_power_dbm", -1.25),
            row("0.01 dBm (FS combined column)", () -> OpticsScenario.walk("fs-switch-dc_fs-switch-dc")
                .integer(FS + "76.1", -188), "xcvr.1", "rx_power_dbm", -1.88),
            row("uW -> dBm (old VRP, 501 uW)", () -> OpticsScenario.of(
                HuaweiProfileTest.syntheticVrp(HuaweiProfileTest.OLD_VRP, 501)), "xcvr.100", "rx_power_dbm", -3.0),
            row("uW -> dBm (old VRP, 1000 uW)", () -> OpticsScenario.of(
                HuaweiProfileTest.syntheticVrp(HuaweiProfileTest.OLD_VRP, 1000)), "xcvr.100", "rx_power_dbm", 0.0),
            row("uW -> dBm (old VRP, 0 uW is the floor)", () -> OpticsScenario.of(
                HuaweiProfileTest.syntheticVrp(HuaweiProfileTest.OLD_VRP, 0)), "xcvr.100", "tx_power_dbm", -40.0),
            row("0.001 mA -> A (Juniper)", () -> mx5().integer(JNX + "6.526", 5376), "xcvr.526",
                "bias_current_amperes", 0.005376),
            row("0.001 mA -> A (Juniper lane)", () -> OpticsScenario.walk("junos_qfx5130-32cd-evo")
                .integer(JNX_LANE + "7.507.2", 31250), "xcvr.507.2", "bias_current_amperes", 0.03125),
            row("uA -> A (Huawei module)", () -> OpticsScenario.of(
                HuaweiProfileTest.syntheticVrp(HuaweiProfileTest.OLD_VRP, 501)), "xcvr.100", "bias_current_amperes", 0.006),
            row("mA text -> A (Huawei lane string)", () -> OpticsScenario.walk("yunshan")
                .text(HW + "31.16850434", "7.30,6.25,7.30,7.30"), "xcvr.16850434.2", "bias_current_amperes", 0.00625),
            row("uA -> A (FS)", () -> OpticsScenario.walk("fs-switch-dc_fs-switch-dc").integer(FS + "21.1", 7434),
                "xcvr.1", "bias_current_amperes", 0.007434),
            row("0.001 V -> V (Juniper)", () -> mx5().integer(JNX + "25.526", 3287), "xcvr.526",
                "supply_voltage_volts", 3.287),
            row("mV -> V (Huawei)", () -> OpticsScenario.walk("yunshan").integer(HW + "6.16850434", 3290),
                "xcvr.16850434", "supply_voltage_volts", 3.29),
            row("mV -> V (FS)", () -> OpticsScenario.walk("fs-switch-dc_fs-switch-dc").integer(FS + "19.1", 3327),
                "xcvr.1", "supply_voltage_volts", 3.327),
            row("integer + decimal parts (-1, 88, sign -1)", () -> fsParts(-1, 88, -1), "xcvr.1", "rx_power_dbm", -1.88),
            row("integer + decimal parts (0, 50, sign -1)", () -> fsParts(0, 50, -1), "xcvr.1", "rx_power_dbm", -0.5),
            row("integer + decimal parts (2, 5, sign 1)", () -> fsParts(2, 5, 1), "xcvr.1", "rx_power_dbm", 2.05),
            row("integer + decimal parts (-40, 0, sign -1)", () -> fsParts(-40, 0, -1), "xcvr.1", "rx_power_dbm", -40.0),
            row("integer + decimal parts (-3, 25, no sign column)", () -> fsParts(-3, 25, null), "xcvr.1",
                "rx_power_dbm", -3.25),
            row("DisplayString dBm (FTOS)", () -> OpticsScenario.walk("dnos_z9100-on")
                .text(DELL + "8.2097156", "-1.234567"), "xcvr.2097156", "tx_power_dbm", -1.234567),
            row("DisplayString mA -> A (FTOS)", () -> OpticsScenario.walk("dnos_z9100-on")
                .text(DELL + "18.2097156", "6.676000"), "xcvr.2097156", "bias_current_amperes", 0.006676));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conversions")
    void rawValuesBecomeBaseUnits(String conversion, Supplier<OpticsScenario> scenario, String id, String reading,
                                  double expected) {
        assertThat(scenario.get().reading(id, reading)).as(conversion).isCloseTo(expected, within(1e-9));
    }
}
