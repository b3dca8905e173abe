package io.nplus.snmp.lab.scenario;

import io.nplus.snmp.lab.LabDevice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays a scenario on lab devices: {@link #moveTo} makes every device serve (and answer, or not) what the
 * scenario says at that moment, and returns the events that took effect since the previous move. Time is whatever
 * the caller says: a virtual clock in a replay, the wall clock in {@code nplus lab --scenario}.
 *
 * <pre>{@code
 * ScenarioPlayer player = new ScenarioPlayer(scenario);
 * try (LabAgent agent = LabAgent.start(options, player.devices())) {
 *     for (ScenarioEvent e : player.moveTo(Duration.ofMinutes(10))) System.out.println(e.describe());
 * }
 * }</pre>
 */
public final class ScenarioPlayer {
    private final Scenario scenario;
    private final Map<String, LabDevice> devices = new LinkedHashMap<>();
    private final Map<String, DevicePlayer> players = new LinkedHashMap<>();
    private Duration last;

    public ScenarioPlayer(Scenario scenario) {
        this.scenario = scenario;
        for (Scenario.Device d : scenario.devices()) {
            List<ScenarioEvent> own = scenario.events().stream().filter(e -> e.device().equals(d.name())).toList();
            players.put(d.name(), new DevicePlayer(d.walk(), own));
            devices.put(d.name(), new LabDevice(d.name(), d.walk()));
        }
    }

    public Scenario scenario() {
        return scenario;
    }

    /**
     * The devices, by name (the community they answer to); serve them with a LabAgent. Until the first
     * {@link #moveTo} they serve their walks as recorded; that first move reports the events at offset 0.
     */
    public Map<String, LabDevice> devices() {
        return Collections.unmodifiableMap(devices);
    }

    /** The same as {@code moveTo(t, t)}. */
    public List<ScenarioEvent> moveTo(Duration t) {
        return moveTo(t, t);
    }

    /**
     * Sets every device to the scenario's state at {@code t}; {@code elapsed} is how long the devices have been up
     * (more than {@code t} when the scenario loops: uptimes keep growing). A {@code t} before the previous one
     * starts the scenario over. Returns the events with {@code at} in (previous t, t], in order.
     */
    public List<ScenarioEvent> moveTo(Duration t, Duration elapsed) {
        if (last != null && t.compareTo(last) < 0) {
            last = null;
        }
        List<ScenarioEvent> happened = new ArrayList<>();
        for (ScenarioEvent e : scenario.events()) {
            if ((last == null || e.at().compareTo(last) > 0) && e.at().compareTo(t) <= 0) {
                happened.add(e);
            }
        }
        for (Map.Entry<String, DevicePlayer> p : players.entrySet()) {
            LabDevice d = devices.get(p.getKey());
            d.replace(p.getValue().at(t, elapsed));
            d.silence(p.getValue().silentAt(t));
        }
        last = t;
        return happened;
    }

    /** The first event after {@code t}, or null when none is left. */
    public Duration nextEventAfter(Duration t) {
        for (ScenarioEvent e : scenario.events()) {
            if (e.at().compareTo(t) > 0) {
                return e.at();
            }
        }
        return null;
    }

    /**
     * The devices nplus does not poll at {@code t} (pause events): their names, or all of them for a pause that
     * names no device.
     */
    public java.util.Set<String> pausedAt(Duration t) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (ScenarioEvent e : scenario.events()) {
            if (e.action() instanceof ScenarioAction.Pause p && e.at().compareTo(t) <= 0
                && e.at().plus(p.length()).compareTo(t) > 0) {
                if (e.device().isEmpty()) {
                    out.addAll(devices.keySet());
                } else {
                    out.add(e.device());
                }
            }
        }
        return out;
    }

    /**
     * The next moment after {@code t} at which a device starts or stops answering (or being polled) or an event happens (a silence's
     * end included), or null.
     */
    public Duration nextChangeAfter(Duration t) {
        Duration next = nextEventAfter(t);
        for (ScenarioEvent e : scenario.events()) {
            Duration length = e.action() instanceof ScenarioAction.Silence s ? s.length()
                : e.action() instanceof ScenarioAction.Pause p ? p.length() : null;
            if (length != null) {
                Duration end = e.at().plus(length);
                if (end.compareTo(t) > 0 && (next == null || end.compareTo(next) < 0)) {
                    next = end;
                }
            }
        }
        return next;
    }
}
