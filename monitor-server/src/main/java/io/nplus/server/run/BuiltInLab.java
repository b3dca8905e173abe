package io.nplus.server.run;

import io.nplus.core.net.HostPort;
import io.nplus.core.secret.Secret;
import io.nplus.mibs.data.BuiltInResources;
import io.nplus.server.config.ConfigLoader;
import io.nplus.server.config.RunConfig;
import io.nplus.snmp.lab.LabAgent;
import io.nplus.snmp.lab.LabDevice;
import io.nplus.snmp.lab.scenario.Scenario;
import io.nplus.snmp.lab.scenario.ScenarioEvent;
import io.nplus.snmp.lab.scenario.ScenarioLoader;
import io.nplus.snmp.lab.scenario.ScenarioPlayback;
import io.nplus.snmp.lab.scenario.ScenarioPlayer;
import io.nplus.snmp.lab.scenario.WalkSource;
import io.nplus.snmp.session.Credentials;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lab nplus runs when it has no config: a RAID server, a switch with optics and a Linux host, recorded from
 * real devices, served by the lab agent on a free loopback port and polled every 10 seconds. It loops the gentle
 * {@code demo} scenario (scenarios/demo.yaml: a drive warns and recovers, an optic drifts towards its warning and
 * back; nothing that pages), so a fresh machine shows state changing.
 */
public final class BuiltInLab implements Closeable {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("nplus");

    private final LabAgent agent;
    private final Map<String, String> targets; // target name -> walk (community)
    private final ScenarioPlayback demo;

    private BuiltInLab(LabAgent agent, Map<String, String> targets, ScenarioPlayback demo) {
        this.agent = agent;
        this.targets = targets;
        this.demo = demo;
    }

    public static BuiltInLab start() throws IOException {
        Map<String, LabDevice> devices = new LinkedHashMap<>();
        Map<String, String> targets = new LinkedHashMap<>();
        for (String line : BuiltInResources.listed("lab/lab.list")) {
            String[] f = line.split("\\s+");
            if (f.length != 2) {
                continue;
            }
            String walk = f[0].replace(".snmprec", "");
            devices.put(walk, new LabDevice(walk, BuiltInResources.snmprec("lab/" + f[0])));
            targets.put(f[1], walk);
        }
        // The demo's devices are the lab's targets; each answers to its recording's name, as without the demo.
        ScenarioPlayer player = new ScenarioPlayer(demoScenario());
        for (Map.Entry<String, String> t : targets.entrySet()) {
            LabDevice d = player.devices().get(t.getKey());
            if (d != null) {
                devices.put(t.getValue(), d);
            }
        }
        LabAgent agent = LabAgent.start(LabAgent.Options.loopback(0), devices);
        ScenarioPlayback demo = new ScenarioPlayback(player, java.time.Clock.systemUTC(), true, e ->
            log.info("event=demo at={} target={} detail=\"{}\"", ScenarioEvent.offset(e.at()), e.device(),
                e.action().describe() + (e.note().isEmpty() ? "" : ": " + e.note())));
        demo.start();
        return new BuiltInLab(agent, targets, demo);
    }

    /** scenarios/demo.yaml, whose walks are the lab's recordings. */
    static Scenario demoScenario() throws IOException {
        WalkSource walks = new WalkSource() {
            @Override
            public io.nplus.mibs.data.MibSnapshot walk(String name) throws IOException {
                return recording(name.replaceAll("\\.snmprec$", ""));
            }

            @Override
            public List<String> names() {
                return List.of();
            }
        };
        return ScenarioLoader.parse("scenarios/demo.yaml", BuiltInResources.text("scenarios/demo.yaml"), WalkSource.NONE, walks);
    }

    public LabAgent agent() {
        return agent;
    }

    /** The run config that polls this lab. */
    public RunConfig config(HostPort listen, Path dataDir) {
        List<RunConfig.Target> list = new ArrayList<>();
        List<RunConfig.Role> roles = ConfigLoader.defaultRoles();
        for (Map.Entry<String, String> t : targets.entrySet()) {
            list.add(new RunConfig.Target(t.getKey(), new HostPort("127.0.0.1", agent.port()), "lab",
                Credentials.community(Credentials.Version.V2C, Secret.of(t.getValue())), Duration.ofSeconds(10),
                Duration.ofSeconds(2), 1, 25, Duration.ofSeconds(9), Map.of("site", "lab"), roles));
        }
        return new RunConfig("built-in lab", listen, dataDir, false,
            new RunConfig.Polling(64, 0.1, Duration.ofMinutes(1)), list, List.of());
    }

    /** One of the built-in recordings, by file name without .snmprec. */
    public static io.nplus.mibs.data.MibSnapshot recording(String name) throws IOException {
        return BuiltInResources.snmprec("lab/" + name);
    }

    @Override
    public void close() throws IOException {
        demo.close();
        agent.close();
    }
}
