package io.nplus.snmp.lab.scenario;

import io.nplus.mibs.data.MibSnapshot;
import io.nplus.mibs.yaml.YamlDocument;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A checked scenario: devices served from recorded walks, a timeline of events, and what a replay must show.
 *
 * <pre>{@code
 * Scenario s = ScenarioLoader.load(Path.of("raid.yaml"), WalkSource.NONE);
 * ScenarioPlayer player = new ScenarioPlayer(s);
 * player.moveTo(Duration.ofMinutes(10));   // every device now serves what the scenario says at +10m
 * }</pre>
 *
 * @param source the file (or built-in name) it was read from
 * @param groups the {@code groups:} section as written (the run config's syntax); {@link #document()} reports on it
 */
public record Scenario(String name, String description, String source, Duration interval, Duration duration,
                       List<Device> devices, List<Object> groups, List<ScenarioEvent> events,
                       List<Expectation> expectations, YamlDocument document) {
    public Scenario {
        Objects.requireNonNull(name);
        devices = List.copyOf(devices);
        groups = groups == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(groups));
        events = List.copyOf(events);
        expectations = List.copyOf(expectations);
    }

    /**
     * A device of the scenario: served under its {@code name} (its community), from {@code walk}.
     *
     * @param walkRef how the file names the walk
     * @param labels added to every series and alert of the device, as a target's labels in the run config
     */
    public record Device(String name, String walkRef, MibSnapshot walk, Map<String, String> labels) {
        public Device {
            labels = Map.copyOf(labels);
        }
    }

    public Device device(String deviceName) {
        return devices.stream().filter(d -> d.name().equals(deviceName)).findFirst().orElse(null);
    }
}
