package io.nplus.mibs.profile;

import io.nplus.mibs.expr.Expr;

/**
 * How one reading is computed. Thresholds and {@code checkWhen} may be null. The threshold expressions give the
 * device's own limits in the reading's unit; {@code checkWhen} limits when crossing them counts (an optic on an
 * admin-down port never alarms).
 */
public record ReadingRecipe(String name, Expr value, Expr lowAlarm, Expr lowWarning, Expr highWarning,
                            Expr highAlarm, Expr checkWhen) {
    public boolean hasThresholds() {
        return lowAlarm != null || lowWarning != null || highWarning != null || highAlarm != null;
    }
}
