package io.nplus.mibs.profile;

import io.nplus.mibs.expr.Expr;
import io.nplus.mibs.expr.Template;
import io.nplus.mibs.vocab.Health;
import java.util.Map;

/** A compiled health rule; see {@link ProfileSpec.HealthRuleSpec}. {@code reason} may be null (a default is made). */
public sealed interface HealthRule {
    Template reason();

    /** The value of {@code input} mapped through {@code to}; absent input contributes nothing. */
    record MapRule(Expr input, Map<String, Health> to, Health otherwise, Template reason) implements HealthRule {
        public MapRule {
            to = Map.copyOf(to);
        }
    }

    /** {@code health} when {@code condition} holds. */
    record WhenRule(Expr condition, Health health, Template reason) implements HealthRule {
    }
}
