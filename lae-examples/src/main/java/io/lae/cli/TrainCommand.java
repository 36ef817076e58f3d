package io.lae.cli;

import io.lae.LaeException;
import io.lae.closedform.GroundTruth;
import io.lae.closedform.PenalizedMinimum;
import io.lae.data.DataSource;
import io.lae.data.DataSources;
import io.lae.loss.SumL2Loss;
import io.lae.stats.Statistics;
import io.lae.stats.StatisticsAccumulator;
import io.lae.train.MetricsRow;
import io.lae.train.MiniBatches;
import io.lae.train.RunDirectory;
import io.lae.train.Trainer;
import io.lae.train.TrainingConfig;
import io.lae.train.TrainingResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lae train}: one training run (SPEC section 5), full batch from the data's statistics or over
 * mini-batches of the raw samples.
 * Writes run.json, metrics.csv, encoder.npy, decoder.npy, a checkpoint and PNG plots to --out.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a linear autoencoder (full batch or mini-batch).",
                "Full batch steps from the covariance matrices (--steps N); mini-batch mode steps over shuffled",
                "batches of the samples (--epochs E --batch b).",
                "Writes DIR/run.json, metrics.csv, encoder.npy (p×n'), decoder.npy (n×p), checkpoint/ and PNG plots."})
final class TrainCommand implements Callable<Integer> {

