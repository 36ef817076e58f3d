package io.lae.train;

import io.lae.loss.Loss;
import io.lae.stats.Statistics;

/** How one training step changes the weights (SPEC section 3). */
public interface UpdateRule {

    /** @return the rule's name on the command line */
    String name();

    /** @return whether the rule trains one matrix A with B = Aᵀ */
    default boolean tiesWeights() {
        return false;
    }

    /** @return whether the rule can step on a mini-batch (all but the exact solves of alternating) */
    default boolean supportsMiniBatch() {
        return true;
    }

    /** @return whether {@link #step} returns the loss value (so a non-finite one means divergence) */
    default boolean reportsLoss() {
        return true;
    }

    /**
     * @param loss  the loss
     * @param stats the statistics
     * @param p     the latent size
     * @throws io.lae.LaeException if the rule cannot train this loss or shape
     */
    default void validate(Loss loss, Statistics stats, int p) {
    }

    /**
     * Performs one step in place.
     *
     * @param model   the weights, updated in place
     * @param context the loss, statistics, optimizer and learning rate
     * @return the loss value at the weights before the step, or NaN if the rule did not compute it
     */
    double step(Model model, StepContext context);
}
