package io.nplus.server.config;

import io.nplus.core.net.HostPort;
import io.nplus.mibs.vocab.ComponentKind;
import io.nplus.snmp.session.Credentials;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A checked run configuration: every reference resolved, every secret read, every duration parsed.
 *
 * @param source where it came from ("nplus.yaml", or "built-in lab")
 */
public record RunConfig(
        String source,
        HostPort listen,
        Path dataDir,
        boolean allowWeakProtocols,
        Polling polling,
        List<Target> targets,
        List<Group> groups,
        History history,
        Alerting alerting,
        Traps traps) {

    public RunConfig {
        targets = List.copyOf(targets);
        groups = List.copyOf(groups);
    }

    /** A config without a traps section: nothing listens for traps. */
    public RunConfig(String source, HostPort listen, Path dataDir, boolean allowWeakProtocols, Polling polling,
                     List<Target> targets, List<Group> groups, History history, Alerting alerting) {
        this(source, listen, dataDir, allowWeakProtocols, polling, targets, groups, history, alerting, null);
    }

    /**
     * The trap receiver (null in a config without a traps section).
     *
     * @param allow senders besides the targets (each target may send with its own credentials)
     * @param rateLimit notifications per second one source may send on average; {@code burst} at once
     * @param keepEvents how many events /api/v1/events keeps
     */
    public record Traps(HostPort listen, List<TrapSource> allow, int queueSize, double rateLimit, int burst,
                        int keepEvents) {
        public Traps {
            allow = List.copyOf(allow);
        }
    }

    /** An extra sender: its address, the credentials it must use, and the device its events name. */
    public record TrapSource(java.net.InetAddress source, String credentialsName, Credentials credentials, String device) {
    }

    /** A config without a history section: the defaults. */
    public RunConfig(String source, HostPort listen, Path dataDir, boolean allowWeakProtocols, Polling polling,
                     List<Target> targets, List<Group> groups) {
        this(source, listen, dataDir, allowWeakProtocols, polling, targets, groups, History.DEFAULTS, Alerting.DEFAULTS);
    }

    /**
     * The alert rules: the built-in pack (unless {@code default_rules: false}) and the site's rule files, checked.
     *
     * @param files as given in the config, resolved against its directory
     */
    public record Alerting(List<Path> files, boolean defaultRules, io.nplus.alerting.rules.RulePack pack,
                           io.nplus.alerting.notify.NotifyConfig notifications) {
        public static final Alerting DEFAULTS = new Alerting(List.of(), true, io.nplus.alerting.rules.RulePack.builtIn(),
            io.nplus.alerting.notify.NotifyConfig.NONE);

        public Alerting {
            files = List.copyOf(files);
        }

        @Override
        public String toString() {
            return "Alerting[files=" + files + ", defaultRules=" + defaultRules + ", rules=" + pack.names().size()
                + ", receivers=" + notifications.receivers().keySet() + "]";
        }
    }

    /** What history keeps: raw samples, and 5-minute rollups (min, max, average) for longer. */
    public record History(Duration rawRetention, Duration rollupRetention) {
        public static final History DEFAULTS = new History(Duration.ofDays(30), Duration.ofDays(365));
    }

    /** The same config in another data directory and on another listen address (command-line overrides). */
    public RunConfig with(HostPort listen, Path dataDir) {
        return new RunConfig(source, listen, dataDir, allowWeakProtocols, polling, targets, groups, history, alerting, traps);
    }

    /** Engine limits; see {@link ConfigSpec.PollingSpec}. */
    public record Polling(int maxInFlight, double jitter, Duration maxBackoff) {
    }

    /**
     * One device to poll.
     *
     * @param credentialsName the key in the credentials section, for display (the credentials print redacted)
     * @param roles interface roles in order, first match wins
     */
    public record Target(String name, HostPort address, String credentialsName, Credentials credentials,
                         Duration interval, Duration timeout, int retries, int maxRepetitions, Duration deadline,
                         Map<String, String> labels, List<Role> roles) {
        public Target {
            labels = Map.copyOf(labels);
            roles = List.copyOf(roles);
        }

        /** The role of an interface by its name, or "" when no pattern matches. */
        public String roleOf(String interfaceName) {
            for (Role r : roles) {
                if (r.pattern().matcher(interfaceName).matches()) {
                    return r.role();
                }
            }
            return "";
        }
    }

    public record Role(String role, String glob, Pattern pattern) {
    }

    public record Group(String name, int need, List<Member> members) {
        public Group {
            members = List.copyOf(members);
        }
    }

    /** A member selector; null kind matches every kind. */
    public record Member(Pattern target, ComponentKind kind, Pattern component, String text) {
    }
}
