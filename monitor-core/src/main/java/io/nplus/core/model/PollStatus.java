package io.nplus.core.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Whether a poll reached the device at all. */
public enum PollStatus {
    /** The device answered; components are as complete as the walk problems say. */
    OK,
    /** No answer to the first request within the timeout and retries. */
    UNREACHABLE,
    /** SNMPv3 authentication or privacy failed (wrong user, key, or protocol). */
    AUTH_FAILED,
    /** A local error: the request could not be sent. */
    ERROR;

    @JsonValue
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
