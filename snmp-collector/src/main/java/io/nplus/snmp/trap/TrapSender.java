package io.nplus.snmp.trap;

import io.nplus.snmp.session.Credentials;
import java.net.InetAddress;
import java.util.Objects;

/**
 * One source allowed to send notifications, with the credentials it must use: a target's address and credentials,
 * or an extra source from the config.
 *
 * @param device the name events from it carry (the target's name, or what the config says)
 */
public record TrapSender(String device, InetAddress address, Credentials credentials) {
    public TrapSender {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(credentials, "credentials");
    }

    @Override
    public String toString() {
        // Credentials print their secrets as <secret>; the version and user are enough here.
        return device + "@" + address.getHostAddress() + " (" + credentials.version().word()
            + (credentials instanceof Credentials.Usm u ? " user " + u.user() : "") + ")";
    }
}
