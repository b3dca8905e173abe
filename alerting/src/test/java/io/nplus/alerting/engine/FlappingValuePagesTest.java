package io.nplus.alerting.engine;

import static io.nplus.alerting.engine.Harness.MINUTE;
import static io.nplus.alerting.engine.Harness.comp;
import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.alerting.model.Alert;
import io.nplus.alerting.model.AlertState;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.ComponentKind;
import io.nplus.mibs.vocab.Health;
import io.nplus.mibs.vocab.Thresholds;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * A value that flaps around its threshold for six hours pages at most once per hour: hysteresis (clear) and
 * keep_firing_for hold the alert while it dances. Signals are seeded, so every run is the same run.
 */
class FlappingValuePagesTest {
    private static final Duration SIX_HOURS = Duration.ofHours(6);

    /** Polls {@code target} every minute for six hours with the component {@code at} gives for each value. */
    private static void sixHours(Harness h, String target, double[] values, DoubleFunction<Component> at,
                                 String rateOf) {
        for (double v : values) {
            Component c = at.apply(v);
            Harness.Obs o = h.poll(target).components(c);
            if (rateOf != null) {
                o.rate(c, rateOf, v);
            }
            o.observe();
            h.advance(MINUTE);
            h.engine.tick();
        }
    }

    private static void assertAtMostOncePerHour(Harness h, String rule) {
        List<Alert> pages = h.fired(rule);
        System.out.printf("%s: %d FIRING transition(s) in 6h: %s%n", rule, pages.size(),
            pages.stream().map(a -> a.firedAt().toString()).toList());
        assertThat(pages).as(rule + " fired at all").isNotEmpty();
        for (int i = 1; i < pages.size(); i++) {
            assertThat(Duration.between(pages.get(i - 1).firedAt(), pages.get(i).firedAt()))
                .as("time between pages %d and %d of %s", i, i + 1, rule).isGreaterThanOrEqualTo(Duration.ofHours(1));
        }
        assertThat(pages).hasSizeLessThanOrEqualTo(6);
    }

    /** Six hours of one value per minute: {@code center} plus or minus up to {@code swing}, seeded. */
    private static double[] dance(long seed, double center, double swing) {
        Random r = new Random(seed);
        double[] out = new double[(int) SIX_HOURS.toMinutes()];
        for (int i = 0; i < out.length; i++) {
            out[i] = center + (r.nextDouble() * 2 - 1) * swing;
        }
        return out;
    }

    @Test
    void aTemperatureDancingAroundItsThresholdWithHysteresis() {
        Harness h = Harness.rules("""
            rules:
              - name: Hot
                kind: threshold
                reading: temperature_celsius
                above: 80
                clear: 75
                for: 2m
                severity: page
            """).targets("srv");
        sixHours(h, "srv", dance(1, 80, 4), v -> comp(ComponentKind.SENSOR, "t1").reading("temperature_celsius", v).build(),
            null);
        assertAtMostOncePerHour(h, "Hot");
        assertThat(h.fired("Hot")).hasSize(1);
        assertThat(h.resolved("Hot")).isEmpty();
    }

    @Test
    void anErrorRateFlappingAroundTheDefaultInterfaceErrorsRule() {
        Harness h = Harness.builtIn().targets("sw");
        // Bursts of CRC errors: 0 to 3 per second, a quarter of the polls with none at all.
        Random r = new Random(7);
        double[] rates = new double[(int) SIX_HOURS.toMinutes()];
        for (int i = 0; i < rates.length; i++) {
            rates[i] = r.nextInt(4) == 0 ? 0 : r.nextDouble() * 3;
        }
        sixHours(h, "sw", rates, v -> Harness.iface("49", "Ethernet49", "up", 1e10), "in_errors");
        assertAtMostOncePerHour(h, "InterfaceErrors");
    }

    /** An optic as the transceiver profiles judge it: degraded past the alarm limit, warning past the warning one. */
    private static Component optic(double rxDbm) {
        Health health = rxDbm < -16.4 ? Health.DEGRADED : rxDbm < -14.4 ? Health.WARNING : Health.OK;
        return comp(ComponentKind.TRANSCEIVER, "xcvr.49").name("Ethernet49").health(health)
            .state("link up").reason(health == Health.OK ? "" : "rx_power_dbm " + rxDbm + " below low alarm -16.4")
            .reading("rx_power_dbm", rxDbm).thresholds("rx_power_dbm", new Thresholds(-16.4, -14.4, 2.0, 3.0))
            .profile("arista_entity_sensor").build();
    }

    @Test
    void anOpticsRxPowerDancingAroundItsAlarmLimitWithTheDefaultRules() {
        Harness h = Harness.builtIn().targets("sw");
        sixHours(h, "sw", dance(3, -16.4, 0.5), FlappingValuePagesTest::optic, null);
        assertAtMostOncePerHour(h, "OpticAlarm");
        assertThat(h.fired("OpticWarning")).as("the warning is covered by the alarm while it dances").isEmpty();
    }

    @Test
    void aDriveDroppingInAndOutOfTheArrayWithTheDefaultRules() {
        Harness h = Harness.builtIn().targets("srv");
        // A loose backplane cable: the drive is failed for a poll or two, then back, every few minutes.
        Random r = new Random(11);
        double[] failed = new double[(int) SIX_HOURS.toMinutes()];
        for (int i = 0; i < failed.length; i++) {
            failed[i] = r.nextInt(5) == 0 ? 1 : 0;
        }
        sixHours(h, "srv", failed, v -> Harness.drive("3", v > 0 ? Health.FAILED : Health.OK, v > 0 ? "failed" : "online"),
            null);
        assertAtMostOncePerHour(h, "StorageRedundancyLost");
        assertAtMostOncePerHour(h, "StorageStateFlapping");
        assertThat(h.engine.get("nplus:StorageStateFlapping:srv:physical_drive/3").state()).isEqualTo(AlertState.FIRING);
    }
}
