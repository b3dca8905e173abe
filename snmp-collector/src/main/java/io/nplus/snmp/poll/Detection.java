package io.nplus.snmp.poll;

import io.nplus.mibs.profile.Profile;
import io.nplus.mibs.vocab.SystemInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Which profiles a device matched, remembered between polls so a steady device is not probed every time. A poll
 * reuses it only while the device still looks like the one that was probed: same sysObjectID and sysDescr, no
 * reboot since (sysUpTime did not go back), every table read without a problem last time, and the detection
 * younger than {@link #MAX_AGE} (so a table that appears later, say a RAID agent installed on a running host, is
 * found within that time).
 *
 * @param matched the profiles selected, in catalog order
 * @param uptimeSeconds the device's uptime when it was last confirmed, or null when it does not report one
 */
public record Detection(String objectId, String descr, Double uptimeSeconds, Instant detectedAt, List<Profile> matched) {
    public static final Duration MAX_AGE = Duration.ofMinutes(30);

    public Detection {
        Objects.requireNonNull(objectId);
        Objects.requireNonNull(descr);
        Objects.requireNonNull(detectedAt);
        matched = List.copyOf(matched);
    }

    /** Whether a poll at {@code now} that read {@code system} may skip detection and use {@link #matched}. */
    public boolean stillHolds(SystemInfo system, Instant now) {
        if (!objectId.equals(system.objectId()) || !descr.equals(system.descr())) {
            return false;
        }
        if (uptimeSeconds != null && (system.uptimeSeconds() == null || system.uptimeSeconds() < uptimeSeconds)) {
            return false; // rebooted (or sysUpTime wrapped): it may come back with other software
        }
        Duration age = Duration.between(detectedAt, now);
        return !age.isNegative() && age.compareTo(MAX_AGE) < 0;
    }

    /** The same detection, confirmed by a poll that saw {@code system}. */
    public Detection confirmedBy(SystemInfo system) {
        return new Detection(objectId, descr, system.uptimeSeconds(), detectedAt, matched);
    }
}
