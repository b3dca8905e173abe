package io.nplus.server.config;

import io.nplus.core.net.HostPort;
import io.nplus.core.secret.Secret;
import io.nplus.core.time.Durations;
import io.nplus.mibs.vocab.ComponentKind;
import io.nplus.mibs.yaml.YamlDocument;
import io.nplus.mibs.yaml.YamlException;
import io.nplus.snmp.session.AuthProtocol;
import io.nplus.snmp.session.Credentials;
import io.nplus.snmp.session.PrivProtocol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and checks a run configuration. Every mistake is a {@link YamlException} whose message is
 * {@code file:line key.path: what is wrong; what is allowed}, so a typo stops the start (or a reload) with a
 * sentence that points into the file. Secrets are read here, from files or environment variables, and
 * never appear in a message.
 *
 * <pre>{@code
 * RunConfig config = new ConfigLoader(System.getenv()).load(Path.of("nplus.yaml"));
 * }</pre>
 */
public final class ConfigLoader {
    /**
     * Linux's predictable interface names (systemd): eno* are on-board NICs (firmware index), ens* sit in PCIe
     * hot-plug slots and enp* are named by PCI location: add-in cards, the fabric NICs of a server.
     */
    public static final List<List<String>> DEFAULT_ROLES = List.of(List.of("onboard", "eno*"),
        List.of("fabric", "ens*"), List.of("fabric", "enp*"));

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> RESERVED_LABELS = Set.of("target", "kind", "component", "name", "state",
        "reason", "profile", "le", "quantile", "job", "instance", "group");

    private final Map<String, String> env;

    public ConfigLoader(Map<String, String> env) {
        this.env = env;
    }

    public RunConfig load(Path file) throws IOException {
        return load(YamlDocument.read(file), file.toAbsolutePath().getParent());
    }

    public RunConfig load(YamlDocument doc, Path baseDir) {
        ConfigSpec spec = doc.bind(ConfigSpec.class);
        return new Check(doc, spec, baseDir).run();
    }

    private final class Check {
        private final YamlDocument doc;
        private final ConfigSpec spec;
        private final Path baseDir;

        Check(YamlDocument doc, ConfigSpec spec, Path baseDir) {
            this.doc = doc;
            this.spec = spec;
            this.baseDir = baseDir;
        }

        RunConfig run() {
            HostPort listen = spec.listen() == null ? new HostPort("127.0.0.1", 9730) : hostPort(spec.listen(), 9730, "listen");
            Path dataDir = spec.dataDir() == null ? baseDir.resolve("data") : baseDir.resolve(spec.dataDir());
            boolean weak = Boolean.TRUE.equals(spec.allowWeakProtocols());
            RunConfig.Polling polling = polling();
            Map<String, Credentials> credentials = credentials(weak);
            List<RunConfig.Role> globalRoles = spec.interfaceRoles() == null ? defaultRoles()
                : roles(spec.interfaceRoles(), "interface_roles");
            List<RunConfig.Target> targets = targets(credentials, globalRoles);
            List<RunConfig.Group> groups = groups(targets);
            return new RunConfig(doc.name(), listen, dataDir.normalize(), weak, polling, targets, groups, history(),
                alerting(), traps(credentials, targets));
        }

