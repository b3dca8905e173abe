package io.nplus.alerting.engine;

import static io.nplus.alerting.engine.Harness.MINUTE;
import static io.nplus.alerting.engine.Harness.comp;
import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.alerting.model.Alert;
import io.nplus.alerting.model.AlertState;
import io.nplus.alerting.rules.RulePack;
import io.nplus.core.time.VirtualClock;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.ComponentKind;
import io.nplus.mibs.vocab.Health;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lifecycle every rule shares: pending, firing, resolved, keep_firing_for, recurrences, forgetting. */
class LifecycleTest {
    private static final String RULES = """
        rules:
          - name: FsReadOnly
            kind: health
            select: {kinds: [filesystem]}
            at_least: degraded
            severity: page
          - name: FsWarning
            kind: health
            select: {kinds: [filesystem]}
            at_least: warning
            at_most: warning
            for: 10m
            severity: ticket
          - name: Held
            kind: health
            select: {kinds: [fan]}
            at_least: degraded
            keep_firing_for: 15m
            severity: page
        """;

    private static Component fs(Health h) {
        return comp(ComponentKind.FILESYSTEM, "31").name("/var/www").health(h).state(h == Health.OK ? "readWrite" : "readOnly")
            .reason(h == Health.OK ? "" : "mounted read-only").build();
    }

    private static Component fan(Health h) {
        return comp(ComponentKind.FAN, "1").name("Fan 1").health(h).build();
    }

    @Test
    void theSameFaultRecurringIsOneIncidentWithACount() {
        Harness h = Harness.rules(RULES).targets("web");
        // Incident 4: the filesystem goes read-only four times in a day.
        for (int i = 0; i < 4; i++) {
            h.observe("web", fs(Health.DEGRADED));
            h.advance(Duration.ofMinutes(30));
            h.observe("web", fs(Health.OK));
            h.advance(Duration.ofHours(4));
        }
        List<Alert> fired = h.fired("FsReadOnly");
        assertThat(fired).hasSize(4).extracting(Alert::key).containsOnly("nplus:FsReadOnly:web:filesystem/31");
        assertThat(fired.get(0).annotations()).doesNotContainKey("occurrences");
        assertThat(fired.get(0).summary()).isEqualTo("web: filesystem /var/www is degraded: mounted read-only");
        assertThat(fired.get(3).annotations()).containsEntry("occurrences", "4");
        assertThat(fired.get(3).summary())
            .isEqualTo("web: filesystem /var/www is degraded: mounted read-only (occurrence 4 within 24h)");
        assertThat(h.resolved("FsReadOnly")).hasSize(4);
        assertThat(h.engine.alerts()).as("one alert listed, not four").hasSize(1);
    }

    @Test
    void aRecurrenceMoreThanADayAfterItResolvedIsANewIncident() {
        Harness h = Harness.rules(RULES).targets("web");
        h.observe("web", fs(Health.DEGRADED));
        h.advance(MINUTE);
        h.observe("web", fs(Health.OK));
        h.advance(Duration.ofHours(24));
        h.observe("web", fs(Health.DEGRADED)); // no tick in between: forgetting must not be what decides
        assertThat(h.fired("FsReadOnly")).hasSize(2);
        assertThat(h.fired("FsReadOnly").get(1).annotations()).doesNotContainKey("occurrences");
    }

    @Test
    void resolvedAlertsAreListedForADayThenForgottenAndDeleted() {
        RestartTest.MemoryPersistence store = new RestartTest.MemoryPersistence();
        Harness h = new Harness(new VirtualClock(Harness.T0), RulePack.parse("r.yaml", RULES, false), store).targets("web");
        h.observe("web", fs(Health.DEGRADED));
        h.advance(MINUTE);
        h.observe("web", fs(Health.OK));
        var resolvedAt = h.now();
        h.advance(Duration.ofHours(24));
        h.engine.tick();
        assertThat(h.state("FsReadOnly")).isEqualTo(AlertState.RESOLVED);
        h.advance(Duration.ofSeconds(1));
        h.engine.tick();
        assertThat(h.engine.alerts()).isEmpty();
        assertThat(store.stored).isEmpty();
        assertThat(store.log).endsWith("delete nplus:FsReadOnly:web:filesystem/31");
        assertThat(resolvedAt).isEqualTo(Harness.T0.plus(MINUTE));
    }

