package io.nplus.mibs.expr;

import java.util.Set;

/**
 * A compiled expression. Values are {@link Double}, {@link String}, {@link Boolean}, or null for "absent":
 * a missing column, a sentinel, a division by zero. Absent propagates through arithmetic and comparisons and
 * counts as false in conditions, so a guard never fires on data the device did not give.
 *
 * <pre>{@code
 * Expr used = Expr.compile("hrStorageUsed / hrStorageSize", scope);
 * Object ratio = used.eval(row);   // 0.42, or null when either column is missing
 * }</pre>
 */
public interface Expr {
    Object eval(Row row);

    /** Adds every column this expression reads (directly or in lookups) to {@code out}. */
    void columns(Set<ColumnDef> out);

    /** The source text, for explain output. */
    String source();

    static Expr compile(String source, Scope scope) {
        return new Parser(source, scope).parseAll();
    }

    /** True only for Boolean.TRUE: absent or non-boolean values never satisfy a condition. */
    static boolean isTrue(Object value) {
        return Boolean.TRUE.equals(value);
    }
}
