package io.nplus.server.cli;

import io.nplus.core.model.DeviceSnapshot;
import io.nplus.core.model.PollStatus;
import io.nplus.core.net.HostPort;
import io.nplus.mibs.data.Snmprec;
import io.nplus.mibs.detect.Detector;
import io.nplus.mibs.interpret.DeviceInterpreter;
import io.nplus.mibs.profile.ProfileCatalog;
import io.nplus.mibs.vocab.Health;
import io.nplus.server.render.HealthTable;
import io.nplus.server.render.SnapshotJson;
import io.nplus.snmp.lab.LabAgent;
import io.nplus.snmp.lab.LabDevice;
import io.nplus.snmp.poll.DevicePoller;
import io.nplus.snmp.poll.PollRequest;
import io.nplus.snmp.poll.PollResult;
import io.nplus.snmp.session.SnmpClient;
import io.nplus.snmp.walk.WalkLimits;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nplus poll HOST[:PORT]}: walks one device and prints its hardware health. The exit status follows the
 * monitoring-plugins convention, so it doubles as a Nagios/Icinga check.
 */
@Command(name = "poll", mixinStandardHelpOptions = true,
    description = {"Walk one device and print its hardware health: the profiles that matched and every component",
        "with its health, state and readings.",
        "Exit status: 0 all ok, 1 worst is warning, 2 worst is degraded or failed, 3 unreachable or unknown."})
public final class PollCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "HOST[:PORT]", description = "The agent (default port 161).")
    String target;

    @Option(names = "--walk", paramLabel = "FILE",
        description = "Poll a recorded walk (.snmprec) instead of a host: nplus serves it with its lab agent on loopback"
            + " and polls that over SNMP.")
    Path walk;

    @CommandLine.ArgGroup(exclusive = false, heading = "%nCredentials:%n")
    SnmpCredentialOptions credentials = new SnmpCredentialOptions();

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
        description = "Wait per request try (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "1", description = "Extra tries per request (default: ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--deadline", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
        description = "Budget for the whole poll; tables not read by then are reported incomplete (default: ${DEFAULT-VALUE}).")
    Duration deadline;

    @Option(names = "--max-repetitions", paramLabel = "N", defaultValue = "25",
        description = "GETBULK max-repetitions; halved automatically on tooBig or timeouts (default: ${DEFAULT-VALUE}).")
    int maxRepetitions;

    @Option(names = "--max-rows", paramLabel = "N", defaultValue = "100000",
        description = "Stop a table after N rows (default: ${DEFAULT-VALUE}).")
    int maxRows;

    @Option(names = "--json", description = "Print the stable JSON form instead of the table.")
    boolean json;

    @Option(names = "--explain", description = "Also show which OIDs became which component, reading and health.")
    boolean explain;

    @Option(names = "--allow-weak-protocols", description = "Accept MD5, SHA-1 and DES for SNMPv3 (old devices need them).")
    boolean allowWeak;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** How the target is shown when it is not the address (a recording). */
    private String display;

    @Override
    public Integer call() throws Exception {
        if (maxRepetitions < 1 || maxRows < 1 || retries < 0) {
            throw new IllegalArgumentException("--max-repetitions and --max-rows must be at least 1, --retries at least 0");
        }
        if ((target == null) == (walk == null)) {
            throw new IllegalArgumentException("give the device to poll as HOST[:PORT], or a recording with --walk FILE");
        }
        if (walk != null) {
            return pollRecording();
        }
        HostPort hp = HostPort.parse(target, 161);
        InetAddress address;
        try {
            address = InetAddress.getByName(hp.host());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve host '" + hp.host() + "'");
        }
        PollRequest request = new PollRequest(display != null ? display : hp.toString(), address, hp.port(), credentials.credentials(), timeout,
            retries, deadline, new WalkLimits(maxRepetitions, maxRows, 10), explain);
        DeviceInterpreter interpreter = new DeviceInterpreter(new Detector(ProfileCatalog.builtIn()));
        PollResult result;
        try (SnmpClient client = SnmpClient.open(SnmpClient.Options.defaults().withWeakProtocols(allowWeak))) {
            result = new DevicePoller(client, interpreter, Clock.systemUTC()).poll(request).get();
        }
        DeviceSnapshot s = result.snapshot();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            SnapshotJson.write(s, result.explanations(), out);
            out.println();
            out.flush();
        } else if (s.status() == PollStatus.OK) {
            HealthTable.print(s, result.explanations(), out);
        }
        if (s.status() != PollStatus.OK) {
            spec.commandLine().getErr().println("nplus poll: " + s.error());
            spec.commandLine().getErr().flush();
        }
        return exitCode(s);
    }

    /** Serves {@link #walk} from an in-process lab agent on a free loopback port and polls it like any device. */
    private int pollRecording() throws Exception {
        String name = walk.getFileName().toString().replaceFirst("\\.snmprec$", "");
        LabDevice device = new LabDevice(name, Snmprec.read(walk));
        try (LabAgent agent = LabAgent.start(LabAgent.Options.loopback(0), Map.of(name, device))) {
            target = "127.0.0.1:" + agent.port();
            display = walk.toString();
            walk = null;
            credentials.community = name;
            credentials.communityFile = null;
            credentials.v3User = null;
            return call();
        }
    }

    /** 0 ok, 1 warning, 2 degraded or failed, 3 unreachable or unknown (monitoring-plugins). */
    static int exitCode(DeviceSnapshot s) {
        if (s.status() != PollStatus.OK) {
            return Main.EXIT_UNKNOWN;
        }
        Health worst = s.worstHealth();
        switch (worst) {
            case FAILED:
            case DEGRADED:
                return 2;
            case WARNING:
                return 1;
            case UNKNOWN:
                return 3;
            default:
                return 0;
        }
    }
}
