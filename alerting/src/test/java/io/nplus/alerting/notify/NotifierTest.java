package io.nplus.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.alerting.engine.AlertEngine;
import io.nplus.alerting.engine.Silences;
import io.nplus.alerting.model.Observation;
import io.nplus.alerting.rules.RulePack;
import io.nplus.core.secret.Secret;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.ComponentKind;
import io.nplus.mibs.vocab.Health;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7: against a local server that answers like PagerDuty: every change is delivered once, retried on 429,
 * 5xx and hangs (Retry-After honoured), dropped on 400, rate limited, collapsed to the latest state, held back
 * while silenced, and grouped when the route says so.
 */
class NotifierTest {
    static final String RULES = """
        rules:
          - {name: ArrayDegraded, kind: health, select: {kinds: [virtual_drive]}, at_least: degraded, severity: page,
             summary: "{target}: {name} is {health}"}
        """;
    static final Secret KEY = Secret.of("pd-routing-key-canary-7f3a");

    @TempDir
    Path dir;
    FakeReceiver pd;
    Outbox outbox;
    AlertEngine engine;
    Silences silences;
    Notifier notifier;
    final List<Notifier.Delivery> deliveries = new CopyOnWriteArrayList<>();

    void start(NotifyConfig.Route route, int perMinute) throws Exception {
        pd = new FakeReceiver();
        outbox = Outbox.open(dir);
        engine = new AlertEngine(Clock.systemUTC(), RulePack.parse("test.yaml", RULES, false), AlertEngine.Persistence.NONE);
        engine.setFleet(Map.of("db1", Duration.ofMinutes(1), "db2", Duration.ofMinutes(1)), List.of());
        silences = new Silences(Clock.systemUTC(), List.of(), s -> { });
        NotifyConfig cfg = new NotifyConfig(Map.of("oncall", new NotifyConfig.Receiver("oncall",
            new PagerDutyTransport(pd.url(), KEY, Duration.ofMillis(700)), perMinute, null)), List.of(route), null);
        notifier = new Notifier(Clock.systemUTC(), cfg, outbox, engine, silences, new Notifier.Options(Duration.ofMillis(50),
            Duration.ofSeconds(1), Duration.ofMillis(300), Duration.ofMillis(20)));
        notifier.onDelivery(deliveries::add);
        notifier.start();
    }

    static NotifyConfig.Route everything() {
        return new NotifyConfig.Route(Map.of(), "oncall", false, List.of(), Duration.ZERO, Duration.ofHours(4));
    }

    @AfterEach
    void stop() {
        if (notifier != null) {
            notifier.close();
        }
        if (outbox != null) {
            outbox.close();
        }
        if (pd != null) {
            pd.close();
        }
    }

    void observe(String target, Health health) throws Exception {
        Component vd = Component.builder(ComponentKind.VIRTUAL_DRIVE, "vd.0").name("Virtual Disk 0").health(health)
            .state(health == Health.OK ? "optimal" : "degraded").profile("megaraid").build();
        engine.observe(new Observation(target, Instant.now(), true, "", List.of(vd), Map.of(), false, Duration.ofMinutes(1),
            Map.of("site", "fra1")));
        notifier.reconcile();
    }

