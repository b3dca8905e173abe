package io.nplus.server.config;

import java.util.LinkedHashMap;
import java.util.List;

/**
 * The run configuration as written (YAML keys in snake_case). {@link ConfigLoader} checks it and turns it into
 * a {@link RunConfig}; the README's "Configuration" section is the annotated reference.
 */
public record ConfigSpec(
        String listen,
        String dataDir,
        Boolean allowWeakProtocols,
        DefaultsSpec defaults,
        PollingSpec polling,
        List<RoleSpec> interfaceRoles,
        List<TargetSpec> targets,
        LinkedHashMap<String, CredentialSpec> credentials,
        List<GroupSpec> groups,
        HistorySpec history,
        List<String> rules,
        Boolean defaultRules,
        LinkedHashMap<String, ReceiverSpec> receivers,
        List<RouteSpec> routes,
        WatchdogSpec watchdog,
        TrapsSpec traps) {

    /**
     * The trap receiver (issue 9): where it listens, which sources besides the targets may send and with which
     * credentials, and its limits. Without this section nothing listens.
     */
    public record TrapsSpec(String listen, List<TrapSourceSpec> allow, Integer queueSize, Double rateLimit, Integer burst,
                            Integer keepEvents) {
    }

    /** An extra sender: an IP address, the credentials (by name) it must use, and the device name its events carry. */
    public record TrapSourceSpec(String source, String credentials, String device) {
    }

    /** One receiver: exactly one of its transports. */
    public record ReceiverSpec(PagerDutySpec pagerduty, AlertmanagerSpec alertmanager, WebhookSpec webhook,
                               EmailSpec email) {
    }

    /** PagerDuty Events API v2; the routing key from a file or the environment (or inline, for labs). */
    public record PagerDutySpec(String routingKey, String routingKeyFile, String routingKeyEnv, String url,
                                Integer rateLimit, String timeout) {
    }

    public record AlertmanagerSpec(String url, String resendEvery, Integer rateLimit, String timeout) {
    }

    public record WebhookSpec(String url, String hmacSecret, String hmacSecretFile, String hmacSecretEnv,
                              Integer rateLimit, String timeout) {
    }

    public record EmailSpec(String host, Integer port, String tls, String username, String password,
                            String passwordFile, String passwordEnv, String from, List<String> to, Integer rateLimit,
                            String timeout) {
    }

    /** A route: labels to match (globs), the receiver, grouping and repetition. */
    public record RouteSpec(LinkedHashMap<String, String> match, String receiver,
                            @com.fasterxml.jackson.annotation.JsonProperty("continue") Boolean continueMatching,
                            List<String> groupBy, String groupWait, String repeatInterval) {
    }

    /** A dead man's switch pinged after every completed evaluation cycle. */
    public record WatchdogSpec(String url, String interval) {
    }


    /** How long history is kept: raw samples, and the 5-minute rollups. */
    public record HistorySpec(String rawRetention, String rollupRetention) {
    }

    /** What a target inherits unless it says otherwise. */
    public record DefaultsSpec(String interval, String timeout, Integer retries, Integer maxRepetitions,
                               String deadline) {
    }

    /**
     * The engine's limits: how many devices are polled at once, how far apart starts are spread, and how long
     * an unreachable device may wait between attempts.
     */
    public record PollingSpec(Integer maxInFlight, Double jitter, String maxBackoff) {
    }

    /** Interfaces whose name matches {@code match} (a glob, * and ?) get {@code role}. */
    public record RoleSpec(String role, String match) {
    }

    public record TargetSpec(String name, String address, String credentials, String interval, String timeout,
                             Integer retries, Integer maxRepetitions, String deadline,
                             LinkedHashMap<String, String> labels, List<RoleSpec> interfaceRoles) {
    }

    /**
     * SNMP credentials. v1/v2c: one of community, community_file, community_env. v3: user, and for each
     * passphrase one of *_file or *_env (secrets never sit in the config itself).
     */
    public record CredentialSpec(String version, String community, String communityFile, String communityEnv,
                                 String user, String authProtocol, String authPassphraseFile,
                                 String authPassphraseEnv, String privProtocol, String privPassphraseFile,
                                 String privPassphraseEnv, String context) {
    }

    /** A redundancy group: its members, chosen by selectors, and how many must stay healthy. */
    public record GroupSpec(String name, Integer need, List<MemberSpec> members) {
    }

    /**
     * Members: components of targets whose name matches {@code target}, of kind {@code kind}, whose name or id
     * matches {@code component} (globs; a missing selector matches everything).
     */
    public record MemberSpec(String target, String kind, String component) {
    }
}