        /** The trap receiver: listen address, extra senders (IP literals, known credentials), limits. */
        private RunConfig.Traps traps(Map<String, Credentials> credentials, List<RunConfig.Target> targets) {
            ConfigSpec.TrapsSpec t = spec.traps();
            if (t == null) {
                return null;
            }
            if (t.listen() == null) {
                throw doc.error("traps.listen", "the trap receiver needs an address to listen on (127.0.0.1:1162;"
                    + " port 162 needs CAP_NET_BIND_SERVICE)");
            }
            HostPort listen = hostPort(t.listen(), 162, "traps.listen");
            List<RunConfig.TrapSource> allow = new ArrayList<>();
            List<ConfigSpec.TrapSourceSpec> specs = t.allow() == null ? List.of() : t.allow();
            for (int i = 0; i < specs.size(); i++) {
                ConfigSpec.TrapSourceSpec a = specs.get(i);
                String path = "traps.allow[" + i + "]";
                if (a == null || a.source() == null || a.credentials() == null) {
                    throw doc.error(path, "an allowed trap source needs 'source' (an IP address) and 'credentials'"
                        + " (a name from the credentials section)");
                }
                java.net.InetAddress address = ipLiteral(a.source(), path + ".source");
                Credentials c = credentials.get(a.credentials());
                if (c == null) {
                    throw doc.error(path + ".credentials", "unknown credentials '" + a.credentials() + "'; defined: "
                        + (credentials.isEmpty() ? "none" : String.join(", ", credentials.keySet())));
                }
                if (a.device() != null && !NAME.matcher(a.device()).matches()) {
                    throw doc.error(path + ".device", "a device name uses letters, digits and _ . : -, got '" + a.device() + "'");
                }
                String device = a.device();
                if (device == null) {
                    device = targets.stream().filter(tg -> sameAddress(tg.address().host(), address)).map(RunConfig.Target::name)
                        .findFirst().orElse(address.getHostAddress());
                }
                allow.add(new RunConfig.TrapSource(address, a.credentials(), c, device));
            }
            int queue = t.queueSize() == null ? 10_000 : t.queueSize();
            if (queue < 1 || queue > 1_000_000) {
                throw doc.error("traps.queue_size", "bad value " + queue + "; expected 1..1000000");
            }
            double rate = t.rateLimit() == null ? 100 : t.rateLimit();
            if (!(rate > 0) || rate > 1_000_000) {
                throw doc.error("traps.rate_limit", "bad value " + rate + "; expected traps per second per source, above 0");
            }
            int burst = t.burst() == null ? 500 : t.burst();
            if (burst < 1 || burst > 1_000_000) {
                throw doc.error("traps.burst", "bad value " + burst + "; expected 1..1000000");
            }
            int keep = t.keepEvents() == null ? 1000 : t.keepEvents();
            if (keep < 1 || keep > 100_000) {
                throw doc.error("traps.keep_events", "bad value " + keep + "; expected 1..100000");
            }
            return new RunConfig.Traps(listen, allow, queue, rate, burst, keep);
        }

        private java.net.InetAddress ipLiteral(String text, String path) {
            String s = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
            // Only literals: a host name would be resolved (DNS) at every start and reload, and could change.
            java.net.InetAddress a = literal(s);
            if (a == null) {
                throw doc.error(path, "'" + text + "' is not an IP address; give one address per entry (192.0.2.7,"
                    + " 2001:db8::7)");
            }
            return a;
        }

        private boolean sameAddress(String host, java.net.InetAddress address) {
            String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            return address.equals(literal(h));
        }

        /** The rule files, loaded and checked now: a broken rule stops the start (or the reload), file:line. */
        private RunConfig.Alerting alerting() {
            boolean defaults = spec.defaultRules() == null || spec.defaultRules();
            List<Path> files = new ArrayList<>();
            if (spec.rules() != null) {
                for (int i = 0; i < spec.rules().size(); i++) {
                    String f = spec.rules().get(i);
                    Path p = baseDir.resolve(f == null ? "" : f).normalize();
                    if (f == null || !java.nio.file.Files.isRegularFile(p)) {
                        throw doc.error("rules[" + i + "]", "no such rules file: " + p);
                    }
                    files.add(p);
                }
            }
            if (!defaults && files.isEmpty()) {
                throw doc.error("default_rules", "with default_rules: false, give your own rules files (rules: [...]),"
                    + " or nothing would ever alert");
            }
            io.nplus.alerting.rules.RulePack pack;
            try {
                pack = io.nplus.alerting.rules.RulePack.load(files, defaults);
            } catch (java.io.IOException e) {
                throw doc.error("rules", "cannot read a rules file: " + e.getMessage());
            }
            return new RunConfig.Alerting(files, defaults, pack, notifications());
        }

