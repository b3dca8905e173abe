package io.nplus.snmp.walk;

/** Why a column walk (or a request) ended. {@link #word()} is the label used in metrics and JSON. */
public enum WalkEnd {
    COMPLETE("complete"),
    TIMEOUT("timeout"),
    NON_INCREASING("non_increasing_oid"),
    ROW_LIMIT("row_limit"),
    DEADLINE("deadline"),
    TOO_BIG("too_big"),
    ERROR_STATUS("error_status"),
    AUTH_FAILED("auth_failed"),
    NO_PROGRESS("no_progress"),
    SEND_FAILED("send_failed");

    private final String word;

    WalkEnd(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public boolean isProblem() {
        return this != COMPLETE;
    }
}
