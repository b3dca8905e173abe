package io.nplus.core.secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret value. {@link #toString()} prints {@code <secret>}, so a secret passed to a log line, an exception
 * message or a JSON writer by mistake does not leak; only {@link #reveal()} gives the value, and only code that
 * hands it to a protocol calls it.
 *
 * <pre>{@code
 * Secret community = Secret.of("public");
 * log.info("polling with {}", community);          // polling with <secret>
 * new OctetString(community.reveal());             // the one place the value is used
 * }</pre>
 */
public final class Secret {
    public static final String REDACTED = "<secret>";

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value);
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /**
     * Reads a secret from a file: its first line, without the line end (as written by
     * {@code echo secret > file}). An empty file is an error, not an empty secret.
     */
    public static Secret fromFile(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int nl = text.indexOf('\n');
        String first = (nl >= 0 ? text.substring(0, nl) : text).replace("\r", "");
        if (first.isEmpty()) {
            throw new IOException(file + ": the secret file is empty");
        }
        return new Secret(first);
    }

    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return REDACTED;
    }

    /** Constant-time comparison, so comparing a secret never leaks how much of it matched. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
            s.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
