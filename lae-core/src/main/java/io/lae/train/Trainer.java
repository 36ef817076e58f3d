package io.lae.train;

import io.lae.LaeException;
import io.lae.closedform.GroundTruth;
import io.lae.optim.LearningRateSchedule;
import io.lae.stats.Statistics;
import java.util.Map;

/**
 * Training from the sufficient statistics (full batch: each step costs O(n²p) whatever the number
 * of samples) or over shuffled mini-batches of the raw samples (O(n·b·p) a step), optionally with
 * stochastic nested dropout. Logs metrics every {@code logEvery} steps, checkpoints every {@code checkpointEvery}
 * steps and at the end, and stops early on the {@code until} target or on divergence.
 *
 * <p>Resuming from a checkpoint continues to exactly the result of an uninterrupted run on the
 * same backend: the weights, the optimizer state and the step are restored, and the learning rate
 * depends on the step alone.
 */
public final class Trainer {

    private final TrainingConfig config;
    private final TrainingListener listener;
    private final Stepper.Factory engine;

    /**
     * @param config   the run's configuration
     * @param listener follows the run (progress bars)
     */
    public Trainer(TrainingConfig config, TrainingListener listener) {
        this(config, listener, Stepper.Factory.ND4J);
    }

    /**
     * @param config   the run's configuration
     * @param listener follows the run (progress bars)
     * @param engine   makes the steps: ND4J's, or another engine's (lae-cuda's)
     */
    public Trainer(TrainingConfig config, TrainingListener listener, Stepper.Factory engine) {
        this.config = config;
        this.listener = listener;
        this.engine = engine;
    }

    /**
     * Trains from scratch or from the run directory's checkpoint.
     *
     * @param statistics  the data's statistics (float64; cast once to the run's dtype)
     * @param truth       the ground truth for the metrics, or null to skip them
     * @param run         the run directory
     * @param resume      whether to continue from the directory's checkpoint
     * @param environment versions, backend and device for run.json
     * @return how the run ended
     * @throws LaeException on bad settings
     * @throws TrainingDivergedException on divergence, after writing {@code "status": "diverged"} (the last
     *     checkpoint is kept)
     */
    public TrainingResult train(Statistics statistics, GroundTruth truth, RunDirectory run, boolean resume,
                                Map<String, Object> environment) {
        return train(statistics, truth, run, resume, environment, null);
    }

    /**
     * Trains over mini-batches, full batches of the rows (per-sample nested dropout) or full batches
     * over the statistics.
     *
     * @param statistics  the data's statistics, for the metrics and full-batch steps
     * @param truth       the ground truth, or null
     * @param run         the run directory
     * @param resume      whether to continue from the directory's checkpoint
     * @param environment versions, backend and device for run.json
     * @param batches     the rows exactly when {@link TrainingConfig#needsRows()}: mini-batches (config.epochs() ×
     *                    batchesPerEpoch steps) or {@link MiniBatches#allRows all rows} (config.steps() steps)
     * @return how the run ended
     * @throws TrainingDivergedException on divergence, after writing {@code "status": "diverged"}
     * @throws TrainingInterruptedException when the listener stops the run, after checkpointing the step
     *     reached and writing {@code "status": "interrupted"}
     */
    public TrainingResult train(Statistics statistics, GroundTruth truth, RunDirectory run, boolean resume,
                                Map<String, Object> environment, MiniBatches batches) {
        Statistics stats = statistics.as(config.dataType());
        int p = config.latent();
        StepSettings settings = config.stepSettings();
        UpdateRule rule = settings.rule();
        if (config.usesMiniBatches() && !rule.supportsMiniBatch()) {
            throw new LaeException("--rule " + rule.name() + " solves over the whole data set: drop --epochs/--batch");
        }
        if (config.needsRows() != (batches != null)) {
            throw new IllegalArgumentException("the rows must be given exactly when the run steps over them "
                    + "(--epochs, or --stochastic " + NestedDropoutDraw.PER_SAMPLE + ")");
        }
        long totalSteps = config.usesMiniBatches() ? config.epochs() * batches.batchesPerEpoch() : config.steps();
        LearningRateSchedule schedule = config.schedule(totalSteps);
        StopTarget target = config.until() == null ? null : StopTarget.parse(config.until());

        TrainingLoop.Start start;
        if (resume) {
            Checkpoint cp = run.readCheckpoint();
            cp.requireFits(stats.outputDim(), stats.inputDim(), p, rule.tiesWeights(), config.dataType(),
                    name -> name.equals("optimizer") ? run.path().resolve("checkpoint").resolve("optimizer")
                            : run.checkpointFile(name));
            if (cp.step() >= totalSteps) {
                throw new LaeException(run.path() + " has done " + cp.step() + " steps, and the run asks for "
                        + totalSteps + ": extend it with --steps N, N > " + cp.step());
            }
            start = TrainingLoop.Start.from(cp);
            run.truncateMetrics(cp.step());
        } else {
            start = TrainingLoop.Start.fresh(config.initialModel(stats.outputDim(), stats.inputDim(),
                    rule.tiesWeights()));
        }
        Loop loop = new Loop(stats, statistics, truth, run, environment, batches, totalSteps, schedule, target);
        try (Stepper stepper = engine.create(settings, stats, start.model(), start.state())) {
            return loop(loop, start, stepper);
        }
    }

