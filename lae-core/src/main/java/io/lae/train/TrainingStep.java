package io.lae.train;

import io.lae.LaeException;
import io.lae.loss.Loss;
import io.lae.optim.Optimizer;
import io.lae.optim.OptimizerState;
import io.lae.stats.Statistics;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One configured training step: the loss (or, with {@code --stochastic}, the step's sampled nested
 * dropout truncations), the update rule and the optimizer with its state. {@link TrainingLoop} runs these in a
 * loop; {@code lae bench} times them.
 *
 * <p>A step's temporaries live in a workspace sized on the first step and reused by every later
 * one, so native memory stays flat (ND4J frees native buffers only when the Java GC runs). The
 * weights and the optimizer's buffers are updated in place and live outside it.
 */
public final class TrainingStep implements Stepper {

    private static final WorkspaceConfiguration WORKSPACE = WorkspaceConfiguration.builder()
            .policyLearning(LearningPolicy.FIRST_LOOP).build();
    private static final String WORKSPACE_ID = "lae-train-step";

    private final Loss loss;
    private final UpdateRule rule;
    private final Optimizer optimizer;
    private final OptimizerState state;
    private final Statistics stats;
    private final StochasticNestedDropout stochastic;

    /**
     * Steps of a loss, rule and optimizer given as objects (a user's own implementations included):
     * full batch over the statistics, or over the rows a caller passes to {@link #apply}.
     *
     * @param settings the loss, rule, optimizer and stochastic nested dropout draw
     * @param stats    the statistics, in the weights' dtype
     * @param state    the optimizer state, fresh ({@code optimizer.init}) or restored from a checkpoint
     * @throws LaeException if the rule cannot train this loss or the latent size exceeds the data's dimension
     */
    public TrainingStep(StepSettings settings, Statistics stats, OptimizerState state) {
        int p = settings.latent();
        if (p > Math.min(stats.inputDim(), stats.outputDim())) {
            throw new LaeException("--latent " + p + " exceeds the data's dimension (n = " + stats.outputDim()
                    + ", n' = " + stats.inputDim() + "): use at most " + Math.min(stats.inputDim(), stats.outputDim()));
        }
        this.loss = settings.loss();
        this.rule = settings.rule();
        rule.validate(loss, stats, p);
        this.optimizer = settings.optimizer();
        this.state = state;
        this.stats = stats;
        this.stochastic = settings.stochastic() == null ? null
                : new StochasticNestedDropout(settings.stochastic(), loss, settings.seed());
        if (settings.stochastic() != null) {
            settings.stochastic().requireSupportedBy(rule);
        }
    }

    /**
     * @param settings the loss, rule, optimizer and stochastic nested dropout draw
     * @param stats    the statistics, in the run's dtype
     * @param model    the weights the optimizer state is shaped after
     * @return a step with a fresh optimizer state (step 0, zero buffers)
     */
    public static TrainingStep fresh(StepSettings settings, Statistics stats, Model model) {
        return new TrainingStep(settings, stats, settings.optimizer().init(model.parameters()));
    }

    /**
     * Applies step t in place.
     *
     * @param model        the weights
     * @param step         t, 0-based (it picks the stochastic nested dropout index)
     * @param learningRate α for this step
     * @param batches      the rows (step t reads its mini-batch, or all of them in full-batch mode), or null for
     *                     a full-batch step over the statistics
     * @throws IllegalArgumentException if the per-sample draw is given no rows
     */
    @Override
    public void apply(Model model, long step, double learningRate, MiniBatches batches) {
        if (batches == null && needsRows()) {
            throw new IllegalArgumentException("per-sample nested dropout steps over the rows: give them");
        }
        boolean perStep = stochastic != null && !stochastic.needsRows();
        Loss stepLoss = perStep ? stochastic.lossAt(step) : loss;
        try (MemoryWorkspace scope = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, WORKSPACE_ID)) {
            MiniBatches.Batch batch = batches == null ? null : batches.batch(step);
            PerSampleStep perSample = batch != null && needsRows()
                    ? stochastic.perSampleAt(step, (int) batch.size()) : null;
            rule.step(model, new StepContext(stepLoss, stats, optimizer, state, learningRate, batch, perSample));
        }
    }

    /** @return whether every step needs the rows, even in full-batch mode (per-sample nested dropout) */
    public boolean needsRows() {
        return stochastic != null && stochastic.needsRows();
    }

    /** Waits for the ops ND4J queued (on a GPU backend); the weights are the model's own arrays. */
    @Override
    public void synchronize(Model model) {
        Nd4j.getExecutioner().commit();
    }

    /** @return the loss being trained (for --stochastic, the full nested dropout loss) */
    @Override
    public Loss loss() {
        return loss;
    }

    /** @return the optimizer state, advanced by every step */
    @Override
    public OptimizerState state() {
        return state;
    }
}
