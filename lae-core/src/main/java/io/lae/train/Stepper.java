package io.lae.train;

import io.lae.loss.Loss;
import io.lae.optim.OptimizerState;
import io.lae.stats.Statistics;

/**
 * What {@link TrainingLoop} needs of an engine that runs training steps: ND4J's {@link TrainingStep}, or an
 * engine that keeps the weights elsewhere (lae-cuda's, in GPU memory), which brings the host's
 * {@link Model} up to date only when asked ({@link #synchronize}: at log steps, checkpoints and the end).
 */
public interface Stepper extends AutoCloseable {

    /**
     * Applies (or queues) step t.
     *
     * @param model        the weights; an engine with weights of its own may leave it stale until {@link #synchronize}
     * @param step         t, 0-based
     * @param learningRate α for this step
     * @param batches      the rows, or null for a full-batch step over the statistics
     */
    void apply(Model model, long step, double learningRate, MiniBatches batches);

    /**
     * Waits for the queued steps and writes the engine's weights into {@code model}, so that the host
     * may read them (metrics, checkpoints, the result).
     *
     * @param model the weights to bring up to date
     */
    void synchronize(Model model);

    /** @return the optimizer state as of the last {@link #synchronize} (for a checkpoint) */
    OptimizerState state();

    /** @return the loss being trained, evaluated on the host for the metrics */
    Loss loss();

    /** Releases what the engine holds (device memory); ND4J's holds nothing. */
    @Override
    default void close() {
    }

    /** Makes the stepper of a run: the seam where an engine plugs into the fit API ({@link io.lae.fit.LinearAutoencoder.Builder#engine}), and so into {@code lae train}. */
    @FunctionalInterface
    interface Factory {

        /**
         * @param settings the loss, rule, optimizer and stochastic nested dropout draw
         * @param stats    the statistics, in the run's dtype
         * @param model    the initial weights
         * @param state    the optimizer state to continue from, or null for a fresh one
         * @return the stepper
         * @throws io.lae.LaeException if the engine cannot run these settings (saying which engine can)
         */
        Stepper create(StepSettings settings, Statistics stats, Model model, OptimizerState state);

        /** ND4J's steps ({@link TrainingStep}), on whichever backend ND4J loaded; they run any settings. */
        Factory ND4J = (settings, stats, model, state) -> state == null ? TrainingStep.fresh(settings, stats, model)
                : new TrainingStep(settings, stats, state);
    }
}
