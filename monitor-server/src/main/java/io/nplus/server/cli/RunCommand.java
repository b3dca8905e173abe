package io.nplus.server.cli;

import io.nplus.core.net.HostPort;
import io.nplus.mibs.yaml.YamlException;
import io.nplus.server.config.ConfigLoader;
import io.nplus.server.config.RunConfig;
import io.nplus.server.run.BuiltInLab;
import io.nplus.server.run.NplusServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nplus run}: the always-on collector. Without {@code --config} it runs the built-in lab. SIGHUP reloads the
 * config, all or nothing: a config with a mistake is reported and the running one stays.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Poll devices continuously and serve /metrics, the JSON API and health endpoints.",
        "Without --config: the built-in lab (a RAID server, a switch with optics and a Linux host, recorded from real",
        "devices and served on loopback). kill -HUP reloads the config; a config with a mistake is refused and the",
        "running one stays."})
public final class RunCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger("nplus");

    @Option(names = "--config", paramLabel = "FILE", description = "The run config (YAML); see the README.")
    Path configFile;

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "HTTP address (default: the config's, else 127.0.0.1:9730).")
    String listen;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where nplus keeps its data (default: the config's, else ./data).")
    Path dataDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        BuiltInLab lab = null;
        RunConfig config;
        if (configFile == null) {
            lab = BuiltInLab.start();
            config = lab.config(listen == null ? new HostPort("127.0.0.1", 9730) : HostPort.parseListen(listen, 9730),
                dataDir == null ? Path.of("data").toAbsolutePath() : dataDir.toAbsolutePath());
        } else {
            config = overridden(load(configFile));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        NplusServer server;
        try {
            server = NplusServer.start(config, Clock.systemUTC());
        } catch (IOException | RuntimeException e) {
            if (lab != null) {
                lab.close();
            }
            throw e;
        }
        BuiltInLab ownLab = lab;
        // The JVM halts once its shutdown hooks end: the orderly stop runs inside the hook, not after it.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("event=stop note=\"shutting down: polling stops, HTTP closes\"");
            try {
                server.close();
                if (ownLab != null) {
                    ownLab.close();
                }
            } catch (IOException e) {
                log.warn("event=stop error=\"{}\"", e.getMessage());
            } finally {
                stopped.countDown();
            }
        }, "nplus-stop"));
        out.printf("nplus run: polling %d targets from %s; http://%s/metrics%n", config.targets().size(),
            config.source(), hostPort(server));
        if (lab != null) {
            out.printf("nplus run: built-in lab on 127.0.0.1:%d (%s); give --config to poll your own devices%n",
                lab.agent().port(), String.join(", ", config.targets().stream().map(RunConfig.Target::name).toList()));
        }
        out.flush();
        if (configFile != null) {
            Signals.onHangup(() -> reload(server));
        }
        stopped.await();
        return 0;
    }

    private void reload(NplusServer server) {
        try {
            RunConfig next = overridden(load(configFile));
            server.reload(next);
            server.reloaded();
            log.info("event=reload result=ok targets={} file={}", next.targets().size(), configFile);
        } catch (YamlException | IOException | IllegalArgumentException e) {
            server.reloadFailed();
            log.error("event=reload result=failed note=\"keeping the running config\" error=\"{}\"", e.getMessage());
        }
    }

    private RunConfig overridden(RunConfig c) {
        HostPort l = listen == null ? c.listen() : HostPort.parseListen(listen, 9730);
        Path d = dataDir == null ? c.dataDir() : dataDir.toAbsolutePath();
        return c.with(l, d);
    }

    static RunConfig load(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException(file + ": no such config file");
        }
        return new ConfigLoader(System.getenv()).load(file);
    }

    private static String hostPort(NplusServer server) {
        return new HostPort(server.httpAddress().getAddress().getHostAddress(), server.httpAddress().getPort()).toString();
    }
}
