package io.nplus.snmp.lab;

import io.nplus.mibs.data.MibSnapshot;
import java.util.Objects;

/**
 * One simulated device: the data it serves and whether it answers. Both can change while the agent runs,
 * which is how scenarios replay incidents (a drive state set to failed, a device that stops answering).
 */
public final class LabDevice {
    private final String name;
    private volatile MibSnapshot data;
    private volatile boolean silent;

    public LabDevice(String name, MibSnapshot data) {
        this.name = Objects.requireNonNull(name);
        this.data = Objects.requireNonNull(data);
    }

    public String name() {
        return name;
    }

    public MibSnapshot data() {
        return data;
    }

    /** Replaces what the device serves, atomically: a request sees the old data or the new, never a mix. */
    public void replace(MibSnapshot next) {
        this.data = Objects.requireNonNull(next);
    }

    public boolean isSilent() {
        return silent;
    }

    /** A silent device drops every request, as a powered-off or unreachable one would. */
    public void silence(boolean silent) {
        this.silent = silent;
    }
}
