package io.nplus.alerting.notify;

import io.nplus.core.secret.Secret;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Email over SMTP (Jakarta Mail, with Eclipse Angus as the SMTP client): one mail per notification, to every
 * configured recipient.
 *
 * <p>The mail: a subject such as {@code [nplus PAGE] db1: virtual drive vd.0 is degraded} ({@code RESOLVED} in
 * place of the severity once it is over, {@code 3 alerts: ...} for a group, {@code TEST} for a test); a
 * {@code multipart/alternative} body with a text/plain and an (escaped) text/html part giving the summary, start
 * and end, the annotations (runbook), the labels, and each member alert with its state, value, runbook and the
 * labels that set it apart. Each mail has its own {@code Message-ID}; {@code In-Reply-To} and {@code References}
 * name one id derived from the dedup key, so mail clients thread the firing, the repeats and the resolve of one
 * incident together. {@code Auto-Submitted: auto-generated} keeps vacation responders quiet.
 *
 * <p>Outcomes: the server accepting the mail is {@link Result#delivered} (status 250). A 4xx reply, a refused or
 * timed-out connection, an unknown host are {@link Result#retry}. A 5xx reply (bad sender or recipient, failed
 * authentication, mail refused) is {@link Result#rejected} with the server's reply text. Two refusals are ours:
 * with {@link Tls#STARTTLS} a server that does not offer STARTTLS is never sent to in clear, and a server
 * certificate that is not trusted or does not match the host is never sent to; both are rejected, status 0,
 * since retrying cannot fix a configuration. When some recipients are refused but others took the mail, it is
 * delivered, and the answer names the refused ones. Other connection and TLS failures are retried. The password
 * is never part of an answer.
 *
 * <p>{@link Tls#NONE} sends everything, an AUTH login included, in clear: for a relay on the same host or a
 * trusted network only.
 */
public final class EmailTransport implements Transport {
    /** How the connection is protected. */
    public enum Tls {
        /** Plain SMTP (default port 25). */
        NONE(25),
        /** Plain SMTP upgraded with STARTTLS before anything else is said; refuses a server without it (587). */
        STARTTLS(587),
        /** SMTP inside TLS from the first byte, "SMTPS" (465). */
        TLS(465);

        private final int defaultPort;

        Tls(int defaultPort) {
            this.defaultPort = defaultPort;
        }

        public int defaultPort() {
            return defaultPort;
        }
    }

    /**
     * Where and how to send.
     *
     * @param port 0 for the default port of {@code tls}
     * @param username null or blank for no SMTP AUTH; then {@code password} is ignored
     * @param from the sender, {@code alerts@example.com} or {@code nplus <alerts@example.com>}
     * @param to one or more recipients
     * @param timeout for connecting, and for each read and write
     */
    public record Settings(String host, int port, Tls tls, String username, Secret password, String from,
                           List<String> to, Duration timeout) {
        public Settings {
            Objects.requireNonNull(tls, "tls");
            Objects.requireNonNull(timeout, "timeout");
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("email: no SMTP host");
            }
            if (port == 0) {
                port = tls.defaultPort();
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("email: port " + port + " is not a TCP port");
            }
            if (username != null && username.isBlank()) {
                username = null;
            }
            if (username != null && (password == null || password.isEmpty())) {
                throw new IllegalArgumentException("email: a username (" + username + ") needs a password");
            }
            if (username == null) {
                password = null;
            }
            if (from == null || from.isBlank()) {
                throw new IllegalArgumentException("email: no from address");
            }
            if (to == null || to.isEmpty()) {
                throw new IllegalArgumentException("email: no recipient (to)");
            }
            to = List.copyOf(to);
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("email: the timeout must be positive");
            }
        }
    }

    private static final String CHARSET = "UTF-8";
    private static final int ANSWER_MAX = 300;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
        .withZone(ZoneOffset.UTC);
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029]+");
    private static final Pattern WEB_LINK = Pattern.compile("https?://[^\\s<>\"]+");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Settings settings;
    private final InternetAddress from;
    private final InternetAddress[] to;
    private final String protocol;
    private final Session session;
    private final String idDomain;

    public EmailTransport(Settings settings) {
        this(settings, null);
    }

    /**
     * @param tlsSockets the TLS socket factory to use instead of the JVM's default (whose trust store is the
     *     JVM's); for tests that trust one test certificate. Host name checking stays on either way.
     */
    EmailTransport(Settings settings, SSLSocketFactory tlsSockets) {
        this.settings = Objects.requireNonNull(settings);
        this.from = address("from", settings.from());
        this.to = settings.to().stream().map(a -> address("to", a)).toArray(InternetAddress[]::new);
        this.protocol = settings.tls() == Tls.TLS ? "smtps" : "smtp";
        String domain = from.getAddress().substring(from.getAddress().lastIndexOf('@') + 1);
        this.idDomain = domain.isEmpty() ? "nplus.invalid" : domain;
        this.session = Session.getInstance(properties(tlsSockets));
    }

    private static InternetAddress address(String what, String text) {
        try {
            InternetAddress a = new InternetAddress(text, true);
            if (a.getAddress() == null || a.getAddress().indexOf('@') <= 0) {
                throw new AddressException("no domain", text);
            }
            return a;
        } catch (AddressException e) {
            throw new IllegalArgumentException("email: bad " + what + " address '" + text + "': " + e.getMessage(), e);
        }
    }

    private Properties properties(SSLSocketFactory tlsSockets) {
        String p = "mail." + protocol + ".";
        String millis = Long.toString(settings.timeout().toMillis());
        Properties props = new Properties();
        props.setProperty(p + "connectiontimeout", millis);
        props.setProperty(p + "timeout", millis);
        props.setProperty(p + "writetimeout", millis);
        props.setProperty(p + "auth", Boolean.toString(settings.username() != null));
        props.setProperty(p + "starttls.enable", Boolean.toString(settings.tls() == Tls.STARTTLS));
        props.setProperty(p + "starttls.required", Boolean.toString(settings.tls() == Tls.STARTTLS));
        props.setProperty(p + "ssl.checkserveridentity", "true");
        // With a socket factory that fails, report its error rather than quietly try again with another.
        props.setProperty(p + "socketFactory.fallback", "false");
        props.setProperty(p + "ssl.socketFactory.fallback", "false");
        // Deliver to the recipients the server takes even when it refuses one.
        props.setProperty(p + "sendpartial", "true");
        props.setProperty("mail.debug.auth", "false");
        if (tlsSockets != null) {
            props.put(p + "ssl.socketFactory", tlsSockets);
        }
        return props;
    }

    @Override
    public String kind() {
        return "email";
    }

    @Override
    public Result send(Notification n) {
        MimeMessage m;
        try {
            m = message(n);
        } catch (MessagingException e) {
            return Result.rejected(0, "email: the mail cannot be built: " + shorten(e.getMessage()));
        }
        SMTPTransport t = null;
        try {
            t = (SMTPTransport) session.getTransport(protocol);
            t.connect(settings.host(), settings.port(), settings.username(),
                settings.password() == null ? null : settings.password().reveal());
            t.sendMessage(m, m.getAllRecipients());
            return Result.delivered(t.getLastReturnCode(), answer(t.getLastServerResponse()));
        } catch (MessagingException e) {
            return classify(e, t);
        } finally {
            if (t != null) {
                try {
                    t.close();
                } catch (MessagingException ignored) {
                    // the outcome is known; a failing QUIT changes nothing
                }
            }
        }
    }

    private Result classify(MessagingException e, SMTPTransport t) {
        String server = settings.host() + ":" + settings.port();
        if (e instanceof SendFailedException sf) {
            return sendFailed(sf);
        }
        if (e instanceof AuthenticationFailedException) {
            // A reply code when the server refused the login; none when no mechanism was common to both sides.
            int code = t == null || t.getLastReturnCode() < 400 ? 0 : t.getLastReturnCode();
            String reply = code == 0 ? e.getMessage() : t.getLastServerResponse();
            String text = "login as " + settings.username() + " at " + server + " refused: " + answer(reply);
            return code >= 400 && code < 500 ? Result.retry(code, text, null) : Result.rejected(code, text);
        }
        if (settings.tls() == Tls.STARTTLS && e.getMessage() != null && e.getMessage().contains("STARTTLS is required")) {
            return Result.rejected(0, server + " does not offer STARTTLS; tls: starttls never sends in clear");
        }
        Throwable cert = find(e, CertificateException.class);
        if (cert != null) {
            // Untrusted, expired, or not for this host name: not a server to hand alerts (or a password) to.
            return Result.rejected(0, "TLS with " + server + ": the server's certificate is refused, not sending: "
                + answer(cert.getMessage()));
        }
        if (find(e, ConnectException.class) != null || find(e, NoRouteToHostException.class) != null) {
            Throwable c = find(e, ConnectException.class);
            c = c != null ? c : find(e, NoRouteToHostException.class);
            return Result.retry(0, "cannot connect to " + server + ": " + answer(c.getMessage()), null);
        }
        if (find(e, SocketTimeoutException.class) != null) {
            return Result.retry(0, "no answer from " + server + " within " + settings.timeout().toSeconds() + "s", null);
        }
        if (find(e, UnknownHostException.class) != null) {
            return Result.retry(0, "cannot resolve " + settings.host(), null);
        }
        int code = t == null ? 0 : t.getLastReturnCode();
        if (code >= 500 && code < 600) {
            return Result.rejected(code, answer(t.getLastServerResponse()));
        }
        if (code >= 400 && code < 500) {
            return Result.retry(code, answer(t.getLastServerResponse()), null);
        }
        return Result.retry(0, server + ": " + answer(describe(e)), null);
    }

    /** A refused sender, recipients or message; with some recipients taken, a partial delivery. */
    private Result sendFailed(SendFailedException e) {
        List<String> refusals = new ArrayList<>();
        boolean transientSeen = false;
        int permanent = 0;
        for (Exception x = e; x != null; x = x instanceof MessagingException me ? me.getNextException() : null) {
            int code = 0;
            String what = "";
            String reply = null;
            if (x instanceof SMTPAddressFailedException a) {
                code = a.getReturnCode();
                what = a.getAddress() + ": ";
                reply = a.getMessage();
            } else if (x instanceof SMTPSenderFailedException s) {
                code = s.getReturnCode();
                what = "sender " + s.getAddress() + ": ";
                reply = s.getMessage();
            } else if (x instanceof SMTPSendFailedException s && s.getReturnCode() >= 400) {
                // (a partial delivery throws one with the 250 that accepted the data: not a refusal)
                code = s.getReturnCode();
                reply = s.getMessage();
            }
            if (code >= 400 && code < 500) {
                transientSeen = true;
            } else if (code >= 500) {
                permanent = permanent == 0 ? code : permanent;
            }
            if (reply != null) {
                refusals.add(what + answer(reply));
            }
        }
        Address[] sent = e.getValidSentAddresses();
        if (sent != null && sent.length > 0) {
            return Result.delivered(250, "delivered to " + join(sent) + "; refused: " + String.join("; ", refusals));
        }
        String text = refusals.isEmpty() ? answer(describe(e)) : shorten(String.join("; ", refusals));
        if (transientSeen) {
            return Result.retry(firstCode(e, 400), text, null);
        }
        return Result.rejected(permanent, text);
    }

    private static int firstCode(SendFailedException e, int floor) {
        for (Exception x = e; x != null; x = x instanceof MessagingException me ? me.getNextException() : null) {
            int code = x instanceof SMTPAddressFailedException a ? a.getReturnCode()
                : x instanceof SMTPSenderFailedException s ? s.getReturnCode()
                : x instanceof SMTPSendFailedException s ? s.getReturnCode() : 0;
            if (code >= floor && code < floor + 100) {
                return code;
            }
        }
        return 0;
    }

    private static String join(Address[] as) {
        List<String> out = new ArrayList<>();
        for (Address a : as) {
            out.add(a.toString());
        }
        return String.join(", ", out);
    }

    /** The first cause of the type in the exception's chains (getNextException and getCause), or null. */
    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (int depth = 0; e != null && depth < 16; depth++) {
            if (type.isInstance(e)) {
                return type.cast(e);
            }
            e = e instanceof MessagingException me && me.getNextException() != null ? me.getNextException() : e.getCause();
        }
        return null;
    }

    private static String describe(Throwable e) {
        StringBuilder b = new StringBuilder(String.valueOf(e.getMessage()));
        Throwable c = e instanceof MessagingException me && me.getNextException() != null ? me.getNextException() : e.getCause();
        if (c != null && c.getMessage() != null && !b.toString().contains(c.getMessage())) {
            b.append(": ").append(c.getMessage());
        }
        return b.toString();
    }

    /** A server reply or error for the log: one line, shortened, with the password (in any form) taken out. */
    private String answer(String text) {
        return shorten(redact(text == null ? "" : CONTROL.matcher(text).replaceAll(" ").trim()));
    }

    private String redact(String text) {
        Secret password = settings.password();
        if (password == null || password.isEmpty()) {
            return text;
        }
        String pw = password.reveal();
        Base64.Encoder b64 = Base64.getEncoder();
        for (String form : List.of(
            b64.encodeToString(("\0" + settings.username() + "\0" + pw).getBytes(StandardCharsets.UTF_8)),
            b64.encodeToString((settings.username() + "\0" + settings.username() + "\0" + pw).getBytes(StandardCharsets.UTF_8)),
            b64.encodeToString(pw.getBytes(StandardCharsets.UTF_8)),
            pw)) {
            text = text.replace(form, Secret.REDACTED);
        }
        return text;
    }

    private static String shorten(String s) {
        return s == null ? "" : s.length() > ANSWER_MAX ? s.substring(0, ANSWER_MAX) + "..." : s;
    }

    // ---- the mail ----

    MimeMessage message(Notification n) throws MessagingException {
        String incident = incidentId(n.dedupKey());
        MimeMessage m = new IdentifiedMessage(session, messageId(n));
        m.setFrom(from);
        m.setRecipients(Message.RecipientType.TO, to);
        m.setSubject(subject(n), CHARSET);
        m.setSentDate(new Date());
        m.setHeader("In-Reply-To", incident);
        m.setHeader("References", incident);
        m.setHeader("Auto-Submitted", "auto-generated");
        m.setHeader("X-Auto-Response-Suppress", "All");
        m.setHeader("X-Nplus-Status", n.resolved() ? "resolved" : "firing");
        m.setHeader("X-Nplus-Severity", headerText(n.severity() == null ? "" : n.severity()));
        m.setHeader("X-Nplus-Dedup-Key", headerText(n.dedupKey()));
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(plainBody(n), CHARSET, "plain");
        alternative.addBodyPart(text);
        MimeBodyPart html = new MimeBodyPart();
        html.setText(htmlBody(n), CHARSET, "html");
        alternative.addBodyPart(html);
        m.setContent(alternative);
        m.saveChanges();
        return m;
    }

    /** A MimeMessage that keeps the Message-ID nplus gives it (Jakarta Mail would make its own at saveChanges). */
    private static final class IdentifiedMessage extends MimeMessage {
        private final String id;

        IdentifiedMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }

    /** The id every mail of one incident refers to: the same dedup key, the same thread. */
    String incidentId(String dedupKey) {
        return "<nplus." + hash(dedupKey) + "@" + idDomain + ">";
    }

    private String messageId(Notification n) {
        byte[] r = new byte[8];
        RANDOM.nextBytes(r);
        return "<nplus." + hash(n.dedupKey()) + "." + (n.resolved() ? "resolved" : "firing") + "."
            + System.currentTimeMillis() + "." + HexFormat.of().formatHex(r) + "@" + idDomain + ">";
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static String headerText(String s) {
        try {
            return MimeUtility.fold(20, MimeUtility.encodeText(oneLine(s), CHARSET, null));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String subject(Notification n) {
        String tag = n.resolved() ? "RESOLVED" : severityWord(n);
        if (n.test()) {
            tag = "TEST " + tag;
        }
        String what = headline(n);
        if (n.alerts().size() > 1) {
            what = n.alerts().size() + " alerts: " + what;
        }
        String s = oneLine("[nplus " + tag + "] " + what);
        if (s.length() <= 200) {
            return s;
        }
        int cut = Character.isHighSurrogate(s.charAt(196)) ? 196 : 197;
        return s.substring(0, cut) + "...";
    }

    private static String severityWord(Notification n) {
        return n.severity() == null || n.severity().isBlank() ? "ALERT" : n.severity().toUpperCase(Locale.ROOT);
    }

    private static String headline(Notification n) {
        if (n.summary() != null && !n.summary().isBlank()) {
            return n.summary();
        }
        for (Notification.Member m : n.alerts()) {
            if (m.summary() != null && !m.summary().isBlank()) {
                return m.summary();
            }
        }
        return n.dedupKey();
    }

    private static String oneLine(String s) {
        return CONTROL.matcher(s).replaceAll(" ").trim();
    }

    static String plainBody(Notification n) {
        StringBuilder b = new StringBuilder();
        b.append(status(n)).append(": ").append(headline(n)).append("\n\n");
        if (n.test()) {
            b.append("This is a test notification (nplus notify test): nothing is wrong.\n\n");
        }
        b.append("Started:  ").append(time(n.startsAt())).append('\n');
        if (n.endsAt() != null) {
            b.append("Ended:    ").append(time(n.endsAt())).append(lasted(n.startsAt(), n.endsAt())).append('\n');
        }
        if (n.source() != null && !n.source().isBlank()) {
            b.append("Source:   ").append(n.source()).append('\n');
        }
        for (Map.Entry<String, String> a : extraAnnotations(n.annotations()).entrySet()) {
            b.append(capitalized(a.getKey())).append(": ").append(a.getValue()).append('\n');
        }
        if (!n.labels().isEmpty()) {
            b.append("\nLabels:\n");
            new TreeMap<>(n.labels()).forEach((k, v) -> b.append("  ").append(k).append(" = ").append(v).append('\n'));
        }
        if (!n.alerts().isEmpty()) {
            b.append('\n').append(n.alerts().size() == 1 ? "Alert" : "Alerts (" + n.alerts().size() + ")").append(":\n");
            int i = 0;
            for (Notification.Member m : n.alerts()) {
                b.append(n.alerts().size() == 1 ? "- " : ++i + ". ").append('[').append(m.state()).append("] ")
                    .append(m.summary()).append('\n');
                if (m.value() != null) {
                    b.append("   value: ").append(number(m.value())).append('\n');
                }
                b.append("   started: ").append(time(m.startsAt()));
                if (m.endsAt() != null) {
                    b.append(", ended: ").append(time(m.endsAt())).append(lasted(m.startsAt(), m.endsAt()));
                }
                b.append('\n');
                for (Map.Entry<String, String> a : memberAnnotations(n, m).entrySet()) {
                    b.append("   ").append(a.getKey()).append(": ").append(a.getValue()).append('\n');
                }
                Map<String, String> own = ownLabels(n, m);
                if (!own.isEmpty()) {
                    List<String> ls = new ArrayList<>();
                    own.forEach((k, v) -> ls.add(k + "=" + v));
                    b.append("   labels: ").append(String.join(", ", ls)).append('\n');
                }
            }
        }
        b.append("\n-- \nnplus, dedup key ").append(n.dedupKey()).append('\n');
        return b.toString();
    }

    static String htmlBody(Notification n) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(esc(subject(n)))
            .append("</title></head>\n<body style=\"font-family: sans-serif; font-size: 14px\">\n");
        b.append("<p><strong style=\"color: ").append(n.resolved() ? "#2e7d32" : "page".equals(n.severity()) ? "#c62828" : "#ef6c00")
            .append("\">").append(esc(status(n))).append("</strong>: ").append(esc(headline(n))).append("</p>\n");
        if (n.test()) {
            b.append("<p><em>This is a test notification (nplus notify test): nothing is wrong.</em></p>\n");
        }
        b.append("<table cellpadding=\"2\">\n");
        row(b, "Started", esc(time(n.startsAt())));
        if (n.endsAt() != null) {
            row(b, "Ended", esc(time(n.endsAt()) + lasted(n.startsAt(), n.endsAt())));
        }
        if (n.source() != null && !n.source().isBlank()) {
            row(b, "Source", esc(n.source()));
        }
        for (Map.Entry<String, String> a : extraAnnotations(n.annotations()).entrySet()) {
            row(b, esc(capitalized(a.getKey())), linked(a.getValue()));
        }
        b.append("</table>\n");
        if (!n.labels().isEmpty()) {
            b.append("<p><strong>Labels</strong></p>\n<ul>\n");
            new TreeMap<>(n.labels()).forEach((k, v) ->
                b.append("<li><code>").append(esc(k)).append("</code> = ").append(esc(v)).append("</li>\n"));
            b.append("</ul>\n");
        }
        if (!n.alerts().isEmpty()) {
            b.append("<p><strong>").append(n.alerts().size() == 1 ? "Alert" : "Alerts (" + n.alerts().size() + ")")
                .append("</strong></p>\n<ol>\n");
            for (Notification.Member m : n.alerts()) {
                b.append("<li><p>[").append(esc(m.state())).append("] ").append(esc(m.summary())).append("</p><ul>\n");
                if (m.value() != null) {
                    b.append("<li>value: ").append(esc(number(m.value()))).append("</li>\n");
                }
                b.append("<li>started: ").append(esc(time(m.startsAt())));
                if (m.endsAt() != null) {
                    b.append(", ended: ").append(esc(time(m.endsAt()) + lasted(m.startsAt(), m.endsAt())));
                }
                b.append("</li>\n");
                for (Map.Entry<String, String> a : memberAnnotations(n, m).entrySet()) {
                    b.append("<li>").append(esc(a.getKey())).append(": ").append(linked(a.getValue())).append("</li>\n");
                }
                Map<String, String> own = ownLabels(n, m);
                if (!own.isEmpty()) {
                    List<String> ls = new ArrayList<>();
                    own.forEach((k, v) -> ls.add("<code>" + esc(k) + "</code>=" + esc(v)));
                    b.append("<li>labels: ").append(String.join(", ", ls)).append("</li>\n");
                }
                b.append("</ul></li>\n");
            }
            b.append("</ol>\n");
        }
        b.append("<p style=\"color: #777; font-size: 12px\">nplus, dedup key <code>").append(esc(n.dedupKey()))
            .append("</code></p>\n</body></html>\n");
        return b.toString();
    }

    private static void row(StringBuilder b, String name, String htmlValue) {
        b.append("<tr><td valign=\"top\"><strong>").append(name).append("</strong></td><td>").append(htmlValue)
            .append("</td></tr>\n");
    }

    private static String status(Notification n) {
        return n.resolved() ? "RESOLVED" : "FIRING (" + (n.severity() == null ? "alert" : n.severity()) + ")";
    }

    /** The notification's annotations but its summary (already the headline), sorted. */
    private static Map<String, String> extraAnnotations(Map<String, String> annotations) {
        Map<String, String> out = new TreeMap<>(annotations);
        out.remove("summary");
        return out;
    }

    /** A member's annotations but its summary, and but those that repeat the notification's. */
    private static Map<String, String> memberAnnotations(Notification n, Notification.Member m) {
        Map<String, String> out = new TreeMap<>(m.annotations());
        out.remove("summary");
        out.entrySet().removeIf(e -> e.getValue().equals(n.annotations().get(e.getKey())));
        return out;
    }

    /** A member's labels that the notification does not already show. */
    private static Map<String, String> ownLabels(Notification n, Notification.Member m) {
        Map<String, String> out = new TreeMap<>(m.labels());
        out.entrySet().removeIf(e -> e.getValue().equals(n.labels().get(e.getKey())));
        return out;
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    private static String time(Instant t) {
        return t == null ? "-" : TIME.format(t);
    }

    private static String lasted(Instant from, Instant to) {
        if (from == null || to == null || to.isBefore(from)) {
            return "";
        }
        long s = Duration.between(from, to).toSeconds();
        String d = s >= 86_400 ? s / 86_400 + "d " + s % 86_400 / 3600 + "h"
            : s >= 3600 ? s / 3600 + "h " + s % 3600 / 60 + "m"
            : s >= 60 ? s / 60 + "m " + s % 60 + "s" : s + "s";
        return " (after " + d + ")";
    }

    private static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** Escaped text, with web links (and only those) made clickable. */
    private static String linked(String s) {
        StringBuilder b = new StringBuilder();
        var m = WEB_LINK.matcher(s);
        int at = 0;
        while (m.find()) {
            b.append(esc(s.substring(at, m.start())));
            String url = m.group();
            b.append("<a href=\"").append(esc(url)).append("\">").append(esc(url)).append("</a>");
            at = m.end();
        }
        return b.append(esc(s.substring(at))).toString();
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "email " + settings.tls().name().toLowerCase(Locale.ROOT) + "://" + settings.host() + ":" + settings.port()
            + " to " + settings.to() + (settings.username() == null ? "" : " (login " + settings.username() + ", password <secret>)");
    }
}
