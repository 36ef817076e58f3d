package io.lae.loss;

import io.lae.method.Hyperparameter;
import io.lae.method.Settings;

/**
 * A loss by name with its hyperparameters, as given on the command line or in {@code run.json};
 * {@link #create(int)} validates it against the latent size and builds the loss. The names and their
 * hyperparameters are the entries of {@link Losses#REGISTRY}.
 *
 * <pre>{@code
 * LossSpec ordered = LossSpec.named("ordered");
 * LossSpec sum = LossSpec.named("sum").with(SumL2Loss.LAMBDA, 10.0);
 * }</pre>
 *
 * @param name     a name of {@link Losses#REGISTRY}
 * @param scale    the data-term scale, or null for the loss's default (docs/math.md §2)
 * @param settings the hyperparameters given; the others take their defaults
 */
public record LossSpec(String name, Scale scale, Settings settings) {

    /** Null settings are none. */
    public LossSpec {
        settings = settings == null ? Settings.NONE : settings;
    }

    /**
     * @param name a loss name
     * @return the spec with every hyperparameter at its default
     */
    public static LossSpec named(String name) {
        return new LossSpec(name, null, Settings.NONE);
    }

    /**
     * @param method a registered loss
     * @param p      the latent size
     * @return the loss with an example value of each hyperparameter, for the checks
     */
    public static LossSpec example(LossMethod method, int p) {
        return new LossSpec(method.name(), null, method.example(p));
    }

    /**
     * @param name a registered loss name
     * @param p    the latent size
     * @return the loss with an example value of each hyperparameter, for the checks
     * @throws io.lae.LaeException for an unknown name
     */
    public static LossSpec example(String name, int p) {
        return example(Losses.REGISTRY.named(name), p);
    }

    /**
     * @param <T>            the value's type
     * @param hyperparameter one of the loss's hyperparameters
     * @param value          its value, or null for its default
     * @return this spec with the value
     */
    public <T> LossSpec with(Hyperparameter<T> hyperparameter, T value) {
        return new LossSpec(name, scale, settings.with(hyperparameter, value));
    }

    /**
     * @param scale the data-term scale, or null for the loss's default
     * @return this spec with the scale
     */
    public LossSpec withScale(Scale scale) {
        return new LossSpec(name, scale, settings);
    }

    /**
     * @param <T>            the value's type
     * @param hyperparameter a hyperparameter
     * @return its value as given, or null
     */
    public <T> T get(Hyperparameter<T> hyperparameter) {
        return settings.get(hyperparameter);
    }

    /**
     * @return the registry entry of the name
     * @throws io.lae.LaeException for an unknown name
     */
    public LossMethod method() {
        return Losses.REGISTRY.named(name);
    }

    /** @return the scale in force: the given one or the loss's default */
    public Scale effectiveScale() {
        return scale != null ? scale : method().defaultScale();
    }

    /**
     * The loss as plain numbers, for any engine: the hyperparameters checked and their defaults filled.
     *
     * @param p the latent size
     * @return the loss's nested weights, scale and penalties
     * @throws io.lae.LaeException for an unknown name, a missing or superfluous hyperparameter, a list whose
     *     length is not p, or a value out of range
     */
    public LossForm form(int p) {
        LossMethod method = method();
        return method.form().form(p, effectiveScale(), Losses.REGISTRY.resolve(method, settings, p));
    }

    /**
     * Builds ND4J's loss of {@link #form}.
     *
     * @param p the latent size
     * @return the loss
     * @throws io.lae.LaeException as {@link #form} does
     */
    public CheckableLoss create(int p) {
        return method().build().apply(form(p));
    }
}
