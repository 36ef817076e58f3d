package io.lae.cli;

import io.lae.LaeException;
import io.lae.figures.FigureOutput;
import io.lae.loss.NestedDropoutLoss;
import io.lae.loss.Scale;
import io.lae.runs.DegenerateData;
import io.lae.runs.OutputDirectory;
import io.lae.runs.ProgressReporter;
import io.lae.runs.RunDirectory;
import io.lae.runs.RunLock;
import io.lae.runs.TrainedRun;
import io.lae.runs.TrainingConfig;
import io.lae.runs.TrainingData;
import io.lae.runs.TrainingSession;
import io.lae.stats.StatisticsFile;
import io.lae.train.Initialization;
import io.lae.train.MetricsRow;
import io.lae.train.NestedDropoutDraw;
import io.lae.train.StopTarget;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lae train}: one training run (README, Commands), full batch from the data's statistics or over
 * mini-batches of the raw samples.
 * Writes run.json, metrics.csv, encoder.npy, decoder.npy, a checkpoint and plots (PNG, SVG, PDF) to --out.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        defaultValueProvider = TrainingDefaults.class,
        description = {"Train a linear autoencoder (full batch or mini-batch).",
                "Full batch steps from the covariance matrices (--steps N); mini-batch mode steps over shuffled",
                "batches of the samples (--epochs E --batch b).",
                "Writes DIR/run.json, metrics.csv, encoder.npy (p×n'), decoder.npy (n×p), checkpoint/ and plots",
                "(loss, directions, alignment as PNG, SVG and PDF, see --figure-format);",
                "DIR is --out, by default a new runs/train-<date>-<time>."})
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "SOURCE",
            description = "A .npy/.csv path (samples as rows), mnist, mnist-test, fashion-mnist, "
                    + "synthetic:diag:n=N,m=M[,seed=S] or synthetic:haar:n=N,m=M,sv=LIST|linear[,seed=S] (default ${DEFAULT-VALUE}).")
    String data;

    @Option(names = "--targets", paramLabel = "SOURCE", description = "Targets Y for a regression (default: Y = X).")
    String targets;

    @Option(names = "--stats", paramLabel = "FILE.npz",
            description = "Train full batch from statistics saved by 'lae stats' instead of --data/--targets: the same "
                    + "weights as --data on the rows they came from. Add --no-center for uncentred statistics.")
    String stats;

    @Option(names = "--loss", paramLabel = "NAME",
            completionCandidates = NameCandidates.Losses.class,
            description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    String loss;

    @Option(names = {"--reduction", "--scale"}, paramLabel = "sum|mean|half-mean",
            converter = LabelConverter.Reductions.class, completionCandidates = NameCandidates.Reductions.class,
            description = "The data term's reduction c: sum (c = 1), mean (1/m) or half-mean (1/(2m)); default per "
                    + "loss. --scale is its old name.")
    Scale scale;

    @Option(names = "--lambda", paramLabel = "L", description = "λ of product and sum.")
    Double lambda;

    @Option(names = "--lambdas", split = ",", paramLabel = "l1,…,lp", description = "λ₁ < … < λ_p of nonuniform.")
    double[] lambdas;

    @Option(names = "--prior", paramLabel = "p1,…,pp|bao-code",
            description = "p_B(1..p) of nested-dropout (default: geometric, unit i kept w.p. 0.9^(i−1)); bao-code: the "
                    + "same prior as Bao et al.'s code rounds it, whose keep probabilities cancel to 0 beyond unit 333.")
    String prior;

    @Option(names = "--rule", paramLabel = "NAME",
            completionCandidates = NameCandidates.Rules.class,
            description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    String rule;

    @Option(names = "--player-steps", paramLabel = "t",
            description = "eigengame and mu-eigengame: each player moves alone for t steps, in order (the papers' "
                    + "sequential form); default: every player at once.")
    Long playerSteps;

    @Option(names = "--optimizer", paramLabel = "NAME",
            completionCandidates = NameCandidates.Optimizers.class,
            description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", paramLabel = "LR0", description = "Learning rate (default ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--lr-end", paramLabel = "LR1", description = "Decay geometrically from --lr to LR1 over the run.")
    Double lrEnd;

    @Option(names = "--lr-decay", paramLabel = "k",
            description = "Inverse-time decay lr/(1 + k·t), t the step (Keras's decay; Kunin et al.).")
    Double lrDecay;

    @Option(names = "--momentum", paramLabel = "β", description = "Momentum of momentum/nesterov (default ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--latent", paramLabel = "p", description = "Latent size p (default ${DEFAULT-VALUE}).")
    int latent;

    @Option(names = "--steps", paramLabel = "N", description = "Full-batch steps (default ${DEFAULT-VALUE}).")
    long steps;

    @Option(names = "--init", paramLabel = "normal|balanced|torch",
            converter = LabelConverter.Initializations.class, completionCandidates = NameCandidates.Initializations.class,
            description = "Initial weights; balanced starts with B = Aᵀ, as RAG needs; torch draws N(0, s²) as PyTorch 1.3 "
                    + "does on the CPU after torch.manual_seed(S) for Bao et al.'s models (default ${DEFAULT-VALUE}).")
    Initialization.Kind init;

    @Option(names = "--init-std", paramLabel = "s", description = "Std of the initial weights (default ${DEFAULT-VALUE}).")
    double initStd;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the initial weights (default ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    PrecisionOption precision;

    @Mixin
    CsvHeaderOption csv;

    @Mixin
    FigureOptions figureOptions;

    @Option(names = "--no-center", description = "Do not subtract the data mean.")
    boolean noCenter;

    @Option(names = "--log-every", paramLabel = "K", description = "Log metrics every K steps (default ${DEFAULT-VALUE}).")
    long logEvery;

    @Option(names = "--checkpoint-every", paramLabel = "K",
            description = "Checkpoint every K steps, 0 for only at the end (default ${DEFAULT-VALUE}).")
    long checkpointEvery;

    @Option(names = "--until", paramLabel = "METRIC=VALUE[,…]", converter = LabelConverter.StopTargets.class,
            description = "Stop early, e.g. ratio_tp=1 or d_align=0.3; several, comma-separated, stop once all are "
                    + "reached, e.g. d_align=0.01,longest_streak=20.")
    StopTarget until;

    @Option(names = "--epochs", paramLabel = "E",
            description = "Mini-batch training over the raw samples: E epochs of shuffled batches (with --batch).")
    Integer epochs;

    @Option(names = "--batch", paramLabel = "b", description = "Mini-batch size (with --epochs).")
    Integer batch;

    @Option(names = "--stochastic", arity = "0..1", fallbackValue = "per-sample", paramLabel = "DRAW",
            converter = NestedDropoutDrawConverter.class, completionCandidates = NameCandidates.Draws.class,
            description = "Stochastic nested dropout (with --loss nested-dropout): b ~ p_B drawn for each sample, as "
                    + "Bao et al.'s code does (per-sample, the default; steps then need the rows, O(n·Σb_j) ≤ O(m·n·p)), or once for "
                    + "the whole step (per-step: one truncated loss over the statistics).")
    NestedDropoutDraw stochastic;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue the run in DIR from its checkpoint, with its run.json configuration (--steps may extend it).")
    Path resume;

    @Mixin
    OutputDirectoryOptions output;

    /** Reads {@code per-sample} or {@code per-step}, any case. */
    static final class NestedDropoutDrawConverter extends LabelConverter<NestedDropoutDraw> {
        NestedDropoutDrawConverter() {
            super(NestedDropoutDraw::fromLabel);
        }
    }

    @Override
    public Integer call() {
        PrintWriter console = spec.commandLine().getOut();
        TrainingConfig config = resume != null ? resumedConfig() : configFromOptions();
        FigureOutput figures = figureOptions.output();
        boolean reserved = resume == null && output.out == null;
        Path dir = resume != null ? resume
                : reserved ? OutputDirectory.fresh(Path.of("runs"), "train", LocalDateTime.now()) : output.out;
        try {
            RunLock.refuseIfHeld(dir);
            if (resume == null) {
                OutputDirectory.claim(dir, output.force, console);
            }
            // bad data is reported before a new run writes anything
            TrainingData trainingData = TrainingData.load(config, console);
            DegenerateData.check(trainingData, config.latent(), console);
            console.flush();
            try (RunLock lock = RunLock.acquire(dir, console)) {
                TrainedRun run = TrainingSession.run(config, trainingData, dir, resume != null,
                        new ProgressReporter("train " + config.loss() + "/" + config.rule(), console), figures);
                report(console, run);
            }
        } catch (RuntimeException e) {
            if (reserved) {
                OutputDirectory.releaseIfEmpty(dir);
            }
            throw e;
        }
        return 0;
    }

    TrainingConfig configFromOptions() {
        TrainingConfig config = new TrainingConfig(dataOrStatistics(), targets, NameCandidates.normalized(loss),
                scale, lambda, lambdas, prior(), NameCandidates.normalized(rule),
                NameCandidates.normalized(optimizer), lr, lrEnd, lrDecay, momentum, latent, steps, epochs, batch,
                stochastic, init, initStd, seed, precision.precision, !noCenter, logEvery, checkpointEvery, until, null,
                csv.header, playerSteps);
        NameCandidates.warnIfUsed(spec, "--scale", "--reduction");
        if (config.usesMiniBatches() && spec.commandLine().getParseResult().hasMatchedOption("--steps")) {
            throw new LaeException("--steps counts full-batch steps, but --epochs/--batch make this a mini-batch run "
                    + "(its length is --epochs): drop one of them");
        }
        return config;
    }

    /** @return --stats (checked) when it is given, else --data */
    private String dataOrStatistics() {
        if (stats == null) {
            return data;
        }
        var parsed = spec.commandLine().getParseResult();
        if (parsed.hasMatchedOption("--data") || parsed.hasMatchedOption("--targets")) {
            throw new LaeException("--stats holds the data's statistics (and a regression's targets): drop --data and "
                    + "--targets");
        }
        if (!StatisticsFile.isStatistics(stats)) {
            throw new LaeException("--stats " + stats + ": give a " + StatisticsFile.EXTENSION
                    + " file written by lae stats");
        }
        return stats;
    }

    /** @return --prior as p_B(1..p): the list given, the authors' rounding of the geometric prior, or null */
    private double[] prior() {
        if (prior == null) {
            return null;
        }
        if (prior.equalsIgnoreCase("bao-code")) {
            return NestedDropoutLoss.geometricPriorAsBaoCode(latent, NestedDropoutLoss.DEFAULT_KEEP);
        }
        try {
            return Arrays.stream(prior.split(",")).map(String::trim).mapToDouble(Double::parseDouble).toArray();
        } catch (NumberFormatException e) {
            throw new LaeException("--prior " + prior + ": give p1,…,pp (numbers) or bao-code");
        }
    }

    /** The saved configuration; only --steps may change it (to extend a run). */
    private TrainingConfig resumedConfig() {
        var parsed = spec.commandLine().getParseResult();
        List<String> others = parsed.matchedOptions().stream().map(o -> o.longestName())
                .filter(n -> !List.of("--resume", "--steps", "--debug", "--backend", "--figure-format", "--dpi").contains(n))
                .toList();
        if (!others.isEmpty()) {
            throw new LaeException("--resume takes its settings from " + resume.resolve(RunDirectory.RUN_JSON)
                    + "; remove " + String.join(", ", others) + " (only --steps may extend the run)");
        }
        TrainingConfig saved = RunDirectory.readConfig(resume);
        if (!parsed.hasMatchedOption("--steps")) {
            return saved;
        }
        if (saved.usesMiniBatches()) {
            throw new LaeException("--steps extends full-batch runs; the run in " + resume + " is a mini-batch run of "
                    + saved.epochs() + " epochs, which --resume continues as recorded");
        }
        return saved.withSteps(steps);
    }

    private static void report(PrintWriter console, TrainedRun run) {
        MetricsRow r = run.last();
        console.printf(Locale.ROOT, "%s after %d steps (%.2f s in the steps themselves; the elapsed time above adds the "
                        + "metrics and files): loss %.6g, loss ratio %s, Ratio_TP %s, d_align %s, d_sub %s%n",
                run.status(), r.step(), r.seconds(), r.loss(), fmt(r.lossRatio()), fmt(r.ratioTp()), fmt(r.dAlign()),
                fmt(r.dSub()));
        if (r.ratioTp() == 1) {
            console.printf("all %d decoder columns are the principal directions of the data, in order (Ratio_TP = 1)%n",
                    run.config().latent());
        }
        console.printf("wrote %s (run.json, metrics.csv, encoder.npy, decoder.npy, checkpoint/%s)%n", run.dir(),
                run.plots().isEmpty() ? "" : ", " + run.plots().size() + " plot files");
        console.flush();
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4g", v);
    }
}
