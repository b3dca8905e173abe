package io.nplus.alerting.engine;

import static io.nplus.alerting.engine.Harness.MINUTE;
import static io.nplus.alerting.engine.Harness.T0;
import static io.nplus.alerting.engine.Harness.drive;
import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.alerting.model.AlertState;
import io.nplus.alerting.rules.RulePack;
import io.nplus.core.time.VirtualClock;
import io.nplus.mibs.vocab.ComponentKind;
import io.nplus.mibs.vocab.Health;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A reload that removes a target or a rule ends their alerts instead of leaving them firing forever. */
class ReconfigureTest {
    private static final String RULES = """
        rules:
          - name: DriveFailed
            kind: health
            select: {kinds: [physical_drive]}
            at_least: degraded
            severity: page
          - name: DriveWarning
            kind: health
            select: {kinds: [physical_drive]}
            at_least: warning
            at_most: warning
            for: 1h
            severity: ticket
        """;

    @Test
    void aTargetRemovedFromTheFleetHasItsAlertsResolved() {
        Harness h = Harness.rules(RULES).targets("old", "kept");
        h.observe("old", drive("1", Health.FAILED, "failed"), drive("2", Health.WARNING, "predictive failure"));
        h.observe("kept", drive("1", Health.FAILED, "failed"));
        h.advance(MINUTE);
        h.engine.setFleet(Map.of("kept", MINUTE), List.of());
        h.engine.tick();
        assertThat(h.resolved("DriveFailed")).singleElement().extracting(a -> a.label("target")).isEqualTo("old");
        assertThat(h.engine.alerts()).extracting(v -> v.alert().key() + " " + v.alert().state().word())
            .containsExactlyInAnyOrder("nplus:DriveFailed:old:physical_drive/1 resolved",
                "nplus:DriveFailed:kept:physical_drive/1 firing");
        h.engine.tick();
        assertThat(h.resolved("DriveFailed")).hasSize(1);
    }

    @Test
    void aRuleRemovedByAReloadHasItsAlertsResolved() {
        Harness h = Harness.rules(RULES).targets("srv");
        h.observe("srv", drive("1", Health.FAILED, "failed"), drive("2", Health.WARNING, "predictive failure"));
        h.advance(MINUTE);
        h.engine.setRules(RulePack.parse("reloaded.yaml", """
            rules:
              - name: DriveWarning
                kind: health
                at_least: warning
                at_most: warning
                for: 1h
                severity: ticket
            """, false));
        h.engine.tick();
        assertThat(h.resolved("DriveFailed")).hasSize(1);
        assertThat(h.state("DriveWarning")).isEqualTo(AlertState.PENDING);
        assertThat(h.engine.counts()).containsOnlyKeys(List.of("DriveWarning", "ticket", "pending"));
    }

    @Test
    void anAlertRestoredForARuleThatNoLongerExistsResolvesAtTheFirstTick() {
        VirtualClock clock = new VirtualClock(T0);
        RestartTest.MemoryPersistence store = new RestartTest.MemoryPersistence();
        Harness first = new Harness(clock, RulePack.parse("r.yaml", RULES, false), store).targets("srv");
        first.observe("srv", drive("1", Health.FAILED, "failed"));
        clock.advance(Duration.ofMinutes(5));
        Harness second = new Harness(clock, RulePack.parse("r.yaml", """
            rules:
              - name: Other
                kind: health
                select: {kinds: [fan]}
                severity: page
            """, false), store).targets("srv");
        second.engine.tick();
        assertThat(second.resolved("DriveFailed")).hasSize(1);
        assertThat(store.stored.get("nplus:DriveFailed:srv:physical_drive/1").state()).isEqualTo(AlertState.RESOLVED);
        assertThat(second.engine.counts()).isEmpty();
        assertThat(ComponentKind.FAN).isNotNull();
    }
}
