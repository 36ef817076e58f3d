package io.lae.runs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lae.figures.FigureOutput;
import io.lae.io.Npy;
import io.lae.train.MetricsRow;
import io.lae.train.Model;
import io.lae.train.RunStatus;
import io.lae.train.TrainingDivergedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A training run in a directory of its own inside an experiment or a study ({@code lae sweep}), trained so that the
 * same work started again resumes it: a finished run with the same configuration is read back instead of retrained,
 * an unfinished one continues from its checkpoint (or from step 0 when it stopped before its first), and a diverged
 * one is read back as diverged when divergence is a result of the work. Nothing in the directory is deleted: one
 * whose record differs from the run to start, or that holds files lae did not write, is handed to the caller, which
 * refuses it or moves it aside.
 */
public final class ResumableRun {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ResumableRun() {
    }

    /**
     * How a run ended.
     *
     * @param run        the finished run, or null when it diverged
     * @param divergedAt the step at which it diverged, or -1
     * @param metrics    every logged row (of a diverged run, up to its last finite checkpoint's)
     * @param readBack   whether it ended in an earlier invocation and was read back
     */
    public record Outcome(TrainedRun run, long divergedAt, List<MetricsRow> metrics, boolean readBack) {

        /** @return whether the run diverged */
        public boolean diverged() {
            return run == null;
        }

        /** @return the seconds its steps took, as its last logged row says (0 before any row) */
        public double seconds() {
            return metrics.isEmpty() ? 0 : metrics.getLast().seconds();
        }
    }

    /**
     * Trains one run into {@code dir}, or reads it back, or resumes it.
     *
     * @param dir        the run's directory
     * @param task       its label in messages, e.g. {@code bao-fig4/rag-adam/k-2}
     * @param config     its configuration
     * @param data       the data it trains on
     * @param progress   makes the run's progress display, when it trains
     * @param figures    the formats and resolution of its plots
     * @param console    where "read back" and "resuming" are said
     * @param requireOwn called with {@code dir} when it holds something this run would not start in: throws, or moves
     *                   it aside
     * @param keepDivergence whether a diverged run is an outcome (read back as such later) rather than an error
     * @return how it ended
     * @throws TrainingDivergedException when it diverges and {@code keepDivergence} is false
     */
    public static Outcome run(Path dir, String task, TrainingConfig config, TrainingData data,
                              Supplier<RunProgress> progress, FigureOutput figures, PrintWriter console,
                              Consumer<Path> requireOwn, boolean keepDivergence) {
        boolean same = sameConfiguration(dir, config);
        if (same) {
            Optional<RunStatus> status = RunDirectory.readStatus(dir);
            if (status.isPresent() && status.get().done()) {
                console.printf("%s: already done in %s, read back%n", task, dir);
                TrainedRun run = readBack(dir, config, status.get());
                return new Outcome(run, -1, run.metrics(), true);
            }
            if (keepDivergence && status.filter(RunStatus.DIVERGED::equals).isPresent()) {
                console.printf("%s: diverged in an earlier invocation, read back%n", task);
                return diverged(dir, RunDirectory.readDivergedStep(dir), true);
            }
        } else if (!RunDirectory.holdsOnlyLeftovers(dir)) {
            requireOwn.accept(dir);
        }
        boolean resume = !OutputDirectory.isEmpty(dir);
        if (resume) {
            console.printf("%s: resuming from %s%n", task, new RunDirectory(dir).hasCheckpoint()
                    ? dir.resolve("checkpoint") : dir + " (no checkpoint yet: from step 0)");
        }
        try {
            TrainedRun run = TrainingSession.run(config, data, dir, resume, progress.get(), figures);
            return new Outcome(run, -1, run.metrics(), false);
        } catch (TrainingDivergedException e) {
            if (!keepDivergence) {
                throw e;
            }
            console.printf("%s: %s; recorded as diverged, going on%n", task, e.getMessage());
            return diverged(dir, e.step(), false);
        }
    }

    private static Outcome diverged(Path dir, long step, boolean readBack) {
        return new Outcome(null, step, new RunDirectory(dir).readMetrics(), readBack);
    }

    /**
     * @param dir    a run directory
     * @param config a configuration
     * @return whether the directory's run.json holds exactly this configuration
     */
    public static boolean sameConfiguration(Path dir, TrainingConfig config) {
        if (!Files.isRegularFile(dir.resolve(RunDirectory.RUN_JSON))) {
            return false;
        }
        try {
            return JSON.valueToTree(RunDirectory.readConfig(dir)).equals(JSON.valueToTree(config));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static TrainedRun readBack(Path dir, TrainingConfig config, RunStatus status) {
        Model model = Model.of(Npy.read(dir.resolve(RunDirectory.ENCODER)).castTo(config.dataType()),
                Npy.read(dir.resolve(RunDirectory.DECODER)).castTo(config.dataType()));
        List<Path> plots;
        try (Stream<Path> files = Files.list(dir)) {
            plots = files.filter(TrainingPlots::isPlot).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TrainedRun(dir, config, model, new RunDirectory(dir).readMetrics(), status, plots);
    }
}