        /** Receivers, routes and the watchdog: every reference resolved, every secret read. */
        private io.nplus.alerting.notify.NotifyConfig notifications() {
            Map<String, io.nplus.alerting.notify.NotifyConfig.Receiver> receivers = new LinkedHashMap<>();
            if (spec.receivers() != null) {
                for (Map.Entry<String, ConfigSpec.ReceiverSpec> e : spec.receivers().entrySet()) {
                    String path = "receivers." + e.getKey();
                    if (!NAME.matcher(e.getKey()).matches()) {
                        throw doc.error(path, "receiver names use letters, digits and _ . : -, got '" + e.getKey() + "'");
                    }
                    receivers.put(e.getKey(), receiver(e.getKey(), e.getValue(), path));
                }
            }
            List<io.nplus.alerting.notify.NotifyConfig.Route> routes = new ArrayList<>();
            if (spec.routes() != null) {
                for (int i = 0; i < spec.routes().size(); i++) {
                    ConfigSpec.RouteSpec r = spec.routes().get(i);
                    String path = "routes[" + i + "]";
                    if (r == null || r.receiver() == null) {
                        throw doc.error(path, "a route needs a receiver (one of: " + String.join(", ", receivers.keySet()) + ")");
                    }
                    if (!receivers.containsKey(r.receiver())) {
                        throw doc.error(path + ".receiver", "unknown receiver '" + r.receiver() + "'; defined: "
                            + (receivers.isEmpty() ? "none (add a receivers section)" : String.join(", ", receivers.keySet())));
                    }
                    Map<String, Pattern> match = new LinkedHashMap<>();
                    if (r.match() != null) {
                        r.match().forEach((k, v) -> match.put(k, glob(v == null ? "" : v)));
                    }
                    routes.add(new io.nplus.alerting.notify.NotifyConfig.Route(match, r.receiver(),
                        Boolean.TRUE.equals(r.continueMatching()), r.groupBy() == null ? List.of() : r.groupBy(),
                        r.groupWait() == null ? Duration.ofSeconds(30) : duration(r.groupWait(), path + ".group_wait"),
                        r.repeatInterval() == null ? Duration.ofHours(4) : duration(r.repeatInterval(), path + ".repeat_interval")));
                }
            } else if (receivers.size() == 1) {
                // One receiver and no routes: everything goes there (the common small setup).
                routes.add(new io.nplus.alerting.notify.NotifyConfig.Route(Map.of(), receivers.keySet().iterator().next(),
                    false, List.of(), Duration.ofSeconds(30), Duration.ofHours(4)));
            } else if (!receivers.isEmpty()) {
                throw doc.error("receivers", "with several receivers, say which alerts go where: add routes");
            }
            io.nplus.alerting.notify.NotifyConfig.Watchdog watchdog = null;
            if (spec.watchdog() != null) {
                if (spec.watchdog().url() == null) {
                    throw doc.error("watchdog", "the watchdog needs a url (a dead man's switch to ping)");
                }
                watchdog = new io.nplus.alerting.notify.NotifyConfig.Watchdog(uri(spec.watchdog().url(), "watchdog.url"),
                    spec.watchdog().interval() == null ? Duration.ofMinutes(1) : duration(spec.watchdog().interval(),
                        "watchdog.interval"));
            }
            return new io.nplus.alerting.notify.NotifyConfig(receivers, routes, watchdog);
        }

