package io.lae.loss;

import io.lae.method.Hyperparameter;
import io.lae.method.Method;
import io.lae.method.Settings;
import java.util.List;
import java.util.function.Function;

/**
 * A loss of docs/math.md §2 as one registry entry ({@link Losses}): its name, what it is, its default
 * data-term scale, its hyperparameters, its {@link LossForm} (what lae-cuda computes) and the ND4J loss
 * of that form. A loss that fits {@link LossForm} is one file declaring its entry.
 *
 * @param name            the name on the command line
 * @param description     one line: the formula and its source
 * @param defaultScale    the data term's reduction when none is given
 * @param hyperparameters its settings, beyond the scale
 * @param form            its form at latent size p, from the scale and the resolved settings
 * @param build           the ND4J loss of a form this entry made
 */
public record LossMethod(String name, String description, Scale defaultScale, List<Hyperparameter<?>> hyperparameters,
                         FormRule form, Function<LossForm, CheckableLoss> build) implements Method {

    /** Copies the list. */
    public LossMethod {
        hyperparameters = List.copyOf(hyperparameters);
    }

    /** How a loss's settings become its form. */
    @FunctionalInterface
    public interface FormRule {
        /**
         * @param p        the latent size
         * @param scale    the data-term scale in force
         * @param settings every hyperparameter of the loss, resolved and checked
         * @return the form
         * @throws io.lae.LaeException for values that do not fit together
         */
        LossForm form(int p, Scale scale, Settings settings);
    }
}
