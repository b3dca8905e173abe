package io.nplus.server.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.server.cli.NplusRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 8: {@code nplus lab --scenario} plays a scenario in real time and stops at its end. */
class LabScenarioCommandTest {
    @Test
    void playsEachEventAsItIsAppliedAndStopsAtTheEnd(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("short.yaml");
        Files.writeString(file, """
            name: short
            duration: 2s
            devices:
              - {name: db1, walk: drac_idrac7}
            events:
              - {at: 0, device: db1, silence: 1s, note: starts silent}
              - {at: 1s, device: db1, set: {1.3.6.1.4.1.674.10892.5.5.1.20.130.4.1.4.3: 7}, note: disk fails}
            """);
        NplusRun run = NplusRun.of("lab", "--listen", "127.0.0.1:0", "--scenario", file.toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("scenario short: 2s, stops at its end")
            .contains("+0m00s     db1 silent for 1s  (starts silent)")
            .contains("+0m01s     db1 set 1.3.6.1.4.1.674.10892.5.5.1.20.130.4.1.4.3 = 7  (disk fails)")
            .contains("scenario short over after 2s");
        assertThat(run.exit()).isZero();
    }

    @Test
    void aScenarioAndWalksTogetherAreRefused() {
        NplusRun run = NplusRun.of("lab", "--listen", "127.0.0.1:0", "--scenario", "demo", "--walks", "x");
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("give --walks DIR (recordings), --scenario FILE or --synthetic-fleet N");
    }
}
