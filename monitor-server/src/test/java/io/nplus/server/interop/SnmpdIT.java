package io.nplus.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 2: {@code nplus poll} against a real net-snmp snmpd on this machine, over SNMPv2c and SNMPv3 authPriv
 * (SHA-256, AES-128): it finds the loopback interface and the root filesystem, its exit status agrees with its
 * JSON, a wrong community or auth passphrase ends in exit 3 with a message that says which, and the community
 * never shows in anything nplus prints.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SnmpdIT {
    private static final String USER = "nplususer";
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    static Path tmp;
    private static Daemon snmpd;
    /** A community no one would type: if it shows in nplus's output, nplus leaked it. */
    private static String canary;
    private static String authPassphrase;
    private static String privPassphrase;
    private static Path authFile;
    private static Path privFile;

    @BeforeAll
    static void startSnmpd() throws Exception {
        Path binary = Tool.SNMPD.path();
        canary = "canary-" + random();
        authPassphrase = "auth-" + random();
        privPassphrase = "priv-" + random();
        authFile = Files.writeString(tmp.resolve("auth.pass"), authPassphrase + "\n", StandardCharsets.UTF_8);
        privFile = Files.writeString(tmp.resolve("priv.pass"), privPassphrase + "\n", StandardCharsets.UTF_8);
        Path conf = tmp.resolve("snmpd.conf");
        Map<String, String> env = Tool.netSnmpEnvironment(tmp);
        // -f: stay in the foreground (the test owns the process); -C -c: only this config, not /etc/snmp;
        // -I -smux: no SMUX listener on TCP port 199, which the machine's own snmpd may hold; -Le: log to
        // stderr, which goes to the log file failure messages quote. Persistent state (engine boots, the
        // localised USM keys createUser becomes) goes to SNMP_PERSISTENT_DIR in the temp dir.
        snmpd = Daemon.startAnswering("snmpd", port -> {
            try {
                Files.writeString(conf, String.join("\n",
                    "agentAddress udp:127.0.0.1:" + port,
                    "rocommunity " + canary + " 127.0.0.1",
                    "createUser " + USER + " SHA-256 " + authPassphrase + " AES " + privPassphrase,
                    "rouser " + USER + " priv",
                    // UCD-SNMP-MIB dskTable statfs()s the path itself, so "/" is reported whatever its type:
                    // HOST-RESOURCES-MIB skips overlay, the root of a Docker container (net-snmp #525).
                    "disk / 1%",
                    ""), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return List.of(binary.toString(), "-f", "-Le", "-C", "-c", conf.toString(), "-I", "-smux",
                "-m", "");
        }, env, tmp.resolve("snmpd.log"), canary, Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopSnmpd() {
        if (snmpd != null) {
            snmpd.close();
        }
    }

    @Test
    void v2cPollFindsLoopbackInterfaceAndRootFilesystem() throws Exception {
        PollRun run = PollRun.of("poll", snmpd.address(), "--community", canary, "--json", "--timeout", "5s");
        assertFindsThisMachine(run);
    }

    @Test
    void v3AuthPrivPollFindsLoopbackInterfaceAndRootFilesystem() throws Exception {
        PollRun run = PollRun.of("poll", snmpd.address(), "--v3-user", USER, "--auth-protocol", "SHA256",
            "--auth-passphrase-file", authFile.toString(), "--priv-protocol", "AES128",
            "--priv-passphrase-file", privFile.toString(), "--json", "--timeout", "5s");
        assertFindsThisMachine(run);
    }

    /** snmpd drops a request with an unknown community without a word: nplus can only say nothing answered. */
    @Test
    void wrongCommunityExitsUnknownSayingNoAnswer() throws Exception {
        PollRun run = PollRun.of("poll", snmpd.address(), "--community", "wrong-" + random(), "--json",
            "--timeout", "1s", "--retries", "0");
        assertThat(run.exit()).as(run.toString()).isEqualTo(3);
        assertThat(run.status()).isEqualTo("unreachable");
        assertThat(run.err()).contains("no answer");
        assertNoSecretIn(run);
    }

    /** snmpd answers a wrong digest with an unauthenticated usmStatsWrongDigests report, which nplus explains. */
    @Test
    void wrongAuthPassphraseExitsUnknownSayingAuthenticationFailed() throws Exception {
        Path wrong = Files.writeString(tmp.resolve("wrong-auth.pass"), "wrong-" + random() + "\n",
            StandardCharsets.UTF_8);
        PollRun run = PollRun.of("poll", snmpd.address(), "--v3-user", USER, "--auth-passphrase-file", wrong.toString(),
            "--priv-passphrase-file", privFile.toString(), "--json", "--timeout", "2s", "--retries", "0");
        assertThat(run.exit()).as(run.toString()).isEqualTo(3);
        assertThat(run.status()).isEqualTo("auth_failed");
        assertThat(run.err()).contains("authentication failed");
        assertNoSecretIn(run);
    }

    private static void assertFindsThisMachine(PollRun run) {
        assertThat(run.status()).as("%s\nsnmpd log:\n%s", run, snmpd.log()).isEqualTo("ok");
        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).as("exit status for health %s", run.health()).isEqualTo(run.exitImpliedByJson());
        List<String> profiles = new ArrayList<>();
        run.json().get("profiles").forEach(p -> profiles.add(p.asText()));
        assertThat(profiles).contains("if_mib", "host_resources", "ucd_disk");
        assertThat(run.names("interface")).contains("lo");
        assertThat(List.of(run.names("filesystem"), run.names("storage")))
            .as("the root filesystem among nplus's filesystems and storage%s", rootFilesystemNote())
            .anySatisfy(names -> assertThat(names).contains("/"));
        assertNoSecretIn(run);
    }

    /**
     * What a failure to find "/" should say: the type of this machine's root filesystem, and for overlay (a
     * Docker container's root) that net-snmp 5.9 lists no overlay filesystem in hrFSTable or hrStorageTable
     * (net-snmp issue #525), so the test needs a VM or host, not a container.
     */
    private static String rootFilesystemNote() {
        String type = "unknown";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/mounts"), StandardCharsets.UTF_8)) {
                String[] f = line.split(" ");
                if (f.length > 2 && f[1].equals("/")) {
                    type = f[2]; // the last mount on "/" is the one in effect
                }
            }
        } catch (IOException e) {
            type = "unknown: " + e.getMessage();
        }
        return " (/ is " + type + " here" + (type.equals("overlay") ? "; net-snmp 5.9 does not report overlay"
            + " filesystems (net-snmp issue #525), as in a Docker container: run the interop tests on a VM or host)"
            : ")");
    }

    private static void assertNoSecretIn(PollRun run) {
        assertThat(run.everything()).doesNotContain(canary).doesNotContain(authPassphrase)
            .doesNotContain(privPassphrase);
    }

    private static String random() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
