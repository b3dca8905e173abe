package io.nplus.mibs.expr;

import java.util.List;

/** Resolves names while an expression compiles: columns of the profile, index parts, earlier readings. */
public interface Scope {
    /** The symbol for {@code name}, or null when the name is unknown. */
    Symbol resolve(String name);

    /** Every name that would resolve, for "did you mean" messages. */
    List<String> names();

    /** What a name can stand for. */
    sealed interface Symbol permits Column, IndexPart, Reading, Lane {
    }

    record Column(ColumnDef def) implements Symbol {
    }

    /** {@code part} -1 is the whole index; otherwise one arc of a multi-part index. */
    record IndexPart(int part) implements Symbol {
    }

    record Reading(String name) implements Symbol {
    }

    /** The lane number of a component repeated per lane ({@code repeat:} in a profile). */
    record Lane() implements Symbol {
    }
}
