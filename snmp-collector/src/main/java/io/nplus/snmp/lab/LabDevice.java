package io.nplus.snmp.lab;

import io.nplus.mibs.data.MibSnapshot;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One simulated device: the data it serves and whether it answers. Both can change while the agent runs,
 * which is how scenarios replay incidents (a drive state set to failed, a device that stops answering).
 */
public final class LabDevice {
    private final String name;
    private volatile MibSnapshot data;
    private volatile Supplier<MibSnapshot> source;
    private volatile boolean silent;

    public LabDevice(String name, MibSnapshot data) {
        this.name = Objects.requireNonNull(name);
        this.data = Objects.requireNonNull(data);
    }

    public String name() {
        return name;
    }

    public MibSnapshot data() {
        Supplier<MibSnapshot> s = source;
        return s != null ? s.get() : data;
    }

    /** Replaces what the device serves, atomically: a request sees the old data or the new, never a mix. */
    public void replace(MibSnapshot next) {
        this.data = Objects.requireNonNull(next);
        this.source = null;
    }

    /**
     * Serves whatever {@code next} returns at each request: a scenario's device, whose data is a function of time,
     * is then built only when something asks for it (the supplier caches; it is called once per request).
     */
    public void follow(Supplier<MibSnapshot> next) {
        this.source = Objects.requireNonNull(next);
    }

    public boolean isSilent() {
        return silent;
    }

    /** A silent device drops every request, as a powered-off or unreachable one would. */
    public void silence(boolean silent) {
        this.silent = silent;
    }
}
