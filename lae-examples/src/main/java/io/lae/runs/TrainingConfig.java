package io.lae.runs;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.lae.LaeException;
import io.lae.Precision;
import io.lae.data.CsvHeader;
import io.lae.device.MemoryPlan;
import io.lae.fit.Defaults;
import io.lae.fit.LinearAutoencoder;
import io.lae.loss.LossSpec;
import io.lae.loss.NestedDropoutLoss;
import io.lae.loss.NonUniformL2Loss;
import io.lae.loss.ProductL2Loss;
import io.lae.loss.Scale;
import io.lae.method.Settings;
import io.lae.optim.LearningRateSchedule;
import io.lae.optim.Optimizer;
import io.lae.optim.Optimizers;
import io.lae.stats.Statistics;
import io.lae.train.EigenGameRule;
import io.lae.train.Initialization;
import io.lae.train.Model;
import io.lae.train.NestedDropoutDraw;
import io.lae.train.StepSettings;
import io.lae.train.StopTarget;
import io.lae.train.UpdateRule;
import io.lae.train.UpdateRules;

/**
 * Everything a training run needs to be repeated: the options of {@code lae train} (README, Commands).
 * Written to {@code run.json} under snake_case keys ({@code lr_end}, {@code init_std}, …); {@code --resume}
 * reads it back, and reads the camelCase keys of older run.json files too.
 *
 * @param data            the data source (README, Commands)
 * @param targets         a separate target source (Y ≠ X), or null for an autoencoder
 * @param loss            the loss name
 * @param scale           the data term's reduction, or null for the loss's default
 * @param lambda          λ of product/sum, or null
 * @param lambdas         λ₁..λ_p of nonuniform, or null
 * @param prior           p_B of nested-dropout, or null
 * @param rule            the update rule
 * @param optimizer       the optimizer
 * @param lr              the (initial) learning rate
 * @param lrEnd           the final learning rate of a geometric decay, or null
 * @param lrDecay         k of an inverse-time decay α_t = lr/(1 + k·t) (Keras's {@code decay}), or null;
 *                        with neither lrEnd nor lrDecay the rate is constant
 * @param momentum        μ of momentum and Nesterov
 * @param latent          p
 * @param steps           full-batch steps (ignored in mini-batch mode)
 * @param epochs          mini-batch epochs, or null for full-batch training
 * @param batch           the mini-batch size b, or null for full-batch training
 * @param stochastic      stochastic nested dropout (nested-dropout only): b ~ p_B drawn per sample or per step;
 *                        null for none
 * @param init            the draw of the initial weights: normal, balanced (B = Aᵀ at start) or torch (PyTorch 1.3's
 *                        CPU draw after {@code torch.manual_seed(seed)}, as Bao et al.'s code initialises)
 * @param initStd         the standard deviation of the initial weights
 * @param seed            the seed of the initial weights
 * @param dtype           the precision of the weights and steps
 * @param center          whether to subtract the data mean
 * @param logEvery        log metrics every this many steps
 * @param checkpointEvery write a checkpoint every this many steps (0: only at the end)
 * @param until           an optional early stop, e.g. {@code ratio_tp=1} or {@code d_align=0.3}, or null
 * @param decaySteps      the steps over which a geometric decay runs from lr to lrEnd, when a run was
 *                        extended beyond them ({@code --resume --steps}: the rate stays at lrEnd); null: all steps
 * @param header          whether the first row of a CSV data or target file is a header; null (a run.json written
 *                        before lae recorded it) is {@link CsvHeader#AUTO}
 * @param playerSteps     EigenGame's steps per player in order ({@link EigenGameRule#PLAYER_STEPS}), or null for
 *                        the rule's default (every player at once)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TrainingConfig(String data, String targets, String loss, Scale scale, Double lambda,
                             double[] lambdas, double[] prior, String rule, String optimizer, double lr,
                             @JsonAlias("lrEnd") Double lrEnd, @JsonAlias("lrDecay") Double lrDecay, double momentum,
                             int latent, long steps, Integer epochs, Integer batch, NestedDropoutDraw stochastic,
                             Initialization.Kind init, @JsonAlias("initStd") double initStd, long seed, Precision dtype,
                             boolean center,
                             @JsonAlias("logEvery") long logEvery, @JsonAlias("checkpointEvery") long checkpointEvery,
                             StopTarget until,
                             @JsonAlias("decaySteps") @JsonInclude(JsonInclude.Include.NON_NULL) Long decaySteps,
                             CsvHeader header,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Long playerSteps) {

    /** Validates what can be checked without the data. */
    public TrainingConfig {
        header = header == null ? CsvHeader.AUTO : header;
        // a run.json edited by hand can hold null where the command line never does
        requirePresent("data", data);
        requirePresent("loss", loss);
        requirePresent("rule", rule);
        requirePresent("optimizer", optimizer);
        requirePresent("init", init);
        requirePresent("dtype", dtype);
        if (latent < 1) {
            throw new LaeException("--latent must be at least 1, got " + latent);
        }
        if (steps < 1) {
            throw new LaeException("--steps must be at least 1, got " + steps);
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new LaeException("--lr must be a positive number, got " + lr);
        }
        if (lrEnd != null && (!(lrEnd > 0) || lrEnd.isInfinite())) {
            throw new LaeException("--lr-end must be a positive number, got " + lrEnd);
        }
        if (lrDecay != null && (!(lrDecay >= 0) || lrDecay.isInfinite())) {
            throw new LaeException("--lr-decay must be a non-negative number, got " + lrDecay);
        }
        if (lrEnd != null && lrDecay != null) {
            throw new LaeException("--lr-end (geometric decay) and --lr-decay (inverse-time decay) exclude each other: "
                    + "give one");
        }
        if ((epochs == null) != (batch == null)) {
            throw new LaeException("mini-batch training needs both --epochs E and --batch b");
        }
        if (epochs != null && (epochs < 1 || batch < 1)) {
            throw new LaeException("--epochs and --batch must be at least 1, got " + epochs + " and " + batch);
        }
        Optimizers.MOMENTUM.check().check(momentum);
        new Initialization(init, initStd, seed);
        if (logEvery < 1) {
            throw new LaeException("--log-every must be at least 1, got " + logEvery);
        }
        if (checkpointEvery < 0) {
            throw new LaeException("--checkpoint-every must be 0 (off) or positive, got " + checkpointEvery);
        }
        MemoryPlan.requireLatentCanFit(latent);
        // the names and the loss's hyperparameters too, so that a typo is reported before any data are read
        lossSpec(loss, scale, lambda, lambdas, prior).form(latent);
        UpdateRule updateRule = UpdateRules.create(rule, ruleSettings(playerSteps));
        optimizer(optimizer, momentum);
        if (stochastic != null && !loss.equals(NestedDropoutLoss.NAME)) {
            throw new LaeException("--stochastic samples the nested-dropout index: use it with --loss nested-dropout");
        }
        if (epochs != null && !updateRule.supportsMiniBatch()) {
            throw new LaeException("--rule " + rule + " solves over the whole data set: drop --epochs/--batch");
        }
        if (stochastic != null) {
            stochastic.requireSupportedBy(updateRule);
        }
    }

    /**
     * Extends a run: the new steps continue its schedule as recorded, so a geometric decay that reached
     * lrEnd stays there instead of being spread anew over the longer run.
     *
     * @param total the new number of full-batch steps
     * @return this configuration with {@code steps} replaced, and the decay's span kept
     */
    public TrainingConfig withSteps(long total) {
        return toBuilder().steps(total).decaySteps(lrEnd != null && decaySteps == null ? Long.valueOf(steps) : decaySteps).build();
    }

    /**
     * @param totalSteps the steps of the whole run
     * @return the learning-rate schedule: geometric (lrEnd), inverse-time (lrDecay) or constant
     */
    public LearningRateSchedule schedule(long totalSteps) {
        if (lrEnd != null) {
            return LearningRateSchedule.geometric(lr, lrEnd, decaySteps != null ? decaySteps : totalSteps);
        }
        return lrDecay != null ? LearningRateSchedule.inverseTime(lr, lrDecay) : LearningRateSchedule.constant(lr);
    }

    /** @return whether the run steps over mini-batches of the raw samples */
    public boolean usesMiniBatches() {
        return epochs != null;
    }

    /**
     * @return whether the steps need the raw samples, not only the statistics: mini-batches, or
     *     per-sample nested dropout (which, full batch, steps over all rows)
     */
    public boolean needsRows() {
        return usesMiniBatches() || stochastic == NestedDropoutDraw.PER_SAMPLE;
    }

    /** @return the loss specification */
    public LossSpec lossSpec() {
        return lossSpec(loss, scale, lambda, lambdas, prior);
    }

    /**
     * The loss options of {@code lae train} and {@code lae loss} as a spec.
     *
     * @param loss    the name
     * @param scale   the reduction, or null for the loss's default
     * @param lambda  {@code --lambda}, or null
     * @param lambdas {@code --lambdas}, or null
     * @param prior   {@code --prior}, or null
     * @return the spec; {@link LossSpec#create} refuses a value the loss does not take
     */
    public static LossSpec lossSpec(String loss, Scale scale, Double lambda, double[] lambdas, double[] prior) {
        return new LossSpec(loss, scale, Settings.NONE.with(ProductL2Loss.LAMBDA, lambda)
                .with(NonUniformL2Loss.LAMBDAS, lambdas).with(NestedDropoutLoss.PRIOR, prior));
    }

    /** @return the optimizer, offered {@code --momentum} */
    public Optimizer optimizerObject() {
        return optimizer(optimizer, momentum);
    }

    /** @return the update rule with its settings */
    public UpdateRule ruleObject() {
        return UpdateRules.create(rule, ruleSettings(playerSteps));
    }

    private static Settings ruleSettings(Long playerSteps) {
        return Settings.NONE.with(EigenGameRule.PLAYER_STEPS, playerSteps == null ? null : playerSteps.doubleValue());
    }

    private static Optimizer optimizer(String name, double momentum) {
        return Optimizers.create(name, Settings.NONE.with(Optimizers.MOMENTUM, momentum));
    }

    /**
     * The names of the run's loss, rule and optimizer made objects: the one place where a configuration
     * becomes what the engines step.
     *
     * @return the step's settings
     * @throws LaeException for a name or hyperparameter that does not fit
     */
    public StepSettings stepSettings() {
        LossSpec spec = lossSpec();
        return new StepSettings(spec.create(latent), spec, ruleObject(), optimizerObject(), stochastic, seed);
    }

    /** @return how the weights start: {@code --init}, {@code --init-std} and {@code --seed} as an object */
    public Initialization initialization() {
        return new Initialization(init, initStd, seed);
    }

    /**
     * @param outputDim n
     * @param inputDim  n'
     * @param tied      whether the rule ties B to Aᵀ
     * @return the weights a fresh run starts from, in the run's dtype
     * @throws LaeException when the draw does not fit the sizes
     */
    public Model initialModel(int outputDim, int inputDim, boolean tied) {
        return initialization().create(outputDim, inputDim, latent, tied, dataType());
    }

    /**
     * @param stats       the data's statistics (n, n', m, autoencoder or not)
     * @param groundTruth whether the run has a ground-truth eigendecomposition
     * @return the memory this run needs
     */
    public MemoryPlan memoryPlan(Statistics stats, boolean groundTruth) {
        return memoryPlan(stats.outputDim(), stats.inputDim(), stats.sampleCount(), !stats.isAutoencoder(), groundTruth);
    }

    /**
     * The plan from the data's shape alone, before anything is loaded.
     *
     * @param outputDim   n
     * @param inputDim    n'
     * @param samples     m
     * @param regression  whether Y ≠ X
     * @param groundTruth whether the run will have a ground-truth eigendecomposition
     * @return the memory this run needs
     */
    public MemoryPlan memoryPlan(int outputDim, int inputDim, long samples, boolean regression, boolean groundTruth) {
        return new MemoryPlan(outputDim, inputDim, samples, latent, rowsPerStep(samples), dataType().width(),
                MemoryPlan.optimizerSlots(optimizerObject()), regression,
                ruleObject().tiesWeights(), groundTruth);
    }

    /**
     * @param samples  m, the data's samples
     * @param inputDim n, the data's dimension
     * @return whether the run trains with OpenBLAS on one thread ({@link LinearAutoencoder#oneBlasThread}), so
     *     that it may run beside others and still give its bits
     */
    public boolean oneBlasThread(long samples, int inputDim) {
        return LinearAutoencoder.oneBlasThread(usesMiniBatches() ? batch : 0, stochastic, samples, inputDim, latent);
    }

    /** b: a mini-batch, all m rows for per-sample nested dropout at full batch, 0 over the statistics. */
    private int rowsPerStep(long samples) {
        if (usesMiniBatches()) {
            return batch;
        }
        return needsRows() ? (int) Math.min(samples, Integer.MAX_VALUE) : 0;
    }

    /** @return the ND4J data type of the run */
    public org.nd4j.linalg.api.buffer.DataType dataType() {
        return dtype.dataType();
    }

    /** @return a builder starting from the defaults of {@code lae train} */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from this configuration */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.data = data;
        b.targets = targets;
        b.loss = loss;
        b.scale = scale;
        b.lambda = lambda;
        b.lambdas = lambdas;
        b.prior = prior;
        b.rule = rule;
        b.optimizer = optimizer;
        b.lr = lr;
        b.lrEnd = lrEnd;
        b.lrDecay = lrDecay;
        b.momentum = momentum;
        b.latent = latent;
        b.steps = steps;
        b.epochs = epochs;
        b.batch = batch;
        b.stochastic = stochastic;
        b.init = init;
        b.initStd = initStd;
        b.seed = seed;
        b.dtype = dtype;
        b.center = center;
        b.logEvery = logEvery;
        b.checkpointEvery = checkpointEvery;
        b.until = until;
        b.decaySteps = decaySteps;
        b.header = header;
        b.playerSteps = playerSteps;
        return b;
    }

    /** Builds a {@link TrainingConfig} by name, for programs (the experiments) rather than the command line. */
    public static final class Builder {
        private String data = "synthetic:diag:n=50,m=500";
        private String targets;
        private String loss = Defaults.LOSS.name();
        private Scale scale;
        private Double lambda;
        private double[] lambdas;
        private double[] prior;
        private String rule = Defaults.RULE.name();
        private String optimizer = Defaults.OPTIMIZER.name();
        private double lr = Defaults.LEARNING_RATE;
        private Double lrEnd;
        private Double lrDecay;
        private double momentum = Optimizers.MOMENTUM.defaultValue().apply(1);
        private int latent = 10;
        private long steps = Defaults.STEPS;
        private Integer epochs;
        private Integer batch;
        private NestedDropoutDraw stochastic;
        private Initialization.Kind init = Defaults.INITIALIZATION.kind();
        private double initStd = Defaults.INITIALIZATION.std();
        private long seed = Defaults.INITIALIZATION.seed();
        private Precision dtype = Precision.FLOAT64;
        private boolean center = true;
        private CsvHeader header = CsvHeader.AUTO;
        private long logEvery = Defaults.LOG_EVERY;
        private long checkpointEvery = 1000;
        private StopTarget until;
        private Long decaySteps;
        private Long playerSteps;

        private Builder() {
        }

        /** @param v the data source @return this */
        public Builder data(String v) {
            data = v;
            return this;
        }

        /** @param v the loss name @return this */
        public Builder loss(String v) {
            loss = v;
            return this;
        }

        /** @param v the data term's reduction, or null for the loss's default @return this */
        public Builder scale(Scale v) {
            scale = v;
            return this;
        }

        /** @param v λ of product/sum @return this */
        public Builder lambda(Double v) {
            lambda = v;
            return this;
        }

        /** @param v λ₁..λ_p of nonuniform @return this */
        public Builder lambdas(double[] v) {
            lambdas = v;
            return this;
        }

        /** @param v p_B of nested-dropout @return this */
        public Builder prior(double[] v) {
            prior = v;
            return this;
        }

        /** @param v the update rule @return this */
        public Builder rule(String v) {
            rule = v;
            return this;
        }

        /** @param name the optimizer @param lr0 its (initial) learning rate @return this */
        public Builder optimizer(String name, double lr0) {
            optimizer = name;
            lr = lr0;
            return this;
        }

        /** @param v the final rate of a geometric decay @return this */
        public Builder lrEnd(Double v) {
            lrEnd = v;
            return this;
        }

        /** @param v k of an inverse-time decay lr/(1 + k·t) @return this */
        public Builder lrDecay(Double v) {
            lrDecay = v;
            return this;
        }

        /** @param v μ of momentum and Nesterov @return this */
        public Builder momentum(double v) {
            momentum = v;
            return this;
        }

        /** @param v p @return this */
        public Builder latent(int v) {
            latent = v;
            return this;
        }

        /** @param v full-batch steps @return this */
        public Builder steps(long v) {
            steps = v;
            return this;
        }

        /** @param e epochs @param b batch size @return this, in mini-batch mode */
        public Builder miniBatches(int e, int b) {
            epochs = e;
            batch = b;
            return this;
        }

        /** @param v whether to sample b ~ p_B each step @return this */
        public Builder stochastic(NestedDropoutDraw v) {
            stochastic = v;
            return this;
        }

        /** @param v normal, balanced or torch @param std the initial weights' standard deviation @return this */
        public Builder init(Initialization.Kind v, double std) {
            init = v;
            initStd = std;
            return this;
        }

        /** @param v the seed @return this */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** @param v the precision of the weights and steps @return this */
        public Builder dtype(Precision v) {
            dtype = v;
            return this;
        }

        /** @param v whether to subtract the data mean @return this */
        public Builder center(boolean v) {
            center = v;
            return this;
        }

        /** @param v log every this many steps @return this */
        public Builder logEvery(long v) {
            logEvery = v;
            return this;
        }

        /** @param v checkpoint every this many steps (0: only at the end) @return this */
        public Builder checkpointEvery(long v) {
            checkpointEvery = v;
            return this;
        }

        /** @param v an early stop such as ratio_tp=1, or null @return this */
        public Builder until(StopTarget v) {
            until = v;
            return this;
        }

        /** @param v EigenGame's steps per player in order, or null for every player at once @return this */
        public Builder playerSteps(Long v) {
            playerSteps = v;
            return this;
        }

        /** @param v whether a CSV file's first row is a header @return this */
        public Builder header(CsvHeader v) {
            header = v;
            return this;
        }

        /** @param v the steps a geometric decay spans, or null for all steps @return this */
        public Builder decaySteps(Long v) {
            decaySteps = v;
            return this;
        }

        /** @return the validated configuration */
        public TrainingConfig build() {
            return new TrainingConfig(data, targets, loss, scale, lambda, lambdas, prior, rule, optimizer, lr, lrEnd,
                    lrDecay, momentum, latent, steps, epochs, batch, stochastic, init, initStd, seed, dtype, center,
                    logEvery, checkpointEvery, until, decaySteps, header, playerSteps);
        }
    }

    private static void requirePresent(String field, Object value) {
        if (value == null) {
            throw new LaeException("the run configuration has no " + field + " (null): not a run.json lae wrote; "
                    + "restore it, or start a new run");
        }
    }
}
