package io.nplus.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nplus.core.net.HostPort;
import io.nplus.mibs.vocab.ComponentKind;
import io.nplus.mibs.yaml.YamlException;
import io.nplus.snmp.session.AuthProtocol;
import io.nplus.snmp.session.Credentials;
import io.nplus.snmp.session.PrivProtocol;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 4: a config is checked completely at start, and each mistake is named with file, line and key. */
class ConfigLoaderTest {
    static final Path DIR = Path.of("src/test/resources/config");
    static final Map<String, String> ENV = Map.of("NPLUS_TEST_COMMUNITY", "from-the-env", "NPLUS_TEST_PASS", "envpass123");

    static RunConfig load(String file) throws Exception {
        return new ConfigLoader(ENV).load(DIR.resolve(file));
    }

    @Test
    void goodConfigResolvesEveryKey() throws Exception {
        RunConfig c = load("good.yaml");
        assertThat(c.listen()).isEqualTo(new HostPort("127.0.0.1", 9731));
        assertThat(c.dataDir()).isEqualTo(DIR.toAbsolutePath().resolve("state").normalize());
        assertThat(c.polling()).isEqualTo(new RunConfig.Polling(100, 0.2, Duration.ofMinutes(5)));
        assertThat(c.history()).isEqualTo(new RunConfig.History(Duration.ofDays(14), Duration.ofDays(180)));
        RunConfig.Target sw = c.targets().get(0);
        assertThat(sw.name()).isEqualTo("core-sw-1");
        assertThat(sw.interval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(sw.timeout()).isEqualTo(Duration.ofSeconds(2)); // from defaults
        assertThat(sw.retries()).isEqualTo(2);
        assertThat(sw.deadline()).isEqualTo(Duration.ofSeconds(54)); // 90 % of the interval
        assertThat(sw.labels()).containsEntry("site", "fra1").containsEntry("role", "core");
        assertThat(sw.roleOf("mgmt0")).isEqualTo("management");
        assertThat(sw.roleOf("eno1")).isEqualTo("onboard");
        assertThat(sw.roleOf("ens1f0")).isEmpty(); // the global list replaces the defaults
        RunConfig.Target db = c.targets().get(1);
        assertThat(db.address()).isEqualTo(new HostPort("2001:db8::5", 1161));
        assertThat(db.roleOf("ens1f0")).isEqualTo("fabric");
        Credentials.Usm v3 = (Credentials.Usm) db.credentials();
        assertThat(v3.auth()).isEqualTo(AuthProtocol.SHA256);
        assertThat(v3.priv()).isEqualTo(PrivProtocol.AES256);
        assertThat(v3.authPassphrase().reveal()).isEqualTo("authpass123");
        assertThat(v3.context()).isEqualTo("walk1");
        RunConfig.Group g = c.groups().get(0);
        assertThat(g.need()).isEqualTo(2);
        assertThat(g.members().get(1).kind()).isEqualTo(ComponentKind.INTERFACE);
        assertThat(g.members().get(1).target().matcher("db1").matches()).isTrue();
    }

    /** The README's annotated config is the reference users copy: it must load as written (secret paths aside). */
    @Test
    void theReadmeConfigurationLoads(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        int section = readme.indexOf("### Configuration");
        int from = readme.indexOf("```yaml", section) + "```yaml".length();
        String yaml = readme.substring(from, readme.indexOf("```", from));
        for (String secret : new String[] {"community", "auth", "priv"}) {
            Files.writeString(dir.resolve(secret), secret + "pass123\n");
        }
        Path f = Files.writeString(dir.resolve("nplus.yaml"), yaml.replace("/etc/nplus", dir.toString()));
        RunConfig c = new ConfigLoader(Map.of("NPLUS_COMMUNITY", "x")).load(f);
        assertThat(c.targets()).extracting(RunConfig.Target::name).containsExactly("core-sw-1", "db1");
        assertThat(c.targets().get(0).roleOf("Ethernet49/1")).isEqualTo("fabric");
        assertThat(c.groups()).hasSize(1);
        assertThat(c.polling()).isEqualTo(new RunConfig.Polling(256, 0.1, Duration.ofMinutes(5)));
    }

    /** The README's notifications example, with a target, loads as written (secret paths aside). */
    @Test
    void theReadmeNotificationsLoad(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        int section = readme.indexOf("### Notifications");
        int from = readme.indexOf("```yaml", section) + "```yaml".length();
        String yaml = readme.substring(from, readme.indexOf("```", from));
        Files.writeString(dir.resolve("pagerduty.key"), "pdkey123\n");
        Files.writeString(dir.resolve("hook.key"), "hook123\n");
        Files.writeString(dir.resolve("smtp.pass"), "smtp123\n");
        Path f = Files.writeString(dir.resolve("nplus.yaml"), "targets: [{name: a, address: 10.0.0.1, credentials: c}]\n"
            + "credentials: {c: {version: 2c, community: x}}\n" + yaml.replace("/etc/nplus", dir.toString()));
        RunConfig c = new ConfigLoader(Map.of()).load(f);
        var n = c.alerting().notifications();
        assertThat(n.receivers()).containsOnlyKeys("oncall", "noc", "chatops", "mail");
        assertThat(n.receivers().get("mail").transport().kind()).isEqualTo("email");
        assertThat(n.receivers().get("oncall").transport().kind()).isEqualTo("pagerduty");
        assertThat(n.receivers().get("oncall").perMinute()).isEqualTo(120);
        assertThat(n.receivers().get("noc").transport().kind()).isEqualTo("alertmanager");
        assertThat(n.receivers().get("noc").resendEvery()).isEqualTo(Duration.ofMinutes(1));
        assertThat(n.routes()).hasSize(3);
        assertThat(n.routes().get(2).groupBy()).containsExactly("site");
        assertThat(n.watchdog().interval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.toString()).doesNotContain("pdkey123", "hook123", "smtp123");
    }

    @Test
    void secretsNeverPrintInTheConfigObjects() throws Exception {
        RunConfig c = load("good.yaml");
        assertThat(c.toString()).doesNotContain("authpass123", "privpass123", "public").contains("<secret>");
    }

    @Test
    void defaultsGiveLinuxInterfaceRoles(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("c.yaml"), "targets: [{name: a, address: 10.0.0.1, credentials: c}]\n"
            + "credentials: {c: {version: 2c, community: x}}\n");
        RunConfig.Target t = new ConfigLoader(ENV).load(f).targets().get(0);
        assertThat(t.roleOf("eno1")).isEqualTo("onboard");
        assertThat(t.roleOf("ens3f1")).isEqualTo("fabric");
        assertThat(t.roleOf("enp8s0f0")).isEqualTo("fabric");
        assertThat(t.roleOf("eth0")).isEmpty();
        assertThat(t.interval()).isEqualTo(Duration.ofSeconds(60));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        unknown-key                   | 2  | targest                          | unknown key 'targest'; allowed: allow_weak_protocols, credentials, data_dir, default_rules, defaults, groups, history, interface_roles, listen, polling, receivers, routes, rules, targets, traps, watchdog
        unknown-credentials           | 4  | targets[0].credentials           | unknown credentials 'lab-v3'; defined: lab-v2
        bad-version                   | 4  | credentials.c.version            | bad value '4'; expected 1, 2c or 3
        bad-duration                  | 5  | targets[0].interval              | '1 minute' is not a duration; write it like 500ms, 5s, 2m, 1h30m or 7d
        bad-port                      | 2  | targets[0].address               | '10.0.0.1:70000': port 70000 is outside 1..65535
        duplicate-target              | 3  | targets[1].name                  | target name 'a' is used twice
        timeout-longer-than-interval  | 2  | targets[0].timeout               | timeout 6s x 2 tries is longer than the interval 10s
        weak-protocol                 | 4  | credentials.c.auth_protocol      | MD5 is a weak protocol; use SHA224..SHA512, or set allow_weak_protocols: true
        missing-secret-file           | 4  | credentials.c.auth_passphrase_file | no such file
        unset-env                     | 4  | credentials.c.community_env      | environment variable NPLUS_TEST_UNSET is not set
        two-community-sources         | 4  | credentials.c                    | more than one of community, community_file or community_env
        priv-without-auth             | 4  | credentials.c.priv_protocol      | privacy needs authentication: set auth_protocol too
        reserved-label                | 2  | targets[0].labels.target         | label 'target' is set by nplus
        group-unknown-target          | 8  | groups[0].members[0].target      | no target matches 'b'; targets: a
        group-bad-kind                | 7  | groups[0].members[0].kind        | unknown kind 'disk'; expected controller, virtual_drive
        retries-as-text               | 2  | targets[0].retries               | Cannot coerce String value
        no-targets                    | 1  | targets                          | no targets: list the devices to poll
        bad-jitter                    | 1  | polling.jitter                   | bad value 2.0; expected a fraction of the interval, 0..0.5
        not-yaml                      | 3  | ''                               | not valid YAML
        history-rollups-shorter       | 5  | history.rollup_retention         | rollup retention 7d is shorter than the raw retention 30d
        route-unknown-receiver        | 6  | routes[0].receiver               | unknown receiver 'on-call'; defined: oncall
        receiver-two-kinds            | 5  | receivers.oncall                 | a receiver is exactly one of pagerduty, alertmanager, webhook or email
        """)
    void badConfigIsRejectedWithFileLineKeyAndProblem(String file, int line, String path, String problem) {
        Path f = DIR.resolve("bad").resolve(file + ".yaml");
        assertThatThrownBy(() -> new ConfigLoader(ENV).load(f))
            .isInstanceOfSatisfying(YamlException.class, e -> {
                assertThat(e.file()).isEqualTo(f.toString());
                assertThat(e.line()).as("line of %s", e.getMessage()).isEqualTo(line);
                assertThat(e.path()).isEqualTo(path);
                assertThat(e.problem()).contains(problem);
                assertThat(e.getMessage()).startsWith(f + ":" + line);
            });
    }

    @Test
    void messagesNeverContainASecret() {
        // The secret is in the file; the message about the file's other mistake must not quote it.
        assertThatThrownBy(() -> new ConfigLoader(Map.of("NPLUS_TEST_PASS", "envpass123"))
            .load(DIR.resolve("bad/two-community-sources.yaml")))
            .hasMessageNotContaining("public").hasMessageNotContaining("from-the-env");
    }
}
