package io.nplus.mibs.profile.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.Health;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * dell_networking_if_extension on the Z9100-ON recording and on it changed. LibreNMS shows the same values, -40 dBm
 * for the admin-down breakouts included, with no limits; nplus drops those dark readings with a note instead.
 */
class DellFtosProfileTest {
    private static final String Z9100 = "dnos_z9100-on";
    private static final String T = "1.3.6.1.4.1.6027.3.11.1.3.1.1.";
    private static final String TE_1_1_1 = "2097156";

    @ParameterizedTest(name = "Rx lane 1 ''{0}'' -> {1}")
    @CsvSource(delimiter = '|', value = {
        "-2.740884      | -2.740884",
        "1.500000       | 1.5",
        "+0.25          | 0.25",
        "' -3.250000 '  | -3.25",
        "-40.000000     | -40",
        "''             | none",
        "N/A            | none",
    })
    void displayStringFloatsAreParsed(String text, String expected) {
        Component c = OpticsScenario.walk(Z9100).text(T + "12." + TE_1_1_1, text).transceiver("xcvr." + TE_1_1_1);
        if (expected.equals("none")) {
            assertThat(c.readings()).doesNotContainKey("rx_power_dbm");
        } else {
            assertThat(c.readings()).containsEntry("rx_power_dbm", Double.parseDouble(expected));
        }
        // No thresholds in this MIB: nothing raises an alarm, however dark.
        assertThat(c.health()).isEqualTo(Health.OK);
    }

    @Test
    void otherColumnsAreParsedInTheirUnits() {
        Component c = OpticsScenario.walk(Z9100).transceiver("xcvr." + TE_1_1_1);
        assertThat(c.name()).isEqualTo("TenGigabitEthernet 1/1/1");
        assertThat(c.readings()).containsEntry("temperature_celsius", 35.484375)
            .containsEntry("supply_voltage_volts", 3.2834).containsEntry("tx_power_dbm", 1.091058);
        assertThat(c.readings().get("bias_current_amperes")).isCloseTo(0.006676, within(1e-12)); // "6.676000" mA
        assertThat(c.labels()).containsEntry("type", "100GBASE-SR4").containsEntry("serial", "S1810378483");
    }

    @Test
    void darkBreakoutsOnAdminDownPortsAreNotesNotReadings() {
        OpticsScenario s = OpticsScenario.walk(Z9100);
        for (String port : new String[] {"2098564", "2098692", "2098820", "2098948", "2099076", "2099204", "2099332",
                                         "2099460", "2099588"}) {
            Component c = s.transceiver("xcvr." + port);
            assertThat(c.health()).isEqualTo(Health.OK);
            assertThat(c.state()).isEqualTo("admin down");
            assertThat(c.readings()).doesNotContainKeys("rx_power_dbm", "tx_power_dbm")
                .containsEntry("bias_current_amperes", 0.0);
            assertThat(c.notes()).containsExactly("rx_power_dbm reads dark (-40 dBm) on an admin-down port",
                "tx_power_dbm reads dark (-40 dBm) on an admin-down port");
        }
    }

    @Test
    void theSameDarkReadingOnAnAdminUpPortIsKeptWithANote() {
        Component c = OpticsScenario.walk(Z9100).integer("1.3.6.1.2.1.2.2.1.7.2098692", 1).transceiver("xcvr.2098692");
        assertThat(c.health()).isEqualTo(Health.OK);
        assertThat(c.readings()).containsEntry("rx_power_dbm", -40.0);
        assertThat(c.notes()).containsExactly(
            "rx_power_dbm reads dark (-40 dBm) on a port that is not admin down; the MIB has no thresholds to judge it");
    }

    @Test
    void aPortUsingAllFourLanesHasAModuleAndFourLanes() {
        OpticsScenario s = OpticsScenario.walk(Z9100);
        Component module = s.transceiver("xcvr.2113038");
        assertThat(module.name()).isEqualTo("hundredGigE 1/32");
        assertThat(module.readings()).containsOnlyKeys("temperature_celsius", "supply_voltage_volts");
        assertThat(s.reading("xcvr.2113038.3", "rx_power_dbm")).isEqualTo(1.302694);
        assertThat(s.transceiver("xcvr.2113038.4").labels()).containsEntry("lane", "4")
            .containsEntry("module", "xcvr.2113038");
        assertThat(s.transceivers()).hasSize(21 + 4);
    }
}
