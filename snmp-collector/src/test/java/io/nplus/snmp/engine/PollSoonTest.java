package io.nplus.snmp.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 9: a trap asks for a poll now; many traps share one poll, and the regular schedule stays as it was. */
class PollSoonTest {
    @Test
    void manyRequestsShareOnePollAndTheRegularSlotStillComes() {
        PollEngineTest.Sim sim = new PollEngineTest.Sim(new PollEngine.Options(10, 0.0, Duration.ofMinutes(10), 7));
        sim.engine.setTargets(List.of(PollEngineTest.target("a", Duration.ofSeconds(60))));
        while (!sim.started.containsKey("a")) {
            sim.runFor(Duration.ofMillis(100));
        }
        Instant first = sim.started.get("a").get(0);
        sim.runFor(Duration.ofSeconds(10));
        Instant trap = sim.clock.instant();
        for (int i = 0; i < 5; i++) {
            assertThat(sim.engine.pollSoon("a", Duration.ofSeconds(5))).isTrue();
        }
        sim.runFor(Duration.ofMillis(100));
        assertThat(sim.started.get("a")).containsExactly(first, trap);

        sim.engine.pollSoon("a", Duration.ofSeconds(5)); // right after: waits for the gap, then one poll
        sim.engine.pollSoon("a", Duration.ofSeconds(5));
        sim.runFor(Duration.ofSeconds(4));
        assertThat(sim.started.get("a")).hasSize(2);
        sim.runFor(Duration.ofSeconds(2));
        assertThat(sim.started.get("a")).hasSize(3);
        assertThat(Duration.between(trap, sim.started.get("a").get(2))).isEqualTo(Duration.ofSeconds(5));

        sim.runFor(Duration.between(sim.clock.instant(), first.plusSeconds(121)));
        assertThat(sim.started.get("a")).hasSize(5).contains(first.plusSeconds(60), first.plusSeconds(120));
    }

    @Test
    void aRequestWhileThePollRunsAddsOneMorePollAfterIt() {
        io.nplus.core.time.VirtualClock clock = new io.nplus.core.time.VirtualClock(PollEngineTest.T0);
        List<io.nplus.snmp.poll.PollRequest> requests = new java.util.ArrayList<>();
        List<java.util.concurrent.CompletableFuture<io.nplus.snmp.poll.PollResult>> running = new java.util.ArrayList<>();
        PollEngine engine = new PollEngine(r -> {
            requests.add(r);
            java.util.concurrent.CompletableFuture<io.nplus.snmp.poll.PollResult> f = new java.util.concurrent.CompletableFuture<>();
            running.add(f);
            return f;
        }, clock, new PollEngine.Options(10, 0.0, Duration.ofMinutes(10), 7), o -> { });
        engine.setTargets(List.of(PollEngineTest.target("a", Duration.ofSeconds(60))));
        engine.pollSoon("a", Duration.ofSeconds(5));
        engine.dispatchDue();
        assertThat(running).hasSize(1);
        engine.pollSoon("a", Duration.ofSeconds(5)); // the trap came while the tables were being read
        engine.pollSoon("a", Duration.ofSeconds(5));
        clock.advance(Duration.ofSeconds(1));
        running.get(0).complete(PollEngineTest.result(requests.get(0), io.nplus.core.model.PollStatus.OK, clock.instant()));
        engine.dispatchDue();
        assertThat(running).hasSize(1); // not before the gap
        clock.advance(Duration.ofSeconds(4));
        engine.dispatchDue();
        assertThat(running).hasSize(2);
        running.get(1).complete(PollEngineTest.result(requests.get(1), io.nplus.core.model.PollStatus.OK, clock.instant()));
        clock.advance(Duration.ofSeconds(10));
        engine.dispatchDue();
        assertThat(running).hasSize(2); // and no more
    }

    @Test
    void anUnknownTargetIsRefused() {
        PollEngineTest.Sim sim = new PollEngineTest.Sim(new PollEngine.Options(10, 0.0, Duration.ofMinutes(10), 7));
        assertThat(sim.engine.pollSoon("nobody", Duration.ofSeconds(5))).isFalse();
    }
}
