package io.nplus.mibs.trap;

import io.nplus.mibs.vocab.ComponentKind;
import io.nplus.mibs.yaml.YamlDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One trap as a device sends it and what nplus must make of it, from {@code src/test/resources/traps/cases.yaml}.
 * The varbinds are written as snmptrap's arguments ("OID TYPE VALUE", see {@link Snmptrap}).
 *
 * @param title what the case shows, for the test name
 * @param oid the trap OID snmptrap is given (snmpTrapOID.0)
 * @param resolves optional: a corpus walk and the id of the polled component the trap must find in it
 */
record TrapCase(String title, String oid, List<String> varbinds, Expect expect, Resolves resolves) {
    static final Path FILE = Path.of("src/test/resources/traps/cases.yaml");

    record File(List<TrapCase> cases) {
    }

    /**
     * @param component absent for a trap about the device as a whole
     * @param repoll "all", "none", or the profile ids
     */
    record Expect(String name, TrapSeverity severity, ExpectedComponent component, String state, String text,
                  List<String> repoll) {
    }

    /** {@code id}/{@code name} absent mean the trap gives none. */
    record ExpectedComponent(ComponentKind kind, String id, String name) {
    }

    /** @param walk a walk of testdata/walks, or "vendor:omsa" for src/test/resources/walks-vendor/omsa.snmprec */
    record Resolves(String walk, String id) {
    }

    static List<TrapCase> all() {
        try {
            return YamlDocument.read(FILE).bind(File.class).cases();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return title;
    }
}
