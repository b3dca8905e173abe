package io.nplus.mibs.trap;

import io.nplus.mibs.expr.ColumnDef;
import io.nplus.mibs.expr.Expr;
import io.nplus.mibs.expr.Row;
import io.nplus.mibs.expr.Template;
import io.nplus.mibs.expr.Values;
import io.nplus.mibs.vocab.ComponentKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.VariableBinding;

/**
 * One compiled notification mapping: how the varbinds of a trap with this OID become its severity, component,
 * state and text.
 *
 * <pre>{@code
 * TrapMapping linkDown = TrapCatalog.builtIn().get(new OID("1.3.6.1.6.3.1.1.5.3"));
 * TrapInterpretation t = linkDown.interpret(varbinds);   // payload varbinds, after sysUpTime and snmpTrapOID
 * }</pre>
 *
 * @param rowObject the object whose instance is the component's index, or null
 * @param componentKind null when the trap is about the device as a whole
 * @param repollProfiles the built-in profiles to poll at once; empty for the whole device
 * @param source the file it came from, for messages
 */
public record TrapMapping(String name, OID oid, String mib, ColumnDef rowObject, ComponentKind componentKind,
                          Template id, List<Template> names, Map<String, Template> matchLabels,
                          List<Template> matchNames, Expr state, SeverityRule severity, List<Template> text,
                          boolean repoll, List<String> repollProfiles, String source) {
    /** Longest text an event carries: varbinds are the sender's strings, not ours. */
    static final int MAX_TEXT = 400;

    public TrapMapping {
        names = List.copyOf(names);
        matchLabels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(matchLabels));
        matchNames = List.copyOf(matchNames);
        text = List.copyOf(text);
        repollProfiles = repoll ? List.copyOf(repollProfiles) : List.of();
    }

    /** A mapping that re-polls the whole device when {@code repoll} is true. */
    public TrapMapping(String name, OID oid, String mib, ColumnDef rowObject, ComponentKind componentKind,
                       Template id, List<Template> names, Map<String, Template> matchLabels,
                       List<Template> matchNames, Expr state, SeverityRule severity, List<Template> text,
                       boolean repoll, String source) {
        this(name, oid, mib, rowObject, componentKind, id, names, matchLabels, matchNames, state, severity, text,
            repoll, List.of(), source);
    }

    /** How the severity is decided: one word, or a value mapped through a table. */
    public sealed interface SeverityRule {
        TrapSeverity of(Row row);
    }

    public record FixedSeverity(TrapSeverity severity) implements SeverityRule {
        @Override
        public TrapSeverity of(Row row) {
            return severity;
        }
    }

    public record MappedSeverity(Expr input, Map<String, TrapSeverity> to, TrapSeverity otherwise) implements SeverityRule {
        @Override
        public TrapSeverity of(Row row) {
            Object v = input.eval(row);
            TrapSeverity s = v == null ? null : to.get(Values.format(v));
            return s == null ? otherwise : s;
        }
    }

    /**
     * The meaning of a trap of this kind with these payload varbinds (sysUpTime and snmpTrapOID left out). Never
     * throws: the varbinds come from the network, and a trap that cannot be read is still an event that says so.
     */
    public TrapInterpretation interpret(List<VariableBinding> payload) {
        try {
            return read(payload == null ? List.of() : payload);
        } catch (RuntimeException e) {
            // Expressions are total over well-formed SNMP values; this guards against a varbind no test foresaw,
            // so one odd packet costs its own detail, never the receiver.
            return new TrapInterpretation(name, true, mib, oid.toDottedString(),
                severity instanceof FixedSeverity f ? f.severity() : TrapSeverity.INFO, null, null,
                clean(name + " (its varbinds could not be read: " + e.getClass().getSimpleName() + ")"), repoll,
                repollProfiles);
        }
    }

    private TrapInterpretation read(List<VariableBinding> payload) {
        TrapRow row = new TrapRow(payload, rowObject);
        ComponentRef component = null;
        if (componentKind != null) {
            Map<String, String> labels = new LinkedHashMap<>();
            matchLabels.forEach((k, t) -> {
                String v = t.eval(row);
                if (v != null) {
                    labels.put(k, v);
                }
            });
            List<String> globs = matchNames.stream().map(t -> t.eval(row)).filter(java.util.Objects::nonNull).toList();
            String shown = first(names, row);
            component = new ComponentRef(componentKind, id == null ? null : id.eval(row),
                shown == null ? null : clean(shown), labels, globs);
        }
        String st = null;
        if (state != null) {
            Object v = state.eval(row);
            st = v == null ? null : clean(Values.format(v));
        }
        String t = first(text, row);
        return new TrapInterpretation(name, true, mib, oid.toDottedString(), severity.of(row), component, st,
            clean(t == null ? name : t), repoll, repollProfiles);
    }

    private static String first(List<Template> templates, TrapRow row) {
        for (Template t : templates) {
            String s = t.eval(row);
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    /** One line, of bounded length: a trap's strings must not forge log lines or fill the event list. */
    static String clean(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_TEXT));
        for (int i = 0; i < s.length() && b.length() < MAX_TEXT; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? ' ' : c);
        }
        if (s.length() > MAX_TEXT) {
            b.append("...");
        }
        return b.toString().strip();
    }
}
