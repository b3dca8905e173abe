package io.nplus.core.model;

import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.Health;
import io.nplus.mibs.vocab.SystemInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything one poll learned about a device: the same data {@code nplus poll --json} prints and
 * {@code /api/v1/devices/{name}} serves.
 *
 * @param target the address polled ("127.0.0.1:16161"), never with credentials
 * @param status whether the device answered
 * @param error for a failed poll, the sentence a user reads; "" otherwise
 * @param problems tables that ended early and why
 * @param requests SNMP requests sent (retries excluded)
 * @param varbinds variable bindings received
 */
public record DeviceSnapshot(
        String target,
        Instant polledAt,
        Duration duration,
        PollStatus status,
        String error,
        SystemInfo system,
        List<String> profiles,
        List<Component> components,
        List<WalkProblem> problems,
        int requests,
        int varbinds) {

    public DeviceSnapshot {
        profiles = List.copyOf(profiles);
        components = List.copyOf(components);
        problems = List.copyOf(problems);
        error = error == null ? "" : error;
    }

    /** The worst component health, ok when there are none. */
    public Health worstHealth() {
        Health worst = Health.OK;
        for (Component c : components) {
            worst = Health.worst(worst, c.health());
        }
        return worst;
    }
}
