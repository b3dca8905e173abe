package io.nplus.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.nplus.alerting.notify.EmailTransport.Settings;
import io.nplus.alerting.notify.EmailTransport.Tls;
import io.nplus.alerting.notify.Transport.Outcome;
import io.nplus.alerting.notify.Transport.Result;
import io.nplus.core.secret.Secret;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The email transport against GreenMail (plain SMTP, AUTH, SMTPS) and a scripted server (STARTTLS, 4xx/5xx). */
class EmailTransportTest {
    private static final String PASSWORD = "Tr0ub4dor&3-not-in-logs";
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    @TempDir
    static Path certs;
    /** Server key for 127.0.0.1, used by GreenMail's SMTPS and the scripted STARTTLS server. */
    private static KeyStore localKey;
    private static SSLSocketFactory trustLocal;

    private GreenMail mail;
    private int smtpPort;
    private int smtpsPort;

    @BeforeAll
    static void keys() throws Exception {
        Path store = TestCertificates.generate(certs, "local", "ip:127.0.0.1");
        // GreenMail reads its SMTPS key once per JVM, from here.
        System.setProperty("greenmail.tls.keystore.file", store.toString());
        System.setProperty("greenmail.tls.keystore.password", new String(TestCertificates.PASSWORD));
        localKey = TestCertificates.load(store);
        trustLocal = TestCertificates.trusting(localKey);
    }

