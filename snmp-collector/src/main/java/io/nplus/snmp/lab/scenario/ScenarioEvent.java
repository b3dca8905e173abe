package io.nplus.snmp.lab.scenario;

import io.nplus.core.time.Durations;
import java.time.Duration;
import java.util.Objects;

/**
 * One step of a scenario's timeline.
 *
 * @param at offset from the scenario's start
 * @param device the device it acts on; empty for a heartbeat
 * @param note the file's own words for it, or empty
 * @param line where it is written, for messages
 */
public record ScenarioEvent(Duration at, String device, ScenarioAction action, String note, int line) {
    public ScenarioEvent {
        Objects.requireNonNull(at);
        Objects.requireNonNull(action);
        device = device == null ? "" : device;
        note = note == null ? "" : note;
    }

    /** {@code db1 set 1.3.6... = 7 (drive 3 fails)}. */
    public String describe() {
        return (device.isEmpty() ? "" : device + " ") + action.describe() + (note.isEmpty() ? "" : "  (" + note + ")");
    }

    /** An offset as timelines print it: {@code +1h10m00s}, {@code +0m30s}. */
    public static String offset(Duration d) {
        long s = d.toSeconds();
        String sign = s < 0 ? "-" : "+";
        s = Math.abs(s);
        long h = s / 3600;
        long m = s / 60 % 60;
        return sign + (h > 0 ? h + "h" : "") + String.format(h > 0 ? "%02dm%02ds" : "%dm%02ds", m, s % 60);
    }

    @Override
    public String toString() {
        return offset(at) + " " + describe() + " (" + Durations.format(at) + ")";
    }
}
