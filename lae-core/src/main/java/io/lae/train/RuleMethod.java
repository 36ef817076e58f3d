package io.lae.train;

import io.lae.method.Hyperparameter;
import io.lae.method.Method;
import io.lae.method.Settings;
import java.util.List;
import java.util.function.Function;

/**
 * An update rule as one registry entry ({@link UpdateRules}): its name, what it is, its hyperparameters and the
 * rule object its settings make.
 *
 * @param name            the name on the command line
 * @param description     one line: the update and its source
 * @param hyperparameters its settings (the learning rate and the optimizer drive every rule)
 * @param create          a new rule object from its resolved settings (rules keep per-run caches)
 */
public record RuleMethod(String name, String description, List<Hyperparameter<?>> hyperparameters,
                         Function<Settings, UpdateRule> create) implements Method {

    /** Copies the list. */
    public RuleMethod {
        hyperparameters = List.copyOf(hyperparameters);
    }

    /**
     * A rule without hyperparameters.
     *
     * @param name        the name on the command line
     * @param description one line: the update and its source
     * @param create      a new rule object
     * @return the entry
     */
    public static RuleMethod of(String name, String description, java.util.function.Supplier<UpdateRule> create) {
        return new RuleMethod(name, description, List.of(), settings -> create.get());
    }
}
