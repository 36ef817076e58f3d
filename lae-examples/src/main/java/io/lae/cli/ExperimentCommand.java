package io.lae.cli;

import io.lae.LaeException;
import io.lae.Precision;
import io.lae.experiments.Claim;
import io.lae.experiments.Experiment;
import io.lae.experiments.ExperimentContext;
import io.lae.experiments.ExperimentDirectory;
import io.lae.experiments.ExperimentScale;
import io.lae.experiments.Experiments;
import io.lae.experiments.Summary;
import io.lae.runs.ProgressReporter;
import io.lae.runs.RunLock;
import io.lae.runs.SweepProgress;
import io.lae.runs.TimeText;
import io.lae.train.TrainingInterruptedException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * {@code lae experiment}: replays a figure of one of the three papers (README, Experiments) and writes its
 * runs, figures and a paper-vs-measured summary. An interrupted experiment continues where it stopped
 * when started again with the same options.
 */
@Command(name = "experiment", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replay an experiment of the papers (see --list), or all of them in sequence under one "
                + "progress bar.",
                "Writes DIR/summary.md, summary.json (each claim of the paper checked), PNG figures and one "
                + "directory per training run; started again with the same options it resumes.",
                "DIR is --out, by default runs/ID (with all, runs/ holds one directory per experiment)."})
final class ExperimentCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID|all", description = "The experiment, or all.")
    String id;

    @Option(names = "--list", description = "List the experiments with their expected full-scale run time.")
    boolean list;

    @Option(names = "--scale", defaultValue = "full", paramLabel = "full|quick",
            description = "full: the paper's sizes; quick: shrunk to seconds (default ${DEFAULT-VALUE}).")
    String scale;

    @Mixin
    OutputDirectoryOptions output;

    @Option(names = "--seed", paramLabel = "S", description = "Seed (default: the paper's or the authors' code's).")
    Long seed;

    @Mixin
    PrecisionOption precision;

    @Mixin
    FigureOptions figureOptions;

    @Override
    public Integer call() {
        PrintWriter console = spec.commandLine().getOut();
        if (list) {
            printList(console);
            return 0;
        }
        if (id == null) {
            throw new LaeException("name an experiment or 'all' (see 'lae experiment --list')");
        }
        Precision dtype = precision.precision;
        ExperimentScale size = ExperimentScale.parse(scale);
        if (!id.equals("all")) {
            Experiment experiment = Experiments.byId(id);
            Path dir = output.orElse(Path.of("runs", experiment.id()));
            runOne(experiment, size, dir, console, new ExperimentContext(size, dir, seed, dtype, console,
                    task -> new ProgressReporter(task, console), output.force, figureOptions.output()));
            return 0;
        }
        Path root = output.orElse(Path.of("runs"));
        List<Experiment> all = Experiments.ALL;
        List<String> report = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        try (SweepProgress sweep = SweepProgress.onConsole("all", all.stream().map(Experiment::id).toList(),
                all.stream().map(e -> e.expectedTime(size)).toList(), console)) {
            for (int i = 0; i < all.size(); i++) {
                Experiment e = all.get(i);
                Path dir = root.resolve(e.id());
                sweep.begin(i);
                try {
                    report.add(runOne(e, size, dir, console,
                            new ExperimentContext(size, dir, seed, dtype, console, sweep::forRun, output.force,
                                    figureOptions.output())));
                } catch (TrainingInterruptedException stop) {
                    throw stop;
                } catch (LaeException error) {
                    // one experiment's bad input or lack of memory should not cost the others' hours
                    report.add(e.id() + ": FAILED: " + error.getMessage());
                    failed.add(e.id());
                }
                sweep.end();
            }
        }
        console.println("all experiments:");
        report.forEach(line -> console.println("  " + line));
        if (!failed.isEmpty()) {
            throw new LaeException(failed.size() + " of " + all.size() + " experiments failed (" + String.join(", ",
                    failed) + "): their errors are listed above; fix them and run again (finished runs are read back)");
        }
        return 0;
    }

    /** @return one line: the id, the claims that hold and the wall time */
    private String runOne(Experiment experiment, ExperimentScale size, Path dir, PrintWriter console,
                          ExperimentContext context) {
        new ExperimentDirectory(experiment.id(), size, seed, precision.precision).claim(dir, output.force, console);
        console.printf("%s: %s%n", experiment.id(), experiment.title());
        console.flush();
        long start = System.nanoTime();
        try (RunLock lock = RunLock.acquire(dir, console)) {
            experiment.run(context);
        } catch (TrainingInterruptedException e) {
            throw new TrainingInterruptedException(e.step(), experiment.id() + ": " + e.getMessage()
                    + ", or run the same 'lae experiment' command again");
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        context.summary().write(dir, experiment, size, seconds);
        if (size == ExperimentScale.QUICK) {
            console.println("  " + Summary.QUICK_SCALE_NOTE);
        }
        for (Claim c : context.summary().claims()) {
            Claim.Verdict verdict = c.verdict(size);
            if (verdict == Claim.Verdict.NOT_EVALUATED) {
                console.printf("  %-6s %s: %s; %s%n", "-", c.claim(), c.measured(), verdict);
            } else {
                console.printf("  %-6s %s: %s%n", verdict, c.claim(), c.measured());
            }
        }
        String line = String.format(Locale.ROOT, "%s: %s, %.1f s; see %s", experiment.id(),
                context.summary().tally(size), seconds, dir.resolve(Summary.MARKDOWN_FILE));
        console.println(line);
        console.flush();
        return line;
    }

    private static void printList(PrintWriter console) {
        console.printf("%-14s %-9s %s%n", "id", "full", "what it replays");
        for (Experiment e : Experiments.ALL) {
            console.printf("%-14s %-9s %s%n", e.id(), TimeText.approximate(e.expectedTime(ExperimentScale.FULL)),
                    e.title());
        }
        console.println("Times are for --scale full on a 2-core laptop-class CPU; --scale quick takes seconds. "
                + "'all' shows one progress bar whose ETA adds these up.");
    }
}
