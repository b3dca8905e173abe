package io.nplus.snmp.session;

import io.nplus.core.secret.Secret;
import java.util.Objects;

/**
 * How to authenticate to an agent. Secrets print as {@code <secret>}; records' {@code toString} is safe to log.
 *
 * <pre>{@code
 * Credentials v2 = Credentials.community(Credentials.Version.V2C, Secret.of("public"));
 * Credentials v3 = Credentials.usm("nplus", AuthProtocol.SHA256, Secret.of("authpass123"),
 *                                   PrivProtocol.AES128, Secret.of("privpass123"));
 * }</pre>
 */
public sealed interface Credentials {
    enum Version {
        V1("1"), V2C("2c"), V3("3");

        private final String word;

        Version(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    Version version();

    static Credentials community(Version version, Secret community) {
        return new Community(version, community);
    }

    static Credentials usm(String user, AuthProtocol auth, Secret authPassphrase, PrivProtocol priv, Secret privPassphrase) {
        return new Usm(user, auth, authPassphrase, priv, privPassphrase, "");
    }

    /** SNMPv1 or v2c: the community string is the whole of the security. */
    record Community(Version version, Secret community) implements Credentials {
        public Community {
            if (version == Version.V3) {
                throw new IllegalArgumentException("a community is for SNMP v1 or v2c; v3 uses a USM user");
            }
            Objects.requireNonNull(community, "community");
        }
    }

    /**
     * SNMPv3 User-based Security Model. {@code auth} null means noAuthNoPriv; {@code priv} null with auth
     * means authNoPriv. {@code context} is the SNMPv3 context name requests carry ("" for the default context;
     * the lab serves each walk under its name).
     */
    record Usm(String user, AuthProtocol auth, Secret authPassphrase, PrivProtocol priv, Secret privPassphrase,
               String context) implements Credentials {
        public Usm {
            context = context == null ? "" : context;
            Objects.requireNonNull(user, "user");
            if (user.isEmpty()) {
                throw new IllegalArgumentException("an SNMPv3 user name cannot be empty");
            }
            if ((auth == null) != (authPassphrase == null)) {
                throw new IllegalArgumentException("an auth protocol needs an auth passphrase, and the other way round");
            }
            if ((priv == null) != (privPassphrase == null)) {
                throw new IllegalArgumentException("a priv protocol needs a priv passphrase, and the other way round");
            }
            if (priv != null && auth == null) {
                throw new IllegalArgumentException("privacy (encryption) needs authentication: set an auth protocol too");
            }
            checkLength("auth", authPassphrase);
            checkLength("priv", privPassphrase);
        }

        private static void checkLength(String which, Secret s) {
            // RFC 3414 11.2: passphrases shorter than 8 characters are not allowed; agents reject them.
            if (s != null && s.reveal().length() < 8) {
                throw new IllegalArgumentException("the " + which + " passphrase is shorter than 8 characters,"
                    + " which RFC 3414 does not allow");
            }
        }

        @Override
        public Version version() {
            return Version.V3;
        }

        public Usm withContext(String name) {
            return new Usm(user, auth, authPassphrase, priv, privPassphrase, name);
        }

        public String securityLevel() {
            return auth == null ? "noAuthNoPriv" : priv == null ? "authNoPriv" : "authPriv";
        }
    }
}
