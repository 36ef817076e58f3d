package io.lae.train;

import io.lae.optim.LearningRateSchedule;
import io.lae.optim.OptimizerState;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The step loop every training runs through, with no file of its own: {@link io.lae.fit.LinearAutoencoder#fit}
 * hands it the listener and the checkpoint store of its caller (the command line's run directories, or a
 * library user's memory).
 * It applies the steps, logs metrics every {@code logEvery} steps to the listener, saves checkpoints to the
 * store, stops at the target, and detects divergence at log and checkpoint steps. The time it counts is
 * the steps' own: an engine that queues steps (a GPU) is waited for at log and checkpoint steps.
 */
public final class TrainingLoop {

    /** A log step's temporaries live in a reused workspace of their own (the metrics row holds only numbers). */
    private static final WorkspaceConfiguration EVALUATION = WorkspaceConfiguration.builder()
            .policyLearning(LearningPolicy.FIRST_LOOP).build();
    private static final String EVALUATION_ID = "lae-train-evaluation";

    private TrainingLoop() {
    }

    /**
     * How long and how a loop runs.
     *
     * @param totalSteps      the step it ends at unless stopped early
     * @param schedule        α as a function of the 0-based step
     * @param logEvery        metrics every this many steps (and at the last)
     * @param checkpointEvery a checkpoint every this many steps, 0 for only at the end
     * @param target          the early stop, or null
     */
    public record Settings(long totalSteps, LearningRateSchedule schedule, long logEvery, long checkpointEvery,
                           StopTarget target) {
    }

    /**
     * Where a loop starts.
     *
     * @param model   the weights
     * @param state   the optimizer state to continue from, or null for a fresh one
     * @param step    the first step
     * @param seconds the step time already spent
     */
    public record Start(Model model, OptimizerState state, long step, double seconds) {

        /**
         * @param model initial weights
         * @return step 0 from them, with a fresh optimizer state
         */
        public static Start fresh(Model model) {
            return new Start(model, null, 0, 0);
        }

        /**
         * @param checkpoint a checkpoint, already checked to fit the run ({@link Checkpoint#requireFits})
         * @return its weights, optimizer state, step and time, copied
         */
        public static Start from(Checkpoint checkpoint) {
            return new Start(checkpoint.model(), checkpoint.optimizerState(), checkpoint.step(), checkpoint.seconds());
        }
    }

    /**
     * How a loop ended.
     *
     * @param last   the metrics at the last step
     * @param status finished, or stopped at the target
     */
    public record Outcome(MetricsRow last, RunStatus status) {
    }

    /**
     * Runs steps {@code step} … totalSteps − 1.
     *
     * @param settings    the loop's settings
     * @param stepper     the engine
     * @param model       the weights, up to date when this returns
     * @param evaluator   the metrics
     * @param batches     the rows, or null for full-batch steps over the statistics
     * @param step        the first step (non-zero on resume)
     * @param seconds     the step time already spent (on resume)
     * @param listener    follows the run: {@code logged} receives every metrics row; {@code stepped} may throw
     *                    {@link TrainingInterruptedException} to stop the run
     * @param checkpoints where checkpoints go
     * @return how it ended
     * @throws TrainingDivergedException when the loss or the weights stop being finite (no checkpoint is saved)
     * @throws TrainingInterruptedException when the listener stops the run, after saving a checkpoint of the step
     *     reached (unless the weights are no longer finite)
     */
    public static Outcome run(Settings settings, Stepper stepper, Model model, Evaluator evaluator,
                              MiniBatches batches, long step, double seconds, TrainingListener listener,
                              CheckpointStore checkpoints) {
        long total = settings.totalSteps();
        listener.started(step, total);
        MetricsRow last = null;
        try {
            while (step < total) {
                double lr = settings.schedule().at(step);
                long start = System.nanoTime();
                stepper.apply(model, step, lr, batches);
                step++;
                boolean logStep = step % settings.logEvery() == 0 || step == total;
                // the last step's checkpoint is the one the run ends with
                boolean checkpointStep = settings.checkpointEvery() > 0 && step % settings.checkpointEvery() == 0
                        && step < total;
                if (logStep || checkpointStep) {
                    // on a GPU the steps are queued: wait for them here so that their time counts as steps
                    stepper.synchronize(model);
                }
                seconds += (System.nanoTime() - start) * 1e-9;
                if (logStep) {
                    last = evaluate(evaluator, step, model, lr, seconds);
                    if (!Double.isFinite(last.loss()) || !model.isFinite()) {
                        throw diverged(step, last.loss());
                    }
                    listener.logged(last);
                }
                if (checkpointStep) {
                    if (!model.isFinite()) {
                        throw diverged(step, Double.NaN);
                    }
                    checkpoints.save(checkpoint(step, seconds, model, stepper));
                }
                try {
                    listener.stepped(step);
                } catch (TrainingInterruptedException e) {
                    stepper.synchronize(model);
                    if (model.isFinite()) {
                        checkpoints.save(checkpoint(step, seconds, model, stepper));
                    }
                    throw e;
                }
                if (logStep && settings.target() != null && settings.target().reachedBy(last)) {
                    return end(stepper, model, checkpoints, step, seconds, last, RunStatus.STOPPED);
                }
            }
        } finally {
            listener.finished();
        }
        stepper.synchronize(model);
        if (last == null) {
            last = evaluate(evaluator, step, model, settings.schedule().at(Math.max(0, step - 1)), seconds);
        }
        return end(stepper, model, checkpoints, step, seconds, last, RunStatus.FINISHED);
    }

    private static Outcome end(Stepper stepper, Model model, CheckpointStore checkpoints, long step, double seconds,
                               MetricsRow last, RunStatus status) {
        stepper.synchronize(model);
        checkpoints.save(checkpoint(step, seconds, model, stepper));
        return new Outcome(last, status);
    }

    /**
     * @return the metrics of a log step, its temporaries in a reused workspace
     */
    static MetricsRow evaluate(Evaluator evaluator, long step, Model model, double lr, double seconds) {
        try (MemoryWorkspace scope = Nd4j.getWorkspaceManager().getAndActivateWorkspace(EVALUATION, EVALUATION_ID)) {
            return evaluator.evaluate(step, model, lr, seconds);
        }
    }

    private static Checkpoint checkpoint(long step, double seconds, Model model, Stepper stepper) {
        io.lae.optim.OptimizerState state = stepper.state();
        return Checkpoint.snapshot(step, seconds, model.parameters(), state.step(), state.buffers());
    }

    private static TrainingDivergedException diverged(long step, double value) {
        return new TrainingDivergedException(step, value, "training diverged at step " + step + " (loss = " + value
                + "): lower the learning rate");
    }
}
