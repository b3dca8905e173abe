package io.nplus.snmp.poll;

import io.nplus.snmp.session.Credentials;
import io.nplus.snmp.walk.WalkLimits;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * One device to poll and how.
 *
 * @param display how the target is shown ("127.0.0.1:16161" or a configured name); never holds credentials
 * @param timeout per request try
 * @param retries extra tries per request
 * @param deadline the whole poll's budget; tables not read by then end with "deadline"
 * @param explain whether to record how each component was made (nplus poll --explain)
 * @param known what the previous poll of this device detected, or null to detect from scratch
 */
public record PollRequest(String display, InetAddress host, int port, Credentials credentials, Duration timeout,
                          int retries, Duration deadline, WalkLimits limits, boolean explain, Detection known) {
    public PollRequest(String display, InetAddress host, int port, Credentials credentials, Duration timeout,
                       int retries, Duration deadline, WalkLimits limits, boolean explain) {
        this(display, host, port, credentials, timeout, retries, deadline, limits, explain, null);
    }

    public PollRequest {
        Objects.requireNonNull(display);
        Objects.requireNonNull(host);
        Objects.requireNonNull(credentials);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 1..65535");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive");
        }
        if (retries < 0) {
            throw new IllegalArgumentException("retries cannot be negative");
        }
    }
}
