package io.nplus.server.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Issue 9: the event ring keeps the newest, answers newest first, filters by device. */
class EventLogTest {
    static TrapEvent event(int i, String device) {
        return new TrapEvent(Instant.parse("2026-11-21T12:00:00Z").plusSeconds(i), device, "10.0.0." + i, "linkDown",
            "1.3.6.1.6.3.1.1.5.3", "warning", new TrapEvent.ComponentInfo("interface", "" + i, "eth" + i), "down",
            "link down " + i);
    }

    @Test
    void keepsTheNewestAndAnswersNewestFirst() {
        EventLog log = new EventLog(3);
        for (int i = 1; i <= 5; i++) {
            log.add(event(i, i % 2 == 0 ? "a" : "b"));
        }
        assertThat(log.recent(10, null)).extracting(TrapEvent::text).containsExactly("link down 5", "link down 4", "link down 3");
        assertThat(log.recent(2, null)).extracting(TrapEvent::text).containsExactly("link down 5", "link down 4");
        assertThat(log.recent(10, "a")).extracting(TrapEvent::text).containsExactly("link down 4");
        assertThat(log.recent(10, "c")).isEmpty();
        assertThat(log.added()).isEqualTo(5);
    }

    @Test
    void shrinkingDropsTheOldest() {
        EventLog log = new EventLog(5);
        for (int i = 1; i <= 5; i++) {
            log.add(event(i, "a"));
        }
        log.resize(2);
        assertThat(log.recent(10, null)).extracting(TrapEvent::text).containsExactly("link down 5", "link down 4");
        assertThatThrownBy(() -> log.resize(0)).hasMessageContaining("at least one");
    }
}
