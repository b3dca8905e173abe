package io.nplus.alerting.notify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A scripted SMTP server on 127.0.0.1 for what GreenMail cannot do: STARTTLS, and chosen 4xx/5xx replies. It
 * writes down every command it reads, marked {@code [tls]} once the connection is encrypted.
 */
final class FakeSmtpServer implements AutoCloseable {
    private final ServerSocket server;
    private final SSLContext starttls;
    private final String greeting;
    private final Function<String, String> rcptReply;
    private final boolean silent;
    private final List<String> transcript = new CopyOnWriteArrayList<>();
    private final List<String> data = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile String ehloExtra = "";

    /**
     * @param starttls offer STARTTLS and answer it with this server context; null: no STARTTLS
     * @param greeting the first line, {@code 220 ...} for a server that is ready
     * @param rcptReply the reply to RCPT TO for an address
     * @param silent accept connections and never say anything
     */
    FakeSmtpServer(SSLContext starttls, String greeting, Function<String, String> rcptReply, boolean silent)
        throws IOException {
        this.server = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"));
        this.starttls = starttls;
        this.greeting = greeting;
        this.rcptReply = rcptReply;
        this.silent = silent;
        this.thread = new Thread(this::serve, "fake-smtp");
        thread.setDaemon(true);
        thread.start();
    }

    static FakeSmtpServer ready(SSLContext starttls, Function<String, String> rcptReply) throws IOException {
        return new FakeSmtpServer(starttls, "220 fake.test ESMTP", rcptReply, false);
    }

    /** Advertise one more extension in the EHLO reply, e.g. {@code AUTH GSSAPI}. */
    FakeSmtpServer advertising(String extension) {
        ehloExtra = "250-" + extension + "\r\n";
        return this;
    }

    int port() {
        return server.getLocalPort();
    }

    List<String> transcript() {
        return transcript;
    }

    List<String> data() {
        return data;
    }

    List<String> errors() {
        return errors;
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                s.setSoTimeout(10_000);
                if (silent) {
                    s.getInputStream().read();  // until the client gives up
                    continue;
                }
                converse(s);
            } catch (IOException e) {
                if (!server.isClosed()) {
                    errors.add(e.toString());
                }
            }
        }
    }

    private void converse(Socket plain) throws IOException {
        Socket s = plain;
        boolean tls = false;
        BufferedReader in = reader(s);
        OutputStream out = s.getOutputStream();
        say(out, greeting);
        String line;
        while ((line = in.readLine()) != null) {
            transcript.add((tls ? "[tls] " : "") + line);
            String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
            switch (verb) {
                case "EHLO" -> say(out, "250-fake.test\r\n" + ehloExtra
                    + (starttls != null && !tls ? "250-STARTTLS\r\n" : "") + "250 8BITMIME");
                case "HELO", "MAIL", "RSET", "NOOP" -> say(out, "250 OK");
                case "STARTTLS" -> {
                    if (starttls == null || tls) {
                        say(out, "502 5.5.1 not here");
                        break;
                    }
                    say(out, "220 2.0.0 go ahead");
                    SSLSocket ssl = (SSLSocket) starttls.getSocketFactory().createSocket(s, "127.0.0.1", s.getPort(), true);
                    ssl.setUseClientMode(false);
                    try {
                        ssl.startHandshake();
                    } catch (IOException e) {
                        transcript.add("(handshake failed: " + e.getMessage() + ")");
                        return;
                    }
                    s = ssl;
                    tls = true;
                    in = reader(s);
                    out = s.getOutputStream();
                }
                case "RCPT" -> {
                    String address = line.substring(line.indexOf('<') + 1, line.lastIndexOf('>'));
                    say(out, rcptReply.apply(address));
                }
                case "DATA" -> {
                    say(out, "354 end with .");
                    StringBuilder b = new StringBuilder();
                    String d;
                    while ((d = in.readLine()) != null && !d.equals(".")) {
                        b.append(d).append('\n');
                    }
                    data.add(b.toString());
                    say(out, "250 2.0.0 Ok: queued as FAKE1");
                }
                case "QUIT" -> {
                    say(out, "221 bye");
                    return;
                }
                default -> say(out, "502 5.5.2 what");
            }
            if (!greeting.startsWith("220")) {
                return;
            }
        }
    }

    private static BufferedReader reader(Socket s) throws IOException {
        return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
    }

    private static void say(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
