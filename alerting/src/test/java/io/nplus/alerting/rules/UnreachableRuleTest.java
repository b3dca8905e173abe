package io.nplus.alerting.rules;

import static io.nplus.alerting.engine.Harness.MINUTE;
import static io.nplus.alerting.engine.Harness.drive;
import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.alerting.engine.AlertEngine;
import io.nplus.alerting.engine.Harness;
import io.nplus.alerting.model.AlertState;
import io.nplus.mibs.vocab.Health;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class UnreachableRuleTest {
    @Test
    void pagesAfterForAndHoldsBackThatTargetsComponentAlertsOnly() {
        Harness h = Harness.builtIn().targets("srv", "other");
        h.observe("srv", drive("1", Health.FAILED, "failed"));
        h.observe("other", drive("1", Health.FAILED, "failed"));
        assertThat(h.fired("StorageRedundancyLost")).hasSize(2);

        h.advance(MINUTE);
        var down = h.now();
        for (int i = 0; i < 3; i++) {
            h.poll("srv").unreachable("timeout after 3 retries").observe();
            h.observe("other", drive("1", Health.FAILED, "failed"));
            assertThat(h.state("TargetUnreachable")).isEqualTo(AlertState.PENDING);
            assertThat(h.engine.alerts()).noneMatch(AlertEngine.View::inhibited);
            h.advance(MINUTE);
        }
        h.poll("srv").unreachable("timeout after 3 retries").observe();
        assertThat(h.fired("TargetUnreachable")).singleElement().satisfies(a -> {
            assertThat(a.key()).isEqualTo("nplus:TargetUnreachable:srv");
            assertThat(a.activeAt()).isEqualTo(down);
            assertThat(a.summary()).isEqualTo("srv does not answer: timeout after 3 retries");
        });
        Map<String, String> inhibited = h.engine.alerts().stream()
            .collect(Collectors.toMap(v -> v.alert().key(), AlertEngine.View::inhibitedBy));
        assertThat(inhibited).containsEntry("nplus:StorageRedundancyLost:srv:physical_drive/1", "nplus:TargetUnreachable:srv")
            .containsEntry("nplus:StorageRedundancyLost:other:physical_drive/1", "")
            .containsEntry("nplus:TargetUnreachable:srv", "");
        assertThat(h.state("TargetUnreachable")).isEqualTo(AlertState.FIRING);
        // The component alert is neither resolved nor re-fired while the device is silent.
        assertThat(h.engine.get("nplus:StorageRedundancyLost:srv:physical_drive/1").state()).isEqualTo(AlertState.FIRING);

        h.advance(MINUTE);
        h.observe("srv", drive("1", Health.FAILED, "failed"));
        assertThat(h.resolved("TargetUnreachable")).hasSize(1);
        assertThat(h.engine.alerts()).noneMatch(AlertEngine.View::inhibited);
        assertThat(h.fired("StorageRedundancyLost")).hasSize(2);
        assertThat(h.resolved("StorageRedundancyLost")).isEmpty();
    }

    @Test
    void aShortOutageShorterThanForIsForgotten() {
        Harness h = Harness.builtIn().targets("srv");
        h.observe("srv", drive("1", Health.OK, "online"));
        h.advance(MINUTE);
        h.poll("srv").unreachable("timeout").observe();
        h.advance(MINUTE);
        h.observe("srv", drive("1", Health.OK, "online"));
        assertThat(h.engine.alerts()).isEmpty();
        assertThat(h.transitions).isEmpty();
    }

    @Test
    void componentAlertsRaisedBeforeTheOutageResolveOnlyOnceTheDeviceAnswersHealthy() {
        Harness h = Harness.builtIn().targets("srv");
        h.observe("srv", drive("1", Health.FAILED, "failed"));
        for (int i = 0; i < 10; i++) {
            h.advance(MINUTE);
            h.poll("srv").unreachable("timeout").observe();
        }
        assertThat(h.resolved("StorageRedundancyLost")).isEmpty();
        h.everyMinuteFor(Duration.ofMinutes(61), () -> h.observe("srv", drive("1", Health.OK, "online")));
        assertThat(h.resolved("StorageRedundancyLost")).as("an hour after the drive was last seen failed").hasSize(1);
    }
}
