package io.nplus.alerting.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** What the HTTP receivers share: one client, timeouts, and reading Retry-After. */
abstract class HttpTransport implements Transport {
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
        .followRedirects(HttpClient.Redirect.NEVER).build();

    protected final URI url;
    protected final Duration timeout;

    HttpTransport(URI url, Duration timeout) {
        this.url = url;
        this.timeout = timeout;
    }

    protected Result post(URI to, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(to).timeout(timeout).header("Content-Type", contentType)
            .header("User-Agent", "nplus").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return Transport.classify(r.statusCode(), r.body(), retryAfter(r.headers().firstValue("Retry-After").orElse(null)));
        } catch (HttpTimeoutException e) {
            return Result.retry(0, "no answer within " + timeout.toSeconds() + "s", null);
        } catch (IOException e) {
            return Result.retry(0, "cannot reach " + to.getHost() + ":" + port(to) + ": " + e, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.retry(0, "interrupted", null);
        }
    }

    private static int port(URI u) {
        return u.getPort() > 0 ? u.getPort() : "https".equals(u.getScheme()) ? 443 : 80;
    }

    /** Seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long s = Long.parseLong(value.trim());
            return s >= 0 ? Duration.ofSeconds(s) : null;
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(java.time.Instant.now(), at.toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