    /** What the step loop reads: the statistics (in the run's dtype and as given), the run and its schedule. */
    private record Loop(Statistics stats, Statistics statistics, GroundTruth truth, RunDirectory run,
                        Map<String, Object> environment, MiniBatches batches, long totalSteps,
                        LearningRateSchedule schedule, StopTarget target) {
    }

    private TrainingResult loop(Loop loop, TrainingLoop.Start start, Stepper stepper) {
        Model model = start.model();
        RunDirectory run = loop.run();
        Map<String, Object> environment = loop.environment();
        Evaluator evaluator = new Evaluator(stepper.loss(), loop.stats(), loop.truth());
        if (start.step() == 0) {
            run.appendMetrics(TrainingLoop.evaluate(evaluator, 0, model, loop.schedule().at(0), 0));
        }
        run.writeMeans(loop.statistics());
        run.writeRunJson(config, RunStatus.RUNNING, environment, Map.of(), null);
        RecordingListener metrics = new RecordingListener(run::appendMetrics, listener);
        TrainingLoop.Settings settings = new TrainingLoop.Settings(loop.totalSteps(), loop.schedule(), config.logEvery(),
                config.checkpointEvery(), loop.target());
        TrainingLoop.Outcome outcome;
        try {
            outcome = TrainingLoop.run(settings, stepper, model, evaluator, loop.batches(), start.step(),
                    start.seconds(), metrics, run::writeCheckpoint);
        } catch (TrainingDivergedException e) {
            throw diverged(e.step(), e.loss(), run, environment, metrics.last());
        } catch (TrainingInterruptedException e) {
            run.writeRunJson(config, RunStatus.INTERRUPTED, environment, Map.of("interrupted_at_step", e.step()),
                    metrics.last());
            throw e;
        }
        run.writeWeights(model);
        return new TrainingResult(model, outcome.last(), outcome.status());
    }

    /** Marks the run diverged in run.json (with the last finite metrics) and says what to change. */
    private TrainingDivergedException diverged(long step, double value, RunDirectory run,
                                               Map<String, Object> environment, MetricsRow lastFinite) {
        run.writeRunJson(config, RunStatus.DIVERGED, environment, Map.of("diverged_at_step", step), lastFinite);
        return new TrainingDivergedException(step, value, "training diverged at step " + step + " (loss = " + value
                + "): lower --lr (now " + config.lr() + ")"
                + (config.optimizer().equals("adam") ? "" : " or try --optimizer adam")
                + (run.hasCheckpoint() ? "; the last checkpoint in " + run.path().resolve("checkpoint") + " is kept"
                        : ""));
    }
}
