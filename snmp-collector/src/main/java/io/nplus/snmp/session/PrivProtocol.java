package io.nplus.snmp.session;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.PrivAES192;
import org.snmp4j.security.PrivAES256;
import org.snmp4j.security.PrivDES;
import org.snmp4j.security.PrivacyProtocol;
import org.snmp4j.security.nonstandard.PrivAES192With3DESKeyExtension;
import org.snmp4j.security.nonstandard.PrivAES256With3DESKeyExtension;
import org.snmp4j.smi.OID;

/**
 * SNMPv3 privacy (encryption) protocols. AES-192/256 follow draft-blumenthal-aes-usm-04; the "C" variants use
 * the 3DES key extension some vendors (Cisco among them) implemented instead. DES is weak and needs explicit
 * permission.
 */
public enum PrivProtocol {
    DES(true) {
        @Override
        PrivacyProtocol create() {
            return new PrivDES();
        }
    },
    AES128(false) {
        @Override
        PrivacyProtocol create() {
            return new PrivAES128();
        }
    },
    AES192(false) {
        @Override
        PrivacyProtocol create() {
            return new PrivAES192();
        }
    },
    AES256(false) {
        @Override
        PrivacyProtocol create() {
            return new PrivAES256();
        }
    },
    AES192C(false) {
        @Override
        PrivacyProtocol create() {
            return new PrivAES192With3DESKeyExtension();
        }
    },
    AES256C(false) {
        @Override
        PrivacyProtocol create() {
            return new PrivAES256With3DESKeyExtension();
        }
    };

    private final boolean weak;

    PrivProtocol(boolean weak) {
        this.weak = weak;
    }

    public boolean isWeak() {
        return weak;
    }

    abstract PrivacyProtocol create();

    public OID oid() {
        return create().getID();
    }

    /** Accepts AES128, AES (= AES128), aes-256, AES256C. */
    public static PrivProtocol parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
        if (t.equals("AES")) {
            return AES128;
        }
        for (PrivProtocol p : values()) {
            if (p.name().equals(t)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown priv protocol '" + text + "'; expected one of "
            + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
