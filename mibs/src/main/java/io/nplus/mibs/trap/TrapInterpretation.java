package io.nplus.mibs.trap;

import java.util.List;

/**
 * What one trap means: which notification it is, how much it matters, what it is about and a sentence for people.
 *
 * @param name the notification's MIB name ("linkDown"), or the dotted trap OID when no mapping knows it
 * @param mapped whether a mapping knew the trap OID
 * @param mib the MIB module that defines it ("" when unmapped)
 * @param oid the trap OID (snmpTrapOID.0; for SNMPv1 its RFC 3584 translation), dotted
 * @param component what it is about, or null for the device as a whole
 * @param state the component's state word as its profile names it, when the trap says it, else null
 * @param repoll whether the device should be polled now
 * @param repollProfiles the built-in profiles whose tables the trap concerns, to poll at once; empty when
 *                       {@code repoll} means the whole device (or nothing, when {@code repoll} is false)
 */
public record TrapInterpretation(String name, boolean mapped, String mib, String oid, TrapSeverity severity,
                                 ComponentRef component, String state, String text, boolean repoll,
                                 List<String> repollProfiles) {
    public TrapInterpretation {
        repollProfiles = repoll && repollProfiles != null ? List.copyOf(repollProfiles) : List.of();
    }

    /** An interpretation that re-polls the whole device when {@code repoll} is true. */
    public TrapInterpretation(String name, boolean mapped, String mib, String oid, TrapSeverity severity,
                              ComponentRef component, String state, String text, boolean repoll) {
        this(name, mapped, mib, oid, severity, component, state, text, repoll, List.of());
    }
}
