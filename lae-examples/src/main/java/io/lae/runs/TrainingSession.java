package io.lae.runs;

import io.lae.figures.FigureOutput;
import io.lae.backend.Engines;
import io.lae.closedform.GroundTruth;
import io.lae.closedform.PenalizedMinimum;
import io.lae.device.DeviceInfo;
import io.lae.device.MemoryPlan;
import io.lae.fit.Components;
import io.lae.linalg.SymmetricEigen;
import io.lae.loss.SumL2Loss;
import io.lae.stats.Statistics;
import io.lae.train.TrainingResult;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One training run, written to its directory: {@code run.json} (configuration, environment, final
 * metrics and read-outs), {@code metrics.csv}, {@code encoder.npy}/{@code decoder.npy}, a checkpoint
 * and PNG plots. Shared by {@code lae train} and the experiments, so every run checks first that it fits in
 * the memory of the active device ({@link MemoryPlan}).
 */
public final class TrainingSession {

    private TrainingSession() {
    }

    /**
     * @param config   the configuration
     * @param data     the statistics, ground truth and (mini-batch runs) samples
     * @param dir      the run directory
     * @param resume   whether to continue from the directory's checkpoint
     * @param progress where the run's progress is shown; closed when the run ends
     * @param figures  the formats and resolution of the run's plots
     * @return the finished run
     * @throws io.lae.LaeException if the run does not fit in the device's memory, or a resumed run's data are not the
     *     bytes it started on ({@link RunDirectory#requireSameData}), before anything is written
     */
    public static TrainedRun run(TrainingConfig config, TrainingData data, Path dir, boolean resume,
                                 RunProgress progress, FigureOutput figures) {
        DeviceInfo device = DeviceInfo.current();
        config.memoryPlan(data.stats(), data.truth() != null).requireFits(device);
        if (resume) {
            RunDirectory.requireSameData(dir, data.fingerprint(), data.targetsFingerprint(), config.data());
        }
        RunDirectory run = new RunDirectory(dir);
        run.recordData(data.fingerprint(), data.targetsFingerprint());
        Map<String, Object> environment = Environment.describe(device);
        Engines.Engine engine = Engines.forRun(config);
        environment.put("engine", engine.description());
        environment.put("statistics_from", data.statisticsFrom());
        TrainingResult result;
        try (RunProgress watched = Interruption.watching(progress, dir)) {
            INDArray rows = data.rowsFor(config);
            result = new Trainer(config, watched, engine.factory()).train(data.stats(), data.truth(), run, resume,
                    environment, rows, rows == null ? null : data.targets());
        }
        run.writeRunJson(config, result.status(), environment, readOuts(config, result, data.truth(), data.stats()),
                result.last());
        List<Path> plots = TrainingPlots.draw(run.readMetrics(), config, run.path(), figures);
        return new TrainedRun(dir, config, result.model(), run.readMetrics(), result.status(), plots);
    }

    private static List<Double> nullForNaN(double[] values) {
        return Arrays.stream(values).mapToObj(v -> Double.isNaN(v) ? null : v).toList();
    }

    /** Ground truth, the components' variances and, for the sum loss, the LAE-PCA eigenvalue read-out (Kunin Algorithm 1). */
    private static Map<String, Object> readOuts(TrainingConfig config, TrainingResult result, GroundTruth truth,
                                                Statistics stats) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("sample_count", stats.sampleCount());
        if (truth != null) {
            extra.put("eigenvalues", Arrays.copyOf(truth.eigenvalues(), config.latent()));
        }
        Components components = Components.of(result.model(), stats);
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("explained_variance", nullForNaN(components.explainedVariance()));
        described.put("explained_variance_ratio", nullForNaN(components.explainedVarianceRatio()));
        described.put(RunDirectory.CODE_STD, components.codeStd());
        described.put("signs", "each component's entry of largest magnitude in decoder.npy is positive");
        extra.put(RunDirectory.COMPONENTS, described);
        if (config.loss().equals(SumL2Loss.NAME)) {
            double c = config.lossSpec().effectiveScale().factor(stats.sampleCount());
            INDArray decoder = result.model().decoder().castTo(DataType.DOUBLE);
            double[] tauSquared = SymmetricEigen.of(decoder.transpose().mmul(decoder)).valueArray();
            Map<String, Object> lae = new LinkedHashMap<>();
            lae.put("decoder_singular_values_squared", tauSquared);
            lae.put("eigenvalue_estimates", Arrays.stream(tauSquared)
                    .mapToObj(t -> t > 1e-12 && t < 1 ? (Object) PenalizedMinimum.eigenvalueFromSingularValue(t,
                            config.lambda(), c) : null).toList());
            lae.put("note", "σᵢ² = λ / (c(1 − τᵢ²)) for τᵢ² in (0, 1), Kunin Algorithm 1; null where the unit is off");
            extra.put("lae_pca", lae);
        }
        return extra;
    }
}