        private io.nplus.alerting.notify.NotifyConfig.Receiver receiver(String name, ConfigSpec.ReceiverSpec r, String path) {
            int kinds = r == null ? 0 : (r.pagerduty() != null ? 1 : 0) + (r.alertmanager() != null ? 1 : 0)
                + (r.webhook() != null ? 1 : 0) + (r.email() != null ? 1 : 0);
            if (kinds != 1) {
                throw doc.error(path, "a receiver is exactly one of pagerduty, alertmanager, webhook or email");
            }
            if (r.pagerduty() != null) {
                ConfigSpec.PagerDutySpec p = r.pagerduty();
                String at = path + ".pagerduty";
                java.net.URI url = p.url() == null ? io.nplus.alerting.notify.PagerDutyTransport.DEFAULT_URL
                    : uri(p.url(), at + ".url");
                Secret key = secret(p.routingKey(), p.routingKeyFile(), p.routingKeyEnv(), at, "routing_key", true);
                return new io.nplus.alerting.notify.NotifyConfig.Receiver(name, new io.nplus.alerting.notify.PagerDutyTransport(
                    url, key, timeout(p.timeout(), at)), rate(p.rateLimit(), at, 120), null);
            }
            if (r.webhook() != null) {
                ConfigSpec.WebhookSpec w = r.webhook();
                String at = path + ".webhook";
                if (w.url() == null) {
                    throw doc.error(at, "a webhook needs a url");
                }
                Secret hmac = w.hmacSecret() == null && w.hmacSecretFile() == null && w.hmacSecretEnv() == null ? null
                    : secret(w.hmacSecret(), w.hmacSecretFile(), w.hmacSecretEnv(), at, "hmac_secret", true);
                return new io.nplus.alerting.notify.NotifyConfig.Receiver(name, new io.nplus.alerting.notify.WebhookTransport(
                    uri(w.url(), at + ".url"), hmac, timeout(w.timeout(), at)), rate(w.rateLimit(), at, 600), null);
            }
            if (r.alertmanager() != null) {
                ConfigSpec.AlertmanagerSpec a = r.alertmanager();
                String at = path + ".alertmanager";
                if (a.url() == null) {
                    throw doc.error(at, "alertmanager needs its url (http://127.0.0.1:9093)");
                }
                Duration resend = a.resendEvery() == null ? Duration.ofMinutes(1) : duration(a.resendEvery(), at + ".resend_every");
                if (resend.compareTo(Duration.ofSeconds(10)) < 0 || resend.compareTo(Duration.ofMinutes(30)) > 0) {
                    throw doc.error(at + ".resend_every", "resend_every " + Durations.format(resend) + " is outside 10s..30m"
                        + " (Alertmanager resolves an alert that is not re-sent before its endsAt)");
                }
                io.nplus.alerting.notify.AlertmanagerTransport t;
                try {
                    t = new io.nplus.alerting.notify.AlertmanagerTransport(uri(a.url(), at + ".url"), timeout(a.timeout(), at));
                } catch (IllegalArgumentException e) {
                    throw doc.error(at + ".url", e.getMessage());
                }
                return new io.nplus.alerting.notify.NotifyConfig.Receiver(name, t, rate(a.rateLimit(), at, 600), resend);
            }
            ConfigSpec.EmailSpec m = r.email();
            String at = path + ".email";
            io.nplus.alerting.notify.EmailTransport.Tls tls;
            String mode = m.tls() == null ? "starttls" : m.tls();
            switch (mode) {
                case "starttls" -> tls = io.nplus.alerting.notify.EmailTransport.Tls.STARTTLS;
                case "tls" -> tls = io.nplus.alerting.notify.EmailTransport.Tls.TLS;
                case "none" -> tls = io.nplus.alerting.notify.EmailTransport.Tls.NONE;
                default -> throw doc.error(at + ".tls", "bad value '" + mode + "'; expected starttls (the default), tls"
                    + " (SMTPS, port 465) or none (plain: a trusted network only)");
            }
            Secret password = null;
            if (m.username() != null) {
                password = secret(m.password(), m.passwordFile(), m.passwordEnv(), at, "password", true);
            } else if (m.password() != null || m.passwordFile() != null || m.passwordEnv() != null) {
                throw doc.error(at, "a password without a username; give username too");
            }
            try {
                return new io.nplus.alerting.notify.NotifyConfig.Receiver(name, new io.nplus.alerting.notify.EmailTransport(
                    new io.nplus.alerting.notify.EmailTransport.Settings(m.host(), m.port() == null ? 0 : m.port(), tls,
                        m.username(), password, m.from(), m.to() == null ? List.of() : m.to(), timeout(m.timeout(), at))),
                    rate(m.rateLimit(), at, 60), null);
            } catch (IllegalArgumentException e) {
                throw doc.error(at, e.getMessage());
            }
        }

        private Duration timeout(String text, String path) {
            Duration d = text == null ? Duration.ofSeconds(10) : duration(text, path + ".timeout");
            if (d.compareTo(Duration.ofSeconds(1)) < 0 || d.compareTo(Duration.ofMinutes(2)) > 0) {
                throw doc.error(path + ".timeout", "timeout " + Durations.format(d) + " is outside 1s..2m");
            }
            return d;
        }

        private int rate(Integer perMinute, String path, int otherwise) {
            int n = perMinute == null ? otherwise : perMinute;
            if (n < 1 || n > 100_000) {
                throw doc.error(path + ".rate_limit", "bad value " + n + "; expected notifications per minute, 1..100000");
            }
            return n;
        }

        java.net.URI uri(String text, String path) {
            try {
                java.net.URI u = new java.net.URI(text);
                if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
                    throw doc.error(path, "bad URL '" + text + "': expected http:// or https:// with a host");
                }
                return u;
            } catch (java.net.URISyntaxException e) {
                throw doc.error(path, "bad URL '" + text + "': " + e.getReason());
            }
        }



