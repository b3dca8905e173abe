package io.nplus.snmp.engine;

import io.nplus.snmp.session.Credentials;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A device as the engine polls it. Two targets with the same name and the same {@link #identity()} are the same
 * device across a config reload: its state (rates, backoff, learned max-repetitions) carries over.
 */
public record EngineTarget(String name, InetAddress host, int port, Credentials credentials, Duration interval,
                           Duration timeout, int retries, int maxRepetitions, Duration deadline,
                           Map<String, String> labels) {
    public EngineTarget {
        Objects.requireNonNull(name);
        Objects.requireNonNull(host);
        Objects.requireNonNull(credentials);
        labels = Map.copyOf(labels);
    }

    /** What makes it the same device: where it is and how nplus logs in (not how often). */
    public String identity() {
        return name + "|" + host.getHostAddress() + ":" + port + "|" + credentials.hashCode();
    }

    public String address() {
        String h = host.getHostAddress();
        return (h.contains(":") ? "[" + h + "]" : h) + ":" + port;
    }
}
