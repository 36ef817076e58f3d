package io.lae.train;

import io.lae.method.Hyperparameter;
import io.lae.method.Method;
import java.util.List;
import java.util.function.Supplier;

/**
 * An update rule as one registry entry ({@link UpdateRules}): its name, what it is and the rule object.
 *
 * @param name        the name on the command line
 * @param description one line: the update and its source
 * @param create      a new rule object (rules keep per-run caches)
 */
public record RuleMethod(String name, String description, Supplier<UpdateRule> create) implements Method {

    /** Update rules take no hyperparameters of their own: the learning rate and the optimizer drive them. */
    @Override
    public List<Hyperparameter<?>> hyperparameters() {
        return List.of();
    }
}