    @BeforeEach
    void start() {
        mail = new GreenMail(new ServerSetup[] {
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS)});
        mail.withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@example.com", "alerts", PASSWORD));
        mail.start();
        smtpPort = mail.getSmtp().getPort();
        smtpsPort = mail.getSmtps().getPort();
    }

    @AfterEach
    void stop() {
        mail.stop();
    }

    private static Settings settings(int port, Tls tls, String user, String password) {
        return new Settings("127.0.0.1", port, tls, user, password == null ? null : Secret.of(password),
            "nplus <nplus@example.com>", List.of("oncall@example.com"), Duration.ofSeconds(5));
    }

    private static Notification.Member member(String key, String summary, Map<String, String> labels, Double value,
                                              Map<String, String> annotations) {
        return new Notification.Member(key, "firing", summary, labels, annotations, T0, null, value);
    }

    private static Notification single(String summary) {
        Map<String, String> labels = Map.of("alertname", "StorageRedundancyLost", "target", "db1",
            "kind", "virtual_drive", "name", "vd.0", "severity", "page");
        Map<String, String> ann = Map.of("summary", summary,
            "runbook", "Replace the failed member; see https://wiki.example.com/raid?x=1&y=2");
        return new Notification("StorageRedundancyLost/db1/vd.0", false, "page", summary, "nplus@mon1", labels, ann,
            T0, null, List.of(member("StorageRedundancyLost/db1/vd.0", summary, labels, 1.0, ann)), false);
    }

    private static Notification resolved(Notification n) {
        Instant end = T0.plus(Duration.ofMinutes(42));
        List<Notification.Member> ms = n.alerts().stream().map(m -> new Notification.Member(m.key(), "resolved",
            m.summary(), m.labels(), m.annotations(), m.startsAt(), end, m.value())).toList();
        return new Notification(n.dedupKey(), true, n.severity(), n.summary(), n.source(), n.labels(), n.annotations(),
            n.startsAt(), end, ms, false);
    }

    private static Notification group() {
        Map<String, String> shared = Map.of("alertname", "RedundancyGroupLost", "group", "psu-pair", "severity", "page");
        List<Notification.Member> ms = new ArrayList<>();
        for (String t : List.of("sw1", "sw2", "sw3")) {
            ms.add(member("PsuFailed/" + t, t + ": power supply psu.1 is failed",
                Map.of("alertname", "RedundancyGroupLost", "group", "psu-pair", "severity", "page", "target", t),
                0.0, Map.of("summary", t + ": power supply psu.1 is failed", "runbook", "Replace the PSU of " + t)));
        }
        return new Notification("group/psu-pair", false, "page", "psu-pair: 3 of 3 power supplies are failed",
            "nplus@mon1", shared, Map.of("summary", "psu-pair: 3 of 3 power supplies are failed"), T0, null, ms, false);
    }

    private static String part(MimeMessage m, String type) throws Exception {
        MimeMultipart mp = (MimeMultipart) m.getContent();
        for (int i = 0; i < mp.getCount(); i++) {
            BodyPart p = mp.getBodyPart(i);
            if (p.isMimeType(type)) {
                return (String) p.getContent();
            }
        }
        throw new AssertionError("no " + type + " part in " + m.getContentType());
    }

    private MimeMessage onlyMessage() {
        assertThat(mail.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage[] got = mail.getReceivedMessages();
        assertThat(got).hasSize(1);
        return got[0];
    }

    // ---- GreenMail: plain SMTP, AUTH, SMTPS ----

    @Test
    void deliversBothPartsWithSubjectLabelsValueRunbookAndThreadingHeaders() throws Exception {
        EmailTransport t = new EmailTransport(settings(smtpPort, Tls.NONE, null, null));
        Result r = t.send(single("db1: virtual drive vd.0 is degraded: 1 of 2 members failed"));

        assertThat(r.outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(r.status()).isEqualTo(250);
        MimeMessage m = onlyMessage();
        assertThat(m.getSubject()).isEqualTo("[nplus PAGE] db1: virtual drive vd.0 is degraded: 1 of 2 members failed");
        assertThat(m.getFrom()[0].toString()).isEqualTo("nplus <nplus@example.com>");
        assertThat(m.isMimeType("multipart/alternative")).isTrue();

        String text = part(m, "text/plain");
        assertThat(text).contains("FIRING (page): db1: virtual drive vd.0 is degraded",
            "Started:  2026-11-21 10:00:00 UTC", "Runbook: Replace the failed member", "target = db1",
            "name = vd.0", "value: 1", "Source:   nplus@mon1");
        String html = part(m, "text/html");
        assertThat(html).contains("db1: virtual drive vd.0 is degraded", "<code>target</code> = db1", "value: 1",
            "<a href=\"https://wiki.example.com/raid?x=1&amp;y=2\">");

        String incident = t.incidentId("StorageRedundancyLost/db1/vd.0");
        assertThat(incident).matches("<nplus\\.[0-9a-f]{32}@example\\.com>");
        assertThat(m.getHeader("In-Reply-To")).containsExactly(incident);
        assertThat(m.getHeader("References")).containsExactly(incident);
        assertThat(m.getMessageID()).isNotEqualTo(incident).endsWith("@example.com>");
        assertThat(m.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(m.getHeader("X-Nplus-Status")).containsExactly("firing");
    }

    @Test
    void escapesMarkupInTheHtmlPart() throws Exception {
        Notification n = single("db1: <script>alert(\"x\")</script> & <b>bold</b>");
        Result r = new EmailTransport(settings(smtpPort, Tls.NONE, null, null)).send(n);

        assertThat(r.outcome()).isEqualTo(Outcome.DELIVERED);
        MimeMessage m = onlyMessage();
        String html = part(m, "text/html");
        assertThat(html).doesNotContain("<script", "<b>bold")
            .contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;");
        assertThat(part(m, "text/plain")).contains("db1: <script>alert(\"x\")</script> & <b>bold</b>");
        assertThat(m.getSubject()).isEqualTo("[nplus PAGE] db1: <script>alert(\"x\")</script> & <b>bold</b>");
    }

    @Test
    void firingAndResolvedOfOneIncidentShareTheThreadButNotTheMessageId() throws Exception {
        EmailTransport t = new EmailTransport(settings(smtpPort, Tls.NONE, null, null));
        Notification firing = single("db1: virtual drive vd.0 is degraded");
        assertThat(t.send(firing).outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(t.send(resolved(firing)).outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(t.send(group()).outcome()).isEqualTo(Outcome.DELIVERED);

        assertThat(mail.waitForIncomingEmail(5000, 3)).isTrue();
        MimeMessage[] got = mail.getReceivedMessages();
        assertThat(got[1].getSubject()).isEqualTo("[nplus RESOLVED] db1: virtual drive vd.0 is degraded");
        assertThat(part(got[1], "text/plain")).contains("RESOLVED: db1", "Ended:    2026-11-21 10:42:00 UTC (after 42m 0s)");
        assertThat(got[1].getHeader("X-Nplus-Status")).containsExactly("resolved");
        assertThat(got[0].getHeader("References")).isEqualTo(got[1].getHeader("References"));
        assertThat(got[0].getHeader("In-Reply-To")).isEqualTo(got[1].getHeader("In-Reply-To"));
        assertThat(got[0].getMessageID()).isNotEqualTo(got[1].getMessageID());
        assertThat(got[2].getHeader("References")).isNotEqualTo(got[0].getHeader("References"));
    }

    @Test
    void aGroupCountsItsAlertsAndListsEachWithItsOwnLabelsValueAndRunbook() throws Exception {
        Result r = new EmailTransport(settings(smtpPort, Tls.NONE, null, null)).send(group());

        assertThat(r.outcome()).isEqualTo(Outcome.DELIVERED);
        MimeMessage m = onlyMessage();
        assertThat(m.getSubject()).isEqualTo("[nplus PAGE] 3 alerts: psu-pair: 3 of 3 power supplies are failed");
        String text = part(m, "text/plain");
        assertThat(text).contains("Alerts (3):", "1. [firing] sw1: power supply psu.1 is failed",
            "3. [firing] sw3: power supply psu.1 is failed", "   labels: target=sw2", "   runbook: Replace the PSU of sw3",
            "   value: 0", "group = psu-pair");
        String html = part(m, "text/html");
        assertThat(html).contains("Alerts (3)", "<code>target</code>=sw1", "runbook: Replace the PSU of sw2");
    }

    @Test
    void logsInWithSmtpAuth() throws Exception {
        Result r = new EmailTransport(settings(smtpPort, Tls.NONE, "alerts", PASSWORD)).send(single("db1: x"));

        assertThat(r.outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(onlyMessage().getSubject()).isEqualTo("[nplus PAGE] db1: x");
    }

    @Test
    void aWrongPasswordIsRejectedAndTheTriedPasswordAppearsNowhere() throws Exception {
        String wrong = "wr0ng-" + PASSWORD;
        List<String> log = new ArrayList<>();
        Handler capture = new Handler() {
            private final SimpleFormatter f = new SimpleFormatter();

            @Override
            public void publish(LogRecord rec) {
                log.add(f.format(rec));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        Logger angus = Logger.getLogger("org.eclipse.angus.mail");
        Logger api = Logger.getLogger("jakarta.mail");
        Level angusBefore = angus.getLevel();
        Level apiBefore = api.getLevel();
        angus.setLevel(Level.ALL);
        api.setLevel(Level.ALL);
        angus.addHandler(capture);
        api.addHandler(capture);
        Result r;
        EmailTransport t;
        try {
            t = new EmailTransport(settings(smtpPort, Tls.NONE, "alerts", wrong));
            r = t.send(single("db1: x"));
        } finally {
            angus.removeHandler(capture);
            api.removeHandler(capture);
            angus.setLevel(angusBefore);
            api.setLevel(apiBefore);
        }

        assertThat(r.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(r.status()).isEqualTo(535);
        assertThat(r.answer()).contains("login as alerts", "535", "Authentication credentials invalid");
        assertThat(mail.getReceivedMessages()).isEmpty();
        // The protocol log at its finest did run (so it was looked at), and holds no form of the password.
        assertThat(log).isNotEmpty();
        assertThat(String.join("\n", log)).contains("AUTH");
        for (String form : List.of(wrong, b64(wrong), b64("\0alerts\0" + wrong), b64("alerts\0alerts\0" + wrong))) {
            assertThat(r.answer()).doesNotContain(form);
            assertThat(r.toString()).doesNotContain(form);
            assertThat(t.toString()).doesNotContain(form);
            assertThat(log).noneMatch(line -> line.contains(form));
        }
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void noLoginMechanismInCommonIsRejectedWithoutAReplyCode() throws Exception {
        try (FakeSmtpServer s = FakeSmtpServer.ready(null, a -> "250 OK").advertising("AUTH GSSAPI")) {
            Result r = new EmailTransport(settings(s.port(), Tls.NONE, "alerts", PASSWORD)).send(single("db1: x"));

            assertThat(r.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(r.status()).isZero();
            assertThat(r.answer()).isEqualTo("login as alerts at 127.0.0.1:" + s.port()
                + " refused: No authentication mechanisms supported by both server and client");
            assertThat(s.transcript()).noneMatch(l -> l.startsWith("MAIL"));
        }
    }

    @Test
    void starttlsRequiredNeverSendsInClearToAServerWithoutIt() {
        Result r = new EmailTransport(settings(smtpPort, Tls.STARTTLS, "alerts", PASSWORD)).send(single("db1: x"));

        assertThat(r.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(r.answer()).isEqualTo("127.0.0.1:" + smtpPort + " does not offer STARTTLS; tls: starttls never sends in clear");
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    @Test
    void starttlsRequiredSaysNothingButEhloToAServerWithoutIt() throws Exception {
        try (FakeSmtpServer s = FakeSmtpServer.ready(null, a -> "250 OK")) {
            Result r = new EmailTransport(settings(s.port(), Tls.STARTTLS, "alerts", PASSWORD)).send(single("db1: x"));

            assertThat(r.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(s.transcript()).allMatch(l -> l.startsWith("EHLO ") || l.equals("QUIT"));
            assertThat(s.data()).isEmpty();
        }
    }

    @Test
    void smtpsDeliversToAServerWhoseCertificateIsTrusted() throws Exception {
        Result r = new EmailTransport(settings(smtpsPort, Tls.TLS, "alerts", PASSWORD), trustLocal).send(single("db1: tls"));

        assertThat(r.outcome()).as(r.answer()).isEqualTo(Outcome.DELIVERED);
        assertThat(onlyMessage().getSubject()).isEqualTo("[nplus PAGE] db1: tls");
    }

    @Test
    void smtpsRefusesACertificateTheJvmDoesNotTrust() {
        Result r = new EmailTransport(settings(smtpsPort, Tls.TLS, "alerts", PASSWORD)).send(single("db1: tls"));

        assertThat(r.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(r.answer()).startsWith("TLS with 127.0.0.1:" + smtpsPort + ": the server's certificate is refused");
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    @Test
    void aRefusedConnectionIsRetried() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        Result r = new EmailTransport(settings(port, Tls.NONE, null, null)).send(single("db1: x"));

        assertThat(r.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(r.status()).isZero();
        assertThat(r.answer()).startsWith("cannot connect to 127.0.0.1:" + port + ": ").contains("refused");
    }

    // ---- the scripted server: STARTTLS and reply codes ----

    @Test
    void starttlsUpgradesBeforeAnythingElseIsSaid() throws Exception {
        try (FakeSmtpServer s = FakeSmtpServer.ready(TestCertificates.server(localKey), a -> "250 OK")) {
            Result r = new EmailTransport(settings(s.port(), Tls.STARTTLS, null, null), trustLocal).send(single("db1: x"));

            assertThat(r.outcome()).as(r.answer()).isEqualTo(Outcome.DELIVERED);
            assertThat(r.answer()).isEqualTo("250 2.0.0 Ok: queued as FAKE1");
            assertThat(s.transcript().get(0)).startsWith("EHLO ");
            assertThat(s.transcript().get(1)).isEqualTo("STARTTLS");
            assertThat(s.transcript().subList(2, s.transcript().size())).allMatch(l -> l.startsWith("[tls] "))
                .anyMatch(l -> l.startsWith("[tls] MAIL FROM:<nplus@example.com>"));
            assertThat(s.data()).singleElement().asString().contains("Subject: [nplus PAGE] db1: x");
        }
    }

    @Test
    void starttlsRefusesACertificateForAnotherName() throws Exception {
        // GreenMail's own test certificate, trusted here on purpose: it names no 127.0.0.1, so the host check refuses.
        KeyStore other;
        try (InputStream in = GreenMail.class.getClassLoader().getResourceAsStream("greenmail.p12")) {
            other = TestCertificates.load(in);
        }
        try (FakeSmtpServer s = FakeSmtpServer.ready(TestCertificates.server(other), a -> "250 OK")) {
            Result r = new EmailTransport(settings(s.port(), Tls.STARTTLS, "alerts", PASSWORD),
                TestCertificates.trusting(other)).send(single("db1: x"));

            assertThat(r.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(r.answer()).contains("certificate is refused").contains("127.0.0.1");
            assertThat(s.transcript()).noneMatch(l -> l.contains("MAIL") || l.contains("AUTH"));
            assertThat(s.data()).isEmpty();
        }
    }

    @Test
    void aPermanentlyRefusedRecipientIsRejectedWithTheServersWords() throws Exception {
        try (FakeSmtpServer s = FakeSmtpServer.ready(null, a -> "550 5.1.1 <" + a + ">: mailbox unavailable")) {
            Result r = new EmailTransport(settings(s.port(), Tls.NONE, null, null)).send(single("db1: x"));

            assertThat(r.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(r.status()).isEqualTo(550);
            assertThat(r.answer()).contains("oncall@example.com", "550 5.1.1 <oncall@example.com>: mailbox unavailable");
            assertThat(s.data()).isEmpty();
        }
    }

    @Test
    void aTemporarilyRefusedRecipientIsRetried() throws Exception {
        try (FakeSmtpServer s = FakeSmtpServer.ready(null, a -> "450 4.2.1 mailbox busy, try later")) {
            Result r = new EmailTransport(settings(s.port(), Tls.NONE, null, null)).send(single("db1: x"));

            assertThat(r.outcome()).isEqualTo(Outcome.RETRY);
            assertThat(r.status()).isEqualTo(450);
            assertThat(r.answer()).contains("450 4.2.1 mailbox busy");
        }
    }

    @Test
    void aServerThatIsNotReadyIsRetried() throws Exception {
        try (FakeSmtpServer s = new FakeSmtpServer(null, "421 4.3.2 too busy, come back later", a -> "250 OK", false)) {
            Result r = new EmailTransport(settings(s.port(), Tls.NONE, null, null)).send(single("db1: x"));

            assertThat(r.outcome()).isEqualTo(Outcome.RETRY);
            assertThat(r.status()).isEqualTo(421);
            assertThat(r.answer()).contains("421 4.3.2 too busy");
        }
    }

    @Test
    void someRecipientsRefusedIsStillADeliveryThatNamesThem() throws Exception {
        try (FakeSmtpServer s = FakeSmtpServer.ready(null,
            a -> a.startsWith("gone") ? "550 5.1.1 no such user" : "250 OK")) {
            Settings two = new Settings("127.0.0.1", s.port(), Tls.NONE, null, null, "nplus@example.com",
                List.of("oncall@example.com", "gone@example.com"), Duration.ofSeconds(5));
            Result r = new EmailTransport(two).send(single("db1: x"));

            assertThat(r.outcome()).isEqualTo(Outcome.DELIVERED);
            assertThat(r.answer()).isEqualTo(
                "delivered to oncall@example.com; refused: gone@example.com: 550 5.1.1 no such user");
            assertThat(s.data()).hasSize(1);
        }
    }

    @Test
    void aServerThatSaysNothingIsRetriedAfterTheTimeout() throws Exception {
        try (FakeSmtpServer s = new FakeSmtpServer(null, "", a -> "", true)) {
            Settings quick = new Settings("127.0.0.1", s.port(), Tls.NONE, null, null, "nplus@example.com",
                List.of("oncall@example.com"), Duration.ofSeconds(1));
            Result r = new EmailTransport(quick).send(single("db1: x"));

            assertThat(r.outcome()).isEqualTo(Outcome.RETRY);
            assertThat(r.answer()).isEqualTo("no answer from 127.0.0.1:" + s.port() + " within 1s");
        }
    }

    // ---- settings ----

    @Test
    void settingsCheckAddressesCredentialsAndPorts() {
        assertThat(settings(0, Tls.NONE, null, null).port()).isEqualTo(25);
        assertThat(settings(0, Tls.STARTTLS, null, null).port()).isEqualTo(587);
        assertThat(settings(0, Tls.TLS, null, null).port()).isEqualTo(465);
        assertThatThrownBy(() -> settings(25, Tls.NONE, "alerts", null))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a password");
        assertThatThrownBy(() -> new EmailTransport(new Settings("127.0.0.1", 25, Tls.NONE, null, null,
            "nplus@example.com", List.of("not an address"), Duration.ofSeconds(5))))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad to address 'not an address'");
        assertThatThrownBy(() -> new EmailTransport(new Settings("127.0.0.1", 25, Tls.NONE, null, null,
            "nplus", List.of("oncall@example.com"), Duration.ofSeconds(5))))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad from address");
        Settings s = settings(587, Tls.STARTTLS, "alerts", PASSWORD);
        assertThat(s.toString()).doesNotContain(PASSWORD).contains("<secret>");
        EmailTransport t = new EmailTransport(s);
        assertThat(t.kind()).isEqualTo("email");
        assertThat(t.toString()).isEqualTo(
            "email starttls://127.0.0.1:587 to [oncall@example.com] (login alerts, password <secret>)");
    }
}
