package io.lae.cli;

import io.lae.figures.FigureOutput;
import io.lae.runs.RunLock;
import io.lae.runs.TrainingData;
import io.lae.sweep.LocalExecutor;
import io.lae.sweep.RunRecord;
import io.lae.sweep.Study;
import io.lae.sweep.StudyFile;
import io.lae.sweep.Sweep;
import io.lae.sweep.StepsProgress;
import io.lae.sweep.SweepSummary;
import io.lae.train.TrainingInterruptedException;
import io.lae.LaeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lae sweep}: a study file's runs (README, Studies), trained on statistics computed once per data
 * source, each an ordinary run directory under {@code DIR/runs/}, summarised in {@code DIR/summary.csv},
 * {@code summary.json} and figures.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a study: a grid of lae train settings read from a TOML file.",
                "Its keys are lae train's long options without dashes; [grid] holds the axes (lists of values), [fixed]",
                "the settings every run shares, [[runs]] listed combinations, [[set]] overrides where a 'when' matches,",
                "[stop] axis = \"NAME\" stops each series at its first failure. Runs go to DIR/runs/NAME/; the same",
                "command again resumes unfinished runs and reads finished ones back. DIR is --out, by default runs/<file name>."})
final class SweepCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STUDY.toml", description = "The study file.")
    Path file;

    @Option(names = "--parallel", paramLabel = "N",
            description = "Series of small runs trained at once (default: one per core). A run whose product with "
                    + "the data is small trains with OpenBLAS on one thread in lae train too, so it gives the same bits "
                    + "beside others; larger runs train one at a time with OpenBLAS's threads.")
    Integer parallel;

    @Mixin
    FigureOptions figureOptions;

    @Mixin
    OutputDirectoryOptions output;

    @Override
    public Integer call() {
        PrintWriter console = spec.commandLine().getOut();
        Study study = StudyFile.read(file);
        if (parallel != null && parallel < 1) {
            throw new LaeException("--parallel must be at least 1, got " + parallel);
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new LaeException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        String stem = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        Path dir = output.orElse(Path.of("runs", stem));
        LocalExecutor executor = parallel != null ? new LocalExecutor(parallel) : LocalExecutor.perCore();
        FigureOutput figures = figureOptions.output();
        console.printf(Locale.ROOT, "study %s: %d runs in %d series, small ones %d at a time, into %s%n", file,
                study.runs().size(), study.series().size(), Math.min(executor.workers(), study.series().size()), dir);
        console.flush();
        StepsProgress[] bar = new StepsProgress[1];
        Sweep sweep = new Sweep(study, dir, new Sweep.Options(executor,
                config -> TrainingData.load(config, console), name -> bar[0].forRun(name), figures, output.force,
                console));
        sweep.claim(text);
        List<RunRecord> records;
        try (RunLock lock = RunLock.acquire(dir, console)) {
            sweep.load();
            try (StepsProgress progress = StepsProgress.of("sweep " + stem, study, sweep, console)) {
                bar[0] = progress;
                records = sweep.run();
            } catch (TrainingInterruptedException e) {
                throw new TrainingInterruptedException(e.step(), "study " + file + " interrupted; run the same 'lae "
                        + "sweep' command again to resume it");
            }
            SweepSummary.write(dir, study, records, figures);
        }
        report(console, study, records, dir);
        return 0;
    }

    private static void report(PrintWriter console, Study study, List<RunRecord> records, Path dir) {
        for (RunRecord r : records) {
            console.printf(Locale.ROOT, "  %-40s %-9s%s%n", r.run().name(), r.state().label(),
                    r.last().map(m -> String.format(Locale.ROOT, " step %d, %s %.4g", m.step(), study.metric(),
                            m.get(study.metric()))).orElse(""));
        }
        long failed = records.stream().filter(r -> r.state() == RunRecord.State.DIVERGED).count();
        console.printf("wrote %s (summary.csv, summary.json, figures; runs/ holds every run)%s%n", dir,
                failed > 0 ? "; " + failed + " runs diverged" : "");
        console.flush();
    }
}
