package io.nplus.alerting.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nplus.core.secret.Secret;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A generic webhook: the notification as JSON, and with a secret an
 * {@code X-Nplus-Signature-256: sha256=<hex HMAC-SHA256 of the body>} header the receiver can check.
 */
public final class WebhookTransport extends HttpTransport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Secret hmacSecret;

    public WebhookTransport(URI url, Secret hmacSecret, Duration timeout) {
        super(url, timeout);
        this.hmacSecret = hmacSecret;
    }

    @Override
    public String kind() {
        return "webhook";
    }

    @Override
    public Result send(Notification n) {
        byte[] body = body(n).getBytes(StandardCharsets.UTF_8);
        if (hmacSecret == null) {
            return post(url, "application/json", body);
        }
        return post(url, "application/json", body, "X-Nplus-Signature-256", "sha256=" + sign(hmacSecret, body));
    }

    static String sign(Secret secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    static String body(Notification n) {
        ObjectNode o = JSON.createObjectNode();
        o.put("version", "1");
        o.put("status", n.resolved() ? "resolved" : "firing");
        o.put("dedup_key", n.dedupKey());
        o.put("severity", n.severity());
        o.put("summary", n.summary());
        o.put("source", n.source());
        o.put("starts_at", n.startsAt().toString());
        if (n.endsAt() != null) {
            o.put("ends_at", n.endsAt().toString());
        }
        if (n.test()) {
            o.put("test", true);
        }
        map(o.putObject("labels"), n.labels());
        map(o.putObject("annotations"), n.annotations());
        ArrayNode alerts = o.putArray("alerts");
        for (Notification.Member m : n.alerts()) {
            ObjectNode a = alerts.addObject();
            a.put("key", m.key());
            a.put("state", m.state());
            a.put("summary", m.summary());
            map(a.putObject("labels"), m.labels());
            map(a.putObject("annotations"), m.annotations());
            a.put("starts_at", m.startsAt().toString());
            if (m.endsAt() != null) {
                a.put("ends_at", m.endsAt().toString());
            }
            if (m.value() != null) {
                a.put("value", m.value());
            }
        }
        return o.toString();
    }

    private static void map(ObjectNode o, Map<String, String> m) {
        m.forEach(o::put);
    }

    @Override
    public String toString() {
        return "webhook " + url + (hmacSecret == null ? "" : " (signed)");
    }
}
