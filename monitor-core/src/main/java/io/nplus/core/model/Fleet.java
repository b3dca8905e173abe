package io.nplus.core.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest state of every configured device, shared between the poller that writes it and the HTTP API,
 * metrics and rules that read it. Reads never block writes: each device's state is replaced as a whole.
 */
public final class Fleet {
    private final Map<String, DeviceState> devices = new ConcurrentHashMap<>();
    private volatile List<String> order = List.of();
    private volatile Set<String> configured = Set.of();

    /** Sets the configured devices (in config order); states of devices that are no longer configured go. */
    public void configure(List<String> names) {
        Set<String> next = Set.copyOf(names);
        devices.keySet().retainAll(next);
        order = List.copyOf(names);
        configured = next;
    }

    public void put(DeviceState state) {
        if (configured.contains(state.name())) {
            devices.put(state.name(), state);
        }
    }

    public DeviceState get(String name) {
        return devices.get(name);
    }

    /** Configured device names, in config order. */
    public List<String> names() {
        return order;
    }

    /** States of the devices polled at least once, in config order. */
    public List<DeviceState> states() {
        List<DeviceState> out = new ArrayList<>();
        for (String n : order) {
            DeviceState s = devices.get(n);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    public Collection<DeviceState> unordered() {
        return devices.values();
    }
}
