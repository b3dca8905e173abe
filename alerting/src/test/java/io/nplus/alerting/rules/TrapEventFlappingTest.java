package io.nplus.alerting.rules;

import static io.nplus.alerting.engine.Harness.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.alerting.engine.Harness;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Issue 9: a link that bounced between two polls, seen only in its traps, still counts as flapping. */
class TrapEventFlappingTest {
    private static final String FLAP = """
        rules:
          - name: Flapping
            kind: flapping
            select: {kinds: [interface]}
            field: state
            changes: 4
            within: 15m
            severity: ticket
        """;

    @Test
    void stateChangesReportedByTrapsCountForTheFlappingRule() {
        Harness h = Harness.rules(FLAP).targets("sw");
        h.observe("sw", Harness.iface("49", "Ethernet49", "up", 1e10));
        for (int i = 0; i < 2; i++) { // down and up twice within a minute: every poll still says up
            h.advance(Duration.ofSeconds(10));
            h.engine.observeEvent("sw", "interface/49", "state", "down", h.now());
            h.advance(Duration.ofSeconds(10));
            h.engine.observeEvent("sw", "interface/49", "state", "up", h.now());
        }
        h.advance(Duration.ofSeconds(20));
        h.observe("sw", Harness.iface("49", "Ethernet49", "up", 1e10));
        assertThat(h.fired("Flapping")).singleElement().extracting(a -> a.value()).isEqualTo(4.0);
    }

    @Test
    void withoutTheTrapsThePollsSeeNoChange() {
        Harness h = Harness.rules(FLAP).targets("sw");
        h.observe("sw", Harness.iface("49", "Ethernet49", "up", 1e10));
        h.advance(MINUTE);
        h.observe("sw", Harness.iface("49", "Ethernet49", "up", 1e10));
        assertThat(h.engine.alerts()).isEmpty();
    }

    @Test
    void aTrapRepeatingTheKnownStateIsNoChange() {
        Harness h = Harness.rules(FLAP).targets("sw");
        h.observe("sw", Harness.iface("49", "Ethernet49", "down", 1e10));
        for (int i = 0; i < 6; i++) {
            h.advance(Duration.ofSeconds(5));
            h.engine.observeEvent("sw", "interface/49", "state", "down", h.now());
        }
        h.advance(MINUTE);
        h.observe("sw", Harness.iface("49", "Ethernet49", "down", 1e10));
        assertThat(h.engine.alerts()).isEmpty();
    }
}
