package io.lae.vae;

import io.lae.LaeException;
import io.lae.optim.LearningRateSchedule;
import io.lae.optim.Optimizer;
import io.lae.optim.OptimizerState;
import io.lae.stats.Statistics;
import io.lae.train.Checkpoint;
import java.util.Map;
import java.util.function.Consumer;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Full-batch training of the linear VAE from the statistics: N steps
 * θ ← θ − α_t·u(∇L(θ)) on all four parameters, each O(n²p) (see {@link LinearVae}), with
 * t = 0, …, N−1, α_t from the schedule and u the optimizer's update. A NaN or infinite loss
 * stops the run with a one-line {@link LaeException}. Every C steps the run can be saved as a
 * {@link Checkpoint}, from which {@link #resume} continues bit for bit.
 *
 * @param optimizer       the optimizer (its state lives in the run, so one instance may serve many runs)
 * @param schedule        the learning rate α_t
 * @param steps           N ≥ 0
 * @param logEvery        K ≥ 1: the callback sees steps 0, K, 2K, … and N
 * @param checkpointEvery C ≥ 0: a checkpoint after steps C, 2C, … below N (0: none)
 */
public record LinearVaeTrainer(Optimizer optimizer, LearningRateSchedule schedule, long steps, long logEvery,
                               long checkpointEvery) {

    /**
     * Receives the state of a run at the logged steps, e.g. to compute d_align and d_sub on the
     * decoder ({@link io.lae.metrics.Alignment}). It runs outside the step's workspace, so what it
     * allocates it may keep.
     */
    @FunctionalInterface
    public interface Callback {

        /**
         * @param step   the number of updates applied so far
         * @param params the parameters after them: the live arrays, which later steps overwrite
         *               (copy what you keep; do not modify)
         * @param loss   L(params)
         */
        void logged(long step, VaeParameters params, double loss);
    }

    /**
     * An early stop, asked at every logged step after the callback (e.g. d_align ≤ 0.3 for Bao's Fig. 4).
     */
    @FunctionalInterface
    public interface Stop {

        /** Never stops: the run takes all N steps. */
        Stop NEVER = (step, params) -> false;

        /**
         * @param step   the updates applied so far
         * @param params the parameters after them (live arrays; do not modify)
         * @return whether to end the run here
         */
        boolean reached(long step, VaeParameters params);
    }

    /**
     * @param parameters the trained parameters
     * @param loss       L at them
     * @param steps      the updates applied: N, or fewer when the run stopped early
     */
    public record Result(VaeParameters parameters, double loss, long steps) {
    }

    /** A step's temporaries live in a workspace sized on the first step, so native memory stays flat. */
    private static final WorkspaceConfiguration STEP = WorkspaceConfiguration.builder()
            .policyLearning(LearningPolicy.FIRST_LOOP).build();
    private static final String STEP_ID = "lae-vae-step";

    /** @throws LaeException if N &lt; 0, K &lt; 1 or C &lt; 0 */
    public LinearVaeTrainer {
        if (steps < 0 || logEvery < 1 || checkpointEvery < 0) {
            throw new LaeException("linear VAE training needs steps ≥ 0, log-every ≥ 1 and checkpoint-every ≥ 0, got "
                    + steps + ", " + logEvery + " and " + checkpointEvery);
        }
    }

    /**
     * Trains a copy of {@code start} (e.g. {@link VaeParameters#random}) in its dtype.
     *
     * @param statistics  the data's statistics (cast once to the parameters' dtype)
     * @param start       the initial parameters, not modified
     * @param callback    called at steps 0, K, 2K, … and N
     * @param checkpoints receives a checkpoint after steps C, 2C, … below N (its seconds: time since this call);
     *                    it holds the live arrays, so write or copy it before returning
     * @return the parameters after N steps and the loss there
     * @throws LaeException if the loss becomes NaN or infinite
     */
    public Result train(Statistics statistics, VaeParameters start, Callback callback, Consumer<Checkpoint> checkpoints) {
        return train(statistics, start, callback, checkpoints, Stop.NEVER);
    }

    /**
     * {@link #train(Statistics, VaeParameters, Callback, Consumer)} with an early stop.
     *
     * @param statistics  the data's statistics
     * @param start       the initial parameters, not modified
     * @param callback    called at steps 0, K, 2K, … and N
     * @param checkpoints receives a checkpoint after steps C, 2C, … below N
     * @param stop        asked after the callback at each logged step; the run ends at the first that says so
     * @return the parameters at the last step and the loss there
     */
    public Result train(Statistics statistics, VaeParameters start, Callback callback, Consumer<Checkpoint> checkpoints,
                        Stop stop) {
        VaeParameters params = start.copy();
        return run(statistics.as(start.dataType()), params, optimizer.init(params.asMap()), 0, 0, callback,
                checkpoints, stop);
    }

    /**
     * {@link #train} without checkpoints.
     *
     * @param statistics the data's statistics
     * @param start      the initial parameters, not modified
     * @param callback   called at steps 0, K, 2K, … and N
     * @return the parameters after N steps and the loss there
     */
    public Result train(Statistics statistics, VaeParameters start, Callback callback) {
        return train(statistics, start, callback, checkpoint -> { });
    }

    /**
     * Continues a run from one of its checkpoints, as if it had never stopped: the callback sees the
     * logged steps after the checkpoint's, and the result equals an uninterrupted run's bit for bit.
     *
     * @param statistics  the data's statistics
     * @param from        a checkpoint written by {@link #train} or {@link #resume} with the same settings;
     *                    its arrays become the run's (they are updated in place)
     * @param callback    called at the logged steps after the checkpoint's
     * @param checkpoints receives the later checkpoints (their seconds continue the checkpoint's)
     * @return the parameters after N steps and the loss there
     * @throws LaeException if the checkpoint lacks a parameter or has a step beyond N
     */
    public Result resume(Statistics statistics, Checkpoint from, Callback callback, Consumer<Checkpoint> checkpoints) {
        return resume(statistics, from, callback, checkpoints, Stop.NEVER);
    }

    /**
     * {@link #resume(Statistics, Checkpoint, Callback, Consumer)} with an early stop.
     *
     * @param statistics  the data's statistics
     * @param from        a checkpoint written with the same settings
     * @param callback    called at the logged steps after the checkpoint's
     * @param checkpoints receives the later checkpoints
     * @param stop        asked after the callback at each logged step
     * @return the parameters at the last step and the loss there
     */
    public Result resume(Statistics statistics, Checkpoint from, Callback callback, Consumer<Checkpoint> checkpoints,
                         Stop stop) {
        if (from.step() > steps) {
            throw new LaeException("the checkpoint is at step " + from.step() + ", past this run's " + steps + " steps");
        }
        VaeParameters params = VaeParameters.of(from.parameters());
        return run(statistics.as(params.dataType()), params,
                OptimizerState.restore(from.optimizerStep(), from.optimizerBuffers()), from.step(), from.seconds(),
                callback, checkpoints, stop);
    }

    private Result run(Statistics stats, VaeParameters params, OptimizerState state, long first, double secondsBefore,
                       Callback callback, Consumer<Checkpoint> checkpoints, Stop stop) {
        Map<String, INDArray> arrays = params.asMap();
        long started = System.nanoTime();
        for (long step = first; ; step++) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().getAndActivateWorkspace(STEP, STEP_ID)) {
                VaeEvaluation eval = LinearVae.evaluate(params, stats);
                if (!Double.isFinite(eval.value())) {
                    throw new LaeException("linear VAE training diverged at step " + step + " (loss = " + eval.value()
                            + "): lower the learning rate (" + schedule.describe() + ")");
                }
                try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                    if ((step % logEvery == 0 || step == steps) && (step > first || first == 0)) {
                        callback.logged(step, params, eval.value());
                        if (step > 0 && step < steps && stop.reached(step, params)) {
                            return new Result(params, eval.value(), step);
                        }
                    }
                    if (checkpointEvery > 0 && step > first && step % checkpointEvery == 0 && step < steps) {
                        checkpoints.accept(Checkpoint.snapshot(step, secondsBefore + (System.nanoTime() - started) * 1e-9,
                                arrays, state.step(), state.buffers()));
                    }
                }
                if (step == steps) {
                    return new Result(params, eval.value(), step);
                }
                optimizer.apply(arrays, eval.gradients(), state, schedule.at(step));
            }
        }
    }
}