    @Test
    void keepFiringForHoldsAFiringAlertButNotAPendingOne() {
        Harness h = Harness.rules(RULES).targets("srv");
        h.observe("srv", fan(Health.FAILED));
        var lastTrue = h.now();
        for (int i = 0; i < 14; i++) {
            h.advance(MINUTE);
            h.observe("srv", fan(Health.OK));
        }
        assertThat(h.state("Held")).isEqualTo(AlertState.FIRING);
        h.advance(MINUTE);
        h.observe("srv", fan(Health.OK));
        assertThat(h.resolved("Held")).singleElement().extracting(Alert::resolvedAt)
            .isEqualTo(lastTrue.plus(Duration.ofMinutes(15)));
        // A failure again within the hold keeps it: held by lastTrue, then true again.
        h.advance(MINUTE);
        h.observe("srv", fan(Health.FAILED));
        for (int i = 0; i < 10; i++) {
            h.advance(MINUTE);
            h.observe("srv", fan(i % 3 == 0 ? Health.FAILED : Health.OK));
        }
        assertThat(h.fired("Held")).hasSize(2);
        assertThat(h.resolved("Held")).hasSize(1);
    }

    @Test
    void listenersHearFiringAndResolvedNeverPending() {
        Harness h = Harness.rules(RULES).targets("web");
        for (int i = 0; i <= 10; i++) {
            h.observe("web", fs(Health.WARNING));
            h.advance(MINUTE);
        }
        h.observe("web", fs(Health.OK));
        assertThat(h.transitions).extracting(a -> a.rule() + " " + a.state().word())
            .containsExactly("FsWarning firing", "FsWarning resolved");
    }

    @Test
    void aPendingBlipAfterAResolutionIsNoOccurrence() {
        Harness h = Harness.rules(RULES).targets("web");
        for (int i = 0; i <= 10; i++) {
            h.observe("web", fs(Health.WARNING));
            h.advance(MINUTE);
        }
        h.observe("web", fs(Health.OK));
        var resolvedAt = h.now();
        // Five short warnings, none lasting the 10 minutes 'for' asks: nothing fired, so nothing recurred.
        for (int blip = 0; blip < 5; blip++) {
            h.advance(Duration.ofMinutes(20));
            h.observe("web", fs(Health.WARNING));
            h.advance(Duration.ofMinutes(2));
            h.observe("web", fs(Health.OK));
        }
        assertThat(h.transitions).hasSize(2);
        Alert listed = h.alert("FsWarning").orElseThrow();
        assertThat(listed.state()).isEqualTo(AlertState.RESOLVED);
        assertThat(listed.resolvedAt()).isEqualTo(resolvedAt);
        assertThat(listed.annotations()).doesNotContainKey("occurrences");
        // The real second one.
        for (int i = 0; i <= 10; i++) {
            h.advance(MINUTE);
            h.observe("web", fs(Health.WARNING));
        }
        assertThat(h.fired("FsWarning")).hasSize(2);
        assertThat(h.fired("FsWarning").get(1).annotations()).containsEntry("occurrences", "2");
    }

    @Test
    void countsByAlertnameSeverityAndState() {
        Harness h = Harness.rules(RULES).targets("web", "web-2");
        h.observe("web", fs(Health.DEGRADED));
        h.observe("web-2", fs(Health.DEGRADED), fan(Health.FAILED),
            comp(ComponentKind.FILESYSTEM, "32").name("/tmp").health(Health.WARNING).build());
        assertThat(h.engine.counts()).containsOnly(
            java.util.Map.entry(List.of("FsReadOnly", "page", "firing"), 2),
            java.util.Map.entry(List.of("Held", "page", "firing"), 1),
            java.util.Map.entry(List.of("FsWarning", "ticket", "pending"), 1));
    }

    @Test
    void theIdentityIsRuleTargetAndWhatItIsAbout() {
        Harness h = Harness.rules(RULES).targets("web");
        h.observe("web", fs(Health.DEGRADED), comp(ComponentKind.FILESYSTEM, "32").name("/tmp").health(Health.FAILED).build());
        assertThat(h.engine.alerts()).extracting(v -> v.alert().key())
            .containsExactlyInAnyOrder("nplus:FsReadOnly:web:filesystem/31", "nplus:FsReadOnly:web:filesystem/32");
        assertThat(h.engine.get("nplus:FsReadOnly:web:filesystem/32").label("name")).isEqualTo("/tmp");
    }
}
