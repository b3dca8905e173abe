package io.nplus.mibs.interpret;

import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.mibs.vocab.Health;
import io.nplus.mibs.vocab.Thresholds;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Device thresholds decide when an optic or a sensor pages (incident 3: both 40G optics failing together). */
class ThresholdCheckTest {

    /** What real walks give as device thresholds, and what is left after the sanity check. An empty cell is absent. */
    @Nested
    class Sanitize {
        @ParameterizedTest(name = "{0} [{1}, {2}, {3}, {4}]")
        @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # reading       | low alarm | low warn | high warn | high alarm || kept: la | lw  | hw  | ha   | note
            # ordered thresholds are kept as they are
            temp_celsius    | -10       | 0        | 70        | 80         || -10      | 0   | 70  | 80   |
            temp_celsius    |           |          | 70        | 80         ||          |     | 70  | 80   |
            rx_power_dbm    |           |          |           | 2          ||          |     |     | 2    |
            temp_celsius    | -10       | -10      | 70        | 80         || -10      | -10 | 70  | 80   |
            temp_celsius    | -10       | 0        | 80        | 80         || -10      | 0   | 80  | 80   |
            fan_speed_rpm   | 0         | 500      | 100000    | 1000000    || 0        | 500 | 100000 | 1000000 |
            # all equal (a Nexus port without DOM reports four zeros): no thresholds
            rx_power_dbm    | 0         | 0        | 0         | 0          ||          |     |     |      | rx_power_dbm thresholds ignored: all equal (0)
            temp_celsius    | 5         |          |           | 5          ||          |     |     |      | temp_celsius thresholds ignored: all equal (5)
            # low not below high: no thresholds
            temp_celsius    | 50        | 60       | 40        | 45         ||          |     |     |      | temp_celsius thresholds ignored: low 60 is not below high 40
            temp_celsius    | 0         | 10       | 10        | 20         ||          |     |     |      | temp_celsius thresholds ignored: low 10 is not below high 10
            # an inverted pair is dropped, the other pair kept
            temp_celsius    | -5        | -10      | 70        | 80         ||          |     | 70  | 80   | temp_celsius low thresholds ignored: alarm -5 above warning -10 (inverted)
            temp_celsius    | -10       | 0        | 90        | 80         || -10      | 0   |     |      | temp_celsius high thresholds ignored: warning 90 above alarm 80 (inverted)
            # implausible values for the unit (Cisco's -32768 "unset") are dropped one by one
            rx_power_dbm    | -32768    | -20      | 2         | 5          ||          | -20 | 2   | 5    | rx_power_dbm low alarm threshold -32768 ignored: outside -60..40
            rx_power_dbm    | -40       | -20      | 2         | 32768      || -40      | -20 | 2   |      | rx_power_dbm high alarm threshold 32768 ignored: outside -60..40
            temp_celsius    |           |          | 90        | 2000       ||          |     | 90  |      | temp_celsius high alarm threshold 2000 ignored: outside -80..250
            temp_celsius    | -273      |          | 90        |            ||          |     | 90  |      | temp_celsius low alarm threshold -273 ignored: outside -80..250
            used_ratio      |           |          | 0.9       | 95         ||          |     | 0.9 |      | used_ratio high alarm threshold 95 ignored: outside 0..1
            current_amperes | -1        |          | 10        | 12         ||          |     | 10  | 12   | current_amperes low alarm threshold -1 ignored: outside 0..1000
            supply_volts    | -2000     | 10       | 14        | 15         ||          | 10  | 14  | 15   | supply_volts low alarm threshold -2000 ignored: outside -1000..1000
            """)
        void keepsOnlySaneThresholds(String reading, Double la, Double lw, Double hw, Double ha, String ignored,
                                     Double keptLa, Double keptLw, Double keptHw, Double keptHa, String note) {
            List<String> notes = new ArrayList<>();
            Thresholds t = ThresholdCheck.sanitize(reading, la, lw, hw, ha, notes);
            assertThat(t).isEqualTo(new Thresholds(keptLa, keptLw, keptHw, keptHa));
            if (note == null) {
                assertThat(notes).isEmpty();
            } else {
                assertThat(notes).containsExactly(note);
            }
        }

        @Test
        void fourUnsetValuesGiveFourNotesAndNoThresholds() {
            List<String> notes = new ArrayList<>();
            Thresholds t = ThresholdCheck.sanitize("tx_power_dbm", -32768.0, -32768.0, -32768.0, -32768.0, notes);
            assertThat(t.isEmpty()).isTrue();
            assertThat(notes).hasSize(4).allMatch(n -> n.startsWith("tx_power_dbm ") && n.endsWith(" threshold -32768 ignored: outside -60..40"));
        }

        @Test
        void noThresholdsGiveNoneAndNoNote() {
            List<String> notes = new ArrayList<>();
            assertThat(ThresholdCheck.sanitize("temp_celsius", null, null, null, null, notes).isEmpty()).isTrue();
            assertThat(notes).isEmpty();
        }

        @Test
        void plausibleRangesGoByTheUnitSuffix() {
            assertThat(ThresholdCheck.plausible("rx_power_dbm")).containsExactly(-60, 40);
            assertThat(ThresholdCheck.plausible("inlet_celsius")).containsExactly(-80, 250);
            assertThat(ThresholdCheck.plausible("used_ratio")).containsExactly(0, 1);
            assertThat(ThresholdCheck.plausible("fan_speed_rpm")).isNull();
            assertThat(ThresholdCheck.plausible("dbm_count")).as("suffix, not substring").isNull();
        }
    }

    /** Crossing a device threshold: alarm is degraded, warning is warning; comparisons are strict. */
    @Nested
    class Crossing {
        @ParameterizedTest(name = "{0} with [{1}, {2}, {3}, {4}] -> {5}")
        @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # value | low alarm | low warn | high warn | high alarm | health   | reason
            -20     | -10       | 0        | 70        | 80         | DEGRADED | temp_celsius -20 below low alarm -10
            -10.5   | -10       | 0        | 70        | 80         | DEGRADED | temp_celsius -10.5 below low alarm -10
            -5      | -10       | 0        | 70        | 80         | WARNING  | temp_celsius -5 below low warning 0
            # at the low alarm is not below it, but still below the low warning
            -10     | -10       | 0        | 70        | 80         | WARNING  | temp_celsius -10 below low warning 0
            0       | -10       | 0        | 70        | 80         |          |
            50      | -10       | 0        | 70        | 80         |          |
            70      | -10       | 0        | 70        | 80         |          |
            70.5    | -10       | 0        | 70        | 80         | WARNING  | temp_celsius 70.5 above high warning 70
            80      | -10       | 0        | 70        | 80         | WARNING  | temp_celsius 80 above high warning 70
            80.5    | -10       | 0        | 70        | 80         | DEGRADED | temp_celsius 80.5 above high alarm 80
            # a single threshold of either kind
            75      |           |          | 70        |            | WARNING  | temp_celsius 75 above high warning 70
            -11     | -10       |          |           |            | DEGRADED | temp_celsius -11 below low alarm -10
            -11     |           | -10      |           |            | WARNING  | temp_celsius -11 below low warning -10
            1000    |           |          |           |            |          |
            """)
        void alarmIsDegradedAndWarningIsWarning(double value, Double la, Double lw, Double hw, Double ha,
                                                Health health, String reason) {
            Object c = Interpreter.crossing("temp_celsius", value, new Thresholds(la, lw, hw, ha));
            if (health == null) {
                assertThat(c).isNull();
            } else {
                assertThat(c).extracting("health", "reason").containsExactly(health, reason);
            }
        }
    }
}