        private RunConfig.History history() {
            ConfigSpec.HistorySpec h = spec.history();
            Duration raw = h == null || h.rawRetention() == null ? RunConfig.History.DEFAULTS.rawRetention()
                : duration(h.rawRetention(), "history.raw_retention");
            Duration rollups = h == null || h.rollupRetention() == null ? RunConfig.History.DEFAULTS.rollupRetention()
                : duration(h.rollupRetention(), "history.rollup_retention");
            if (raw.compareTo(Duration.ofDays(1)) < 0) {
                throw doc.error("history.raw_retention", "raw retention " + Durations.format(raw) + " is below 1d");
            }
            if (rollups.compareTo(raw) < 0) {
                throw doc.error("history.rollup_retention", "rollup retention " + Durations.format(rollups)
                    + " is shorter than the raw retention " + Durations.format(raw) + "; rollups cover what raw data no"
                    + " longer does");
            }
            return new RunConfig.History(raw, rollups);
        }

        private RunConfig.Polling polling() {
            ConfigSpec.PollingSpec p = spec.polling();
            int maxInFlight = p == null || p.maxInFlight() == null ? 256 : p.maxInFlight();
            if (maxInFlight < 1 || maxInFlight > 100_000) {
                throw doc.error("polling.max_in_flight", "bad value " + maxInFlight + "; expected 1..100000");
            }
            double jitter = p == null || p.jitter() == null ? 0.1 : p.jitter();
            if (!(jitter >= 0 && jitter <= 0.5)) {
                throw doc.error("polling.jitter", "bad value " + jitter + "; expected a fraction of the interval, 0..0.5");
            }
            Duration maxBackoff = p == null || p.maxBackoff() == null ? Duration.ofMinutes(5)
                : duration(p.maxBackoff(), "polling.max_backoff");
            return new RunConfig.Polling(maxInFlight, jitter, maxBackoff);
        }

        private Map<String, Credentials> credentials(boolean weak) {
            Map<String, Credentials> out = new LinkedHashMap<>();
            if (spec.credentials() == null) {
                return out;
            }
            for (Map.Entry<String, ConfigSpec.CredentialSpec> e : spec.credentials().entrySet()) {
                String path = "credentials." + e.getKey();
                if (!NAME.matcher(e.getKey()).matches()) {
                    throw doc.error(path, "credential names use letters, digits and _ . : -, got '" + e.getKey() + "'");
                }
                ConfigSpec.CredentialSpec c = e.getValue();
                if (c == null || c.version() == null) {
                    throw doc.error(path, "missing 'version': 1, 2c or 3");
                }
                out.put(e.getKey(), credential(c, path, weak));
            }
            return out;
        }

        private Credentials credential(ConfigSpec.CredentialSpec c, String path, boolean weak) {
            switch (c.version()) {
                case "1":
                case "2c": {
                    if (c.user() != null || c.authProtocol() != null || c.privProtocol() != null) {
                        throw doc.error(path, "version " + c.version() + " uses a community; user, auth_* and priv_* are"
                            + " for version 3");
                    }
                    Secret community = secret(c.community(), c.communityFile(), c.communityEnv(), path, "community", true);
                    return Credentials.community(c.version().equals("1") ? Credentials.Version.V1
                        : Credentials.Version.V2C, community);
                }
                case "3": {
                    if (c.community() != null || c.communityFile() != null || c.communityEnv() != null) {
                        throw doc.error(path, "version 3 has no community; give user, auth_* and priv_*");
                    }
                    if (c.user() == null || c.user().isEmpty()) {
                        throw doc.error(path, "version 3 needs 'user'");
                    }
                    AuthProtocol auth = null;
                    if (c.authProtocol() != null) {
                        auth = parse(() -> AuthProtocol.parse(c.authProtocol()), path + ".auth_protocol", c.authProtocol());
                        if (auth.isWeak() && !weak) {
                            throw doc.error(path + ".auth_protocol", auth + " is a weak protocol; use SHA224..SHA512, or set"
                                + " allow_weak_protocols: true for devices that cannot");
                        }
                    }
                    PrivProtocol priv = null;
                    if (c.privProtocol() != null) {
                        priv = parse(() -> PrivProtocol.parse(c.privProtocol()), path + ".priv_protocol", c.privProtocol());
                        if (priv.isWeak() && !weak) {
                            throw doc.error(path + ".priv_protocol", priv + " is a weak protocol; use AES128..AES256, or set"
                                + " allow_weak_protocols: true for devices that cannot");
                        }
                        if (auth == null) {
                            throw doc.error(path + ".priv_protocol", "privacy needs authentication: set auth_protocol too");
                        }
                    }
                    Secret authPass = auth == null ? none(c.authPassphraseFile(), c.authPassphraseEnv(), path, "auth_passphrase")
                        : secret(null, c.authPassphraseFile(), c.authPassphraseEnv(), path, "auth_passphrase", false);
                    Secret privPass = priv == null ? none(c.privPassphraseFile(), c.privPassphraseEnv(), path, "priv_passphrase")
                        : secret(null, c.privPassphraseFile(), c.privPassphraseEnv(), path, "priv_passphrase", false);
                    try {
                        return new Credentials.Usm(c.user(), auth, authPass, priv, privPass, c.context());
                    } catch (IllegalArgumentException ex) {
                        throw doc.error(path, ex.getMessage());
                    }
                }
                default:
                    throw doc.error(path + ".version", "bad value '" + c.version() + "'; expected 1, 2c or 3");
            }
        }

