package io.lae.optim;

import io.lae.method.Hyperparameter;
import io.lae.method.Registry;
import io.lae.method.Settings;
import java.util.List;

/**
 * The registry of lae's optimizers, PyTorch's semantics: the one list of them. The entries live here rather
 * than in the optimizer classes because lae-cuda's device check reads them in a JVM without ND4J, where an
 * optimizer class that calls ND4J's ops cannot be loaded.
 */
public final class Optimizers {

    /** μ ∈ [0, 1) of the heavy ball and Nesterov, 0.9 by default. */
    public static final Hyperparameter<Double> MOMENTUM = Hyperparameter.number("momentum",
            "μ of the heavy ball and Nesterov, e.g. --momentum 0.9", 0.9, 0.9, mu -> mu >= 0 && mu < 1, "in [0, 1)");

    /** {@link Sgd}: θ ← θ − α g. */
    public static final OptimizerMethod SGD = new OptimizerMethod("sgd", "θ ← θ − α g, PyTorch's SGD without "
            + "momentum", List.of(), settings -> new Sgd());

    /** {@link Momentum}, heavy ball: v ← μv + g; θ ← θ − α v. */
    public static final OptimizerMethod MOMENTUM_SGD = new OptimizerMethod("momentum", "v ← μv + g; θ ← θ − α v, "
            + "PyTorch's SGD with momentum (Polyak's heavy ball)", List.of(MOMENTUM),
            settings -> new Momentum(settings.get(MOMENTUM), false));

    /** {@link Momentum}, Nesterov: v ← μv + g; θ ← θ − α (g + μv). */
    public static final OptimizerMethod NESTEROV = new OptimizerMethod("nesterov", "v ← μv + g; θ ← θ − α (g + μv), "
            + "PyTorch's SGD with nesterov=True (Sutskever et al. 2013)", List.of(MOMENTUM),
            settings -> new Momentum(settings.get(MOMENTUM), true));

    /** {@link Adam} with PyTorch's defaults. */
    public static final OptimizerMethod ADAM = new OptimizerMethod("adam", "Adam (Kingma and Ba 2015) as PyTorch's "
            + "torch.optim.Adam: β₁ 0.9, β₂ 0.999, ε 1e-8 added to the bias-corrected √v̂", List.of(),
            settings -> new Adam());

    /** Every optimizer lae has. */
    public static final Registry<OptimizerMethod> REGISTRY = new Registry<>("--optimizer", List.of(SGD, MOMENTUM_SGD,
            NESTEROV, ADAM));

    private Optimizers() {
    }

    /**
     * @param name     a registered name
     * @param settings hyperparameter values offered to it: it takes those it has (the others are ignored, as
     *                 {@code lae train} offers {@code --momentum} to every optimizer), its others take their defaults
     * @return the optimizer
     * @throws io.lae.LaeException for an unknown name or a value out of range
     */
    public static Optimizer create(String name, Settings settings) {
        OptimizerMethod method = REGISTRY.named(name);
        return method.create().apply(resolve(method, settings));
    }

    /**
     * @param name a registered name
     * @return the optimizer with every hyperparameter at its default
     * @throws io.lae.LaeException for an unknown name
     */
    public static Optimizer create(String name) {
        return create(name, Settings.NONE);
    }

    /**
     * @param method   an optimizer
     * @param settings hyperparameter values offered to it
     * @return those it takes, checked, with its defaults for the others
     * @throws io.lae.LaeException for a value out of range
     */
    public static Settings resolve(OptimizerMethod method, Settings settings) {
        return REGISTRY.resolve(method, settings.restrictedTo(method), 1);
    }
}
