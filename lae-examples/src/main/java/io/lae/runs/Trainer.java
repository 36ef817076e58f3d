package io.lae.runs;

import io.lae.LaeException;
import io.lae.closedform.GroundTruth;
import io.lae.fit.FittedAutoencoder;
import io.lae.fit.LinearAutoencoder;
import io.lae.stats.Statistics;
import io.lae.train.Checkpoint;
import io.lae.train.MetricsRow;
import io.lae.train.Model;
import io.lae.train.RecordingListener;
import io.lae.train.RunStatus;
import io.lae.train.Stepper;
import io.lae.train.StepSettings;
import io.lae.train.TrainingDivergedException;
import io.lae.train.TrainingInterruptedException;
import io.lae.train.TrainingListener;
import io.lae.train.TrainingResult;
import io.lae.train.UpdateRule;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A run of {@code lae train} or an experiment: the configuration's names become a
 * {@link LinearAutoencoder} whose fit this class hands a run directory, as a library user would hand
 * their own store and listener. The fit logs metrics to {@code metrics.csv} every {@code logEvery}
 * steps and checkpoints every {@code checkpointEvery} steps and at the end; this class writes
 * {@code run.json} as the run starts, diverges or is interrupted, the training means and the final weights,
 * and words the refusals in the command line's options.
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
     * Trains full batch over the statistics, from scratch or from the run directory's checkpoint.
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
        return train(statistics, truth, run, resume, environment, null, null);
    }

    /**
     * Trains over mini-batches of the rows, full batches of the rows (per-sample nested dropout) or full
     * batches over the statistics.
     *
     * @param statistics  the data's statistics, for the metrics and full-batch steps
     * @param truth       the ground truth, or null
     * @param run         the run directory
     * @param resume      whether to continue from the directory's checkpoint
     * @param environment versions, backend and device for run.json
     * @param inputs      the rows x (m×n') exactly when {@link TrainingConfig#needsRows()}, else null
     * @param targets     their targets y (m×n), or null for an autoencoder
     * @return how the run ended
     * @throws TrainingDivergedException on divergence, after writing {@code "status": "diverged"}
     * @throws TrainingInterruptedException when the listener stops the run, after checkpointing the step
     *     reached and writing {@code "status": "interrupted"}
     */
    public TrainingResult train(Statistics statistics, GroundTruth truth, RunDirectory run, boolean resume,
                                Map<String, Object> environment, INDArray inputs, INDArray targets) {
        StepSettings settings = config.stepSettings();
        UpdateRule rule = settings.rule();
        if (config.needsRows() != (inputs != null)) {
            throw new IllegalArgumentException("the rows must be given exactly when the run steps over them "
                    + "(--epochs, or --stochastic per-sample)");
        }
        RunRecorder recorder = new RunRecorder(run, statistics, environment);
        LinearAutoencoder.Builder estimator = LinearAutoencoder.builder(config.latent())
                .loss(config.lossSpec()).rule(rule).optimizer(settings.optimizer()).stochastic(settings.stochastic())
                .steps(config.steps()).logEvery(config.logEvery())
                .init(config.initialization()).dataType(config.dataType()).groundTruth(truth)
                .stopWhen(config.until())
                .listener(recorder).checkpoints(run::writeCheckpoint, config.checkpointEvery()).engine(engine);
        if (config.usesMiniBatches()) {
            estimator.miniBatches(config.batch(), config.epochs());
        }
        long totalSteps = estimator.build().stepCount(statistics.sampleCount());
        Checkpoint from = resume ? checkpointToResume(run, statistics, rule, totalSteps) : null;
        if (from != null) {
            Optional<TrainingResult> ended = endedAt(from, run, statistics, totalSteps);
            if (ended.isPresent()) {
                return ended.get();
            }
        }
        estimator.schedule(config.schedule(totalSteps)).resumeFrom(from);
        FittedAutoencoder fitted;
        try {
            fitted = estimator.build().fit(statistics, inputs, targets);
        } catch (TrainingDivergedException e) {
            throw diverged(e.step(), e.loss(), run, environment, recorder.last());
        } catch (TrainingInterruptedException e) {
            run.writeRunJson(config, RunStatus.INTERRUPTED, environment, Map.of("interrupted_at_step", e.step()),
                    recorder.last());
            throw e;
        }
        Model trained = fitted.model();
        run.writeWeights(trained);
        return new TrainingResult(trained, fitted.history().getLast(), fitted.status());
    }

    /**
     * Reads the run's checkpoint and refuses, naming its files and options, one that does not fit or is past
     * the steps asked for; cuts metrics.csv back to the checkpoint's step (a row torn by a crash included).
     *
     * @return the checkpoint, or null when the run was stopped before its first one: it starts again from
     *     step 0, with the same seed, to the result of a run never stopped
     */
    private Checkpoint checkpointToResume(RunDirectory run, Statistics statistics, UpdateRule rule, long totalSteps) {
        if (!run.hasCheckpoint()) {
            run.truncateMetrics(-1);
            return null;
        }
        Checkpoint checkpoint = run.readCheckpoint();
        checkpoint.requireFits(statistics.outputDim(), statistics.inputDim(), config.latent(), rule.tiesWeights(),
                config.dataType(), name -> name.equals("optimizer") ? run.path().resolve("checkpoint").resolve("optimizer")
                        : run.checkpointFile(name));
        boolean ended = RunDirectory.readStatus(run.path()).filter(RunStatus::done).isPresent();
        if (checkpoint.step() > totalSteps || ended && checkpoint.step() == totalSteps) {
            throw new LaeException(run.path() + " has done " + checkpoint.step() + " steps, and the run asks for "
                    + totalSteps + ": extend it with --steps N, N > " + checkpoint.step());
        }
        run.truncateMetrics(checkpoint.step());
        return checkpoint;
    }

    /**
     * A run killed after its last checkpoint, while its final weights were written, is finished from that
     * checkpoint: it holds the final weights exactly.
     *
     * @return the result, when the checkpoint is at the run's last step (or at a step that reached --until)
     */
    private Optional<TrainingResult> endedAt(Checkpoint checkpoint, RunDirectory run, Statistics statistics,
                                             long totalSteps) {
        List<MetricsRow> rows = run.readMetrics();
        MetricsRow last = rows.isEmpty() ? null : rows.getLast();
        boolean atLastRow = last != null && last.step() == checkpoint.step();
        RunStatus status;
        if (checkpoint.step() == totalSteps && atLastRow) {
            status = RunStatus.FINISHED;
        } else if (atLastRow && config.until() != null && config.until().reachedBy(last)) {
            status = RunStatus.STOPPED;
        } else {
            return Optional.empty();
        }
        run.writeMeans(statistics);
        // as a fit that ends fixes them (FittedAutoencoder)
        Model model = checkpoint.model().canonicalSigns();
        run.writeWeights(model);
        return Optional.of(new TrainingResult(model, last, status));
    }

    /**
     * Writes the run as it goes: {@code "status": "running"} and the training means before the first metrics
     * row, then each row to metrics.csv; passes every event on to the progress listener.
     */
    private final class RunRecorder extends RecordingListener {
        private final RunDirectory run;
        private final Statistics statistics;
        private final Map<String, Object> environment;
        private boolean running;

        RunRecorder(RunDirectory run, Statistics statistics, Map<String, Object> environment) {
            super(run::appendMetrics, listener);
            this.run = run;
            this.statistics = statistics;
            this.environment = environment;
        }

        @Override
        public void started(long firstStep, long lastStep) {
            markRunning();
            super.started(firstStep, lastStep);
        }

        @Override
        public void logged(MetricsRow row) {
            markRunning(); // a fresh run logs its step 0 before its loop starts
            super.logged(row);
        }

        /**
         * Writes run.json, then the training means, once, before any metrics row: a run killed after it
         * resumes; before it, the directory holds only a lock.
         */
        private void markRunning() {
            if (!running) {
                run.writeRunJson(config, RunStatus.RUNNING, environment, Map.of(), null);
                run.writeMeans(statistics);
                running = true;
            }
        }

        @Override
        public void stepped(long done) {
            CrashPoint.at(CrashPoint.Window.STEP);
            super.stepped(done);
        }
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
