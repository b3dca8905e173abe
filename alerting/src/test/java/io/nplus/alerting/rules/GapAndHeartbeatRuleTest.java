package io.nplus.alerting.rules;

import static io.nplus.alerting.engine.Harness.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.alerting.engine.Harness;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GapAndHeartbeatRuleTest {
    private static final Duration TEN_S = Duration.ofSeconds(10);

    private static void tickFor(Harness h, Duration d) {
        for (long s = 0; s < d.toSeconds(); s += 10) {
            h.advance(TEN_S);
            h.engine.tick();
        }
    }

    @Test
    void gapAfterThreeIntervalsWithoutAPollButNotRightAfterStart() {
        Harness h = Harness.builtIn().targets("sw");
        tickFor(h, Duration.ofMinutes(3));
        assertThat(h.engine.alerts()).as("3 intervals since start is not yet more than 3").isEmpty();
        h.observe("sw");
        for (int i = 0; i < 120; i++) {
            tickFor(h, MINUTE);
            h.observe("sw");
        }
        assertThat(h.engine.alerts()).isEmpty();
        var last = h.now();
        tickFor(h, Duration.ofMinutes(3));
        assertThat(h.engine.alerts()).isEmpty();
        tickFor(h, TEN_S);
        assertThat(h.fired("CollectionGap")).singleElement().satisfies(a -> {
            assertThat(a.key()).isEqualTo("nplus:CollectionGap:sw");
            assertThat(a.firedAt()).isEqualTo(last.plus(Duration.ofMinutes(3)).plus(TEN_S));
            assertThat(a.summary()).isEqualTo("sw: no poll has finished for 3m10s (interval 1m): collection stalled");
        });
        tickFor(h, Duration.ofMinutes(30));
        assertThat(h.fired("CollectionGap")).hasSize(1);
        h.observe("sw");
        assertThat(h.resolved("CollectionGap")).hasSize(1);
    }

    @Test
    void neverPolledAtAllIsAGapThreeIntervalsAfterStart() {
        Harness h = Harness.builtIn().targets("sw");
        tickFor(h, Duration.ofMinutes(3).plus(TEN_S));
        assertThat(h.fired("CollectionGap")).hasSize(1);
    }

    @Test
    void aDeviceThatDoesNotAnswerIsNoCollectionGap() {
        Harness h = Harness.rules("""
            rules:
              - name: Gap
                kind: gap
                within: 2 intervals
                severity: page
            """).targets("sw");
        for (int i = 0; i < 30; i++) {
            h.poll("sw").unreachable("timeout").observe();
            tickFor(h, MINUTE);
        }
        assertThat(h.engine.alerts()).isEmpty();
        tickFor(h, Duration.ofMinutes(1).plus(TEN_S));
        assertThat(h.fired("Gap")).hasSize(1);
    }

    @Test
    void anUnreachableTargetTheCollectorBacksOffIsNoCollectionGapUntilItsNextAttemptIsLate() {
        Harness h = Harness.rules("""
            rules:
              - name: Gap
                kind: gap
                within: 2 intervals
                severity: page
            """).targets("sw");
        // the collector's backoff: 1, 1, 1, 2, 4, 8 intervals between attempts, each announced with the attempt
        for (int wait : new int[] {1, 1, 1, 2, 4, 8}) {
            h.poll("sw").unreachable("timeout").nextIn(MINUTE.multipliedBy(wait)).observe();
            tickFor(h, MINUTE.multipliedBy(wait));
        }
        assertThat(h.engine.alerts()).isEmpty();
        // the attempt due 8 minutes later never comes: a gap, one interval past the announced attempt
        h.poll("sw").unreachable("timeout").nextIn(MINUTE.multipliedBy(8)).observe();
        tickFor(h, MINUTE.multipliedBy(9).minus(TEN_S));
        assertThat(h.fired("Gap")).isEmpty();
        tickFor(h, Duration.ofSeconds(20));
        assertThat(h.fired("Gap")).hasSize(1);
    }

    @Test
    void unreachableForThreeMinutesPagesAtThreeMinutesWhileTheCollectorBacksOff() {
        Harness h = Harness.builtIn().targets("sw");
        h.observe("sw");
        tickFor(h, MINUTE);
        // silent from here: three attempts a minute apart, then the next only after 2 minutes
        for (int wait : new int[] {1, 1, 2}) {
            h.poll("sw").unreachable("timeout").nextIn(MINUTE.multipliedBy(wait)).observe();
            tickFor(h, MINUTE.multipliedBy(wait).minus(TEN_S));
            if (wait == 2) {
                break;
            }
            tickFor(h, TEN_S);
        }
        // 3m10s after the first failed poll, with no poll since the one at 2m: the tick fired it at 3m
        assertThat(h.fired("TargetUnreachable")).singleElement()
            .satisfies(a -> assertThat(Duration.between(a.activeAt(), a.firedAt())).isEqualTo(Duration.ofMinutes(3)));
        assertThat(h.fired("CollectionGap")).isEmpty();
    }

    @Test
    void aPendingAlertNoLongerTrueAtTheLastPollDoesNotFireOnTheClock() {
        Harness h = Harness.builtIn().targets("sw");
        h.poll("sw").unreachable("timeout").observe();
        tickFor(h, MINUTE);
        h.observe("sw"); // it answered again
        tickFor(h, Duration.ofMinutes(5));
        assertThat(h.fired("TargetUnreachable")).isEmpty();
    }

    @Test
    void aTargetAddedLaterIsGivenThreeIntervalsFromWhenItWasAdded() {
        Harness h = Harness.builtIn().targets("sw-1");
        for (int i = 0; i < 60; i++) {
            h.observe("sw-1");
            tickFor(h, MINUTE);
        }
        h.targets("sw-2"); // the configuration was reloaded with a new target
        h.observe("sw-1");
        tickFor(h, Duration.ofSeconds(30));
        assertThat(h.engine.alerts()).isEmpty();
        h.observe("sw-2");
        for (int i = 0; i < 10; i++) {
            h.observe("sw-1");
            h.observe("sw-2");
            tickFor(h, MINUTE);
        }
        assertThat(h.transitions).isEmpty();
    }

    @Test
    void aNamedHeartbeatIsExpectedEvenIfItNeverCame() {
        Harness h = Harness.rules("""
            rules:
              - name: BackupMissing
                kind: heartbeat
                heartbeat: nightly-backup
                max_age: 25h
                severity: page
            """);
        h.advance(Duration.ofHours(25));
        h.engine.tick();
        assertThat(h.engine.alerts()).isEmpty();
        h.advance(Duration.ofSeconds(1));
        h.engine.tick();
        assertThat(h.fired("BackupMissing")).singleElement().satisfies(a -> {
            assertThat(a.key()).isEqualTo("nplus:BackupMissing::heartbeat/nightly-backup");
            assertThat(a.labels()).containsEntry("heartbeat", "nightly-backup").doesNotContainKey("target");
            assertThat(a.summary()).isEqualTo("heartbeat nightly-backup is 1d1h1s old (allowed 1d1h); last seen never"
                + " (since nplus started)");
        });
        h.advance(Duration.ofHours(2));
        h.engine.heartbeat("nightly-backup", Duration.ofHours(25));
        assertThat(h.resolved("BackupMissing")).hasSize(1);
        // The next night's run is late by a second: it pages again, 25h after the last one resolved (a new incident).
        h.advance(Duration.ofHours(25).plusSeconds(1));
        h.engine.tick();
        assertThat(h.fired("BackupMissing")).hasSize(2);
        assertThat(h.fired("BackupMissing").get(1).summary())
            .isEqualTo("heartbeat nightly-backup is 1d1h1s old (allowed 1d1h); last seen " + Harness.T0.plus(Duration.ofHours(27)).plusSeconds(1));
    }

    @Test
    void theDefaultRuleUsesEachHeartbeatsOwnMaxAgeAndIgnoresHeartbeatsNeverReceived() {
        Harness h = Harness.builtIn();
        h.engine.heartbeat("backup", Duration.ofHours(1));
        h.engine.heartbeat("stats-export", Duration.ofMinutes(10));
        h.advance(Duration.ofMinutes(10));
        h.engine.tick();
        assertThat(h.engine.alerts()).isEmpty();
        h.advance(Duration.ofSeconds(1));
        h.engine.tick();
        assertThat(h.fired("HeartbeatMissing")).singleElement().satisfies(a -> {
            assertThat(a.labels()).containsEntry("heartbeat", "stats-export");
            assertThat(a.summary()).startsWith("heartbeat stats-export is 10m1s old (allowed 10m)");
        });
        h.advance(Duration.ofMinutes(50));
        h.engine.tick();
        assertThat(h.fired("HeartbeatMissing")).extracting(a -> a.label("heartbeat"))
            .containsExactly("stats-export", "backup");
        h.engine.heartbeat("backup", null); // keeps the max age it was given
        assertThat(h.engine.heartbeats().get("backup").maxAge()).isEqualTo(Duration.ofHours(1));
        assertThat(h.resolved("HeartbeatMissing")).extracting(a -> a.label("heartbeat")).containsExactly("backup");
    }

    @Test
    void aNamedHeartbeatRuleWithoutMaxAgeDoesNotBreakTheEngine() {
        Harness h = Harness.rules("""
            rules:
              - name: BackupMissing
                kind: heartbeat
                heartbeat: nightly-backup
                severity: page
              - name: Gap
                kind: gap
                severity: page
            """).targets("sw");
        h.engine.tick();
        h.observe("sw");
        h.advance(Duration.ofHours(24));
        h.engine.tick();
        assertThat(h.fired("BackupMissing")).isEmpty();
        h.advance(Duration.ofHours(1).plusSeconds(1));
        h.engine.tick();
        assertThat(h.fired("BackupMissing")).as("never received: the default max age of 25h").hasSize(1);
        h.engine.heartbeat("nightly-backup", Duration.ofHours(2));
        assertThat(h.resolved("BackupMissing")).hasSize(1);
        h.advance(Duration.ofHours(2).plusSeconds(1));
        h.engine.tick();
        assertThat(h.fired("BackupMissing")).as("then the max age the job gives").hasSize(2);
        assertThat(h.fired("Gap")).as("the fleet rules after it still run").hasSize(1);
    }

    @Test
    void aHeartbeatWatchedByItsOwnRuleIsNotAlsoReportedByTheDefaultRule() {
        Harness h = new Harness(RulePack.parse("site.yaml", """
            rules:
              - name: BackupMissing
                kind: heartbeat
                heartbeat: nightly-backup
                max_age: 25h
                severity: page
            """, true));
        h.engine.heartbeat("nightly-backup", Duration.ofHours(25));
        h.engine.heartbeat("stats-export", Duration.ofHours(1));
        h.advance(Duration.ofHours(25).plusSeconds(1));
        h.engine.tick();
        assertThat(h.firedAll()).extracting(a -> a.rule() + " " + a.label("heartbeat"))
            .containsExactlyInAnyOrder("BackupMissing nightly-backup", "HeartbeatMissing stats-export");
    }
}