    /** Above this dimension the ground-truth eigendecomposition (O(n³)) is skipped. */
    static final int MAX_GROUND_TRUTH_DIM = 4096;
    private static final int CHUNK_ROWS = 4096;

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "SOURCE", defaultValue = "synthetic:diag:n=50,m=500",
            description = "A .npy/.csv path (samples as rows), mnist, mnist-test, fashion-mnist, "
                    + "synthetic:diag:n=N,m=M[,seed=S] or synthetic:haar:n=N,m=M,sv=LIST|linear[,seed=S] (default ${DEFAULT-VALUE}).")
    String data;

    @Option(names = "--targets", paramLabel = "SOURCE", description = "Targets Y for a regression (default: Y = X).")
    String targets;

    @Option(names = "--loss", defaultValue = "ordered", paramLabel = "NAME",
            description = "mse, ordered, product, sum, nonuniform, nested-dropout (default ${DEFAULT-VALUE}).")
    String loss;

    @Option(names = "--scale", paramLabel = "sum|mean|half-mean", description = "Data-term scale (default per loss).")
    String scale;

    @Option(names = "--lambda", paramLabel = "L", description = "λ of product and sum.")
    Double lambda;

    @Option(names = "--lambdas", split = ",", paramLabel = "l1,…,lp", description = "λ₁ < … < λ_p of nonuniform.")
    double[] lambdas;

    @Option(names = "--prior", split = ",", paramLabel = "p1,…,pp", description = "p_B(1..p) of nested-dropout.")
    double[] prior;

    @Option(names = "--rule", defaultValue = "gradient", paramLabel = "NAME",
            description = "gradient, rag, gha, oja, tied, alternating (default ${DEFAULT-VALUE}).")
    String rule;

    @Option(names = "--optimizer", defaultValue = "adam", paramLabel = "NAME",
            description = "sgd, momentum, nesterov, adam (default ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", defaultValue = "1e-3", paramLabel = "LR0", description = "Learning rate (default ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--lr-end", paramLabel = "LR1", description = "Decay geometrically from --lr to LR1 over the run.")
    Double lrEnd;

    @Option(names = "--momentum", defaultValue = "0.9", paramLabel = "β", description = "Momentum of momentum/nesterov (default ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--latent", defaultValue = "10", paramLabel = "p", description = "Latent size p (default ${DEFAULT-VALUE}).")
    int latent;

    @Option(names = "--steps", defaultValue = "2000", paramLabel = "N", description = "Full-batch steps (default ${DEFAULT-VALUE}).")
    long steps;

    @Option(names = "--init", defaultValue = "normal", paramLabel = "normal|balanced",
            description = "Initial weights; balanced starts with B = Aᵀ, as RAG needs (default ${DEFAULT-VALUE}).")
    String init;

    @Option(names = "--init-std", defaultValue = "0.01", paramLabel = "s", description = "Std of the initial weights (default ${DEFAULT-VALUE}).")
    double initStd;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of the initial weights (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--dtype", defaultValue = "float64", paramLabel = "float32|float64", description = "Precision (default ${DEFAULT-VALUE}).")
    String dtype;

    @Option(names = "--no-center", description = "Do not subtract the data mean.")
    boolean noCenter;

    @Option(names = "--log-every", defaultValue = "10", paramLabel = "K", description = "Log metrics every K steps (default ${DEFAULT-VALUE}).")
    long logEvery;

    @Option(names = "--checkpoint-every", defaultValue = "1000", paramLabel = "K",
            description = "Checkpoint every K steps, 0 for only at the end (default ${DEFAULT-VALUE}).")
    long checkpointEvery;

    @Option(names = "--until", paramLabel = "METRIC=VALUE", description = "Stop early, e.g. ratio_tp=1 or d_align=0.3.")
    String until;

    @Option(names = "--epochs", paramLabel = "E",
            description = "Mini-batch training over the raw samples: E epochs of shuffled batches (with --batch).")
    Integer epochs;

    @Option(names = "--batch", paramLabel = "b", description = "Mini-batch size (with --epochs).")
    Integer batch;

    @Option(names = "--stochastic",
            description = "Stochastic nested dropout: sample b ~ p_B each step (with --loss nested-dropout).")
    boolean stochastic;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue the run in DIR from its checkpoint, with its run.json configuration (--steps may extend it).")
    Path resume;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default runs/train).")
    Path out;

    @Override
    public Integer call() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        TrainingConfig config = resume != null ? resumedConfig() : configFromOptions();
        PrintWriter console = spec.commandLine().getOut();
        Sources sources = Sources.open(config, console);
        Statistics stats = sources.statistics(config);
        MiniBatches batches = sources.batches(config, stats);
        RunDirectory run = new RunDirectory(resume != null ? resume : out != null ? out : Path.of("runs", "train"));
        GroundTruth truth = groundTruth(stats, console);
        Map<String, Object> environment = Environment.describe();
        TrainingResult result;
        try (ProgressReporter progress = new ProgressReporter("train " + config.loss() + "/" + config.rule(), console)) {
            result = new Trainer(config, progress).train(stats, truth, run, resume != null, environment, batches);
        }
        run.writeRunJson(config, result.status(), environment, readOuts(config, result, truth, stats), result.last());
        List<Path> plots = TrainingPlots.draw(run.readMetrics(), config, run.path());
        report(console, result, run, plots);
        return 0;
    }

    private TrainingConfig configFromOptions() {
        return new TrainingConfig(data, targets, loss, scale, lambda, lambdas, prior, rule, optimizer, lr, lrEnd,
                momentum, latent, steps, epochs, batch, stochastic, init, initStd, seed, dtype, !noCenter, logEvery,
                checkpointEvery, until);
    }

    /** The saved configuration; only --steps may change it (to extend a run). */
    private TrainingConfig resumedConfig() {
        var parsed = spec.commandLine().getParseResult();
        List<String> others = parsed.matchedOptions().stream().map(o -> o.longestName())
                .filter(n -> !List.of("--resume", "--steps", "--debug").contains(n)).toList();
        if (!others.isEmpty()) {
            throw new LaeException("--resume takes its settings from " + resume.resolve(RunDirectory.RUN_JSON)
                    + "; remove " + String.join(", ", others) + " (only --steps may extend the run)");
        }
        TrainingConfig saved = RunDirectory.readConfig(resume);
        return parsed.hasMatchedOption("--steps") ? saved.withSteps(steps) : saved;
    }

    /** The data and targets as given by --data and --targets. */
    private record Sources(DataSource inputs, DataSource targets) {

        static Sources open(TrainingConfig config, PrintWriter console) {
            Path dataDir = DataSources.defaultDataDir();
            DataSource x = DataSources.open(config.data(), dataDir);
            console.printf("data: %s%n", x.description());
            DataSource y = null;
            if (config.targets() != null) {
                y = DataSources.open(config.targets(), dataDir);
                console.printf("targets: %s%n", y.description());
                if (y.rows() != x.rows()) {
                    throw new LaeException("--targets has " + y.rows() + " samples but --data has " + x.rows()
                            + ": give one target row per sample");
                }
            }
            console.flush();
            return new Sources(x, y);
        }

        /** Streams the data once, in chunks, into float64 statistics. */
        Statistics statistics(TrainingConfig config) {
            try {
                if (targets == null) {
                    StatisticsAccumulator acc = StatisticsAccumulator.autoencoder(inputs.columns());
                    inputs.forEachChunk(CHUNK_ROWS, acc::add);
                    return acc.build(config.center());
                }
                return StatisticsAccumulator.of(inputs.readAll(), targets.readAll(), config.center());
            } catch (LaeException e) {
                throw new LaeException(config.data() + ": " + e.getMessage(), e);
            }
        }

        /** @return the mini-batches of a mini-batch run, else null */
        MiniBatches batches(TrainingConfig config, Statistics stats) {
            return !config.usesMiniBatches() ? null : new MiniBatches(inputs.readAll(),
                    targets == null ? null : targets.readAll(), stats, config.batch(), config.seed(), config.dataType());
        }
    }

    private static GroundTruth groundTruth(Statistics stats, PrintWriter console) {
        if (Math.max(stats.inputDim(), stats.outputDim()) > MAX_GROUND_TRUTH_DIM) {
            console.printf("note: n > %d, the ground-truth eigendecomposition and the metrics that need it are skipped%n",
                    MAX_GROUND_TRUTH_DIM);
            return null;
        }
        return GroundTruth.of(stats);
    }

    /** Ground truth, optimum and, for the sum loss, the LAE-PCA eigenvalue read-out (Kunin Algorithm 1). */
    private static Map<String, Object> readOuts(TrainingConfig config, TrainingResult result, GroundTruth truth,
                                                Statistics stats) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("sample_count", stats.sampleCount());
        if (truth != null) {
            double[] top = java.util.Arrays.copyOf(truth.eigenvalues(), config.latent());
            extra.put("eigenvalues", top);
        }
        if (config.loss().equals(SumL2Loss.NAME)) {
            double c = config.lossSpec().effectiveScale().factor(stats.sampleCount());
            INDArray decoder = result.model().decoder().castTo(DataType.DOUBLE);
            double[] tauSquared = io.lae.linalg.SymmetricEigen.of(decoder.transpose().mmul(decoder)).valueArray();
            double[] estimates = new double[tauSquared.length];
            for (int i = 0; i < tauSquared.length; i++) {
                estimates[i] = tauSquared[i] > 1e-12 && tauSquared[i] < 1
                        ? PenalizedMinimum.eigenvalueFromSingularValue(tauSquared[i], config.lambda(), c) : Double.NaN;
            }
            Map<String, Object> lae = new LinkedHashMap<>();
            lae.put("decoder_singular_values_squared", tauSquared);
            lae.put("eigenvalue_estimates", java.util.Arrays.stream(estimates).boxed()
                    .map(v -> v.isNaN() ? null : v).toList());
            lae.put("note", "σᵢ² = λ / (c(1 − τᵢ²)) for τᵢ² in (0, 1), Kunin Algorithm 1; null where the unit is off");
            extra.put("lae_pca", lae);
        }
        return extra;
    }

    private static void report(PrintWriter console, TrainingResult result, RunDirectory run, List<Path> plots) {
        MetricsRow r = result.last();
        console.printf(Locale.ROOT, "%s after %d steps in %.2f s: loss %.6g, loss ratio %s, Ratio_TP %s, "
                        + "d_align %s, d_sub %s%n", result.status(), r.step(), r.seconds(), r.loss(),
                fmt(r.lossRatio()), fmt(r.ratioTp()), fmt(r.dAlign()), fmt(r.dSub()));
        console.printf("wrote %s (run.json, metrics.csv, encoder.npy, decoder.npy, checkpoint/%s)%n", run.path(),
                plots.isEmpty() ? "" : ", " + plots.size() + " plots");
        console.flush();
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4g", v);
    }
}