    static void await(String what, BooleanSupplier done) throws InterruptedException {
        long until = System.nanoTime() + 15_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void triggerAndResolveCarryTheDedupKeyAndWhatBroke() throws Exception {
        start(everything(), 120);
        observe("db1", Health.DEGRADED);
        await("the trigger", () -> pd.snapshot().size() == 1);
        var trigger = pd.snapshot().get(0).body();
        assertThat(trigger.get("event_action").asText()).isEqualTo("trigger");
        assertThat(trigger.get("routing_key").asText()).isEqualTo(KEY.reveal());
        assertThat(trigger.get("dedup_key").asText()).isEqualTo("nplus:ArrayDegraded:db1:virtual_drive/vd.0");
        assertThat(trigger.at("/payload/summary").asText()).isEqualTo("db1: Virtual Disk 0 is degraded");
        assertThat(trigger.at("/payload/severity").asText()).isEqualTo("critical");
        assertThat(trigger.at("/payload/source").asText()).isEqualTo("db1");
        assertThat(trigger.at("/payload/component").asText()).isEqualTo("Virtual Disk 0");
        assertThat(trigger.at("/payload/custom_details/site").asText()).isEqualTo("fra1");
        // Polled again, still degraded: nothing new to say.
        observe("db1", Health.DEGRADED);
        Thread.sleep(200);
        assertThat(pd.snapshot()).hasSize(1);
        observe("db1", Health.OK);
        await("the resolve", () -> pd.snapshot().size() == 2);
        var resolve = pd.snapshot().get(1).body();
        assertThat(resolve.get("event_action").asText()).isEqualTo("resolve");
        assertThat(resolve.get("dedup_key").asText()).isEqualTo(trigger.get("dedup_key").asText());
        assertThat(resolve.has("payload")).isFalse();
        assertThat(outbox.size()).isZero();
        // What was delivered never names the key.
        assertThat(deliveries).allSatisfy(d -> assertThat(d.answer()).doesNotContain(KEY.reveal()));
        assertThat(notifier.toString() + notifier.config().receivers().toString()).doesNotContain(KEY.reveal());
    }

    @Test
    void serverErrorsThrottlingAndHangsAreRetriedUntilDeliveredOnce() throws Exception {
        start(everything(), 120);
        pd.script.add(new FakeReceiver.Answer(500, "{\"status\":\"error\"}", null, 0));
        pd.script.add(new FakeReceiver.Answer(429, "{\"status\":\"throttled\"}", "1", 0));
        pd.script.add(new FakeReceiver.Answer(503, "", null, 2000)); // holds longer than the 700 ms timeout
        pd.script.add(new FakeReceiver.Answer(429, "{\"status\":\"throttled\"}", null, 0));
        observe("db1", Health.DEGRADED);
        await("delivery after four failures", () -> deliveries.stream().anyMatch(d -> d.outcome() == Transport.Outcome.DELIVERED));
        List<FakeReceiver.Request> r = pd.snapshot();
        assertThat(r).hasSize(5).allSatisfy(x -> assertThat(x.body().get("dedup_key").asText())
            .isEqualTo("nplus:ArrayDegraded:db1:virtual_drive/vd.0"));
        // Retry-After: 1 was honoured: the attempt after it came at least a second later.
        assertThat((r.get(2).atNanos() - r.get(1).atNanos()) / 1e9).isGreaterThanOrEqualTo(0.95);
        // A 429 without Retry-After waits the throttled backoff (300 ms here, 30 s in production), not the short one.
        assertThat((r.get(4).atNanos() - r.get(3).atNanos()) / 1e9).isGreaterThanOrEqualTo(0.2);
        assertThat(deliveries).extracting(Notifier.Delivery::outcome).containsExactly(Transport.Outcome.RETRY,
            Transport.Outcome.RETRY, Transport.Outcome.RETRY, Transport.Outcome.RETRY, Transport.Outcome.DELIVERED);
        assertThat(deliveries.get(2).answer()).contains("no answer within");
        assertThat(notifier.retryCounts()).containsEntry("oncall", 4L);
        Thread.sleep(300);
        assertThat(pd.snapshot()).as("nothing sent twice once accepted").hasSize(5);
    }

    @Test
    void aRejectedEventIsNotRetriedAndIsCounted() throws Exception {
        start(everything(), 120);
        pd.script.add(new FakeReceiver.Answer(400, "{\"status\":\"invalid event\",\"errors\":[\"routing_key is invalid\"]}", null, 0));
        observe("db1", Health.DEGRADED);
        await("the rejection", () -> !deliveries.isEmpty());
        Thread.sleep(300);
        assertThat(pd.snapshot()).hasSize(1);
        assertThat(deliveries.get(0).outcome()).isEqualTo(Transport.Outcome.REJECTED);
        assertThat(deliveries.get(0).answer()).contains("routing_key is invalid");
        assertThat(notifier.failedCounts()).containsEntry(List.of("oncall", "http_400"), 1L);
        assertThat(outbox.size()).isZero();
    }

    @Test
    void theRateLimitSpacesABurst() throws Exception {
        start(everything(), 60); // one a second, bursts of ten
        for (int i = 0; i < 12; i++) {
            Component vd = Component.builder(ComponentKind.VIRTUAL_DRIVE, "vd." + i).name("VD " + i).health(Health.DEGRADED)
                .state("degraded").profile("megaraid").build();
            engine.observe(new Observation("db" + i, Instant.now(), true, "", List.of(vd), Map.of(), false,
                Duration.ofMinutes(1), Map.of()));
        }
        notifier.reconcile();
        await("twelve triggers", () -> pd.snapshot().size() == 12);
        List<FakeReceiver.Request> r = pd.snapshot();
        double burst = (r.get(9).atNanos() - r.get(0).atNanos()) / 1e9;
        double rest = (r.get(11).atNanos() - r.get(0).atNanos()) / 1e9;
        assertThat(burst).isLessThan(1.0);
        assertThat(rest).isGreaterThanOrEqualTo(1.5); // the 11th and 12th waited for tokens
    }

    @Test
    void aTriggerNotYetDeliveredIsReplacedByItsResolve() throws Exception {
        start(everything(), 120);
        pd.script.add(new FakeReceiver.Answer(503, "", null, 0));
        observe("db1", Health.DEGRADED);
        await("the first attempt", () -> pd.snapshot().size() == 1);
        observe("db1", Health.OK); // resolved while the trigger waits for its retry
        await("the resolve", () -> deliveries.stream().anyMatch(d -> d.outcome() == Transport.Outcome.DELIVERED));
        Thread.sleep(300);
        List<FakeReceiver.Request> r = pd.snapshot();
        assertThat(r).extracting(x -> x.body().get("event_action").asText()).containsExactly("trigger", "resolve");
        assertThat(outbox.size()).isZero();
    }

    @Test
    void aSilencedAlertIsHeldBackUntilTheSilenceEnds() throws Exception {
        start(everything(), 120);
        var s = silences.add(Map.of("target", "db1"), Instant.now().minusSeconds(1), Instant.now().plusSeconds(3600),
            "disk swap", "test");
        observe("db1", Health.DEGRADED);
        Thread.sleep(300);
        assertThat(pd.snapshot()).isEmpty();
        silences.expire(s.id());
        notifier.reconcile();
        await("the trigger after the silence", () -> pd.snapshot().size() == 1);
    }

    @Test
    void aGroupIsOneNotificationThatGrowsAndResolvesAsOne() throws Exception {
        start(new NotifyConfig.Route(Map.of("severity", Pattern.compile("page")), "oncall", false, List.of("site"),
            Duration.ZERO, Duration.ofHours(4)), 120);
        observe("db1", Health.DEGRADED);
        observe("db2", Health.DEGRADED);
        await("one group trigger", () -> !pd.snapshot().isEmpty());
        Thread.sleep(300);
        List<FakeReceiver.Request> r = pd.snapshot();
        assertThat(r.get(r.size() - 1).body().at("/payload/summary").asText()).startsWith("2 alerts: ");
        String key = r.get(0).body().get("dedup_key").asText();
        assertThat(key).isEqualTo("nplus:group:0:fra1");
        observe("db1", Health.OK);
        observe("db2", Health.OK);
        await("the group resolve", () -> pd.snapshot().stream().anyMatch(x -> x.body().get("event_action").asText()
            .equals("resolve")));
        List<String> actions = new ArrayList<>();
        for (FakeReceiver.Request x : pd.snapshot()) {
            assertThat(x.body().get("dedup_key").asText()).isEqualTo(key);
            actions.add(x.body().get("event_action").asText());
        }
        assertThat(actions.get(actions.size() - 1)).isEqualTo("resolve");
        assertThat(actions).filteredOn("resolve"::equals).hasSize(1);
    }
}