        private Secret none(String file, String envName, String path, String what) {
            if (file != null || envName != null) {
                throw doc.error(path, what + " is given but its protocol is not: set " + what.replace("passphrase", "protocol"));
            }
            return null;
        }

        /** A secret from exactly one of: inline (communities only), a file, an environment variable. */
        private Secret secret(String inline, String file, String envName, String path, String what, boolean inlineAllowed) {
            int given = (inline != null ? 1 : 0) + (file != null ? 1 : 0) + (envName != null ? 1 : 0);
            String choices = inlineAllowed ? what + ", " + what + "_file or " + what + "_env" : what + "_file or " + what + "_env";
            if (given != 1) {
                throw doc.error(path, (given == 0 ? "missing " : "more than one of ") + choices);
            }
            if (inline != null) {
                return Secret.of(inline);
            }
            if (file != null) {
                Path p = baseDir.resolve(file);
                try {
                    return Secret.fromFile(p);
                } catch (java.nio.file.NoSuchFileException e) {
                    throw doc.error(path + "." + what + "_file", "cannot read " + p + ": no such file");
                } catch (java.nio.file.AccessDeniedException e) {
                    throw doc.error(path + "." + what + "_file", "cannot read " + p + ": permission denied");
                } catch (IOException e) {
                    throw doc.error(path + "." + what + "_file", "cannot read " + p + ": " + e.getMessage());
                }
            }
            String value = env.get(envName);
            if (value == null || value.isEmpty()) {
                throw doc.error(path + "." + what + "_env", "environment variable " + envName + " is not set");
            }
            return Secret.of(value);
        }

