package io.nplus.mibs.profile;

import io.nplus.mibs.expr.Expr;

/** How the system profile's scalars become the device's name, description, sysObjectID and uptime. */
public record SystemRecipe(Expr name, Expr descr, Expr objectId, Expr uptimeSeconds) {
}
