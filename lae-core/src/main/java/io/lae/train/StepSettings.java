package io.lae.train;

import io.lae.loss.Loss;
import io.lae.loss.LossSpec;
import io.lae.optim.Optimizer;
import java.util.Objects;

/**
 * What a training step is made of, as objects: the loss, the update rule, the optimizer and, for
 * stochastic nested dropout, the draw and its seed (docs/math.md §2–3). It is what an engine's
 * {@link Stepper.Factory} receives from {@link io.lae.fit.LinearAutoencoder#fit}, whoever trains: the
 * command line, or a library user, whose own loss, rule or optimizer may be among them (ND4J's engine runs any; an engine with kernels of its own runs lae's and says which
 * it does not).
 *
 * @param loss       the loss, built for the run's p
 * @param lossSpec   the loss by name and hyperparameters when it is one of lae's (an engine with kernels of
 *                   its own builds its form from it), or null for a user's own loss
 * @param rule       the update rule
 * @param optimizer  the optimizer (stateless; its state is an {@link io.lae.optim.OptimizerState})
 * @param stochastic the stochastic nested dropout draw, or null for the loss itself
 * @param seed       the seed of that draw
 */
public record StepSettings(Loss loss, LossSpec lossSpec, UpdateRule rule, Optimizer optimizer,
                           NestedDropoutDraw stochastic, long seed) {

    /** Requires the loss, the rule and the optimizer. */
    public StepSettings {
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(optimizer, "optimizer");
    }

    /**
     * The settings of a deterministic step with one of lae's losses.
     *
     * @param spec      the loss by name and hyperparameters
     * @param latent    p
     * @param rule      the update rule
     * @param optimizer the optimizer
     * @return the loss built for p, with the rule and the optimizer
     */
    public static StepSettings of(LossSpec spec, int latent, UpdateRule rule, Optimizer optimizer) {
        return new StepSettings(spec.create(latent), spec, rule, optimizer, null, 0);
    }

    /** @return p, the latent size the loss is built for */
    public int latent() {
        return loss.latentSize();
    }
}