        private List<RunConfig.Target> targets(Map<String, Credentials> credentials, List<RunConfig.Role> globalRoles) {
            List<ConfigSpec.TargetSpec> specs = spec.targets() == null ? List.of() : spec.targets();
            if (specs.isEmpty()) {
                throw doc.error("targets", "no targets: list the devices to poll (or start nplus run without --config"
                    + " for the built-in lab)");
            }
            ConfigSpec.DefaultsSpec d = spec.defaults();
            Duration interval = d == null || d.interval() == null ? Duration.ofSeconds(60) : duration(d.interval(), "defaults.interval");
            Duration timeout = d == null || d.timeout() == null ? Duration.ofSeconds(5) : duration(d.timeout(), "defaults.timeout");
            int retries = d == null || d.retries() == null ? 1 : d.retries();
            int maxRep = d == null || d.maxRepetitions() == null ? 25 : d.maxRepetitions();
            Duration deadline = d == null || d.deadline() == null ? null : duration(d.deadline(), "defaults.deadline");
            Set<String> names = new HashSet<>();
            List<RunConfig.Target> out = new ArrayList<>();
            for (int i = 0; i < specs.size(); i++) {
                ConfigSpec.TargetSpec t = specs.get(i);
                String path = "targets[" + i + "]";
                if (t == null || t.name() == null || !NAME.matcher(t.name()).matches()) {
                    throw doc.error(path + ".name", "every target needs a name of letters, digits and _ . : -, got '"
                        + (t == null ? null : t.name()) + "'");
                }
                if (!names.add(t.name())) {
                    throw doc.error(path + ".name", "target name '" + t.name() + "' is used twice");
                }
                if (t.address() == null) {
                    throw doc.error(path, "target " + t.name() + " needs an address (host or host:port)");
                }
                HostPort address = hostPort(t.address(), 161, path + ".address");
                if (t.credentials() == null) {
                    throw doc.error(path, "target " + t.name() + " needs credentials (one of: " + String.join(", ",
                        credentials.keySet()) + ")");
                }
                Credentials c = credentials.get(t.credentials());
                if (c == null) {
                    throw doc.error(path + ".credentials", "unknown credentials '" + t.credentials() + "'; defined: "
                        + (credentials.isEmpty() ? "none (add a credentials section)" : String.join(", ", credentials.keySet())));
                }
                Duration ti = t.interval() == null ? interval : duration(t.interval(), path + ".interval");
                Duration to = t.timeout() == null ? timeout : duration(t.timeout(), path + ".timeout");
                int re = t.retries() == null ? retries : t.retries();
                int mr = t.maxRepetitions() == null ? maxRep : t.maxRepetitions();
                if (ti.compareTo(Duration.ofSeconds(1)) < 0) {
                    throw doc.error(path + ".interval", "interval " + Durations.format(ti) + " is below 1s");
                }
                if (re < 0 || re > 10) {
                    throw doc.error(path + ".retries", "bad value " + re + "; expected 0..10");
                }
                if (mr < 1 || mr > 500) {
                    throw doc.error(path + ".max_repetitions", "bad value " + mr + "; expected 1..500");
                }
                if (to.multipliedBy(re + 1L).compareTo(ti) > 0) {
                    throw doc.error(path + (t.timeout() != null ? ".timeout" : ".interval"), "timeout "
                        + Durations.format(to) + " x " + (re + 1) + " tries is longer than the interval "
                        + Durations.format(ti) + ": a silent device would still be waited for when its next poll is due");
                }
                Duration dl = t.deadline() == null ? (deadline != null ? deadline : ti.multipliedBy(9).dividedBy(10))
                    : duration(t.deadline(), path + ".deadline");
                if (dl.compareTo(ti) > 0) {
                    throw doc.error(path + ".deadline", "deadline " + Durations.format(dl) + " is longer than the interval "
                        + Durations.format(ti));
                }
                Map<String, String> labels = new LinkedHashMap<>();
                if (t.labels() != null) {
                    for (Map.Entry<String, String> l : t.labels().entrySet()) {
                        if (!LABEL.matcher(l.getKey()).matches() || l.getKey().startsWith("__")) {
                            throw doc.error(path + ".labels." + l.getKey(), "label names are [a-zA-Z_][a-zA-Z0-9_]* (Prometheus)");
                        }
                        if (RESERVED_LABELS.contains(l.getKey())) {
                            throw doc.error(path + ".labels." + l.getKey(), "label '" + l.getKey() + "' is set by nplus;"
                                + " reserved: " + String.join(", ", new java.util.TreeSet<>(RESERVED_LABELS)));
                        }
                        labels.put(l.getKey(), l.getValue() == null ? "" : l.getValue());
                    }
                }
                List<RunConfig.Role> roles = t.interfaceRoles() == null ? globalRoles
                    : roles(t.interfaceRoles(), path + ".interface_roles");
                out.add(new RunConfig.Target(t.name(), address, t.credentials(), c, ti, to, re, mr, dl, labels, roles));
            }
            return out;
        }

        private List<RunConfig.Role> defaultRoles() {
            return ConfigLoader.defaultRoles();
        }

        private List<RunConfig.Role> roles(List<ConfigSpec.RoleSpec> specs, String path) {
            List<RunConfig.Role> out = new ArrayList<>();
            for (int i = 0; i < specs.size(); i++) {
                ConfigSpec.RoleSpec r = specs.get(i);
                if (r == null || r.role() == null || !LABEL.matcher(r.role()).matches() || r.match() == null) {
                    throw doc.error(path + "[" + i + "]", "an interface role needs 'role' (a word: onboard, management,"
                        + " fabric ...) and 'match' (a name glob such as eno*)");
                }
                out.add(new RunConfig.Role(r.role(), r.match(), glob(r.match())));
            }
            return out;
        }

        private List<RunConfig.Group> groups(List<RunConfig.Target> targets) {
            return ConfigLoader.groups(doc, spec.groups(), targets.stream().map(RunConfig.Target::name).toList());
        }

