package io.lae.vae;

import io.lae.LaeException;
import io.lae.optim.LearningRateSchedule;
import io.lae.optim.Optimizer;
import io.lae.optim.OptimizerState;
import io.lae.optim.Optimizers;
import io.lae.stats.Statistics;
import java.util.Map;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Full-batch training of the linear VAE from the statistics: N steps
 * θ ← θ − α_t·u(∇L(θ)) on all four parameters, each O(n²p) (see {@link LinearVae}), with
 * t = 0, …, N−1, α_t from the schedule and u the optimizer's update. A NaN or infinite loss
 * stops the run with a one-line {@link LaeException}.
 *
 * @param optimizer the optimizer (its state lives in the run, so one instance may serve many runs)
 * @param schedule  the learning rate α_t
 * @param steps     N ≥ 0
 * @param logEvery  K ≥ 1: the callback sees steps 0, K, 2K, … and N
 */
public record LinearVaeTrainer(Optimizer optimizer, LearningRateSchedule schedule, long steps, long logEvery) {

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
     * @param parameters the trained parameters
     * @param loss       L at them
     */
    public record Result(VaeParameters parameters, double loss) {
    }

    /** A step's temporaries live in a workspace sized on the first step, so native memory stays flat. */
    private static final WorkspaceConfiguration STEP = WorkspaceConfiguration.builder()
            .policyLearning(LearningPolicy.FIRST_LOOP).build();
    private static final String STEP_ID = "lae-vae-step";

    /** @throws LaeException if N &lt; 0 or K &lt; 1 */
    public LinearVaeTrainer {
        if (steps < 0 || logEvery < 1) {
            throw new LaeException("linear VAE training needs steps ≥ 0 and log-every ≥ 1, got " + steps + " and "
                    + logEvery);
        }
    }

    /**
     * @param optimizer {@code sgd}, {@code momentum}, {@code nesterov} or {@code adam} (the authors
     *                  use Nesterov with μ = 0.9 and Adam with PyTorch's defaults)
     * @param momentum  μ for {@code momentum} and {@code nesterov}
     * @param schedule  the learning rate (the authors: constant 1e-3 for both optimizers on MNIST)
     * @param steps     N
     * @param logEvery  K
     * @return the trainer
     * @throws LaeException for an unknown optimizer or μ outside [0, 1)
     */
    public static LinearVaeTrainer of(String optimizer, double momentum, LearningRateSchedule schedule, long steps,
                                      long logEvery) {
        return new LinearVaeTrainer(Optimizers.create(optimizer, momentum), schedule, steps, logEvery);
    }

    /**
     * Trains a copy of {@code start} (e.g. {@link VaeParameters#random}) in its dtype.
     *
     * @param statistics the data's statistics (cast once to the parameters' dtype)
     * @param start      the initial parameters, not modified
     * @param callback   called at steps 0, K, 2K, … and N
     * @return the parameters after N steps and the loss there
     * @throws LaeException if the loss becomes NaN or infinite
     */
    public Result train(Statistics statistics, VaeParameters start, Callback callback) {
        Statistics stats = statistics.as(start.dataType());
        VaeParameters params = start.copy();
        Map<String, INDArray> arrays = params.asMap();
        OptimizerState state = optimizer.init(arrays);
        for (long step = 0; ; step++) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().getAndActivateWorkspace(STEP, STEP_ID)) {
                VaeEvaluation eval = LinearVae.evaluate(params, stats);
                if (!Double.isFinite(eval.value())) {
                    throw new LaeException("linear VAE training diverged at step " + step + " (loss = " + eval.value()
                            + "): lower the learning rate (" + schedule.describe() + ")");
                }
                if (step % logEvery == 0 || step == steps) {
                    try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                        callback.logged(step, params, eval.value());
                    }
                }
                if (step == steps) {
                    return new Result(params, eval.value());
                }
                optimizer.apply(arrays, eval.gradients(), state, schedule.at(step));
            }
        }
    }
}
