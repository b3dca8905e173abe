package io.nplus.alerting.notify;

import java.time.Duration;

/** Delivers a notification to one kind of receiver. Receiver errors are results, not exceptions. */
public interface Transport {
    Result send(Notification n);

    /** What kind of receiver, for messages and metrics (pagerduty, alertmanager, webhook, email). */
    String kind();

    /**
     * How the receiver answered.
     *
     * @param status the HTTP status (or SMTP reply code); 0 when nothing came back
     * @param answer what it said, shortened, for the log
     * @param retryAfter the receiver's Retry-After, or null
     */
    record Result(Outcome outcome, int status, String answer, Duration retryAfter) {
        public static Result delivered(int status, String answer) {
            return new Result(Outcome.DELIVERED, status, answer, null);
        }

        public static Result retry(int status, String answer, Duration retryAfter) {
            return new Result(Outcome.RETRY, status, answer, retryAfter);
        }

        public static Result rejected(int status, String answer) {
            return new Result(Outcome.REJECTED, status, answer, null);
        }
    }

    /** Accepted; try again later (429, 5xx, no answer); refused for good (other 4xx: a bad key, a bad payload). */
    enum Outcome { DELIVERED, RETRY, REJECTED }

    /** The HTTP convention every HTTP receiver shares. */
    static Result classify(int status, String body, Duration retryAfter) {
        String answer = body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "..." : body;
        if (status >= 200 && status < 300) {
            return Result.delivered(status, answer);
        }
        if (status == 429 || status >= 500 || status == 408) {
            return Result.retry(status, answer, retryAfter);
        }
        return Result.rejected(status, answer);
    }
}
