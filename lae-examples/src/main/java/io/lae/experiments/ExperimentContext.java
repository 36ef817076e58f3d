package io.lae.experiments;

import io.lae.Precision;
import io.lae.figures.Figure;
import io.lae.figures.FigureOutput;
import io.lae.runs.OutputDirectory;
import io.lae.runs.ProgressReporter;
import io.lae.runs.RunProgress;
import io.lae.runs.ResumableRun;
import io.lae.runs.TrainedRun;
import io.lae.runs.TrainingConfig;
import io.lae.runs.TrainingData;
import io.lae.sweep.LocalExecutor;
import io.lae.sweep.RunRecord;
import io.lae.sweep.Study;
import io.lae.sweep.StudyFile;
import io.lae.sweep.Sweep;
import io.lae.sweep.SweepSummary;
import java.util.List;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What an experiment runs with: the scale, its output directory, the seed and dtype chosen on the
 * command line, the console, and the summary it fills. Its {@link #train} writes each run to a
 * sub-directory and makes an interrupted experiment resumable: a finished run with the same
 * configuration is read back instead of retrained, and an unfinished one continues from its checkpoint
 * (or from step 0 when it stopped before its first). A diverged run is trained again (and diverges again)
 * unless the experiment asks for {@link #trainUnlessDiverged}. Nothing in a run's directory is deleted: one
 * whose record differs from the run the experiment starts (a run a user extended, another configuration), or
 * that holds files lae did not write, stops the experiment with one line naming it, unless {@code --force}
 * moves it aside ({@link OutputDirectory#moveAside}).
 */
public final class ExperimentContext {

    private final ExperimentScale scale;
    private final Path out;
    private final Long seed;
    private final Precision dtype;
    private final PrintWriter console;
    private final Function<String, RunProgress> progress;
    private final boolean force;
    private final Summary summary = new Summary();
    private final FigureOutput figures;

    /**
     * @param scale   quick or full
     * @param out     the experiment's output directory
     * @param seed    the seed given on the command line, or null for the paper's
     * @param dtype   float32 or float64
     * @param console where progress goes: a progress bar per run
     */
    public ExperimentContext(ExperimentScale scale, Path out, Long seed, Precision dtype, PrintWriter console) {
        this(scale, out, seed, dtype, console, task -> new ProgressReporter(task, console));
    }

    /**
     * @param scale    quick or full
     * @param out      the experiment's output directory
     * @param seed     the seed given on the command line, or null for the paper's
     * @param dtype    float32 or float64
     * @param console  where messages go
     * @param progress the progress display of a run, given its label (e.g. {@link io.lae.runs.SweepProgress#forRun})
     */
    public ExperimentContext(ExperimentScale scale, Path out, Long seed, Precision dtype, PrintWriter console,
                             Function<String, RunProgress> progress) {
        this(scale, out, seed, dtype, console, progress, false, FigureOutput.DEFAULT);
    }

    /**
     * @param scale    quick or full
     * @param out      the experiment's output directory
     * @param seed     the seed given on the command line, or null for the paper's
     * @param dtype    float32 or float64
     * @param console  where messages go
     * @param progress the progress display of a run, given its label (e.g. {@link io.lae.runs.SweepProgress#forRun})
     * @param force    whether a run directory holding something this experiment would not start is moved aside
     *                 (with --force) rather than refused
     * @param figures  the formats and resolution of the figures, the experiment's and its runs'
     */
    public ExperimentContext(ExperimentScale scale, Path out, Long seed, Precision dtype, PrintWriter console,
                             Function<String, RunProgress> progress, boolean force, FigureOutput figures) {
        this.force = force;
        this.figures = Objects.requireNonNull(figures, "figures");
        this.scale = scale;
        this.out = out;
        this.seed = seed;
        this.dtype = dtype;
        this.console = console;
        this.progress = progress;
    }

    /** @return the scale */
    public ExperimentScale scale() {
        return scale;
    }

    /** @return whether this is the quick scale */
    public boolean quick() {
        return scale == ExperimentScale.QUICK;
    }

    /**
     * @param <T>   the value's type
     * @param quick the value at quick scale
     * @param full  the value at full scale
     * @return the one for this scale
     */
    public <T> T pick(T quick, T full) {
        return quick() ? quick : full;
    }

    /** @return the experiment's output directory */
    public Path out() {
        return out;
    }

    /**
     * @param paperSeed the seed the paper or the authors' code uses
     * @return the seed given with --seed, else the paper's
     */
    public long seed(long paperSeed) {
        return seed != null ? seed : paperSeed;
    }

    /** @return float32 or float64, as given with --dtype */
    public Precision dtype() {
        return dtype;
    }

    /** @return the console */
    public PrintWriter console() {
        return console;
    }

    /**
     * @param name a run's sub-directory
     * @return where that run's progress is shown; close it when the run ends
     */
    public RunProgress progress(String name) {
        return progress.apply(summaryLabel(name));
    }

    /** @return the summary being filled */
    public Summary summary() {
        return summary;
    }

    /** @param claim a checked claim, added to the summary */
    public void claim(Claim claim) {
        summary.add(claim);
    }

    /**
     * @param claim a checked claim that only the paper's sizes and step counts test (convergence to a
     *              tolerance, speed, growth with k): measured at every scale, evaluated at full scale only
     */
    public void claimAtFullScale(Claim claim) {
        summary.add(claim.atFullScaleOnly());
    }

    /** @param choice a setting chosen where the papers are silent, added to the summary */
    public void choose(String choice) {
        summary.choose(choice);
    }

    /**
     * Writes a figure into the output directory in the chosen formats and registers its files
     * as a figure of the summary.
     *
     * @param figure the figure
     * @param name   its file name without extension, e.g. {@code fig3-transpose-gap}
     */
    public void figure(Figure figure, String name) {
        summary.figure(figures.write(figure, out.resolve(name)).stream().map(f -> f.getFileName().toString())
                .toList());
    }

    /**
     * Trains one run into {@code out/name}, or reads it back when a finished run with the same
     * configuration is there, or continues it from its checkpoint when it was interrupted
     * ({@link ResumableRun}).
     *
     * @param name   the run's sub-directory, e.g. {@code sum}
     * @param config its configuration
     * @param data   the data it trains on
     * @return the finished run
     */
    public TrainedRun train(String name, TrainingConfig config, TrainingData data) {
        return counted(resumable(name, config, data, false)).run();
    }

    /**
     * @param name a run's sub-directory
     * @return the outcome of {@link ResumableRun#run} there, for this experiment's directory, progress, figures and
     *     --force
     */
    private ResumableRun.Outcome resumable(String name, TrainingConfig config, TrainingData data,
                                           boolean keepDivergence) {
        return ResumableRun.run(out.resolve(name), summaryLabel(name), config, data, () -> progress(name), figures,
                console, dir -> requireOwn(dir, "holds a run whose run.json differs from the one this experiment starts "
                        + "(extended, or with other settings), or files lae did not write"), keepDivergence);
    }

    /**
     * Runs a study through {@code lae sweep}'s engine in {@code out/name}: the study's runs one at a time (as
     * {@code lae sweep} does by default) on data loaded once, each resumable
     * as {@link #train}'s, counted in the summary (a diverged run as a result), and the study's own summary
     * ({@code summary.csv}, {@code summary.json}, figures) written beside its {@code runs/}.
     *
     * @param name the study's sub-directory, e.g. {@code study}
     * @param text the study file, kept there as {@code study.toml}
     * @param data loads the data its runs name
     * @return every run's record, in the study's order
     */
    public List<RunRecord> study(String name, String text, Sweep.DataLoader data) {
        Study study = StudyFile.parse(text, out.resolve(name).resolve("study.toml").toString());
        Path dir = out.resolve(name);
        Sweep sweep = new Sweep(study, dir, new Sweep.Options(LocalExecutor.perCore(), data,
                run -> progress(name + "/" + run), figures, force, console));
        sweep.claim(text);
        List<RunRecord> records = sweep.run();
        for (RunRecord r : records) {
            if (r.outcome() != null) {
                counted(r.outcome());
                if (r.outcome().diverged()) {
                    summary.diverged(name + "/" + r.run().name(), r.outcome().divergedAt());
                }
            }
        }
        SweepSummary.write(dir, study, records, figures);
        return records;
    }

    /**
     * Stops the experiment, naming a run directory that holds something it would not start, or with
     * {@code --force} moves that directory aside; nothing in it is deleted either way.
     *
     * @param dir  the run's directory
     * @param what what it holds, e.g. "holds files lae did not write"
     * @throws io.lae.LaeException in one line, without --force
     */
    public void requireOwn(Path dir, String what) {
        if (OutputDirectory.isEmpty(dir)) {
            return;
        }
        if (force) {
            OutputDirectory.moveAside(dir, console);
            return;
        }
        throw new io.lae.LaeException(dir + " " + what + ": it is left as it is; move it away, or run the experiment "
                + "again with --force to move it to " + OutputDirectory.asideName(dir).getFileName());
    }

    /**
     * Like {@link #train}, but a run that diverges is a result of the experiment, not an error (a point
     * of a sweep whose learning rate is too large at that size): the summary lists it with the step at
     * which it diverged, and a later invocation reads that back instead of training it again.
     *
     * @param name   the run's sub-directory
     * @param config its configuration
     * @param data   the data it trains on
     * @return the finished run, or empty when it diverged
     */
    public Optional<TrainedRun> trainUnlessDiverged(String name, TrainingConfig config, TrainingData data) {
        ResumableRun.Outcome outcome = counted(resumable(name, config, data, true));
        if (outcome.diverged()) {
            summary.diverged(name, outcome.divergedAt());
            return Optional.empty();
        }
        return Optional.of(outcome.run());
    }

    /**
     * Counts a run that ended in the summary, with its seconds and whether it was read back.
     *
     * @param outcome how the run ended
     * @return the outcome
     */
    public ResumableRun.Outcome counted(ResumableRun.Outcome outcome) {
        summary.run(outcome.seconds(), outcome.readBack());
        return outcome;
    }

    private String summaryLabel(String name) {
        return out.getFileName() + "/" + name;
    }
}
