package io.lae.cli;

import io.lae.LaeException;
import io.lae.data.DataSource;
import io.lae.data.DataSources;
import io.lae.device.DeviceInfo;
import io.lae.device.MemoryPlan;
import io.lae.runs.ProgressReporter;
import io.lae.stats.Statistics;
import io.lae.stats.StatisticsAccumulator;
import io.lae.stats.StatisticsEngine;
import io.lae.stats.StatisticsFile;
import io.lae.stats.StatisticsRequest;
import io.lae.train.TrainingConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lae stats}: the sufficient statistics of a data set (Σxx, Σyx, the means, tyy, m; docs/math.md §1)
 * saved as a NumPy {@code .npz} ({@link StatisticsFile}), computed by the local streaming accumulator or, with
 * {@code --engine spark}, on Apache Spark. {@code lae train --stats FILE.npz} trains from them.
 */
@Command(name = "stats", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compute the data's sufficient statistics (Σxx, Σyx, means, tyy, m), centred as 'train' centres, "
                + "and save them as a NumPy .npz (numpy.load reads it; 'lae train --stats FILE.npz' trains from it).",
                "--engine spark computes them on Apache Spark (local[*], or any cluster by --master) from .npy, CSV or "
                + "Parquet; ./lae builds the Spark flavour on first use."})
final class StatsCommand implements Callable<Integer> {

    /** Where the statistics are computed. */
    enum Engine {
        /** The streaming accumulator in this process. */
        LOCAL,
        /** Apache Spark (module lae-spark, found on the class path). */
        SPARK;

        String label() {
            return name().toLowerCase(Locale.ROOT);
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

    @Option(names = "--no-center", description = "Do not subtract the means (the saved statistics say so).")
    boolean noCenter;

    @Option(names = "--dtype", defaultValue = "float64", paramLabel = "float32|float64",
            description = "Precision of the saved matrices and means (default ${DEFAULT-VALUE}; accumulated in "
                    + "float64).")
    String dtype;

    @Option(names = "--engine", defaultValue = "local", paramLabel = "local|spark",
            description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
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
        DataType type = checkedOptions();
        PrintWriter console = spec.commandLine().getOut();
        Statistics stats = engine == Engine.LOCAL ? local(console) : onEngine(console);
        StatisticsFile.write(out, stats, type);
        console.printf(Locale.ROOT, "wrote %s: m = %d, n' = %d%s, %s, %s%n", out, stats.sampleCount(), stats.inputDim(),
                stats.isAutoencoder() ? "" : ", n = " + stats.outputDim(), stats.centered() ? "centred" : "uncentred",
                dtype.toLowerCase(Locale.ROOT));
        return 0;
    }

    /** Checks every option before any data source is opened. */
    private DataType checkedOptions() {
        if (!StatisticsFile.isStatistics(out.toString())) {
            throw new LaeException("--out " + out + ": lae stats writes a NumPy " + StatisticsFile.EXTENSION
                    + " archive; name it FILE" + StatisticsFile.EXTENSION);
        }
        DataType type = TrainingConfig.dataTypeOf(dtype.toLowerCase(Locale.ROOT));
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
        return type;
    }

    /** The streaming accumulator, with a progress line per tenth of the rows. */
    private Statistics local(PrintWriter console) {
        DataSource x = DataSources.open(data, DataSources.defaultDataDir());
        console.printf("data: %s%n", x.description());
        DataSource y = targets == null ? null : DataSources.open(targets, DataSources.defaultDataDir());
        if (y != null) {
            console.printf("targets: %s%n", y.description());
        }
        MemoryPlan.requireStatisticsFit(y == null ? x.columns() : y.columns(), x.columns(), x.rows(), y != null,
                DeviceInfo.current());
        ProgressReporter progress = new ProgressReporter("stats", "row", console);
        progress.started(0, x.rows());
        try {
            return StatisticsAccumulator.of(x, y, !noCenter, progress::stepped);
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
