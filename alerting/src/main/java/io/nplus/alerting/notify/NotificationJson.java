package io.nplus.alerting.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A notification as the outbox keeps it. */
final class NotificationJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NotificationJson() {
    }

    static String write(Notification n) {
        ObjectNode o = JSON.createObjectNode();
        o.put("dedup_key", n.dedupKey());
        o.put("resolved", n.resolved());
        o.put("severity", n.severity());
        o.put("summary", n.summary());
        o.put("source", n.source());
        o.set("labels", JSON.valueToTree(n.labels()));
        o.set("annotations", JSON.valueToTree(n.annotations()));
        o.put("starts_at", n.startsAt().toString());
        o.put("ends_at", n.endsAt() == null ? null : n.endsAt().toString());
        o.put("test", n.test());
        ArrayNode arr = o.putArray("alerts");
        for (Notification.Member m : n.alerts()) {
            ObjectNode a = arr.addObject();
            a.put("key", m.key());
            a.put("state", m.state());
            a.put("summary", m.summary());
            a.set("labels", JSON.valueToTree(m.labels()));
            a.set("annotations", JSON.valueToTree(m.annotations()));
            a.put("starts_at", m.startsAt().toString());
            a.put("ends_at", m.endsAt() == null ? null : m.endsAt().toString());
            if (m.value() != null) {
                a.put("value", m.value());
            }
        }
        return o.toString();
    }

    static Notification read(String text) {
        try {
            JsonNode o = JSON.readTree(text);
            List<Notification.Member> members = new ArrayList<>();
            for (JsonNode a : o.path("alerts")) {
                members.add(new Notification.Member(a.get("key").asText(), a.get("state").asText(), a.get("summary").asText(),
                    map(a.get("labels")), map(a.get("annotations")), Instant.parse(a.get("starts_at").asText()),
                    time(a.get("ends_at")), a.hasNonNull("value") ? a.get("value").asDouble() : null));
            }
            return new Notification(o.get("dedup_key").asText(), o.get("resolved").asBoolean(), o.get("severity").asText(),
                o.get("summary").asText(), o.get("source").asText(), map(o.get("labels")), map(o.get("annotations")),
                Instant.parse(o.get("starts_at").asText()), time(o.get("ends_at")), members, o.path("test").asBoolean());
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("an outbox entry cannot be read: " + e.getMessage(), e);
        }
    }

    private static Instant time(JsonNode n) {
        return n == null || n.isNull() ? null : Instant.parse(n.asText());
    }

    private static Map<String, String> map(JsonNode n) {
        Map<String, String> out = new LinkedHashMap<>();
        if (n != null) {
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                out.put(e.getKey(), e.getValue().asText());
            }
        }
        return out;
    }
}
