package io.lae.train;

import io.lae.LaeException;
import io.lae.loss.Loss;
import io.lae.stats.Statistics;

/** How one training step changes the weights (docs/math.md §3). */
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

    /**
     * @param loss  the loss
     * @param stats the statistics
     * @param p     the latent size
     * @throws io.lae.LaeException if the rule cannot train this loss or shape
     */
    default void validate(Loss loss, Statistics stats, int p) {
    }

    /**
     * The check of the rules that find the principal directions of the data themselves (the Hebbian rules, Oja's
     * algorithm, the games): they have no targets to map to.
     *
     * @param rule  the rule's name
     * @param stats the statistics
     * @throws LaeException naming the rule if the statistics have targets
     */
    static void requireAutoencoder(String rule, Statistics stats) {
        if (!stats.isAutoencoder()) {
            throw new LaeException("--rule " + rule + " finds principal directions of the data: remove --targets");
        }
    }

    /**
     * Performs one step in place. It need not form the loss value: a step that is not logged needs none.
     *
     * @param model   the weights, updated in place
     * @param context the loss, statistics, optimizer and learning rate
     */
    void step(Model model, StepContext context);
}
