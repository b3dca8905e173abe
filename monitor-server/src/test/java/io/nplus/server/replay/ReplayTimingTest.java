package io.nplus.server.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.snmp.lab.scenario.Scenario;
import io.nplus.snmp.lab.scenario.ScenarioLoader;
import io.nplus.snmp.lab.scenario.WalkSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 8: a day of polling of the built-in lab on a virtual clock. How long it takes is printed, not asserted
 * (shared machines are noisy); what is asserted is that every poll of the day ran.
 */
class ReplayTimingTest {
    @Test
    void aDayOfPollingThreeDevicesReplaysOnAVirtualClock() throws Exception {
        Scenario day = ScenarioLoader.parse("quiet-day.yaml", """
            name: quiet-day
            interval: 60s
            duration: 24h
            devices:
              - {name: raid-server, walk: drac_idrac7}
              - {name: core-switch, walk: junos_mx5t-isis}
              - {name: linux-host, walk: bison}
            """, WalkSource.NONE, BuiltInScenarios.WALKS);
        ReplayResult r = ReplayRunner.run(day, true, ReplayRunner.Listener.NONE);
        System.out.printf("replay timing: 24h of 3 devices polled every 60s on a virtual clock: %d polls in %.1f s"
            + " of real time (%.2f ms per poll), %d notifications%n", r.polls(), r.wall().toMillis() / 1000.0,
            r.wall().toMillis() / (double) r.polls(), r.notices().size());
        assertThat(r.polls()).isBetween(3L * 1440 - 3, 3L * 1440 + 3);
        assertThat(r.wall()).isLessThan(Duration.ofMinutes(10)); // a bound against a hang, not a benchmark
    }
}
