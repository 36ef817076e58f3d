package io.lae.runs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.LaeException;
import io.lae.Precision;
import io.lae.TestData;
import io.lae.closedform.GroundTruth;
import io.lae.fit.FittedAutoencoder;
import io.lae.fit.LinearAutoencoder;
import io.lae.loss.LossSpec;
import io.lae.loss.Scale;
import io.lae.optim.Adam;
import io.lae.optim.LearningRateSchedule;
import io.lae.stats.Statistics;
import io.lae.stats.StatisticsAccumulator;
import io.lae.train.Evaluator;
import io.lae.train.Initialization;
import io.lae.train.MetricsRow;
import io.lae.train.Model;
import io.lae.train.NestedDropoutDraw;
import io.lae.train.RunStatus;
import io.lae.train.StopTarget;
import io.lae.train.TrainingDivergedException;
import io.lae.train.TrainingListener;
import io.lae.train.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Theorems as tests for the trainer, on data with known principal directions that are not the
 * axes: what each loss and rule converges to, exact resume, and divergence handling.
 */
class TrainerTest {

    static final int N = 8;
    static final int P = 3;
    static Statistics stats;
    static GroundTruth truth;
    static TestData.Spectral data;

    @TempDir
    Path dir;

    @BeforeAll
    static void data() {
        TrainingFixture.load();
        data = TrainingFixture.data;
        stats = TrainingFixture.stats;
        truth = TrainingFixture.truth;
    }

    static TrainingConfig config(String loss, String rule, String optimizer, double lr, Double lrEnd, long steps,
                                 StopTarget until) {
        return config(loss, null, rule, optimizer, lr, lrEnd, steps, until);
    }

    static TrainingConfig config(String loss, Scale scale, String rule, String optimizer, double lr, Double lrEnd,
                                 long steps, StopTarget until) {
        return new TrainingConfig("test", null, loss, scale, loss.equals("sum") || loss.equals("product") ? 1.0 : null,
                loss.equals("nonuniform") ? new double[] {0.02, 0.04, 0.06} : null, null, rule, optimizer, lr, lrEnd,
                null, 0.9, P, steps, null, null, null, rule.equals("rag") ? Initialization.Kind.BALANCED : Initialization.Kind.NORMAL, 0.1, 3, Precision.FLOAT64, false, 10, 0, until, null, null, null);
    }

    TrainingResult train(TrainingConfig config, Path out, boolean resume) {
        return new Trainer(config, new TrainingListener() { }).train(stats, truth, new RunDirectory(out), resume, Map.of());
    }

    TrainingResult train(TrainingConfig config) {
        return train(config, dir, false);
    }

    @Test
    void orderedFindsTheOrderedDirectionsButMseOnlyTheSubspace() {
        TrainingResult ordered = train(config("ordered", "gradient", "adam", 0.05, 1e-4, 3000, null));
        TrainingResult mse = train(config("mse", "gradient", "adam", 0.05, 1e-4, 3000, null));
        assertEquals(1.0, ordered.last().ratioTp(), () -> "ordered: " + ordered.last());
        assertTrue(ordered.last().dAlign() < 1e-6, () -> "ordered: " + ordered.last());
        assertTrue(ordered.last().lossRatio() - 1 < 1e-8, () -> "ordered: " + ordered.last());
        assertTrue(mse.last().dSub() < 1e-6, () -> "mse: " + mse.last());
        assertTrue(mse.last().ratioTp() < 1, () -> "mse found the directions by chance: " + mse.last());
    }

    @Test
    void untilStopsOnTheTarget() {
        TrainingResult r = train(config("ordered", "gradient", "adam", 0.05, null, 20000, StopTarget.parse("ratio_tp=1")));
        assertEquals(RunStatus.STOPPED, r.status());
        assertEquals(1.0, r.last().ratioTp());
        assertTrue(r.last().step() < 20000);
    }

    @Test
    void sumLossTiesTheWeightsAndShrinksSingularValuesAsKuninPredicts() {
        TrainingResult r = train(config("sum", "gradient", "adam", 0.05, 1e-5, 4000, null));
        assertTrue(r.last().transposeGap() < 1e-10, () -> "‖B − Aᵀ‖² = " + r.last().transposeGap());
        INDArray a = r.model().decoder();
        double[] tauSquared = io.lae.linalg.SymmetricEigen.of(a.transpose().mmul(a)).valueArray();
        double[] lambda = truth.eigenvalues();
        for (int i = 0; i < P; i++) {
            assertEquals(1 - 1.0 / lambda[i], tauSquared[i], 1e-8, "τ²_" + i);
        }
    }

    @Test
    void nonUniformL2ReachesOrderedAxisAlignedColumns() {
        TrainingResult r = train(config("nonuniform", "gradient", "adam", 0.05, 1e-5, 6000, null));
        assertEquals(1.0, r.last().ratioTp(), r.last()::toString);
        assertTrue(r.last().dAlign() < 1e-6, r.last()::toString);
    }

