package io.nplus.server.cli;

import io.nplus.core.net.HostPort;
import io.nplus.core.secret.Secret;
import io.nplus.snmp.lab.LabAgent;
import io.nplus.snmp.lab.LabDevice;
import io.nplus.snmp.lab.LabWalks;
import io.nplus.snmp.lab.SyntheticDevices;
import io.nplus.core.time.Durations;
import io.nplus.server.replay.BuiltInScenarios;
import io.nplus.snmp.lab.scenario.Scenario;
import io.nplus.snmp.lab.scenario.ScenarioEvent;
import io.nplus.snmp.lab.scenario.ScenarioPlayback;
import io.nplus.snmp.lab.scenario.ScenarioPlayer;
import java.time.Clock;
import java.time.Duration;
import io.nplus.snmp.session.AuthProtocol;
import io.nplus.snmp.session.PrivProtocol;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nplus lab}: an SNMP agent that serves recorded walks until interrupted. */
@Command(name = "lab", mixinStandardHelpOptions = true,
    description = {"Serve recorded device walks (.snmprec) as a real SNMP agent (v1, v2c, v3).",
        "The community (v1/v2c) or context name (v3) is the file's path under --walks without .snmprec,",
        "as with snmpsim: nplus poll 127.0.0.1:16161 --community linux"})
public final class LabCommand implements Callable<Integer> {
    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:16161",
        description = "Address to serve on; port 0 picks a free one (default: ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--walks", paramLabel = "DIR",
        description = "Directory of .snmprec files (subdirectories too), e.g. testdata/walks.")
    Path walks;

    @Option(names = "--synthetic-fleet", paramLabel = "N",
        description = "Serve N generated devices instead (benchmarks): 48-port switches with DOM named sw-00001 ...,"
            + " whose counters and uptime move on every second, every fifth a RAID server named raid-00005 ...")
    Integer syntheticFleet;

    @Option(names = "--synthetic-ports", paramLabel = "N", defaultValue = "52",
        description = "Ports of each generated switch, about 46 varbinds each (default: ${DEFAULT-VALUE}).")
    int syntheticPorts;

    @Option(names = "--scenario", paramLabel = "FILE",
        description = "Play a scenario (YAML, or a built-in one's name: nplus replay --list) in real time: its devices"
            + " answer to their names as communities, and each event is printed as it is applied. It stops at the"
            + " scenario's duration unless --loop is given.")
    String scenario;

    @Option(names = "--loop", description = "With --scenario: start over at the scenario's end, for ever (sets and"
        + " removals are undone, uptimes keep growing).")
    boolean loop;

    @Option(names = "--v3-user", paramLabel = "U", defaultValue = "simulator", description = "SNMPv3 user (default: ${DEFAULT-VALUE}).")
    String v3User;

    @Option(names = "--auth-protocol", paramLabel = "P", defaultValue = "SHA256", description = "v3 auth protocol (default: ${DEFAULT-VALUE}).")
    String authProtocol;

    @Option(names = "--auth-passphrase-file", paramLabel = "FILE",
        description = "v3 auth passphrase, first line of FILE (default: snmpsim's lab passphrase 'auctoritas').")
    Path authPassphraseFile;

    @Option(names = "--priv-protocol", paramLabel = "P", defaultValue = "AES128", description = "v3 privacy protocol (default: ${DEFAULT-VALUE}).")
    String privProtocol;

    @Option(names = "--priv-passphrase-file", paramLabel = "FILE",
        description = "v3 privacy passphrase, first line of FILE (default: snmpsim's lab passphrase 'privatus').")
    Path privPassphraseFile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        HostPort hp = HostPort.parseListen(listen, 16161);
        InetAddress address;
        try {
            address = InetAddress.getByName(hp.host());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve listen address '" + hp.host() + "'");
        }
        if ((walks == null ? 0 : 1) + (syntheticFleet == null ? 0 : 1) + (scenario == null ? 0 : 1) != 1) {
            throw new IllegalArgumentException("give --walks DIR (recordings), --scenario FILE or --synthetic-fleet N");
        }
        if (loop && scenario == null) {
            throw new IllegalArgumentException("--loop goes with --scenario");
        }
        ScenarioPlayer player = null;
        if (scenario != null) {
            Scenario s = BuiltInScenarios.find(scenario);
            if (s == null) {
                throw new IllegalArgumentException("no scenario file '" + scenario + "' and no built-in scenario of that"
                    + " name; built-in: " + String.join(", ", BuiltInScenarios.names()));
            }
            player = new ScenarioPlayer(s);
        }
        Map<String, LabDevice> devices = player != null ? player.devices() : walks != null ? LabWalks.load(walks)
            : SyntheticDevices.fleet(syntheticFleet, io.nplus.server.run.BuiltInLab.recording("drac_idrac7"),
                syntheticPorts);
        LabAgent.Options options = LabAgent.Options.loopback(hp.port()).withAddress(address).withV3User(v3User,
            AuthProtocol.parse(authProtocol),
            authPassphraseFile == null ? Secret.of("auctoritas")
                : SnmpCredentialOptions.read("--auth-passphrase-file", authPassphraseFile),
            PrivProtocol.parse(privProtocol),
            privPassphraseFile == null ? Secret.of("privatus")
                : SnmpCredentialOptions.read("--priv-passphrase-file", privPassphraseFile));
        CountDownLatch stopped = new CountDownLatch(1);
        try (LabAgent agent = LabAgent.start(options, devices)) {
            PrintWriter out = spec.commandLine().getOut();
            out.printf("nplus lab: serving %d walks on %s (v1/v2c community or v3 context = walk name; v3 user %s, %s/%s)%n",
                devices.size(), new HostPort(hp.host(), agent.port()), v3User, authProtocol, privProtocol);
            out.println(devices.size() > 50 ? "devices: " + devices.size() : "walks: " + String.join(", ", devices.keySet()));
            out.flush();
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "nplus-lab-stop"));
            if (player != null) {
                return play(player, out, stopped);
            }
            if (syntheticFleet != null) {
                // Live-looking switches: counters, uptime and receive power move on every second.
                long start = System.nanoTime();
                while (!stopped.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
                    SyntheticDevices.advance(devices, syntheticPorts, (System.nanoTime() - start) / 1_000_000_000L);
                }
            }
            stopped.await();
        }
        return 0;
    }

    /** Plays the scenario in real time until its end (or for ever with --loop), printing each event as applied. */
    private int play(ScenarioPlayer player, PrintWriter out, CountDownLatch stopped) throws InterruptedException {
        Scenario s = player.scenario();
        out.printf("scenario %s: %s, %s%n", s.name(), Durations.format(s.duration()), loop ? "looping" : "stops at its end");
        out.flush();
        try (ScenarioPlayback playback = new ScenarioPlayback(player, Clock.systemUTC(), loop, e -> {
            out.printf("%-10s %s%n", ScenarioEvent.offset(e.at()), e.describe());
            out.flush();
        })) {
            playback.start();
            while (!playback.awaitEnd(Duration.ofMillis(500))) {
                if (stopped.getCount() == 0) {
                    return 0;
                }
            }
        }
        out.printf("scenario %s over after %s%n", s.name(), Durations.format(s.duration()));
        out.flush();
        return 0;
    }
}
