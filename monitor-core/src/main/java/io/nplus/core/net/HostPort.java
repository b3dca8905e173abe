package io.nplus.core.net;

/**
 * {@code host}, {@code host:port}, {@code [v6]:port} or a bare IPv6 address, with a default port. The host is
 * kept as written; resolving it is the caller's business.
 */
public record HostPort(String host, int port) {
    public HostPort {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("missing host");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 1..65535");
        }
    }

    /** An address to listen on: as {@link #parse}, and port 0 asks for any free port. */
    public static HostPort parseListen(String text, int defaultPort) {
        HostPort hp = parse(text.replaceAll(":0$", ":65535"), defaultPort);
        return text.trim().endsWith(":0") ? new HostPort(hp.host(), 0) : hp;
    }

    public static HostPort parse(String text, int defaultPort) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("missing address; write host or host:port");
        }
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + text + "': missing ']' after the IPv6 address");
            }
            String host = t.substring(1, close);
            String rest = t.substring(close + 1);
            if (rest.isEmpty()) {
                return new HostPort(host, defaultPort);
            }
            if (!rest.startsWith(":")) {
                throw new IllegalArgumentException("'" + text + "': expected :port after ']'");
            }
            return new HostPort(host, port(rest.substring(1), text));
        }
        int colon = t.lastIndexOf(':');
        if (colon < 0) {
            return new HostPort(t, defaultPort);
        }
        if (t.indexOf(':') != colon) {
            return new HostPort(t, defaultPort); // a bare IPv6 address
        }
        return new HostPort(t.substring(0, colon), port(t.substring(colon + 1), text));
    }

    private static int port(String p, String text) {
        try {
            int port = Integer.parseInt(p);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("'" + text + "': port " + p + " is outside 1..65535");
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "': '" + p + "' is not a port number");
        }
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
