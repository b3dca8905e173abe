package io.nplus.snmp.session;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.snmp4j.security.AuthHMAC128SHA224;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthHMAC256SHA384;
import org.snmp4j.security.AuthHMAC384SHA512;
import org.snmp4j.security.AuthMD5;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.AuthenticationProtocol;
import org.snmp4j.smi.OID;

/**
 * SNMPv3 authentication protocols. The SHA-2 family (RFC 7860) is the default set; MD5 and SHA-1 are weak and
 * only available when the deployment allows them explicitly (many older devices still need SHA-1).
 */
public enum AuthProtocol {
    MD5(true) {
        @Override
        AuthenticationProtocol create() {
            return new AuthMD5();
        }
    },
    SHA(true) {
        @Override
        AuthenticationProtocol create() {
            return new AuthSHA();
        }
    },
    SHA224(false) {
        @Override
        AuthenticationProtocol create() {
            return new AuthHMAC128SHA224();
        }
    },
    SHA256(false) {
        @Override
        AuthenticationProtocol create() {
            return new AuthHMAC192SHA256();
        }
    },
    SHA384(false) {
        @Override
        AuthenticationProtocol create() {
            return new AuthHMAC256SHA384();
        }
    },
    SHA512(false) {
        @Override
        AuthenticationProtocol create() {
            return new AuthHMAC384SHA512();
        }
    };

    private final boolean weak;

    AuthProtocol(boolean weak) {
        this.weak = weak;
    }

    public boolean isWeak() {
        return weak;
    }

    abstract AuthenticationProtocol create();

    public OID oid() {
        return create().getID();
    }

    /** Accepts SHA256, sha-256, SHA-256 and (for SHA-1) SHA1 or SHA. */
    public static AuthProtocol parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
        if (t.equals("SHA1")) {
            return SHA;
        }
        for (AuthProtocol p : values()) {
            if (p.name().equals(t)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown auth protocol '" + text + "'; expected one of "
            + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
