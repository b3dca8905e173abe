package io.nplus.server.replay;

import io.nplus.alerting.notify.Notification;
import java.time.Duration;

/**
 * One notification as the capture receiver got it, placed on the scenario's timeline.
 *
 * @param at offset from the scenario's start
 * @param kind {@code page} (a new page), {@code notify} (a new ticket or info), {@code repeat} (the same alert
 *             told again: the receiver already has it open, so nobody is paged again) or {@code resolved}
 * @param device the alert's target, or empty (a group's or a heartbeat's alert)
 * @param group the redundancy group it is about, or empty
 * @param component the component's name (its id when it has no name), or empty
 * @param componentId the component's id, or empty
 * @param heartbeat the job a heartbeat alert is about, or empty
 */
public record Notice(Duration at, String kind, String device, String group, String component, String componentId,
                     String rule, String severity, String summary, String key, String heartbeat) {

    static Notice of(Duration at, String kind, Notification n) {
        String id = n.labels().getOrDefault("component", "");
        String name = n.labels().getOrDefault("name", "");
        return new Notice(at, kind, n.labels().getOrDefault("target", ""), n.labels().getOrDefault("group", ""),
            name.isEmpty() ? id : name, id, n.labels().getOrDefault("alertname", ""), n.severity(), n.summary(),
            n.dedupKey(), n.labels().getOrDefault("heartbeat", ""));
    }

    public boolean isPage() {
        return kind.equals("page");
    }

    /** {@code db1} or {@code group storage-uplinks}, and the component: how the timeline names what it is about. */
    public String subject() {
        String who = !device.isEmpty() ? device : !group.isEmpty() ? "group " + group
            : !heartbeat.isEmpty() ? "heartbeat " + heartbeat : "nplus";
        return who + (component.isEmpty() ? "" : " \"" + component + "\"");
    }
}
