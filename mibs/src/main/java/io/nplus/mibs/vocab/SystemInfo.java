package io.nplus.mibs.vocab;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a device says about itself in SNMPv2-MIB's system group.
 *
 * @param uptimeSeconds sysUpTime in seconds (the agent's uptime), null when not given
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SystemInfo(String name, String descr, String objectId, Double uptimeSeconds) {
    public SystemInfo {
        name = name == null ? "" : name;
        descr = descr == null ? "" : descr;
        objectId = objectId == null ? "" : objectId;
    }
}
