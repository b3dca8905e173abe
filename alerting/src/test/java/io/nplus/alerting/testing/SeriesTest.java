package io.nplus.alerting.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** promtool's expanding notation, and the words nplus adds for health and state. */
class SeriesTest {
    private static List<Double> n(Double... values) {
        return Arrays.asList(values);
    }

    @Test
    void singleValues() {
        assertThat(Series.numbers("1 0 -3 2.5 .5 1e9 -1.5e-3")).containsExactly(1.0, 0.0, -3.0, 2.5, 0.5, 1e9, -1.5e-3);
        assertThat(Series.numbers("  7  ")).containsExactly(7.0);
    }

    @Test
    void aTimesNIsNPlusOneValues() {
        assertThat(Series.numbers("1x4")).containsExactly(1.0, 1.0, 1.0, 1.0, 1.0);
        assertThat(Series.numbers("1x0")).containsExactly(1.0);
        assertThat(Series.numbers("-3x2 1e9x1")).containsExactly(-3.0, -3.0, -3.0, 1e9, 1e9);
    }

    @Test
    void startPlusOrMinusStepTimesN() {
        assertThat(Series.numbers("-2+4x3")).containsExactly(-2.0, 2.0, 6.0, 10.0);
        assertThat(Series.numbers("1-2x4")).containsExactly(1.0, -1.0, -3.0, -5.0, -7.0);
        assertThat(Series.numbers("100+60x2 10+0.5x2")).containsExactly(100.0, 160.0, 220.0, 10.0, 10.5, 11.0);
        assertThat(Series.numbers("1e9+1e9x1")).containsExactly(1e9, 2e9);
    }

    @Test
    void missingValuesAsInPromtool() {
        // "_xn" is n missing values (not n + 1), as promtool has it.
        assertThat(Series.numbers("1 _x3 2")).isEqualTo(n(1.0, null, null, null, 2.0));
        assertThat(Series.numbers("_ 1")).isEqualTo(n(null, 1.0));
        assertThat(Series.numbers("-3x1 _ x2 -3")).isEqualTo(n(-3.0, -3.0, null, null, -3.0));
    }

    @Test
    void aCountMayStandApartFromItsValue() {
        assertThat(Series.numbers("-3 x2")).isEqualTo(Series.numbers("-3x2"));
        assertThat(Series.numbers("1+1 x2")).containsExactly(1.0, 2.0, 3.0);
    }

    @Test
    void wordsTakeACountAfterASpace() {
        assertThat(Series.words("ok x2 degraded x1 failed")).containsExactly("ok", "ok", "ok", "degraded", "degraded",
            "failed");
        assertThat(Series.words("optimal _x2 readOnly")).isEqualTo(Arrays.asList("optimal", null, null, "readOnly"));
        assertThat(Series.words("up")).containsExactly("up");
    }

    @Test
    void theLastValueHoldsToTheEndOfTheTest() {
        List<Double> s = Series.numbers("1x1 0");
        assertThat(Series.at(s, 0)).isEqualTo(1.0);
        assertThat(Series.at(s, 2)).isEqualTo(0.0);
        assertThat(Series.at(s, 1000)).isEqualTo(0.0);
        assertThat(Series.at(Series.numbers("1 _"), 5)).isNull();
    }

    @Test
    void mistakesSayWhatIsWrongAndHowToWriteIt() {
        assertThatThrownBy(() -> Series.numbers("")).hasMessageContaining("empty series");
        assertThatThrownBy(() -> Series.numbers("1x3 abc"))
            .hasMessage("bad series '1x3 abc': 'abc' is not a number, _ or a+bxn (like 1, 1x5, 100+60x30, 10-1x5, _x3)");
        assertThatThrownBy(() -> Series.numbers("30+60"))
            .hasMessage("bad series '30+60': '30+60' needs a count: 30+60x5 is 30 and then 5 more steps of +60");
        assertThatThrownBy(() -> Series.numbers("x3 1")).hasMessageContaining("'x3' repeats nothing");
        assertThatThrownBy(() -> Series.numbers("1x2 x3")).hasMessageContaining("'1x2 x3' has two counts");
        assertThatThrownBy(() -> Series.numbers("1x600000 2x600000")).hasMessageContaining("more than 1000000 values");
        assertThatThrownBy(() -> Series.numbers("1x2000000")).hasMessage("'1x2000000': a count above 1000000");
        assertThatThrownBy(() -> Series.numbers("1x99999999999")).hasMessageContaining("a count above 1000000");
        assertThatThrownBy(() -> Series.numbers("ok x5")).hasMessageContaining("'ok x5' is not a number");
        assertThatThrownBy(() -> Series.words("okx5 degraded"))
            .hasMessage("bad series 'okx5 degraded': 'okx5': to repeat a word put a space before the count, as in 'ok x5'");
        assertThatThrownBy(() -> Series.words("ok 3")).hasMessageContaining("'3' is not a word or _");
        assertThatThrownBy(() -> Series.words("ok x2 x3")).hasMessageContaining("has two counts");
    }
}
