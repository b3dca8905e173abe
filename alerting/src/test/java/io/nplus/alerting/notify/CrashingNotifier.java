package io.nplus.alerting.notify;

import io.nplus.alerting.engine.AlertEngine;
import io.nplus.alerting.engine.Silences;
import io.nplus.alerting.model.Observation;
import io.nplus.alerting.rules.RulePack;
import io.nplus.core.secret.Secret;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.ComponentKind;
import io.nplus.mibs.vocab.Health;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The child process of {@link OutboxCrashTest}: raises one alert, hands it to the notifier for a receiver that
 * holds the request without answering, says QUEUED once it is in the outbox, and waits to be killed.
 */
public final class CrashingNotifier {
    private CrashingNotifier() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        URI pd = URI.create(args[1]);
        Outbox outbox = Outbox.open(dir);
        AlertEngine engine = new AlertEngine(Clock.systemUTC(), RulePack.parse("r.yaml", NotifierTest.RULES, false),
            AlertEngine.Persistence.NONE);
        engine.setFleet(Map.of("db1", Duration.ofMinutes(1)), List.of());
        NotifyConfig cfg = new NotifyConfig(Map.of("oncall", new NotifyConfig.Receiver("oncall",
            new PagerDutyTransport(pd, Secret.of("k"), Duration.ofSeconds(60)), 120, null)),
            List.of(new NotifyConfig.Route(Map.of(), "oncall", false, List.of(), Duration.ZERO, Duration.ofHours(4))), null);
        Notifier n = new Notifier(Clock.systemUTC(), cfg, outbox, engine, new Silences(Clock.systemUTC(), List.of(), s -> { }),
            Notifier.Options.defaults());
        Component vd = Component.builder(ComponentKind.VIRTUAL_DRIVE, "vd.0").name("Virtual Disk 0").health(Health.DEGRADED)
            .state("degraded").profile("megaraid").build();
        engine.observe(new Observation("db1", Instant.now(), true, "", List.of(vd), Map.of(), false, Duration.ofMinutes(1),
            Map.of()));
        n.reconcile();
        System.out.println("QUEUED");
        System.out.flush();
        n.start();
        Thread.sleep(Long.MAX_VALUE);
    }
}
