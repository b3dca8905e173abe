package io.nplus.snmp.trap;

import java.util.Locale;

/** Why a datagram sent to the trap port did not become an event; the {@code reason} label of nplus_traps_dropped_total. */
public enum DropReason {
    /** The source address is neither a target's nor in the config's extra allowed sources. */
    UNKNOWN_SOURCE,
    /** v1/v2c from an allowed source, with a community that source is not allowed to use. */
    BAD_COMMUNITY,
    /** v3 with a user name the receiver does not know, or one the source is not allowed to use. */
    UNKNOWN_USER,
    /** v3 with a wrong digest, a failed decryption, or a lower security level than the user is configured for. */
    BAD_AUTH,
    /** Not SNMP, truncated, or a notification without snmpTrapOID.0. */
    MALFORMED,
    /** A request or response sent to the trap port: only notifications are received there. */
    NOT_A_NOTIFICATION,
    /** The source sent more than its rate limit allows (dropped before decoding). */
    RATE_LIMITED,
    /** The queue to the processing thread was full (an inform is then not acknowledged, so the sender retries). */
    QUEUE_FULL;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
