package io.nplus.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.alerting.engine.AlertEngine;
import io.nplus.alerting.engine.Silences;
import io.nplus.alerting.rules.RulePack;
import io.nplus.core.secret.Secret;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7: kill -9 while a page is in flight (the receiver holds the request), restart: the page is delivered,
 * once: the receiver sees the same dedup key, so it is one incident.
 */
class OutboxCrashTest {
    @TempDir
    Path dir;

    @Test
    void aPageInFlightWhenKilledIsDeliveredAfterTheRestart() throws Exception {
        try (FakeReceiver pd = new FakeReceiver()) {
            pd.script.add(new FakeReceiver.Answer(202, "{}", null, 60_000)); // the first request hangs
            Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), CrashingNotifier.class.getName(), dir.toString(),
                pd.url().toString()).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()));
            assertThat(out.readLine()).isEqualTo("QUEUED");
            NotifierTest.await("the request in flight", () -> pd.snapshot().size() == 1);
            new ProcessBuilder("kill", "-9", Long.toString(child.pid())).start().waitFor(10, TimeUnit.SECONDS);
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();

            // Restart: a notifier on the same data directory, no alert evaluated yet, the receiver answering now.
            pd.script.clear();
            try (Outbox outbox = Outbox.open(dir)) {
                assertThat(outbox.size()).as("the page survived the kill in the outbox").isEqualTo(1);
                AlertEngine engine = new AlertEngine(Clock.systemUTC(), RulePack.parse("r.yaml", NotifierTest.RULES, false),
                    AlertEngine.Persistence.NONE);
                NotifyConfig cfg = new NotifyConfig(Map.of("oncall", new NotifyConfig.Receiver("oncall",
                    new PagerDutyTransport(pd.url(), Secret.of("k"), Duration.ofSeconds(5)), 120, null)), List.of(), null);
                Notifier n = new Notifier(Clock.systemUTC(), cfg, outbox, engine, new Silences(Clock.systemUTC(), List.of(),
                    s -> { }), new Notifier.Options(Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofSeconds(1),
                    Duration.ofMillis(20)));
                n.start();
                NotifierTest.await("the delivery after the restart", () -> {
                    try {
                        return outbox.size() == 0;
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                Thread.sleep(300);
                n.close();
                List<FakeReceiver.Request> r = pd.snapshot();
                assertThat(r).hasSize(2).allSatisfy(x -> {
                    assertThat(x.body().get("event_action").asText()).isEqualTo("trigger");
                    assertThat(x.body().get("dedup_key").asText()).isEqualTo("nplus:ArrayDegraded:db1:virtual_drive/vd.0");
                });
                assertThat(outbox.sent()).containsKey(List.of("oncall", "nplus:ArrayDegraded:db1:virtual_drive/vd.0"));
            }
        }
    }
}