    @Test
    void ragReachesOrderedAxisAlignedColumnsOnPlainMse() {
        // RAG's rotation (1/m)·A_t is sized for a gradient of scale mean, as in Bao's code; with
        // Nesterov momentum 0.9 the same lr = 0.5 overshoots the rotation (d_align stalls at 0.25).
        TrainingResult r = train(config("mse", Scale.MEAN, "rag", "sgd", 0.5, null, 6000, null));
        assertEquals(1.0, r.last().ratioTp(), r.last()::toString);
        assertTrue(r.last().dAlign() < 1e-5, r.last()::toString);
    }

    @Test
    void alternatingReachesTheOrderedOptimum() {
        TrainingResult r = train(config("ordered", "alternating", "sgd", 1, null, 200, null));
        assertEquals(1.0, r.last().lossRatio(), 1e-10, r.last()::toString);
        assertEquals(1.0, r.last().ratioTp());
    }

    @Test
    void ghaFindsTheOrderedDirections() {
        TrainingResult r = train(config("mse", "gha", "sgd", 0.5, null, 3000, null));
        assertEquals(1.0, r.last().ratioTp(), r.last()::toString);
        assertTrue(r.last().transposeGap() < 1e-24, "tied weights stay tied");
    }

    /** Untied (both weights checkpointed) and tied (the decoder only) runs, from lae's and from torch's draw. */
    @ParameterizedTest
    @CsvSource({"ordered, gradient, adam, 0.05, normal", "mse, gha, sgd, 0.5, normal", "ordered, gradient, adam, 0.05, torch",
        "mse, gha, sgd, 0.5, torch"})
    void resumeGivesTheSameBitsAsAnUninterruptedRun(String loss, String rule, String optimizer, double lr, String init) {
        TrainingConfig c = config(loss, rule, optimizer, lr, optimizer.equals("adam") ? 1e-3 : null, 200, null);
        TrainingConfig withCheckpoints = new TrainingConfig(c.data(), null, c.loss(), null, null, null, null, c.rule(),
                c.optimizer(), c.lr(), c.lrEnd(), null, c.momentum(), P, 200, null, null, null, Initialization.Kind.of(init), c.initStd(), c.seed(), c.dtype(),
                false, 10, 100, null, null, null, null);
        TrainingResult straight = train(withCheckpoints, dir.resolve(rule + "-straight"), false);

        Path split = dir.resolve(rule + "-split");
        TrainingListener killer = TrainingFixture.killedAfter(130);
        assertThrows(IllegalStateException.class, () -> new Trainer(withCheckpoints, killer)
                .train(stats, truth, new RunDirectory(split), false, Map.of()));
        TrainingResult resumed = train(withCheckpoints, split, true);

        assertEquals(straight.model().encoder(), resumed.model().encoder());
        assertEquals(straight.model().decoder(), resumed.model().decoder());
        assertEquals(0, straight.model().decoder().sub(resumed.model().decoder()).amaxNumber().doubleValue());
        var a = new RunDirectory(dir.resolve(rule + "-straight")).readMetrics();
        var b = new RunDirectory(split).readMetrics();
        assertEquals(a.size(), b.size(), "metrics rows after resume");
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).step(), b.get(i).step());
            assertEquals(a.get(i).loss(), b.get(i).loss(), 0.0, "loss at step " + a.get(i).step());
        }
    }

    /**
     * {@code --init torch} starts the run from {@link Model#torch}'s weights (its step-0 metrics are those of
     * that model) and run.json says so; the default stays lae's own draw.
     */
    @Test
    void aRunStartsFromTheTorchDrawAndRecordsIt() throws Exception {
        TrainingConfig c = config("ordered", "gradient", "adam", 0.05, null, 20, null).toBuilder().init(Initialization.Kind.TORCH, 0.1)
                .build();
        train(c);
        MetricsRow first = new RunDirectory(dir).readMetrics().get(0);
        Model torch = Model.torch(N, N, P, 0.1, false, c.seed(), DataType.DOUBLE);
        MetricsRow expected = new Evaluator(c.stepSettings().loss(), stats, truth).evaluate(0, torch, c.lr(), 0);
        assertEquals(0, first.step());
        assertEquals(expected.loss(), first.loss(), 0.0, "the step-0 loss is the torch draw's");
        assertEquals(expected.dAlign(), first.dAlign(), 0.0);
        assertEquals(Initialization.Kind.TORCH, RunDirectory.readConfig(dir).init());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("run.json").toFile());
        assertEquals("torch", json.path("config").path("init").asText());
        assertEquals(0.1, json.path("config").path("init_std").asDouble());
        assertEquals(Initialization.Kind.NORMAL, TrainingConfig.builder().build().init(), "lae train's default init");
    }

    @Test
    void divergenceStopsWithAClearMessageAndMarksTheRun() {
        TrainingConfig wild = config("ordered", "gradient", "sgd", 50, null, 500, null);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> train(wild));
        assertTrue(e.getMessage().contains("diverged at step " + e.step()), e.getMessage());
        assertTrue(e.getMessage().contains("--lr"), e.getMessage());
        assertEquals(RunStatus.DIVERGED, RunDirectory.readStatus(dir).orElseThrow());
        assertEquals(e.step(), RunDirectory.readDivergedStep(dir));
        assertTrue(new RunDirectory(dir).readMetrics().stream().allMatch(r -> Double.isFinite(r.loss())),
                "only finite rows are logged");
    }

    @Test
    void latentLargerThanTheDataIsRefused() {
        TrainingConfig c = config("mse", "gradient", "adam", 0.01, null, 10, null);
        TrainingConfig big = new TrainingConfig(c.data(), null, c.loss(), null, null, null, null, c.rule(),
                c.optimizer(), c.lr(), null, null, 0.9, N + 1, 10, null, null, null, Initialization.Kind.NORMAL, 0.1, 0, Precision.FLOAT64, false, 10, 0, null, null, null, null);
        LaeException e = assertThrows(LaeException.class, () -> train(big));
        assertTrue(e.getMessage().contains("--latent"), e.getMessage());
    }

    @Test
    void writesTheRunFiles() {
        train(config("ordered", "gradient", "adam", 0.05, null, 30, null));
        for (String f : new String[] {"metrics.csv", "encoder.npy", "decoder.npy", "run.json", "checkpoint/position.json"}) {
            assertTrue(Files.exists(dir.resolve(f)), f);
        }
        RunDirectory run = new RunDirectory(dir);
        assertEquals(4, run.readMetrics().size(), "steps 0, 10, 20, 30");
        assertArrayEquals(new long[] {0, 10, 20, 30}, run.readMetrics().stream().mapToLong(MetricsRow::step).toArray());
    }

    /** A regression Y = MX with n = 3 outputs of n' = 5 inputs trains; ‖B − Aᵀ‖² has no meaning there and stays empty. */
    @Test
    void regressionWithFewerOutputsThanInputsTrains() {
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 200, 5).subi(0.5);
        INDArray mixing = Nd4j.create(new double[][] {{1, 0, 0}, {0, 2, 0}, {0, 0, 3}, {1, 1, 0}, {0, 1, 1}});
        Statistics regression = StatisticsAccumulator.of(x, x.mmul(mixing), true);
        TrainingConfig c = config("ordered", "gradient", "adam", 0.01, null, 2000, null);
        TrainingResult result = new Trainer(c, new TrainingListener() { }).train(regression,
                GroundTruth.of(regression), new RunDirectory(dir), false, Map.of());
        var rows = new RunDirectory(dir).readMetrics();
        assertTrue(result.last().lossRatio() < 1.001, "loss / optimum after " + rows.size() + " rows: "
                + result.last().lossRatio());
        assertTrue(Double.isNaN(result.last().transposeGap()), "no transpose gap when n ≠ n'");
    }

    /**
     * A run is the library fit of its settings: the same weights, bit for bit, as {@link LinearAutoencoder} built by
     * hand with the objects the names stand for, full batch, over mini-batches and with per-sample nested dropout
     * (whose steps run over all the rows).
     */
    @Test
    void aRunIsTheLibraryFitOfItsSettings() {
        INDArray rows = data.rowArray();
        LinearAutoencoder.Builder ordered = LinearAutoencoder.builder(P).loss(LossSpec.named("ordered"))
                .optimizer(new Adam()).schedule(LearningRateSchedule.constant(0.01)).steps(200)
                .init(new Initialization(Initialization.Kind.NORMAL, 0.1, 3)).center(false);
        TrainingConfig base = TrainingConfig.builder().data("rows").loss("ordered").latent(P).optimizer("adam", 0.01)
                .steps(200).init(Initialization.Kind.NORMAL, 0.1).seed(3).center(false).logEvery(100).checkpointEvery(0).build();
        assertSameWeights(ordered.build().fit(stats), train(base, dir.resolve("full"), false));

        TrainingConfig mini = base.toBuilder().miniBatches(3, 16).build();
        assertSameWeights(ordered.miniBatches(16, 3).build().fit(stats, rows, null),
                new Trainer(mini, new TrainingListener() { }).train(stats, truth, new RunDirectory(dir.resolve("mini")),
                        false, Map.of(), rows, null));

        TrainingConfig perSample = base.toBuilder().loss("nested-dropout").stochastic(NestedDropoutDraw.PER_SAMPLE)
                .build();
        assertSameWeights(LinearAutoencoder.builder(P).loss(LossSpec.named("nested-dropout"))
                        .stochastic(NestedDropoutDraw.PER_SAMPLE).schedule(LearningRateSchedule.constant(0.01)).steps(200)
                        .init(new Initialization(Initialization.Kind.NORMAL, 0.1, 3)).build().fit(stats, rows, null),
                new Trainer(perSample, new TrainingListener() { }).train(stats, truth,
                        new RunDirectory(dir.resolve("per-sample")), false, Map.of(), rows, null));
    }

    private static void assertSameWeights(FittedAutoencoder fitted, TrainingResult run) {
        assertArrayEquals(run.model().decoder().toDoubleMatrix(), fitted.decoder());
        assertArrayEquals(run.model().encoder().toDoubleMatrix(), fitted.encoder());
    }
}
