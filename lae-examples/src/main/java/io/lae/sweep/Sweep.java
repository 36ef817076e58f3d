package io.lae.sweep;

import io.lae.LaeException;
import io.lae.data.CsvHeader;
import io.lae.figures.FigureOutput;
import io.lae.runs.DegenerateData;
import io.lae.runs.OutputDirectory;
import io.lae.runs.ResumableRun;
import io.lae.runs.RunDirectory;
import io.lae.runs.RunProgress;
import io.lae.runs.TrainingConfig;
import io.lae.runs.TrainingData;
import io.lae.stats.Statistics;
import io.lae.train.RunStatus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A study run into its directory ({@code SWEEP}): the data of each distinct source loaded once, their statistics
 * and ground truth shared by every run on them; every series of runs handed to a {@link RunExecutor}; each run an
 * ordinary run directory {@code SWEEP/runs/NAME/}, trained exactly as {@code lae train} trains the same settings and
 * resumable as {@link ResumableRun} makes it; then the summary ({@link SweepSummary}).
 */
public final class Sweep {

    /** The folder of the run directories. */
    public static final String RUNS = "runs";

    /** Loads the data a configuration names: statistics, ground truth and, when it steps over them, the rows. */
    @FunctionalInterface
    public interface DataLoader {
        /**
         * @param config a configuration; its data, targets, centring and CSV header say what to load, and whether it
         *               needs the rows
         * @return the data
         */
        TrainingData load(TrainingConfig config);
    }

    /**
     * How a study runs.
     *
     * @param executor where its series run
     * @param loader   loads each data source once
     * @param progress makes the display of one run's progress from its name (closed at once for a skipped run)
     * @param figures  the formats and resolution of the runs' plots and the summary's figures
     * @param force    whether a run directory holding something else is moved aside rather than refused
     * @param console  where messages go
     */
    public record Options(RunExecutor executor, DataLoader loader, Function<String, RunProgress> progress,
                          FigureOutput figures, boolean force, PrintWriter console) {
    }

    /** What identifies a data source's statistics. */
    private record DataKey(String data, String targets, boolean center, CsvHeader header) {
        static DataKey of(TrainingConfig c) {
            return new DataKey(c.data(), c.targets(), c.center(), c.header());
        }
    }

    private final Study study;
    private final Path dir;
    private final Options options;
    private final Map<DataKey, TrainingData> data = new LinkedHashMap<>();

    /**
     * @param study   the study
     * @param dir     its directory
     * @param options how it runs
     */
    public Sweep(Study study, Path dir, Options options) {
        this.study = study;
        this.dir = dir;
        this.options = options;
    }

    /**
     * Makes the directory this study's ({@link SweepDirectory}) before anything runs.
     *
     * @param text the study file's text, kept beside the runs
     */
    public void claim(String text) {
        SweepDirectory.claim(dir, study, text, options.force(), options.console());
    }

    /**
     * Loads every data source once (with the rows when a run on it steps over them) and checks each run against its
     * data; {@link #run} loads what this has not.
     *
     * @throws LaeException for bad data, before any run starts
     */
    public void load() {
        for (PlannedRun run : study.runs()) {
            DataKey key = DataKey.of(run.config());
            if (!data.containsKey(key)) {
                TrainingConfig loading = study.runs().stream().map(PlannedRun::config)
                        .filter(c -> DataKey.of(c).equals(key) && c.needsRows()).findFirst().orElse(run.config());
                data.put(key, options.loader().load(loading));
            }
            DegenerateData.check(data.get(key), run.config().latent(), options.console());
        }
    }

    /**
     * @param run a run of the study, after {@link #load}
     * @return the steps it plans: its full-batch steps, or its epochs' batches
     */
    public long plannedSteps(PlannedRun run) {
        TrainingConfig c = run.config();
        if (!c.usesMiniBatches()) {
            return c.steps();
        }
        long m = data.get(DataKey.of(c)).stats().sampleCount();
        return c.epochs() * ((m + c.batch() - 1) / c.batch());
    }

    /**
     * Loads the data ({@link #load}), then runs every series.
     *
     * @return every run's record, in the study's order
     * @throws LaeException for bad data, before any run starts, or a run directory that holds something else
     */
    public List<RunRecord> run() {
        if (data.isEmpty()) {
            load();
        }
        List<RunExecutor.Job<List<RunRecord>>> jobs = new ArrayList<>();
        for (List<PlannedRun> series : study.series()) {
            jobs.add(new RunExecutor.Job<>(() -> runSeries(series), series.stream().allMatch(this::oneBlasThread)));
        }
        Map<String, RunRecord> byName = new LinkedHashMap<>();
        options.executor().execute(jobs).forEach(records -> records.forEach(r -> byName.put(r.run().name(), r)));
        return study.runs().stream().map(r -> byName.get(r.name())).toList();
    }

    /** @return whether the run trains with OpenBLAS on one thread, after {@link #load} */
    private boolean oneBlasThread(PlannedRun run) {
        Statistics stats = data.get(DataKey.of(run.config())).stats();
        return run.config().oneBlasThread(stats.sampleCount(), stats.inputDim());
    }

    /** Runs a series in order; along a stop axis, the runs after its first failure are skipped. */
    private List<RunRecord> runSeries(List<PlannedRun> series) {
        List<RunRecord> records = new ArrayList<>();
        boolean failed = false;
        for (PlannedRun run : series) {
            if (failed) {
                options.progress().apply(run.name()).close();
                records.add(RunRecord.skipped(run));
                continue;
            }
            Path runDir = runDir(run);
            ResumableRun.Outcome outcome = ResumableRun.run(runDir, dir.getFileName() + "/" + run.name(), run.config(),
                    data.get(DataKey.of(run.config())), () -> options.progress().apply(run.name()), options.figures(),
                    options.console(), this::requireOwn, true);
            RunRecord record = RunRecord.of(run, outcome);
            records.add(record);
            failed = study.stopAxis() != null && !record.succeeded();
        }
        return records;
    }

    /**
     * @param run a run of the study
     * @return its directory
     */
    public Path runDir(PlannedRun run) {
        return dir.resolve(RUNS).resolve(run.name());
    }

    /**
     * @param run a run of the study
     * @return whether its directory holds it, ended (finished, stopped or diverged), from an earlier invocation
     */
    public boolean ended(PlannedRun run) {
        Path runDir = runDir(run);
        return ResumableRun.sameConfiguration(runDir, run.config())
                && RunDirectory.readStatus(runDir).filter(s -> s.done() || s == RunStatus.DIVERGED)
                .isPresent();
    }

    private void requireOwn(Path runDir) {
        if (options.force()) {
            OutputDirectory.moveAside(runDir, options.console());
            return;
        }
        throw new LaeException(runDir + " holds a run whose run.json differs from the study's (extended, or with other "
                + "settings), or files lae did not write: it is left as it is; move it away, or run the study again with "
                + "--force to move it to " + OutputDirectory.asideName(runDir).getFileName());
    }
}
