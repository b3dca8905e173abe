package io.nplus.alerting.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.alerting.model.Alert;
import io.nplus.alerting.model.AlertState;
import io.nplus.alerting.model.Observation;
import io.nplus.alerting.model.Severity;
import io.nplus.alerting.rules.EvalContext;
import io.nplus.alerting.rules.RulePack;
import io.nplus.core.time.VirtualClock;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.ComponentKind;
import io.nplus.mibs.vocab.Health;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 6: alert states, silences and heartbeats survive a restart in H2; a firing alert does not page twice. */
class H2AlertStoreTest {
    static final Instant T0 = Instant.parse("2026-11-21T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void alertsSilencesAndHeartbeatsReadBackAsWritten() throws Exception {
        Alert firing = new Alert("nplus:X:db1:virtual_drive/vd.0", "X", Severity.PAGE, AlertState.FIRING, T0,
            T0.plusSeconds(60), null, T0.plusSeconds(120), Map.of("alertname", "X", "target", "db1"),
            Map.of("summary", "db1: virtual drive vd.0 is degraded"), 3.0);
        Alert noValue = new Alert("nplus:Y:db1", "Y", Severity.TICKET, AlertState.RESOLVED, T0, T0, T0.plusSeconds(9),
            T0.plusSeconds(8), Map.of(), Map.of(), Double.NaN);
        try (H2AlertStore s = H2AlertStore.open(dir)) {
            s.save(firing);
            s.save(noValue);
            s.saveHeartbeat(new EvalContext.Heartbeat("nightly-backup", T0, Duration.ofHours(26)));
            Silences silences = new Silences(new VirtualClock(T0), s.silences(), s::saveSilence);
            silences.add(Map.of("target", "db*"), T0, T0.plusSeconds(3600), "disk swap", "ops");
        }
        try (H2AlertStore s = H2AlertStore.open(dir)) {
            assertThat(s.load()).containsExactlyInAnyOrder(firing, noValue); // records: NaN equals NaN
            assertThat(s.heartbeats()).containsExactly(new EvalContext.Heartbeat("nightly-backup", T0, Duration.ofHours(26)));
            assertThat(s.silences()).singleElement().satisfies(x -> {
                assertThat(x.matchers()).containsEntry("target", "db*");
                assertThat(x.comment()).isEqualTo("disk swap");
                assertThat(x.matches(firing)).isTrue();
            });
            s.delete(firing.key());
            assertThat(s.load()).extracting(Alert::key).containsExactly(noValue.key());
            assertThat(s.problem()).isEmpty();
        }
    }

    @Test
    void aRestartDoesNotPageAgainNorForgetToResolve() throws Exception {
        VirtualClock clock = new VirtualClock(T0);
        Component bad = Component.builder(ComponentKind.VIRTUAL_DRIVE, "vd.0").name("Virtual Disk 0").health(Health.DEGRADED)
            .state("degraded").profile("megaraid").build();
        Component good = Component.builder(ComponentKind.VIRTUAL_DRIVE, "vd.0").name("Virtual Disk 0").health(Health.OK)
            .state("optimal").profile("megaraid").build();
        List<String> transitions = new ArrayList<>();
        try (H2AlertStore s = H2AlertStore.open(dir)) {
            AlertEngine e = new AlertEngine(clock, RulePack.builtIn(), s);
            e.setFleet(Map.of("db1", Duration.ofMinutes(1)), List.of());
            e.onTransition(a -> transitions.add(a.state() + " " + a.rule()));
            e.observe(obs("db1", clock.instant(), bad));
            assertThat(transitions).containsExactly("FIRING StorageRedundancyLost");
        }
        // kill -9 is what H2's WRITE_DELAY=0 covers; here a plain restart, an hour later, with the drive still bad.
        clock.advance(Duration.ofHours(1));
        try (H2AlertStore s = H2AlertStore.open(dir)) {
            AlertEngine e = new AlertEngine(clock, RulePack.builtIn(), s);
            e.setFleet(Map.of("db1", Duration.ofMinutes(1)), List.of());
            e.onTransition(a -> transitions.add(a.state() + " " + a.rule()));
            e.observe(obs("db1", clock.instant(), bad));
            assertThat(transitions).as("no second page").containsExactly("FIRING StorageRedundancyLost");
            assertThat(e.alerts()).singleElement().satisfies(v -> assertThat(v.alert().firedAt()).isEqualTo(T0));
        }
        // Fixed while nplus was down: the first poll after the restart resolves it, once.
        clock.advance(Duration.ofHours(1));
        try (H2AlertStore s = H2AlertStore.open(dir)) {
            AlertEngine e = new AlertEngine(clock, RulePack.builtIn(), s);
            e.setFleet(Map.of("db1", Duration.ofMinutes(1)), List.of());
            e.onTransition(a -> transitions.add(a.state() + " " + a.rule()));
            e.observe(obs("db1", clock.instant(), good));
            e.observe(obs("db1", clock.instant().plusSeconds(60), good));
            assertThat(transitions).containsExactly("FIRING StorageRedundancyLost", "RESOLVED StorageRedundancyLost");
        }
    }

    static Observation obs(String target, Instant at, Component... cs) {
        return new Observation(target, at, true, "", List.of(cs), Map.of(), false, Duration.ofMinutes(1), Map.of());
    }
}