        private HostPort hostPort(String text, int defaultPort, String path) {
            try {
                return HostPort.parse(text, defaultPort);
            } catch (IllegalArgumentException e) {
                throw doc.error(path, e.getMessage());
            }
        }

        private Duration duration(String text, String path) {
            try {
                Duration d = Durations.parse(text);
                if (d.isZero()) {
                    throw new IllegalArgumentException("'" + text + "' is zero; give a positive duration");
                }
                return d;
            } catch (IllegalArgumentException e) {
                throw doc.error(path, e.getMessage());
            }
        }

        private <T> T parse(java.util.function.Supplier<T> parser, String path, String value) {
            try {
                return parser.get();
            } catch (IllegalArgumentException e) {
                throw doc.error(path, e.getMessage());
            }
        }
    }

    public static List<RunConfig.Role> defaultRoles() {
        List<RunConfig.Role> out = new ArrayList<>();
        for (List<String> r : DEFAULT_ROLES) {
            out.add(new RunConfig.Role(r.get(0), r.get(1), glob(r.get(1))));
        }
        return out;
    }

    /**
     * The {@code groups:} section of {@code doc} (the run config's, or a replay scenario's): each member must match
     * one of {@code targets}. Errors name the file, line and key path as every config error does.
     */
    public static List<RunConfig.Group> groups(YamlDocument doc, List<ConfigSpec.GroupSpec> specs, List<String> targets) {
        List<RunConfig.Group> out = new ArrayList<>();
        if (specs == null) {
            return out;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < specs.size(); i++) {
            ConfigSpec.GroupSpec g = specs.get(i);
            String path = "groups[" + i + "]";
            if (g == null || g.name() == null || !NAME.matcher(g.name()).matches()) {
                throw doc.error(path + ".name", "every group needs a name of letters, digits and _ . : -");
            }
            if (!names.add(g.name())) {
                throw doc.error(path + ".name", "group name '" + g.name() + "' is used twice");
            }
            if (g.members() == null || g.members().isEmpty()) {
                throw doc.error(path + ".members", "group " + g.name() + " has no members");
            }
            int need = g.need() == null ? g.members().size() : g.need();
            if (need < 1) {
                throw doc.error(path + ".need", "need must be at least 1, got " + need);
            }
            List<RunConfig.Member> members = new ArrayList<>();
            for (int m = 0; m < g.members().size(); m++) {
                ConfigSpec.MemberSpec ms = g.members().get(m);
                String mp = path + ".members[" + m + "]";
                if (ms == null || ms.target() == null) {
                    throw doc.error(mp, "a member needs 'target' (a target name or glob), and may give kind and component");
                }
                Pattern tp = glob(ms.target());
                if (targets.stream().noneMatch(t -> tp.matcher(t).matches())) {
                    throw doc.error(mp + ".target", "no target matches '" + ms.target() + "'; targets: "
                        + String.join(", ", targets));
                }
                ComponentKind kind = null;
                if (ms.kind() != null) {
                    try {
                        kind = ComponentKind.parse(ms.kind());
                    } catch (IllegalArgumentException e) {
                        throw doc.error(mp + ".kind", e.getMessage());
                    }
                }
                members.add(new RunConfig.Member(tp, kind, ms.component() == null ? null : glob(ms.component()),
                    ms.target() + (ms.kind() == null ? "" : " " + ms.kind()) + (ms.component() == null ? "" : " " + ms.component())));
            }
            out.add(new RunConfig.Group(g.name(), need, members));
        }
        return out;
    }

    /** An IP address written as one (never a DNS lookup), or null. */
    static java.net.InetAddress literal(String s) {
        boolean v4 = s.matches("\\d{1,3}(\\.\\d{1,3}){3}")
            && java.util.Arrays.stream(s.split("\\.")).allMatch(o -> Integer.parseInt(o) <= 255);
        boolean v6 = s.contains(":") && s.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            return null;
        }
        try {
            return java.net.InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }

    /** A glob (* any run, ? one character) as a whole-string pattern. */
    public static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*': re.append(".*"); break;
                case '?': re.append('.'); break;
                default: re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }

    /** Whether a config file exists at all, for the message when it does not. */
    public static boolean readable(Path file) {
        return Files.isRegularFile(file) && Files.isReadable(file);
    }
}
