package io.nplus.server.replay;

import io.nplus.alerting.notify.Notification;
import io.nplus.alerting.notify.Transport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A receiver that accepts everything and remembers it, the way an on-call pager would see it: a trigger for an alert
 * it already has open is a repeat, not a new page (PagerDuty de-duplicates by key the same way).
 */
final class CaptureTransport implements Transport {
    private final Clock clock;
    private final Instant start;
    private final Consumer<Notice> listener;
    private final List<Notice> notices = new ArrayList<>();
    private final Map<String, Notice> open = new HashMap<>();

    CaptureTransport(Clock clock, Instant start, Consumer<Notice> listener) {
        this.clock = clock;
        this.start = start;
        this.listener = listener;
    }

    @Override
    public Result send(Notification n) {
        Duration at = Duration.between(start, clock.instant());
        Notice notice;
        synchronized (this) {
            if (n.resolved()) {
                Notice trigger = open.remove(n.dedupKey());
                notice = Notice.of(at, "resolved", n);
                if (trigger != null && n.labels().isEmpty()) {
                    // A resolve for an alert nplus has forgotten carries only its key: name it as its trigger did.
                    notice = new Notice(at, "resolved", trigger.device(), trigger.group(), trigger.component(),
                        trigger.componentId(), trigger.rule(), trigger.severity(), trigger.summary(), trigger.key(),
                        trigger.heartbeat());
                }
            } else if (open.containsKey(n.dedupKey())) {
                notice = Notice.of(at, "repeat", n);
            } else {
                notice = Notice.of(at, n.severity().equals("page") ? "page" : "notify", n);
                open.put(n.dedupKey(), notice);
            }
            notices.add(notice);
        }
        listener.accept(notice);
        return Result.delivered(202, "captured");
    }

    @Override
    public String kind() {
        return "capture";
    }

    synchronized List<Notice> notices() {
        return List.copyOf(notices);
    }
}
