package io.nplus.snmp.trap;

import io.nplus.mibs.trap.TrapInterpretation;
import java.time.Instant;

/**
 * A notification that passed the allow-list, as the processing thread hands it on.
 *
 * @param device the sender's name: the target's, or the one the config gives an extra source
 * @param source the sender's IP address (the UDP source, not a v1 trap's agent-addr, which anyone can write)
 * @param version "1", "2c" or "3"
 * @param inform whether it was an inform (acknowledged) rather than a trap
 */
public record ReceivedTrap(Instant at, String device, String source, String version, boolean inform,
                           Notification notification, TrapInterpretation meaning) {
}
