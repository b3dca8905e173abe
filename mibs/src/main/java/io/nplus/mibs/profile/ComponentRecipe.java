package io.nplus.mibs.profile;

import io.nplus.mibs.expr.ColumnDef;
import io.nplus.mibs.expr.Expr;
import io.nplus.mibs.expr.Template;
import io.nplus.mibs.vocab.ComponentKind;
import java.util.List;
import java.util.Map;

/**
 * How a profile turns rows into components of one kind, compiled. Evaluation order per row: {@code where},
 * vars, readings (each may use the vars and the readings before it), id, name, state, labels, counters, then health.
 *
 * <p>With {@code groupBy}, the rows with equal keys make one component: each reading comes from the first
 * row that gives it (with that row's thresholds), id, name, state and labels from the first row that gives
 * them, and health is the worst over every row's rules. With {@code repeat}, each row makes as many
 * components as the expression says, and {@code lane} numbers them from 1.
 *
 * @param rows the columns whose instances are the rows; empty for a scalar component
 * @param path where this came from in the profile file ("components[2]"), for explain output
 */
public record ComponentRecipe(
        ComponentKind kind,
        List<ColumnDef> rows,
        Expr where,
        Expr groupBy,
        Expr repeat,
        Template id,
        List<Template> names,
        Expr state,
        Map<String, Template> labels,
        Map<String, Expr> vars,
        List<ReadingRecipe> readings,
        Map<String, List<ColumnDef>> counters,
        List<HealthRule> health,
        List<NoteRule> notes,
        String path) {

    /** A note added when {@code when} holds. */
    public record NoteRule(Expr when, Template text) {
    }


    public ComponentRecipe {
        rows = List.copyOf(rows);
        names = List.copyOf(names);
        readings = List.copyOf(readings);
        health = List.copyOf(health);
        notes = List.copyOf(notes);
    }

    public boolean isScalar() {
        return rows.isEmpty();
    }
}
