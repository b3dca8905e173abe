package io.nplus.snmp.trap;

import io.nplus.snmp.session.Credentials;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snmp4j.mp.MPv3;
import org.snmp4j.security.SecurityLevel;

/**
 * Who may send notifications, and with which credentials. Immutable; a reload builds a new one.
 *
 * <pre>{@code
 * AllowList allow = AllowList.of(List.of(new TrapSender("core-sw-1", address, credentials)));
 * AllowList.Verdict v = allow.check(address, MPv2c.ID, "public".getBytes(), SecurityLevel.NOAUTH_NOPRIV);
 * }</pre>
 *
 * <p>A v1 or v2c notification is accepted with any community the source may use, whichever of the two versions
 * its credentials name: many devices polled over v2c still send v1 traps. A v3 notification must name the
 * source's user, at the user's security level or above (a noAuthNoPriv message naming an authPriv user is a
 * forgery the USM alone would let through).
 */
public final class AllowList {
    private final Map<InetAddress, List<TrapSender>> bySource;

    private AllowList(Map<InetAddress, List<TrapSender>> bySource) {
        this.bySource = bySource;
    }

    public static AllowList of(Collection<TrapSender> senders) {
        Map<InetAddress, List<TrapSender>> map = new LinkedHashMap<>();
        for (TrapSender s : senders) {
            map.computeIfAbsent(s.address(), k -> new ArrayList<>()).add(s);
        }
        map.replaceAll((k, v) -> List.copyOf(v));
        return new AllowList(Map.copyOf(map));
    }

    public static AllowList empty() {
        return new AllowList(Map.of());
    }

    /** Whether anything may be accepted from this address (checked before a datagram is decoded). */
    public boolean knows(InetAddress source) {
        return bySource.containsKey(source);
    }

    public List<TrapSender> senders() {
        List<TrapSender> all = new ArrayList<>();
        bySource.values().forEach(all::addAll);
        return all;
    }

    /** The v3 users the receiver's USM must know, one per name. */
    public Map<String, Credentials.Usm> users() {
        Map<String, Credentials.Usm> users = new LinkedHashMap<>();
        for (TrapSender s : senders()) {
            if (s.credentials() instanceof Credentials.Usm u) {
                Credentials.Usm key = u.withContext("");
                Credentials.Usm earlier = users.putIfAbsent(u.user(), key);
                if (earlier != null && !earlier.equals(key)) {
                    throw new IllegalArgumentException("SNMPv3 user " + u.user() + " is configured twice with different"
                        + " protocols or passphrases; a receiver can only check one");
                }
            }
        }
        return users;
    }

    /** The outcome for one decoded notification: the sender it came from, or why it is dropped. */
    public record Verdict(TrapSender sender, DropReason reason) {
        public boolean accepted() {
            return sender != null;
        }
    }

    /**
     * @param messageProcessingModel SNMP4J's MPv1.ID, MPv2c.ID or MPv3.ID
     * @param securityName the community (v1, v2c) or the USM user name (v3)
     * @param securityLevel SNMP4J's {@link SecurityLevel} value of the message
     */
    public Verdict check(InetAddress source, int messageProcessingModel, byte[] securityName, int securityLevel) {
        List<TrapSender> senders = bySource.get(source);
        if (senders == null) {
            return new Verdict(null, DropReason.UNKNOWN_SOURCE);
        }
        if (messageProcessingModel == MPv3.ID) {
            String user = new String(securityName, StandardCharsets.UTF_8);
            for (TrapSender s : senders) {
                if (s.credentials() instanceof Credentials.Usm u && u.user().equals(user)) {
                    return securityLevel >= required(u) ? new Verdict(s, null) : new Verdict(null, DropReason.BAD_AUTH);
                }
            }
            return new Verdict(null, DropReason.UNKNOWN_USER);
        }
        for (TrapSender s : senders) {
            if (s.credentials() instanceof Credentials.Community c
                && MessageDigest.isEqual(c.community().reveal().getBytes(StandardCharsets.UTF_8), securityName)) {
                return new Verdict(s, null);
            }
        }
        return new Verdict(null, DropReason.BAD_COMMUNITY);
    }

    private static int required(Credentials.Usm u) {
        return u.auth() == null ? SecurityLevel.NOAUTH_NOPRIV : u.priv() == null ? SecurityLevel.AUTH_NOPRIV
            : SecurityLevel.AUTH_PRIV;
    }

    @Override
    public String toString() {
        return "AllowList" + senders();
    }
}
