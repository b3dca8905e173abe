package io.nplus.alerting.rules;

import static io.nplus.alerting.engine.Harness.MINUTE;
import static io.nplus.alerting.engine.Harness.comp;
import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.alerting.engine.Harness;
import io.nplus.alerting.model.AlertState;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.ComponentKind;
import io.nplus.mibs.vocab.Thresholds;
import org.junit.jupiter.api.Test;

class ThresholdRuleTest {
    private static Component temp(double celsius) {
        return comp(ComponentKind.SENSOR, "temp.1").name("Inlet").reading("temperature_celsius", celsius).build();
    }

    private static void poll(Harness h, double celsius) {
        h.observe("srv", temp(celsius));
        h.advance(MINUTE);
    }

    @Test
    void aboveWithHysteresisFiresOnceAndNeverResolvesWhileTheValueDancesAroundTheLine() {
        Harness h = Harness.rules("""
            rules:
              - name: Hot
                kind: threshold
                reading: temperature_celsius
                above: 80
                clear: 75
                severity: page
            """).targets("srv");
        poll(h, 70);
        poll(h, 80);
        assertThat(h.engine.alerts()).as("80 is not above 80").isEmpty();
        poll(h, 81);
        assertThat(h.fired("Hot")).singleElement().satisfies(a -> {
            assertThat(a.summary()).isEqualTo("srv: sensor Inlet: temperature celsius 81 is above 80");
            assertThat(a.value()).isEqualTo(81);
        });
        for (int i = 0; i < 120; i++) {
            poll(h, i % 2 == 0 ? 79 : 81);
        }
        poll(h, 76);
        assertThat(h.fired("Hot")).hasSize(1);
        assertThat(h.resolved("Hot")).isEmpty();
        assertThat(h.state("Hot")).isEqualTo(AlertState.FIRING);
        poll(h, 75);
        assertThat(h.resolved("Hot")).as("at the clear value it is over").hasSize(1);
    }

    @Test
    void belowWithHysteresis() {
        Harness h = Harness.rules("""
            rules:
              - name: Cold
                kind: threshold
                reading: temperature_celsius
                below: 10
                clear: 15
                severity: ticket
            """).targets("srv");
        poll(h, 12);
        assertThat(h.engine.alerts()).isEmpty();
        poll(h, 9);
        poll(h, 11);
        poll(h, 14.9);
        assertThat(h.fired("Cold")).hasSize(1);
        assertThat(h.resolved("Cold")).isEmpty();
        poll(h, 15);
        assertThat(h.resolved("Cold")).hasSize(1);
    }

    @Test
    void withoutClearItResolvesAsSoonAsTheValueIsBackOnTheRightSide() {
        Harness h = Harness.rules("""
            rules:
              - name: Hot
                kind: threshold
                reading: temperature_celsius
                above: 80
                severity: page
            """).targets("srv");
        poll(h, 81);
        poll(h, 79);
        poll(h, 81);
        assertThat(h.fired("Hot")).hasSize(2);
        assertThat(h.resolved("Hot")).hasSize(1);
        assertThat(h.fired("Hot").get(1).annotations()).containsEntry("occurrences", "2");
        assertThat(h.fired("Hot").get(1).summary()).endsWith("(occurrence 2 within 24h)");
        assertThat(h.fired("Hot").get(1).key()).isEqualTo(h.fired("Hot").get(0).key());
    }

    @Test
    void aComponentWithoutTheReadingIsIgnored() {
        Harness h = Harness.rules("""
            rules:
              - name: Hot
                kind: threshold
                reading: temperature_celsius
                above: 80
                severity: page
            """).targets("srv");
        h.observe("srv", comp(ComponentKind.SENSOR, "fan.1").reading("fan_speed_rpm", 9000).build());
        assertThat(h.engine.alerts()).isEmpty();
    }

    private static Component optic(double rxDbm) {
        return comp(ComponentKind.TRANSCEIVER, "xcvr.49").name("Ethernet49")
            .reading("rx_power_dbm", rxDbm).thresholds("rx_power_dbm", new Thresholds(-16.0, -14.0, 2.0, 3.0))
            .reading("temperature_celsius", 40).build();
    }

    @Test
    void deviceThresholdsAlarmAndWarning() {
        Harness h = Harness.rules("""
            rules:
              - name: RxAlarm
                kind: threshold
                reading: rx_power_dbm
                device_threshold: alarm
                severity: page
              - name: RxWarning
                kind: threshold
                reading: rx_power_dbm
                device_threshold: warning
                severity: ticket
            """).targets("sw");
        h.observe("sw", optic(-5));
        assertThat(h.engine.alerts()).isEmpty();
        h.advance(MINUTE);
        h.observe("sw", optic(-15));
        assertThat(h.fired("RxWarning")).singleElement().extracting(a -> a.summary())
            .isEqualTo("sw: transceiver Ethernet49: rx power dbm -15 is below -14");
        assertThat(h.fired("RxAlarm")).isEmpty();
        h.advance(MINUTE);
        h.observe("sw", optic(-17.5));
        assertThat(h.fired("RxAlarm")).singleElement().extracting(a -> a.summary())
            .isEqualTo("sw: transceiver Ethernet49: rx power dbm -17.5 is below -16");
        h.advance(MINUTE);
        h.observe("sw", optic(2.5));
        assertThat(h.resolved("RxAlarm")).hasSize(1);
        assertThat(h.state("RxWarning")).isEqualTo(AlertState.FIRING);
        assertThat(h.alert("RxWarning").orElseThrow().summary()).isEqualTo("sw: transceiver Ethernet49: rx power dbm 2.5 is above 2");
        h.advance(MINUTE);
        h.observe("sw", optic(3.5));
        assertThat(h.fired("RxAlarm")).hasSize(2);
        // A reading without device limits (temperature here) is never judged by device_threshold.
        assertThat(h.firedAll()).allMatch(a -> a.rule().startsWith("Rx"));
    }

    @Test
    void rateOfACounter() {
        Harness h = Harness.rules("""
            rules:
              - name: Errors
                kind: threshold
                select: {kinds: [interface]}
                rate: in_errors
                above: 1
                clear: 0.1
                severity: ticket
            """).targets("sw");
        Component port = comp(ComponentKind.INTERFACE, "7").name("Ethernet7").state("up")
            .reading("in_errors", 500).build(); // a reading of that name is not the rate
        h.poll("sw").components(port).observe();
        assertThat(h.engine.alerts()).as("no rate on the first poll").isEmpty();
        h.advance(MINUTE);
        h.poll("sw").components(port).rate(port, "in_errors", 0.5).observe();
        assertThat(h.engine.alerts()).isEmpty();
        h.advance(MINUTE);
        h.poll("sw").components(port).rate(port, "in_errors", 12.5).observe();
        assertThat(h.fired("Errors")).singleElement().extracting(a -> a.summary())
            .isEqualTo("sw: interface Ethernet7: in errors per second 12.5 is above 1");
        h.advance(MINUTE);
        h.poll("sw").components(port).rate(port, "in_errors", 0.5).observe();
        assertThat(h.state("Errors")).as("0.5 is above clear 0.1").isEqualTo(AlertState.FIRING);
        h.advance(MINUTE);
        h.poll("sw").components(port).rate(port, "in_errors", 0).observe();
        assertThat(h.resolved("Errors")).hasSize(1);
    }
}
