package io.lae.cli;

import io.lae.LaeException;
import io.lae.backend.Engines;
import io.lae.data.DataSource;
import io.lae.device.DeviceInfo;
import io.lae.device.MemoryPlan;
import io.lae.runs.DataSets;
import io.lae.runs.Interruption;
import io.lae.runs.ProgressReporter;
import io.lae.stats.Statistics;
import io.lae.stats.StatisticsEngine;
import io.lae.stats.StatisticsFile;
import io.lae.stats.StatisticsRequest;
import io.lae.stats.StreamedStatistics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lae stats}: the sufficient statistics of a data set (Σxx, Σyx, the means, tyy, m; docs/math.md §1)
 * saved as a NumPy {@code .npz} ({@link StatisticsFile}), computed by the local streaming accumulator (on the host,
 * or on the GPU: {@link Engines#forStatistics}) or, with {@code --engine spark}, on Apache Spark. {@code lae train --stats FILE.npz} trains from them.
 */
@Command(name = "stats", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compute the data's sufficient statistics (Σxx, Σyx, means, tyy, m), centred as 'train' centres, "
                + "and save them as a NumPy .npz (numpy.load reads it; 'lae train --stats FILE.npz' trains from it).",
                "--engine spark computes them on Apache Spark (local[*], or any cluster by --master) from .npy, CSV or "
                + "Parquet; ./lae builds the Spark flavour on first use."})
final class StatsCommand implements Callable<Integer> {

    /** Where the statistics are computed. */
    enum Engine {
        /** The streaming accumulator in this process, on the host or the GPU. */
        LOCAL,
        /** Apache Spark (module lae-spark, found on the class path). */
        SPARK;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Engine of(String label) {
            return Arrays.stream(values()).filter(e -> e.label().equalsIgnoreCase(label)).findFirst()
                    .orElseThrow(() -> new LaeException("--engine must be local or spark, got '" + label + "'"));
        }

        /** Reads {@code local} or {@code spark}, any case. */
        static final class Converter extends LabelConverter<Engine> {
            Converter() {
                super(Engine::of);
            }
        }

        /** Their labels, for the help and the shell completion. */
        static final class Labels implements Iterable<String> {
            @Override
            public Iterator<String> iterator() {
                return Arrays.stream(values()).map(Engine::label).iterator();
            }
        }
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "SOURCE",
            description = "The samples as rows: a .npy or .csv path, mnist, synthetic:…; with --engine spark a .npy, "
                    + ".csv or .parquet path (or a directory of Parquet files).")
    String data;

    @Option(names = "--targets", paramLabel = "SOURCE",
            description = "Targets Y of a regression, same rows (default: Y = X).")
    String targets;

    @Option(names = "--out", required = true, paramLabel = "FILE.npz", description = "Where the statistics go.")
    Path out;

    @Option(names = "--force", description = "Replace --out if it exists.")
    boolean force;

    @Option(names = "--no-center", description = "Do not subtract the means (the saved statistics say so).")
    boolean noCenter;

    @Mixin
    PrecisionOption precision;

    @Option(names = "--engine", defaultValue = "local", paramLabel = "local|spark", converter = Engine.Converter.class,
            completionCandidates = Engine.Labels.class,
            description = "Where they are computed: local (streamed through this process: on the GPU of lae's CUDA "
                    + "engine when --backend is auto or cuda and one is usable, else on the CPU) or spark (Apache "
                    + "Spark, see --master; default ${DEFAULT-VALUE}).")
    Engine engine;

    @Option(names = "--master", paramLabel = "URL",
            description = "With --engine spark: the Spark master (default local[*]; spark://host:7077, yarn, "
                    + "k8s://…).")
    String master;

    @Option(names = "--master-timeout", defaultValue = "60", paramLabel = "SECONDS",
            description = "With --engine spark: how long to wait for the master (default ${DEFAULT-VALUE}).")
    long masterTimeoutSeconds;

    @Option(names = "--columns", split = ",", paramLabel = "NAME",
            description = "With --engine spark: the CSV or Parquet columns to use, in order (default: every numeric "
                    + "column, or a Parquet file's one array column).")
    List<String> columns = List.of();

    @Override
    public Integer call() {
        checkedOptions();
        PrintWriter console = spec.commandLine().getOut();
        Interruption.during("while computing the statistics of " + data + "; " + out + " was not written");
        Statistics stats;
        try {
            stats = engine == Engine.LOCAL ? local(console) : onEngine(console);
            StatisticsFile.write(out, stats, precision.precision.dataType());
        } finally {
            // a failure is reported by its own line: the JVM's exit after it is no interruption
            Interruption.during(null);
        }
        console.printf(Locale.ROOT, "wrote %s: m = %d, n' = %d%s, %s, %s%n", out, stats.sampleCount(), stats.inputDim(),
                stats.isAutoencoder() ? "" : ", n = " + stats.outputDim(), stats.centered() ? "centred" : "uncentred",
                precision.label());
        return 0;
    }

    /** Checks every option before any data source is opened. */
    private void checkedOptions() {
        if (!StatisticsFile.isStatistics(out.toString())) {
            throw new LaeException("--out " + out + ": lae stats writes a NumPy " + StatisticsFile.EXTENSION
                    + " archive; name it FILE" + StatisticsFile.EXTENSION);
        }
        OutputFile.requireFree(out, force);
        if (engine == Engine.LOCAL) {
            for (String sparkOnly : List.of("--master", "--master-timeout", "--columns")) {
                if (spec.commandLine().getParseResult().hasMatchedOption(sparkOnly)) {
                    throw new LaeException(sparkOnly + " applies to --engine spark; the local engine reads every "
                            + "column of --data in this process");
                }
            }
        }
        if (masterTimeoutSeconds < 1) {
            throw new LaeException("--master-timeout must be at least 1 second, got " + masterTimeoutSeconds);
        }
    }

    /** The streaming accumulator, with a progress line per tenth of the rows. */
    private Statistics local(PrintWriter console) {
        DataSource x = DataSets.open(data);
        console.printf("data: %s%n", x.description());
        DataSource y = targets == null ? null : DataSets.open(targets);
        if (y != null) {
            console.printf("targets: %s%n", y.description());
        }
        MemoryPlan.requireStatisticsFit(y == null ? x.columns() : y.columns(), x.columns(), x.rows(), y != null,
                DeviceInfo.current());
        StreamedStatistics statistics = Engines.forStatistics(x.columns(), y == null ? 0 : y.columns(), console)
                .statistics();
        ProgressReporter progress = new ProgressReporter("stats", "row", console);
        progress.started(0, x.rows());
        try {
            return statistics.of(x, y, !noCenter, progress::stepped);
        } catch (LaeException e) {
            throw new LaeException(data + (y == null ? "" : ", " + targets) + ": " + e.getMessage(), e);
        } finally {
            progress.finished();
        }
    }

    /** An engine found on the class path by name (the Spark one: module lae-spark). */
    private Statistics onEngine(PrintWriter console) {
        StatisticsEngine found = ServiceLoader.load(StatisticsEngine.class).stream().map(ServiceLoader.Provider::get)
                .filter(e -> e.name().equals(engine.label())).findFirst()
                .orElseThrow(() -> new LaeException("--engine " + engine.label() + ": that engine is not on the class "
                        + "path; run lae through ./lae, which builds it on first use (mvn -Pspark package)"));
        console.printf("engine: %s%s%n", engine.label(), master == null ? "" : " on " + master);
        console.flush();
        return found.compute(new StatisticsRequest(data, targets, columns, !noCenter, master,
                Duration.ofSeconds(masterTimeoutSeconds)));
    }
}
