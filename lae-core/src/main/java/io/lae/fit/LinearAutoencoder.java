package io.lae.fit;

import io.lae.LaeException;
import io.lae.closedform.GroundTruth;
import io.lae.data.DataSource;
import io.lae.linalg.HostBlas;
import io.lae.loss.Loss;
import io.lae.loss.LossSpec;
import io.lae.optim.LearningRateSchedule;
import io.lae.optim.Optimizer;
import io.lae.optim.Optimizers;
import io.lae.stats.Statistics;
import io.lae.stats.StatisticsAccumulator;
import io.lae.train.Checkpoint;
import io.lae.train.CheckpointStore;
import io.lae.train.Evaluator;
import io.lae.train.Initialization;
import io.lae.train.MetricsRow;
import io.lae.train.MiniBatches;
import io.lae.train.Model;
import io.lae.train.NestedDropoutDraw;
import io.lae.train.RecordingListener;
import io.lae.train.StepSettings;
import io.lae.train.Stepper;
import io.lae.train.StopTarget;
import io.lae.train.TrainingListener;
import io.lae.train.TrainingLoop;
import io.lae.train.UpdateRule;
import io.lae.train.UpdateRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A linear autoencoder to fit, in the spirit of scikit-learn's {@code PCA(n_components).fit(X)}: the
 * settings (loss, update rule, optimizer, schedule, initialisation, stopping rule) as typed objects,
 * and {@link #fit} over rows, data sources (an autoencoder, or a regression of Y on X) or
 * {@link Statistics} (computed here, or saved by {@code lae stats} and read by
 * {@link io.lae.stats.StatisticsFile#read}), returning an immutable {@link FittedAutoencoder}. Training
 * is full batch over the statistics (docs/math.md §1–3); nothing is written to disk unless a
 * {@link CheckpointStore} is given. A user's own {@link Loss},
 * {@link UpdateRule} or {@link Optimizer} trains like lae's.
 *
 * <pre>{@code
 * FittedAutoencoder model = LinearAutoencoder.builder(10).loss(LossSpec.named("ordered")).steps(3000).build()
 *         .fit(rows);
 * double[][] codes = model.encode(newRows);
 * }</pre>
 *
 * <p>An instance holds settings only and is immutable; {@code fit} may run on several threads at once
 * only when the loss, rule and optimizer objects given are stateless (lae's own losses keep per-dtype
 * caches and are not).
 */
public final class LinearAutoencoder {

    /** Multiply-adds of a step's product with the data below which a fit runs OpenBLAS on one thread. */
    public static final double ONE_THREAD_WORK = 1 << 24;

    private final int latent;
    private final LossSpec lossSpec;
    private final Loss customLoss;
    private final UpdateRule rule;
    private final Optimizer optimizer;
    private final LearningRateSchedule schedule;
    private final long steps;
    private final long logEvery;
    private final Initialization initialization;
    private final DataType dataType;
    private final boolean center;
    private final boolean trackAlignment;
    private final GroundTruth groundTruth;
    private final NestedDropoutDraw stochastic;
    private final StopTarget stopWhen;
    private final TrainingListener listener;
    private final CheckpointStore checkpoints;
    private final long checkpointEvery;
    private final Stepper.Factory engine;
    private final Checkpoint resumeFrom;
    private final int batchSize;
    private final long epochs;

    private LinearAutoencoder(Builder b) {
        this.latent = b.latent;
        this.lossSpec = b.lossSpec;
        this.customLoss = b.customLoss;
        this.rule = b.rule;
        this.optimizer = b.optimizer;
        this.schedule = b.schedule;
        this.steps = b.steps;
        this.logEvery = b.logEvery;
        this.initialization = b.initialization;
        this.dataType = b.dataType;
        this.center = b.center;
        this.trackAlignment = b.trackAlignment;
        this.groundTruth = b.groundTruth;
        this.stochastic = b.stochastic;
        this.stopWhen = b.stopWhen;
        this.listener = b.listener;
        this.checkpoints = b.checkpoints;
        this.checkpointEvery = b.checkpointEvery;
        this.engine = b.engine;
        this.resumeFrom = b.resumeFrom;
        this.batchSize = b.batchSize;
        this.epochs = b.epochs;
    }

    /**
     * @param latent p, the number of components to learn
     * @return the settings, at lae's {@link Defaults}: {@code ordered}, gradient rule, Adam at 0.02, 1500 steps,
     *     N(0, 0.01²) initial weights with seed 0; float64, centred data, no early stop
     */
    public static Builder builder(int latent) {
        return new Builder(latent);
    }

    /**
     * Fits rows held in memory.
     *
     * @param rows m×n samples, one per row
     * @return the fitted model
     */
    public FittedAutoencoder fit(double[][] rows) {
        if (rows.length == 0) {
            throw new LaeException("no rows to fit: give at least one sample");
        }
        INDArray samples = Nd4j.createFromArray(rows);
        return fit(StatisticsAccumulator.of(samples, center), samples, null);
    }

    /**
     * Fits a data source, streamed in chunks (its rows never need to fit in memory at once; a mini-batch fit
     * reads them all).
     *
     * @param source the samples
     * @return the fitted model
     */
    public FittedAutoencoder fit(DataSource source) {
        return fit(source, null);
    }

    /**
     * Fits a regression of Y on X (Y = ABX), or an autoencoder when {@code targets} is null, from data sources
     * streamed in chunks.
     *
     * @param inputs  the inputs x, one per row
     * @param targets the targets y of the same rows, or null for y = x
     * @return the fitted model: encode takes inputs, decode gives targets
     * @throws LaeException if the sources differ in rows, or hold a non-finite value
     */
    public FittedAutoencoder fit(DataSource inputs, DataSource targets) {
        Statistics stats = StatisticsAccumulator.of(inputs, targets, center, rows -> { });
        return stepsOverRows() ? fit(stats, inputs.readAll(), targets == null ? null : targets.readAll())
                : fit(stats, null, null);
    }

    /**
     * Fits from the sufficient statistics (Σxx, Σyx, tyy, m, means): an autoencoder, or a regression of Y on X.
     *
     * @param statistics the statistics (any dtype; cast once to this fit's)
     * @return the fitted model, with the statistics' means as its centring
     * @throws LaeException for a mini-batch fit, which needs the rows
     */
    public FittedAutoencoder fit(Statistics statistics) {
        return fit(statistics, null, null);
    }

    /**
     * Fits from statistics already computed over rows the caller holds: the steps run over the rows for
     * mini-batches ({@link Builder#miniBatches}) and per-sample nested dropout ({@link Builder#stochastic}),
     * over the statistics otherwise.
     *
     * @param statistics the statistics of the rows (any dtype; cast once to this fit's)
     * @param inputs     the rows x (m×n'), centred here with the statistics' mean when they were centred;
     *                   null for a fit over the statistics alone
     * @param targets    their targets y (m×n), or null for an autoencoder
     * @return the fitted model
     * @throws LaeException for a fit over the rows given none, a rule that cannot step over them, or p larger than
     *     the data's dimension
     */
    public FittedAutoencoder fit(Statistics statistics, INDArray inputs, INDArray targets) {
        if (stepsOverRows() && inputs == null) {
            throw new LaeException((batchSize > 0 ? "a mini-batch fit" : "per-sample nested dropout")
                    + " steps over the rows: give them (fit(rows) or fit(DataSource)), or fit the statistics "
                    + (batchSize > 0 ? "full batch" : "with the per-step draw"));
        }
        if (batchSize > 0 && !rule.supportsMiniBatch()) {
            throw new LaeException("the rule " + rule.name() + " solves over the whole data set: fit it full batch");
        }
        Statistics stats = statistics.as(dataType);
        MiniBatches batches = !stepsOverRows() ? null : batchSize == 0
                ? MiniBatches.allRows(inputs, targets, statistics, dataType)
                : new MiniBatches(inputs, targets, statistics, batchSize, initialization.seed(), dataType);
        long totalSteps = stepCount(statistics.sampleCount());
        Loss loss = customLoss != null ? customLoss : lossSpec.create(latent);
        if (loss.latentSize() != latent) {
            throw new LaeException("the loss is built for p = " + loss.latentSize() + " but the model has " + latent
                    + " components: build the loss for p = " + latent);
        }
        TrainingLoop.Start start;
        if (resumeFrom == null) {
            start = TrainingLoop.Start.fresh(initialization.create(stats.outputDim(), stats.inputDim(), latent,
                    rule.tiesWeights(), dataType));
        } else {
            resumeFrom.requireFits(stats.outputDim(), stats.inputDim(), latent, rule.tiesWeights(), dataType,
                    name -> "the checkpoint's " + name);
            if (resumeFrom.step() >= totalSteps) {
                throw new LaeException("the checkpoint is at step " + resumeFrom.step() + " of " + totalSteps
                        + ": ask for more steps to continue");
            }
            start = TrainingLoop.Start.from(resumeFrom);
        }
        Model model = start.model();
        StepSettings settings = new StepSettings(loss, customLoss == null ? lossSpec : null, rule, optimizer, stochastic,
                initialization.seed());
        List<MetricsRow> history = new ArrayList<>();
        RecordingListener recording = new RecordingListener(history::add, listener);
        TrainingLoop.Outcome outcome;
        try (HostBlas.OneThread blas = oneBlasThread(batchSize, stochastic, statistics.sampleCount(), stats.inputDim(),
                latent) ? HostBlas.oneThread() : null;
             Stepper stepper = engine.create(settings, stats, model, start.state())) {
            Evaluator evaluator = new Evaluator(loss, stats,
                    groundTruth != null ? groundTruth : trackAlignment ? GroundTruth.of(stats) : null);
            if (start.step() == 0) {
                recording.logged(evaluator.evaluate(0, model, schedule.at(0), 0));
            }
            outcome = TrainingLoop.run(new TrainingLoop.Settings(totalSteps, schedule, logEvery, checkpointEvery,
                    stopWhen), stepper, model, evaluator, batches, start.step(), start.seconds(), recording,
                    checkpoints);
        }
        return new FittedAutoencoder(model, statistics, outcome.status(), history);
    }

    /**
     * Whether a fit runs OpenBLAS on one thread ({@link HostBlas#oneThread}): when a step's product with the data
     * — Σxx·W over the statistics, n·n·p multiply-adds, or X·W over b rows, b·n·p — is below
     * {@value #ONE_THREAD_WORK}. A product that small gains little from a second thread, and on one its bits do not
     * depend on the machine's cores: the same fit gives the same weights on a laptop and a server with the same
     * kernels, and fits like it can run side by side (as {@code lae sweep} does) and still equal one fit alone.
     * Larger fits use OpenBLAS's threads as the process has them. OpenBLAS's thread count is the process's: while a
     * small fit runs, a large one beside it in the same process runs on one thread too, and differs in the last
     * bits from the same fit alone.
     *
     * @param batchSize  b for a fit over mini-batches, else 0
     * @param stochastic the nested dropout draw: {@link NestedDropoutDraw#PER_SAMPLE} steps over all m rows
     * @param samples    m
     * @param inputDim   n
     * @param latent     p
     * @return whether such a fit runs OpenBLAS on one thread
     */
    public static boolean oneBlasThread(int batchSize, NestedDropoutDraw stochastic, long samples, long inputDim,
                                        long latent) {
        long rows = batchSize > 0 ? batchSize : stochastic == NestedDropoutDraw.PER_SAMPLE ? samples : inputDim;
        return (double) rows * inputDim * latent < ONE_THREAD_WORK;
    }

    /**
     * @param rows m, the number of samples
     * @return the steps a fit over m rows takes: {@link Builder#steps}, or epochs × ⌈m/b⌉ over mini-batches
     */
    public long stepCount(long rows) {
        return batchSize == 0 ? steps : epochs * MiniBatches.batchesPerEpoch(rows, batchSize);
    }

    /** @return whether the steps need the rows rather than the statistics: mini-batches, per-sample dropout */
    private boolean stepsOverRows() {
        return batchSize > 0 || stochastic == NestedDropoutDraw.PER_SAMPLE;
    }

    /** The settings of a {@link LinearAutoencoder}; each setter validates its value at once. */
    public static final class Builder {
        private final int latent;
        private LossSpec lossSpec = LossSpec.named(Defaults.LOSS.name());
        private Loss customLoss;
        private UpdateRule rule = UpdateRules.create(Defaults.RULE.name());
        private Optimizer optimizer = Optimizers.create(Defaults.OPTIMIZER.name());
        private LearningRateSchedule schedule = LearningRateSchedule.constant(Defaults.LEARNING_RATE);
        private long steps = Defaults.STEPS;
        private long logEvery = Defaults.LOG_EVERY;
        private Initialization initialization = Defaults.INITIALIZATION;
        private DataType dataType = DataType.DOUBLE;
        private boolean center = true;
        private boolean trackAlignment;
        private GroundTruth groundTruth;
        private NestedDropoutDraw stochastic;
        private StopTarget stopWhen;
        private TrainingListener listener = new TrainingListener() { };
        private CheckpointStore checkpoints = CheckpointStore.NONE;
        private long checkpointEvery;
        private Stepper.Factory engine = Stepper.Factory.ND4J;
        private Checkpoint resumeFrom;
        private int batchSize;
        private long epochs;

        private Builder(int latent) {
            if (latent < 1) {
                throw new LaeException("the latent size p must be at least 1, got " + latent);
            }
            this.latent = latent;
        }

        /** @param spec one of lae's losses by name and hyperparameters (validated for p now) */
        public Builder loss(LossSpec spec) {
            spec.form(latent);
            this.lossSpec = spec;
            this.customLoss = null;
            return this;
        }

        /** @param loss a loss object built for p (a user's own implementation included) */
        public Builder loss(Loss loss) {
            this.customLoss = Objects.requireNonNull(loss);
            return this;
        }

        /** @param rule the update rule (lae's: GradientRule, RotationAugmentedRule, HebbianRule, TiedRule, …) */
        public Builder rule(UpdateRule rule) {
            this.rule = Objects.requireNonNull(rule);
            return this;
        }

        /** @param optimizer the optimizer (lae's: Sgd, Momentum, Adam; or a user's) */
        public Builder optimizer(Optimizer optimizer) {
            this.optimizer = Objects.requireNonNull(optimizer);
            return this;
        }

        /** @param schedule α_t ({@link LearningRateSchedule#constant} and the others validate their rates) */
        public Builder schedule(LearningRateSchedule schedule) {
            this.schedule = Objects.requireNonNull(schedule);
            return this;
        }

        /** @param steps full-batch steps, at least 1 */
        public Builder steps(long steps) {
            if (steps < 1) {
                throw new LaeException("steps must be at least 1, got " + steps);
            }
            this.steps = steps;
            return this;
        }

        /**
         * Steps over shuffled mini-batches of the rows instead of full batch over the statistics: each step
         * computes the loss of b rows directly, in O(n·b·p) (docs/math.md §2); the shuffles derive from the
         * seed and the epoch. {@link #steps} no longer applies: the fit takes epochs × ⌈m/b⌉ steps (build a
         * {@link LearningRateSchedule#geometric} schedule for that many).
         *
         * @param batchSize b, at least 1
         * @param epochs    passes over the rows, at least 1
         */
        public Builder miniBatches(int batchSize, long epochs) {
            if (batchSize < 1 || epochs < 1) {
                throw new LaeException("mini-batches need a batch size and an epoch count of at least 1, got "
                        + batchSize + " and " + epochs);
            }
            this.batchSize = batchSize;
            this.epochs = epochs;
            return this;
        }

        /** @param every metrics every this many steps (and at the last), at least 1 */
        public Builder logEvery(long every) {
            if (every < 1) {
                throw new LaeException("the metrics need a step interval of at least 1, got " + every);
            }
            this.logEvery = every;
            return this;
        }

        /**
         * @param initialization how the weights start, with its standard deviation and seed (the seed also
         *                       shuffles mini-batches): N(0, 0.01²) with seed 0 by default; BALANCED starts with
         *                       B = Aᵀ (as RAG needs), TORCH with PyTorch 1.3's CPU draw
         */
        public Builder init(Initialization initialization) {
            this.initialization = Objects.requireNonNull(initialization);
            return this;
        }

        /** @param type {@link DataType#DOUBLE} (default) or {@link DataType#FLOAT} for the weights and steps */
        public Builder dataType(DataType type) {
            if (type != DataType.DOUBLE && type != DataType.FLOAT) {
                throw new LaeException("lae trains in float64 or float32, not " + type);
            }
            this.dataType = type;
            return this;
        }

        /** @param center whether to subtract the mean of the rows given to fit (default true) */
        public Builder center(boolean center) {
            this.center = center;
            return this;
        }

        /**
         * @param track whether the metrics hold the ground-truth alignment (Ratio_TP, d_align, …), from an
         *              eigendecomposition of Σ (O(n³) once)
         */
        public Builder trackAlignment(boolean track) {
            this.trackAlignment = track;
            return this;
        }

        /**
         * @param truth the ground truth the metrics compare with, already computed from the statistics fitted
         *              ({@link GroundTruth#of}), or null; it takes precedence over {@link #trackAlignment}
         */
        public Builder groundTruth(GroundTruth truth) {
            this.groundTruth = truth;
            return this;
        }

        /**
         * Stochastic nested dropout (Rippel et al.; Bao et al. 2020 Fig. 2, docs/math.md §2) instead of the
         * nested-dropout loss's expectation: the loss must be {@code nested-dropout}.
         *
         * @param draw {@link NestedDropoutDraw#PER_SAMPLE} (the authors' method: the steps run over all the rows,
         *             as {@code fit(rows)} and {@code fit(DataSource)} give them),
         *             {@link NestedDropoutDraw#PER_STEP} (one index a step, over the statistics), or null for the
         *             deterministic loss; the draws derive from the initialisation's seed and the step
         */
        public Builder stochastic(NestedDropoutDraw draw) {
            this.stochastic = draw;
            return this;
        }

        /** @param target stop at the first log step that reaches it, e.g. {@code StopTarget.parse("ratio_tp=1")} */
        public Builder stopWhen(StopTarget target) {
            this.stopWhen = target;
            return this;
        }

        /** @param listener follows the fit: progress, every logged metrics row; may stop it by throwing */
        public Builder listener(TrainingListener listener) {
            this.listener = Objects.requireNonNull(listener);
            return this;
        }

        /**
         * @param store where checkpoints go
         * @param every a checkpoint every this many steps, 0 for only at the end
         */
        public Builder checkpoints(CheckpointStore store, long every) {
            if (every < 0) {
                throw new LaeException("the checkpoint interval must be 0 or more, got " + every);
            }
            this.checkpoints = Objects.requireNonNull(store);
            this.checkpointEvery = every;
            return this;
        }

        /**
         * @param engine what runs the steps: ND4J's (the default, on whichever backend ND4J loaded; any loss,
         *               rule and optimizer), or another engine's, such as lae-cuda's
         *               {@code CudaStepper.factory(CudaDevice.open())} (weights kept on an NVIDIA GPU; lae's own
         *               losses, rules and optimizers)
         */
        public Builder engine(Stepper.Factory engine) {
            this.engine = Objects.requireNonNull(engine);
            return this;
        }

        /**
         * @param checkpoint a checkpoint a fit with the same settings saved ({@link #checkpoints}): the fit
         *                   continues from its weights, optimizer state and step to {@link #steps} in all, with
         *                   the same result as a fit that was never stopped (the learning rate depends on the step
         *                   alone); null to start afresh
         */
        public Builder resumeFrom(Checkpoint checkpoint) {
            this.resumeFrom = checkpoint;
            return this;
        }

        /** @return the estimator */
        public LinearAutoencoder build() {
            return new LinearAutoencoder(this);
        }
    }
}
