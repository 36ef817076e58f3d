package io.lae.runs;

import io.lae.LaeException;
import io.lae.backend.Engines;
import io.lae.closedform.GroundTruth;
import io.lae.data.DataFingerprint;
import io.lae.data.DataSource;
import io.lae.data.DataSources;
import io.lae.device.DeviceInfo;
import io.lae.stats.Statistics;
import io.lae.stats.StatisticsAccumulator;
import io.lae.stats.StatisticsFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What training runs on: the data's statistics (float64; on the GPU when {@link Engines#forStatistics} picks it
 * for data read from files), the ground truth of docs/math.md §4 and,
 * for runs that step over the rows (mini-batches, per-sample nested dropout), the raw samples. Built once and shared by every run on the same data.
 *
 * @param description the data, for logs
 * @param stats       Σxx, Σyx, tyy, m (centred or not)
 * @param truth       the eigendecomposition of Σ, or null when n is too large for it
 * @param inputs      the samples as rows (m×n'), or null when only full-batch runs are needed
 * @param targets     the targets as rows (m×n), or null for an autoencoder
 * @param statisticsFrom where the statistics were computed ({@link Engines.StatisticsPlace#where}), or the file they
 *                    were read from, for run.json
 * @param fingerprint the data's fingerprint (of the statistics file, for a run over one), for run.json and the check
 *                    that a resumed run trains on the same data
 * @param targetsFingerprint the targets' fingerprint, or null for an autoencoder
 */
public record TrainingData(String description, Statistics stats, GroundTruth truth, INDArray inputs, INDArray targets,
                           String statisticsFrom, DataFingerprint fingerprint, DataFingerprint targetsFingerprint) {

    /** Above this dimension the ground-truth eigendecomposition (O(n³)) is skipped. */
    public static final int MAX_GROUND_TRUTH_DIM = 4096;

    /**
     * Opens the data and targets of a configuration and streams them once into statistics.
     *
     * @param config   the run's configuration (data, targets, centring, whether it steps over the rows)
     * @param console  where to say what was loaded
     * @return the training data; the raw samples are kept only for a run that steps over them
     */
    public static TrainingData load(TrainingConfig config, PrintWriter console) {
        if (StatisticsFile.isStatistics(config.data())) {
            return loadStatistics(config, console);
        }
        DataSource x = DataSets.open(config.data(), config.header());
        console.printf("data: %s%n", x.description());
        DataSource y = config.targets() == null ? null : DataSets.open(config.targets(), config.header());
        int n = y == null ? x.columns() : y.columns();
        config.memoryPlan(n, x.columns(), x.rows(), y != null, Math.max(n, x.columns()) <= MAX_GROUND_TRUTH_DIM)
                .requireFitsBeforeLoading(DeviceInfo.current());
        if (y == null) {
            Engines.StatisticsPlace place = Engines.forStatistics(x.columns(), 0, console);
            try {
                Statistics stats = place.statistics().of(x, null, config.center(), rows -> { });
                INDArray rows = config.needsRows() ? x.readAll() : null;
                return new TrainingData(x.description(), stats, groundTruth(stats, console), rows, null,
                        place.where(), x.fingerprint(), null);
            } catch (LaeException e) {
                throw new LaeException(config.data() + ": " + e.getMessage(), e);
            }
        }
        console.printf("targets: %s%n", y.description());
        if (y.rows() != x.rows()) {
            throw new LaeException("--targets has " + y.rows() + " samples but --data has " + x.rows()
                    + ": give one target row per sample");
        }
        INDArray inputs = x.readAll();
        INDArray targets = y.readAll();
        Engines.StatisticsPlace place = Engines.forStatistics(x.columns(), y.columns(), console);
        Statistics stats = place.statistics().of(DataSources.inMemory(x.description(), inputs),
                DataSources.inMemory(y.description(), targets), config.center(), rows -> { });
        return new TrainingData(x.description(), stats, groundTruth(stats, console), inputs, targets, place.where(),
                x.fingerprint(), y.fingerprint());
    }

    /**
     * Saved statistics ({@code lae stats}): a full-batch run over them equals one over the rows they came from.
     *
     * @param config  a configuration whose data is a {@code .npz} written by {@code lae stats}
     * @param console where to say what was loaded
     * @return the training data, without samples
     * @throws LaeException if the run needs the rows, or centres differently from the statistics
     */
    private static TrainingData loadStatistics(TrainingConfig config, PrintWriter console) {
        if (config.targets() != null) {
            throw new LaeException(config.data() + " holds statistics, whose Σyx already has the targets: drop "
                    + "--targets (lae stats --targets computes a regression's statistics)");
        }
        if (config.needsRows()) {
            throw new LaeException(config.data() + " holds statistics, not rows, and this run steps over the rows ("
                    + (config.usesMiniBatches() ? "--epochs/--batch" : "--stochastic per-sample")
                    + "): give the rows with --data, or train full batch");
        }
        Path file = Path.of(config.data());
        Statistics stats = StatisticsFile.read(file);
        if (stats.centered() != config.center()) {
            throw new LaeException(config.data() + " holds " + (stats.centered() ? "centred" : "uncentred")
                    + " statistics: " + (stats.centered() ? "drop --no-center" : "add --no-center")
                    + ", or compute them again with lae stats" + (stats.centered() ? " --no-center" : ""));
        }
        String description = String.format(Locale.ROOT, "statistics %s (m = %d, n' = %d%s, %s)", config.data(),
                stats.sampleCount(), stats.inputDim(), stats.isAutoencoder() ? "" : ", n = " + stats.outputDim(),
                stats.centered() ? "centred" : "uncentred");
        console.printf("data: %s%n", description);
        return new TrainingData(description, stats, groundTruth(stats, console), null, null,
                "file " + config.data(), DataFingerprint.ofFile(file, stats.sampleCount()), null);
    }

    /**
     * @param description the data, for logs
     * @param inputs      the samples as rows (m×n'), float64
     * @param targets     the targets as rows, or null for an autoencoder
     * @param center      whether to subtract the means
     * @param console     where to note a skipped ground truth
     * @return the training data, keeping the samples for runs that step over them; fingerprinted by their values
     */
    public static TrainingData of(String description, INDArray inputs, INDArray targets, boolean center,
                                  PrintWriter console) {
        Statistics stats = targets == null ? StatisticsAccumulator.of(inputs, center)
                : StatisticsAccumulator.of(inputs, targets, center);
        return new TrainingData(description, stats, groundTruth(stats, console), inputs, targets,
                Engines.onHost().where(), DataFingerprint.ofValues(inputs),
                targets == null ? null : DataFingerprint.ofValues(targets));
    }

    private static GroundTruth groundTruth(Statistics stats, PrintWriter console) {
        if (Math.max(stats.inputDim(), stats.outputDim()) > MAX_GROUND_TRUTH_DIM) {
            console.printf("note: n > %d, the ground-truth eigendecomposition and the metrics that need it are skipped%n",
                    MAX_GROUND_TRUTH_DIM);
            return null;
        }
        return GroundTruth.of(stats);
    }

    /**
     * @param config a configuration
     * @return the rows x a run steps over (its mini-batches, or all of them for per-sample nested dropout at full
     *     batch; their targets are {@link #targets}), or null for a run over the statistics
     */
    public INDArray rowsFor(TrainingConfig config) {
        if (!config.needsRows()) {
            return null;
        }
        if (inputs == null) {
            throw new IllegalStateException("a run over the rows on data loaded without its samples");
        }
        return inputs;
    }
}
