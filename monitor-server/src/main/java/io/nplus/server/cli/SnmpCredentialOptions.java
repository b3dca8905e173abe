package io.nplus.server.cli;

import io.nplus.core.secret.Secret;
import io.nplus.snmp.session.AuthProtocol;
import io.nplus.snmp.session.Credentials;
import io.nplus.snmp.session.PrivProtocol;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Credentials from the command line. Passphrases come from files only, so they never show in {@code ps} or
 * shell history; a community may be given inline (it is sent in clear anyway) or from a file.
 */
final class SnmpCredentialOptions {
    @Option(names = "--community", paramLabel = "C", description = "v1/v2c community (default: public).")
    String community;

    @Option(names = "--community-file", paramLabel = "FILE", description = "Read the community from the first line of FILE.")
    Path communityFile;

    @Option(names = "--snmp-version", paramLabel = "1|2c", defaultValue = "2c",
        description = "SNMP version for community access: 1 or 2c (default: ${DEFAULT-VALUE}); v3 is chosen by --v3-user.")
    String version;

    @Option(names = "--v3-user", paramLabel = "U", description = "SNMPv3 user (USM); selects SNMPv3.")
    String v3User;

    @Option(names = "--v3-context", paramLabel = "NAME", defaultValue = "",
        description = "SNMPv3 context name (the lab serves each walk under its name).")
    String v3Context;

    @Option(names = "--auth-protocol", paramLabel = "P", defaultValue = "SHA256",
        description = "v3 auth protocol: SHA224, SHA256, SHA384, SHA512 (SHA, MD5 with --allow-weak-protocols). Default: ${DEFAULT-VALUE}.")
    String authProtocol;

    @Option(names = "--auth-passphrase-file", paramLabel = "FILE", description = "v3 auth passphrase, first line of FILE.")
    Path authPassphraseFile;

    @Option(names = "--priv-protocol", paramLabel = "P", defaultValue = "AES128",
        description = "v3 privacy protocol: AES128, AES192, AES256, AES192C, AES256C (DES with --allow-weak-protocols). Default: ${DEFAULT-VALUE}.")
    String privProtocol;

    @Option(names = "--priv-passphrase-file", paramLabel = "FILE", description = "v3 privacy passphrase, first line of FILE.")
    Path privPassphraseFile;

    /** A secret file, or a sentence that names the flag and the file when it cannot be read. */
    static Secret read(String flag, Path file) throws IOException {
        if (file == null) {
            return null;
        }
        try {
            return Secret.fromFile(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException(flag + " " + file + ": no such file");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IOException(flag + " " + file + ": permission denied");
        } catch (IOException e) {
            throw new IOException(flag + " " + (e.getMessage() != null && e.getMessage().startsWith(file.toString())
                ? e.getMessage() : file + ": " + e.getMessage()));
        }
    }

    Credentials credentials() throws IOException {
        if (v3User != null) {
            if (community != null || communityFile != null) {
                throw new IllegalArgumentException("--community and --v3-user exclude each other: SNMPv3 has no community");
            }
            if (privPassphraseFile != null && authPassphraseFile == null) {
                throw new IllegalArgumentException("--priv-passphrase-file needs --auth-passphrase-file: SNMPv3 encrypts"
                    + " only authenticated messages");
            }
            AuthProtocol auth = authPassphraseFile == null ? null : AuthProtocol.parse(authProtocol);
            PrivProtocol priv = privPassphraseFile == null ? null : PrivProtocol.parse(privProtocol);
            return new Credentials.Usm(v3User, auth, read("--auth-passphrase-file", authPassphraseFile), priv,
                read("--priv-passphrase-file", privPassphraseFile), v3Context);
        }
        if (community != null && communityFile != null) {
            throw new IllegalArgumentException("give --community or --community-file, not both");
        }
        Credentials.Version v;
        switch (version) {
            case "1":
                v = Credentials.Version.V1;
                break;
            case "2c":
            case "2":
                v = Credentials.Version.V2C;
                break;
            default:
                throw new IllegalArgumentException("--snmp-version " + version + ": expected 1 or 2c (for SNMPv3 give --v3-user)");
        }
        Secret c = communityFile != null ? read("--community-file", communityFile)
            : Secret.of(community == null ? "public" : community);
        return Credentials.community(v, c);
    }
}
