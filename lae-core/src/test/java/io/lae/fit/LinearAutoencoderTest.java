package io.lae.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.LaeException;
import io.lae.TestData;
import io.lae.closedform.GroundTruth;
import io.lae.data.DataSources;
import io.lae.io.Npy;
import io.lae.loss.Loss;
import io.lae.loss.LossEvaluation;
import io.lae.loss.LossSpec;
import io.lae.loss.NonUniformL2Loss;
import io.lae.loss.OrderedLoss;
import io.lae.loss.Scale;
import io.lae.optim.LearningRateSchedule;
import io.lae.optim.Optimizer;
import io.lae.optim.OptimizerState;
import io.lae.stats.Statistics;
import io.lae.stats.StatisticsAccumulator;
import io.lae.stats.StatisticsFile;
import io.lae.train.Checkpoint;
import io.lae.train.Initialization;
import io.lae.train.Initialization.Kind;
import io.lae.train.MiniBatches;
import io.lae.train.Model;
import io.lae.train.NestedDropoutDraw;
import io.lae.train.RunStatus;
import io.lae.train.StepSettings;
import io.lae.train.Stepper;
import io.lae.train.StopTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The library entry point: fit returns the ordered principal directions, applies to new rows, trains a user's own loss and optimizer, and refuses bad
 * settings at once.
 */
class LinearAutoencoderTest {

    private static final int N = 8;
    private static final int P = 3;
    /** The coordinate axes with the three largest variances, largest first. */
    private static final int[] AXES = {5, 1, 6};
    private static double[][] rows;

    @BeforeAll
    static void data() {
        TestData.useFloat64();
        Random random = new Random(3);
        double[] std = {1, 4, 1.2, 0.8, 1.1, 6, 2.5, 0.9};
        rows = new double[400][N];
        for (double[] row : rows) {
            for (int k = 0; k < N; k++) {
                row[k] = 2 + std[k] * random.nextGaussian();
            }
        }
    }

    private static LinearAutoencoder.Builder ordered() {
        return LinearAutoencoder.builder(P).loss(LossSpec.named("ordered"))
                .schedule(LearningRateSchedule.constant(0.01)).steps(3000).logEvery(100);
    }

    @Test
    void fitFindsTheOrderedPrincipalDirections() {
        FittedAutoencoder model = ordered().trackAlignment(true).stopWhen(StopTarget.parse("ratio_tp=1")).build()
                .fit(rows);
        double[][] components = model.components();
        Statistics stats = StatisticsAccumulator.of(Nd4j.createFromArray(rows), true);
        INDArray truth = GroundTruth.of(stats).directions(P);
        for (int i = 0; i < P; i++) {
            double cos = 0;
            for (int k = 0; k < N; k++) {
                cos += components[i][k] * truth.getDouble(k, i);
            }
            assertTrue(Math.abs(cos) > 0.99, "component " + i + ": |cos| = " + Math.abs(cos));
            assertTrue(Math.abs(components[i][AXES[i]]) > 0.95, "component " + i + " lies along axis " + AXES[i]);
        }
        assertEquals(RunStatus.STOPPED, model.status());
        assertEquals(0, model.history().get(0).step());
        assertEquals(1.0, model.history().get(model.history().size() - 1).ratioTp());
        assertEquals(2.0, model.mean()[0], 0.5, "the training mean is kept");
    }

