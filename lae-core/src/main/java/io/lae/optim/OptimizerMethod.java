package io.lae.optim;

import io.lae.method.Hyperparameter;
import io.lae.method.Method;
import io.lae.method.Settings;
import java.util.List;
import java.util.function.Function;

/**
 * An optimizer as one registry entry ({@link Optimizers}): its name, what it is, its hyperparameters and
 * how its settings become the optimizer object. lae-cuda finds the device form of the object it makes.
 *
 * @param name            the name on the command line
 * @param description     one line: the update and its source
 * @param hyperparameters its settings
 * @param create          the optimizer from its resolved settings
 */
public record OptimizerMethod(String name, String description, List<Hyperparameter<?>> hyperparameters,
                              Function<Settings, Optimizer> create) implements Method {

    /** Copies the list. */
    public OptimizerMethod {
        hyperparameters = List.copyOf(hyperparameters);
    }
}
