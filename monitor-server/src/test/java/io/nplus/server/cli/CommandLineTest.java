package io.nplus.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.mibs.data.MibSnapshot;
import io.nplus.mibs.testdata.TestData;
import io.nplus.snmp.testing.BlackHole;
import io.nplus.snmp.testing.FakeAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snmp4j.PDU;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.VariableBinding;

/** Issue 2: what a user sees when things go wrong, and the exit codes Nagios/Icinga rely on. */
class CommandLineTest {
    @Test
    void helpListsTheCommands() {
        NplusRun run = NplusRun.of("--help");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("poll", "lab", "profiles", "bench");
    }

    @Test
    void aMistypedSubcommandIsNamedWithItsParentAndASuggestion() {
        NplusRun run = NplusRun.of("rules", "tests");
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).startsWith("nplus rules: Unmatched argument at index 1: 'tests'")
            .contains("Did you mean: rules test")
            .endsWith("Try 'nplus rules --help' for the options.\n");
    }

    @Test
    void aNestedCommandsErrorNamesTheWholeCommand() {
        NplusRun run = NplusRun.of("silence", "add");
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).startsWith("nplus silence add: Missing required option")
            .contains("Try 'nplus silence add --help' for the options.");
    }

    @Nested
    class Poll {
        @Test
        void unreachableTargetExitsThreeWithASentenceWithinTheTimeout() throws Exception {
            try (BlackHole hole = new BlackHole()) {
                long t0 = System.nanoTime();
                NplusRun run = NplusRun.of("poll", "127.0.0.1:" + hole.port(), "--timeout", "300ms", "--retries", "1");
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertThat(run.exit()).isEqualTo(3);
                assertThat(run.out()).isEmpty();
                assertThat(run.err()).isEqualTo("nplus poll: 127.0.0.1:" + hole.port() + ": no answer within 300ms (2 tries):"
                    + " the host is down or unreachable, nothing listens on that port, or the community is wrong\n");
                assertThat(ms).isLessThan(3000);
            }
        }

        @Test
        void tableGroupsByKindWorstFirstWithTheReason() throws Exception {
            MibSnapshot data = TestData.read("cirpack");
            try (FakeAgent agent = FakeAgent.start((req, v1) -> FakeAgent.serve(req, data, v1))) {
                NplusRun run = NplusRun.of("poll", "127.0.0.1:" + agent.port());
                assertThat(run.exit()).isEqualTo(1); // worst is a warning
                String[] lines = run.out().split("\n");
                assertThat(lines[0]).startsWith("127.0.0.1:" + agent.port() + "  <private>  up 23m 10s  health warning");
                assertThat(run.out()).contains("profiles: snmpv2_mib, if_mib, host_resources, ucd_disk");
                int header = java.util.Arrays.asList(lines).indexOf(lines[4]);
                assertThat(lines[header]).startsWith("KIND").contains("HEALTH", "READINGS");
                assertThat(lines[header + 1]).startsWith("storage").contains("/home/omni/tickets", "warning", "error");
                assertThat(lines[header + 2]).contains("-> /home/omni/tickets: less than 75% free (= 58%)");
            }
        }

        @Test
        void tableThatEndedEarlyIsShownAsIncomplete() throws Exception {
            MibSnapshot data = TestData.read("linux");
            OID mounts = new OID("1.3.6.1.2.1.25.3.8.1.2");
            try (FakeAgent agent = FakeAgent.start((req, v1) -> {
                PDU r = FakeAgent.serve(req, data, v1);
                if (req.getType() == PDU.GETBULK) {
                    for (int i = 0; i < r.size(); i++) {
                        OID asked = req.get(i % req.size()).getOid();
                        if (asked.startsWith(mounts) && !asked.equals(mounts)) {
                            r.set(i, new VariableBinding(asked, new Integer32(0)));
                        }
                    }
                }
                return r;
            })) {
                NplusRun run = NplusRun.of("poll", "127.0.0.1:" + agent.port(), "--max-repetitions", "4");
                // Five hrFS columns share a request, one row each: the second request is the first looped answer.
                assertThat(run.out()).contains("incomplete: hrFSMountPoint: non_increasing_oid (the agent answered "
                    + "1.3.6.1.2.1.25.3.8.1.2.4 after 1.3.6.1.2.1.25.3.8.1.2.4; OIDs must increase");
                assertThat(run.out()).contains("filesystem      /run ");
            }
        }

        @Test
        void recordedWalkIsPolledThroughTheLabAgent() {
            NplusRun run = NplusRun.of("poll", "--walk", TestData.walk("cirpack").toString());
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.out()).contains("health warning", "/home/omni/tickets: less than 75% free (= 58%)");
        }

        @Test
        void hostOrWalkIsRequired() {
            NplusRun run = NplusRun.of("poll");
            assertThat(run.exit()).isEqualTo(3);
            assertThat(run.err()).contains("give the device to poll as HOST[:PORT], or a recording with --walk FILE");
        }

        @Test
        void badDurationNamesTheFlagAndTheForm() {
            NplusRun run = NplusRun.of("poll", "127.0.0.1", "--timeout", "5x");
            assertThat(run.exit()).isEqualTo(3);
            assertThat(run.err()).contains("--timeout").contains("'5x' is not a duration; write it like 500ms, 5s");
        }

        @Test
        void snmpVersionThreeIsChosenByTheUserNotTheVersionFlag() {
            NplusRun run = NplusRun.of("poll", "127.0.0.1", "--snmp-version", "3");
            assertThat(run.exit()).isEqualTo(3);
            assertThat(run.err()).contains("--snmp-version 3: expected 1 or 2c (for SNMPv3 give --v3-user)");
        }

        @Test
        void missingPassphraseFileIsNamed(@TempDir Path dir) {
            NplusRun run = NplusRun.of("poll", "127.0.0.1", "--v3-user", "u", "--auth-passphrase-file",
                dir.resolve("nope").toString());
            assertThat(run.exit()).isEqualTo(3);
            assertThat(run.err()).contains("--auth-passphrase-file " + dir.resolve("nope") + ": no such file");
        }

        @Test
        void shortPassphraseIsRefusedBeforeAnythingIsSent(@TempDir Path dir) throws Exception {
            Path pass = Files.writeString(dir.resolve("auth"), "short\n");
            NplusRun run = NplusRun.of("poll", "127.0.0.1", "--v3-user", "u", "--auth-passphrase-file", pass.toString());
            assertThat(run.exit()).isEqualTo(3);
            assertThat(run.err()).contains("shorter than 8 characters");
        }

        @Test
        void weakProtocolNeedsExplicitPermission(@TempDir Path dir) throws Exception {
            Path pass = Files.writeString(dir.resolve("auth"), "longenough\n");
            NplusRun run = NplusRun.of("poll", "127.0.0.1", "--v3-user", "u", "--auth-protocol", "MD5",
                "--auth-passphrase-file", pass.toString(), "--timeout", "200ms");
            assertThat(run.exit()).isEqualTo(3);
            assertThat(run.err()).contains("uses MD5, a weak protocol");
        }

        @Test
        void unresolvableHostIsNamed() {
            NplusRun run = NplusRun.of("poll", "no-such-host.invalid");
            assertThat(run.exit()).isEqualTo(3);
            assertThat(run.err()).contains("cannot resolve host 'no-such-host.invalid'");
        }
    }

    @Nested
    class Lab {
        @Test
        void malformedWalkNamesFileAndLine(@TempDir Path dir) throws Exception {
            Files.writeString(dir.resolve("good.snmprec"), "1.3.6.1.2.1.1.1.0|4|fine\n");
            Path bad = Files.writeString(dir.resolve("bad.snmprec"), "1.3.6.1.2.1.1.1.0|4|fine\n1.3.6.1.2.1.1.3.0|67|soon\n");
            NplusRun run = NplusRun.of("lab", "--listen", "127.0.0.1:0", "--walks", dir.toString());
            assertThat(run.exit()).isEqualTo(3);
            assertThat(run.err()).isEqualTo("nplus lab: " + bad + ":2: bad value for type 67: 'soon' is not an integer\n");
        }

        @Test
        void emptyDirectoryIsRefused(@TempDir Path dir) {
            NplusRun run = NplusRun.of("lab", "--listen", "127.0.0.1:0", "--walks", dir.toString());
            assertThat(run.exit()).isEqualTo(3);
            assertThat(run.err()).contains(dir + " holds no .snmprec files");
        }
    }

    @Test
    void profilesListsEveryBuiltInProfileWithItsMib() {
        NplusRun run = NplusRun.of("profiles");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("if_mib", "IF-MIB", "host_resources", "HOST-RESOURCES-MIB", "entity_sensor");
    }
}