    @Test
    void aRegressionFromDataSourcesAndSavedStatisticsEqualsOneFromComputedStatistics(@TempDir Path dir) {
        double[][] targets = new double[rows.length][2];
        for (int i = 0; i < rows.length; i++) {
            targets[i][0] = 3 * rows[i][5] - rows[i][1] + 1;
            targets[i][1] = rows[i][6] + 0.1 * rows[i][0];
        }
        Path x = dir.resolve("x.npy");
        Path y = dir.resolve("y.npy");
        Npy.write(x, Nd4j.createFromArray(rows));
        Npy.write(y, Nd4j.createFromArray(targets));
        LinearAutoencoder estimator = LinearAutoencoder.builder(2).steps(200).build();
        Statistics stats = StatisticsAccumulator.of(Nd4j.createFromArray(rows), Nd4j.createFromArray(targets), true);
        FittedAutoencoder computed = estimator.fit(stats);
        FittedAutoencoder streamed = estimator.fit(DataSources.open(x.toString(), dir),
                DataSources.open(y.toString(), dir));
        Path saved = dir.resolve("stats.npz");
        StatisticsFile.write(saved, stats, org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        FittedAutoencoder fromFile = estimator.fit(StatisticsFile.read(saved));
        for (FittedAutoencoder other : new FittedAutoencoder[] {streamed, fromFile}) {
            assertArrayEquals(computed.decoder(), other.decoder());
            assertArrayEquals(computed.encoder(), other.encoder());
        }
        assertEquals(2, computed.decoder().length, "A maps codes to the two targets");
        assertEquals(2, computed.reconstruct(new double[][] {rows[0]})[0].length, "a reconstruction is a target row");
    }

    /** A fit resumed from a checkpoint it saved mid-run ends where one that never stopped ends, bit for bit. */
    @Test
    void aFitResumedFromItsCheckpointEqualsOneThatNeverStopped() {
        List<Checkpoint> saved = new ArrayList<>();
        FittedAutoencoder whole = ordered().steps(200).build().fit(rows);
        ordered().steps(120).checkpoints(saved::add, 40).build().fit(rows);
        assertEquals(List.of(40L, 80L, 120L), saved.stream().map(Checkpoint::step).toList());
        Checkpoint at80 = saved.get(1);   // kept while training went on: a copy, not the live weights
        FittedAutoencoder resumed = ordered().steps(200).resumeFrom(at80).build().fit(rows);
        assertArrayEquals(whole.decoder(), resumed.decoder());
        assertArrayEquals(whole.encoder(), resumed.encoder());
        assertEquals(100, resumed.history().get(0).step(), "the history goes on from the checkpoint");
        FittedAutoencoder again = ordered().steps(200).resumeFrom(at80).build().fit(rows);
        assertArrayEquals(whole.decoder(), again.decoder(), "resuming leaves the checkpoint as it was saved");
        LaeException wrongP = assertThrows(LaeException.class,
                () -> LinearAutoencoder.builder(P + 1).steps(200).resumeFrom(at80).build().fit(rows));
        assertTrue(wrongP.getMessage().contains("belongs to another run"), wrongP.getMessage());
        LaeException done = assertThrows(LaeException.class,
                () -> ordered().steps(80).resumeFrom(at80).build().fit(rows));
        assertTrue(done.getMessage().contains("ask for more steps"), done.getMessage());
    }

    /**
     * A mini-batch fit takes epochs × ⌈m/b⌉ steps (that it takes lae train's very steps, TrainerTest in lae-examples
     * checks); a fit over the rows refuses statistics alone.
     */
    @Test
    void aMiniBatchFitStepsOverTheRowsInBatches() {
        Statistics stats = StatisticsAccumulator.of(Nd4j.createFromArray(rows), true);
        LinearAutoencoder estimator = ordered().miniBatches(64, 3).build();
        FittedAutoencoder model = estimator.fit(rows);
        assertEquals(3 * 7, estimator.stepCount(rows.length), "3 epochs of ⌈400/64⌉ = 7 steps");
        assertEquals(3 * 7, model.history().get(model.history().size() - 1).step());
        LaeException noRows = assertThrows(LaeException.class, () -> estimator.fit(stats));
        assertTrue(noRows.getMessage().contains("steps over the rows"), noRows.getMessage());
    }

    /**
     * Per-sample stochastic nested dropout steps over all the rows, reaches the leading direction, and needs the
     * rows; the per-step draw runs on the statistics; either needs the nested-dropout loss.
     */
    @Test
    void stochasticNestedDropoutFitsFromRowsOrStatistics() {
        Statistics stats = StatisticsAccumulator.of(Nd4j.createFromArray(rows), true);
        LinearAutoencoder.Builder nested = LinearAutoencoder.builder(P).loss(LossSpec.named("nested-dropout"))
                .schedule(LearningRateSchedule.constant(0.02)).steps(600).logEvery(600).trackAlignment(true);
        FittedAutoencoder perSample = nested.stochastic(NestedDropoutDraw.PER_SAMPLE).build().fit(rows);
        assertEquals(1.0, Math.abs(perSample.components()[0][AXES[0]]), 1e-2, "the leading direction");
        LaeException noRows = assertThrows(LaeException.class, () -> nested.build().fit(stats));
        assertTrue(noRows.getMessage().contains("per-sample nested dropout steps over the rows"), noRows.getMessage());
        FittedAutoencoder perStep = nested.stochastic(NestedDropoutDraw.PER_STEP).build().fit(stats);
        assertEquals(1.0, Math.abs(perStep.components()[0][AXES[0]]), 1e-2, "the leading direction, noisier");
        assertThrows(LaeException.class, () -> ordered().stochastic(NestedDropoutDraw.PER_STEP).build().fit(stats));
    }

    /** The engine seam: fit makes its steps through the factory given, with the settings as objects. */
    @Test
    void anEngineGivenToTheBuilderMakesTheSteps() {
        List<StepSettings> made = new ArrayList<>();
        int[] steps = {0};
        Stepper.Factory counting = (settings, stats, model, state) -> {
            made.add(settings);
            Stepper inner = Stepper.Factory.ND4J.create(settings, stats, model, state);
            return new Stepper() {
                @Override
                public void apply(Model m, long step, double learningRate, MiniBatches batches) {
                    steps[0]++;
                    inner.apply(m, step, learningRate, batches);
                }

                @Override
                public void synchronize(Model m) {
                    inner.synchronize(m);
                }

                @Override
                public OptimizerState state() {
                    return inner.state();
                }

                @Override
                public Loss loss() {
                    return inner.loss();
                }
            };
        };
        FittedAutoencoder viaEngine = ordered().steps(120).engine(counting).build().fit(rows);
        FittedAutoencoder plain = ordered().steps(120).build().fit(rows);
        assertEquals(1, made.size());
        assertEquals(120, steps[0]);
        assertEquals("ordered", made.get(0).lossSpec().name(), "lae's loss comes with its spec, for kernels of its own");
        assertEquals("adam", made.get(0).optimizer().name());
        assertArrayEquals(plain.decoder(), viaEngine.decoder());
    }

    @Test
    void encodeDecodeAndReconstructApplyTheWeightsAndTheMean() {
        FittedAutoencoder model = ordered().steps(300).build().fit(rows);
        double[][] b = model.encoder();
        double[][] a = model.decoder();
        double[] mu = model.mean();
        double[] x = rows[7];
        double[] z = new double[P];
        for (int j = 0; j < P; j++) {
            for (int k = 0; k < N; k++) {
                z[j] += b[j][k] * (x[k] - mu[k]);
            }
        }
        assertArrayEquals(z, model.encode(new double[][] {x})[0], 1e-12);
        double[] y = mu.clone();
        for (int k = 0; k < N; k++) {
            for (int j = 0; j < P; j++) {
                y[k] += a[k][j] * z[j];
            }
        }
        assertArrayEquals(y, model.decode(new double[][] {z})[0], 1e-12);
        assertArrayEquals(y, model.reconstruct(new double[][] {x})[0], 1e-12);
    }

    /** A user's optimizer: plain gradient descent with the rate halved, written against the public API. */
    private static final class HalfStep implements Optimizer {
        @Override
        public String name() {
            return "half-step";
        }

        @Override
        public OptimizerState init(Map<String, INDArray> params) {
            return OptimizerState.zeros(params);
        }

        @Override
        public void apply(Map<String, INDArray> params, Map<String, INDArray> directions, OptimizerState state,
                          double learningRate) {
            params.forEach((name, param) -> param.subi(directions.get(name).mul(learningRate / 2)));
            state.advance();
        }
    }

    /** A user's loss, written against the three methods Loss requires: the ordered loss, delegated to, counted. */
    private static final class CountingLoss implements Loss {
        private final Loss inner = new OrderedLoss(P, Scale.MEAN);
        private int gradientCalls;

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public int latentSize() {
            return P;
        }

        @Override
        public LossEvaluation evaluate(INDArray encoder, INDArray decoder, Statistics stats) {
            return inner.evaluate(encoder, decoder, stats);
        }

        @Override
        public LossEvaluation gradients(INDArray encoder, INDArray decoder, Statistics stats) {
            gradientCalls++;
            return inner.gradients(encoder, decoder, stats);
        }
    }

    @Test
    void aUsersOwnLossAndOptimizerTrain() {
        CountingLoss loss = new CountingLoss();
        FittedAutoencoder model = LinearAutoencoder.builder(P).loss(loss).optimizer(new HalfStep())
                .schedule(LearningRateSchedule.constant(0.002)).steps(50).logEvery(50)
                .init(new Initialization(Kind.NORMAL, 0.1, 1)).build()
                .fit(rows);
        assertEquals(50, loss.gradientCalls, "one gradient per step");
        double first = model.history().get(0).loss();
        double last = model.history().get(model.history().size() - 1).loss();
        assertTrue(last < first, "the loss went down: " + first + " → " + last);
    }

    @Test
    void badSettingsFailAtOnceInOneLine() {
        assertThrows(LaeException.class, () -> LinearAutoencoder.builder(0));
        assertThrows(LaeException.class, () -> LinearAutoencoder.builder(3).steps(0));
        LaeException e = assertThrows(LaeException.class,
                () -> LinearAutoencoder.builder(3).loss(LossSpec.named("nonuniform").with(NonUniformL2Loss.LAMBDAS, new double[] {1, 0.5, 2})));
        assertTrue(e.getMessage().contains("strictly increasing") && !e.getMessage().contains("\n"), e.getMessage());
        LaeException tooWide = assertThrows(LaeException.class, () -> LinearAutoencoder.builder(N + 1).build().fit(rows));
        assertTrue(tooWide.getMessage().contains("exceeds the data's dimension"), tooWide.getMessage());
        assertThrows(LaeException.class, () -> new Initialization(Kind.TORCH, 0, 1234), "a standard deviation of 0");
    }

    /** The initialisation is an object: Balanced starts with B = Aᵀ, Torch from PyTorch's draw for the seed. */
    @Test
    void theInitialisationObjectDecidesTheStart() {
        FittedAutoencoder balanced = LinearAutoencoder.builder(P).steps(1).schedule(LearningRateSchedule.constant(1e-12))
                .init(new Initialization(Kind.BALANCED, 0.1, 5)).build().fit(rows);
        double[][] a = balanced.decoder();
        double[][] b = balanced.encoder();
        for (int i = 0; i < P; i++) {
            for (int k = 0; k < N; k++) {
                assertEquals(a[k][i], b[i][k], 1e-9, "B = Aᵀ up to one step of rate 1e-12");
            }
        }
        Model torch = new Initialization(Kind.TORCH, 1e-4, 1234).create(N, N, P, false, DataType.DOUBLE);
        FittedAutoencoder fromTorch = LinearAutoencoder.builder(P).steps(1).schedule(LearningRateSchedule.constant(1e-12))
                .init(new Initialization(Kind.TORCH, 1e-4, 1234)).build().fit(rows);
        // the fitted model carries the components' canonical signs (Model.canonicalSigns), which a step of 1e-12 keeps
        assertEquals(torch.canonicalSigns().decoder().getDouble(0, 0), fromTorch.decoder()[0][0], 1e-10,
                "PyTorch's draw, moved ≈ 1e-12");
    }
}
