package io.lae.contract;

import static io.lae.TestData.array;
import static io.lae.TestData.nd;
import static io.lae.TestData.observe;
import static io.lae.TestData.relativeError;
import static io.lae.TestData.transpose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.TestData;
import io.lae.fit.FittedAutoencoder;
import io.lae.fit.LinearAutoencoder;
import io.lae.loss.Loss;
import io.lae.loss.LossEvaluation;
import io.lae.loss.LossSpec;
import io.lae.loss.Losses;
import io.lae.loss.StackedWeights;
import io.lae.method.Settings;
import io.lae.optim.LearningRateSchedule;
import io.lae.optim.Optimizer;
import io.lae.optim.OptimizerState;
import io.lae.optim.Optimizers;
import io.lae.optim.Reference;
import io.lae.stats.ReferenceStatistics;
import io.lae.stats.Statistics;
import io.lae.stats.StatisticsAccumulator;
import io.lae.train.GradientRule;
import io.lae.train.Initialization;
import io.lae.train.MiniBatches;
import io.lae.train.Model;
import io.lae.train.StepSettings;
import io.lae.train.TrainingStep;
import io.lae.train.UpdateRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The backend contract: what a training step computes on the active ND4J backend (the CPU in the
 * default build; CUDA when lae-nd4j-cuda runs this class from lae-core's test jar with
 * {@code -Dlae.contract.backend=cuda}) agrees with references computed on the host in plain Java
 * doubles, never through ND4J: the statistics from raw rows, every loss's value and gradients on
 * each of its paths (reference {@code evaluate}, fused {@code gradients} on stacked weights,
 * {@code evaluateBatch}), the mini-batches gathered from the samples, one step of every optimizer and
 * of the {@code rag} and {@code gha} rules, and a short {@code ordered} run that must reach the principal directions known by construction.
 * float64 throughout, float32 wherever lae has a float32 path.
 *
 * <p>With {@code lae.contract.backend} set and another backend loaded, every test is skipped with
 * the reason ({@link RequestedBackend}).
 */
class BackendContractTest {

    private static final int N = 12;
    private static final int P = 4;
    private static final int M = 50;

    /**
     * float64 results of GEMMs and reductions over at most M·N = 600 terms: rounding is ~1e-15
     * relative (measured ≤ 5e-15 on the CPU), and another backend's summation order (cuBLAS blocking,
     * FMA) moves it by as much again; 1e-10 leaves room for cancellation while any formula error fails.
     */
    private static final double FLOAT64 = 1e-10;
    /**
     * The same in float32 (ε ≈ 6e-8; measured ≤ 2e-7 on the CPU), as Float32Test allows. TF32 tensor
     * cores (a 10-bit mantissa, ~1e-3) would fail it, as they should: lae's float32 means IEEE float32.
     */
    private static final double FLOAT32 = 1e-4;
    /** Element-wise updates, a few roundings per entry (measured ≤ 1e-16), as OptimizerContractTest allows. */
    private static final double ELEMENTWISE64 = 1e-12;
    /**
     * float32 element-wise updates: ND4J's fused Adam op forms 1 − β₂ in float32 (1.3e-5 off 0.001),
     * which shows in v at ~1e-6 of its largest entry (measured 1e-6); other updates measure ≤ 5e-8.
     */
    private static final double ELEMENTWISE32 = 1e-5;

    private static final double MOMENTUM = 0.9;
    private static final List<DataType> TYPES = List.of(DataType.DOUBLE, DataType.FLOAT);

    /** m×n samples as rows, with mean ≈ 0.3 (kept: the losses see uncentred statistics). */
    private static double[][] rows;
    /** X = rowsᵀ, n×m, samples as columns. */
    private static double[][] x;
    /** The uncentred float64 statistics of X, the losses' and rules' input. */
    private static Statistics stats;
    private static double[][] encoder;
    private static double[][] decoder;

    @BeforeAll
    static void data() {
        TestData.useFloat64();
        Random rng = new Random(70);
        rows = TestData.anisotropic(M, N, 0.3, rng);
        x = transpose(rows);
        stats = StatisticsAccumulator.of(nd(rows), false);
        encoder = TestData.gaussian(P, N, 1 / Math.sqrt(N), rng);
        decoder = TestData.gaussian(N, P, 1 / Math.sqrt(P), rng);
    }

    /** Per test, not in {@code @BeforeAll}: Surefire reports a class-level assumption as 0 tests run, silently. */
    @BeforeEach
    void onTheRequestedBackend() {
        RequestedBackend.assumeLoaded();
    }

    // ----- statistics -----

    /** Rows in float32 are accumulated in float64: the reference is then the float32-rounded rows. */
    @ParameterizedTest(name = "{0} rows")
    @EnumSource(value = DataType.class, names = {"DOUBLE", "FLOAT"})
    void statisticsOfRawRowsInTwoChunks(DataType type) {
        double[][] shifted = array(nd(TestData.anisotropic(M, N, 5.0, new Random(71))).castTo(type));
        for (boolean center : new boolean[] {false, true}) {
            StatisticsAccumulator acc = StatisticsAccumulator.autoencoder(N);
            acc.add(nd(Arrays.copyOfRange(shifted, 0, 17)).castTo(type));
            acc.add(nd(Arrays.copyOfRange(shifted, 17, M)).castTo(type));
            Statistics s = acc.build(center);
            ReferenceStatistics expected = center ? ReferenceStatistics.centered(shifted, shifted)
                    : ReferenceStatistics.of(shifted, shifted);
            assertEquals(M, s.sampleCount());
            assertEquals(center, s.centered());
            assertEquals(DataType.DOUBLE, s.dataType());
            assertTrue(observe("contract statistics, " + type + " rows, center=" + center, expected.errorOf(s)) < FLOAT64);
        }
    }

    @Test
    void regressionStatisticsOfRawRows() {
        Random rng = new Random(72);
        double[][] targets = TestData.linearTargets(rows, 5, rng);
        Statistics s = StatisticsAccumulator.of(nd(rows), nd(targets), true);
        double error = ReferenceStatistics.centered(rows, targets).errorOf(s);
        assertTrue(observe("contract regression statistics, centred", error) < FLOAT64);
        assertEquals(5, s.outputDim());
        assertEquals(M, s.sampleCount());
    }

    // ----- losses -----

    static Stream<Arguments> lossesAndTypes() {
        return Losses.REGISTRY.names().stream().flatMap(name -> TYPES.stream().map(type -> Arguments.of(name, type)));
    }

    /**
     * The reference path (value and gradients from the statistics), the mini-batch path on all M
     * samples, and the fused stacked path (gradients; its value is NaN unless formed on the way).
     */
    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("lossesAndTypes")
    void everyLossPathGivesTheHostValueAndGradients(String name, DataType type) {
        LossSpec spec = LossSpec.example(name, P);
        INDArray b = nd(encoder).castTo(type);
        INDArray a = nd(decoder).castTo(type);
        ReferenceLoss.Evaluation host = ReferenceLoss.of(spec, P, M).evaluate(array(b), array(a), x, x);
        Loss loss = spec.create(P);
        Statistics typed = stats.as(type);
        INDArray samples = nd(x).castTo(type);
        double tolerance = type == DataType.DOUBLE ? FLOAT64 : FLOAT32;

        assertAgrees(host, loss.evaluate(b, a, typed), name + " evaluate " + type, tolerance);
        assertAgrees(host, loss.evaluateBatch(b, a, samples, samples), name + " batch " + type, tolerance);
        assertAgrees(host, loss.gradients(StackedWeights.of(b, a), typed), name + " stacked " + type, tolerance);
    }

    private static void assertAgrees(ReferenceLoss.Evaluation host, LossEvaluation actual, String label,
                                     double tolerance) {
        assertEquals(host.gradEncoder()[0].length, actual.gradEncoder().columns(), label);
        double gradient = observe("contract " + label + " gradients", Math.max(
                relativeError(host.gradEncoder(), array(actual.gradEncoder())),
                relativeError(host.gradDecoder(), array(actual.gradDecoder()))));
        assertTrue(gradient < tolerance, label + ": gradient error " + gradient);
        if (!Double.isNaN(actual.value())) {
            double value = observe("contract " + label + " value", relativeError(host.value(), actual.value()));
            assertTrue(value < tolerance, label + ": value error " + value);
        }
    }

    // ----- optimizers -----

    static Stream<Arguments> optimizersAndTypes() {
        return Optimizers.REGISTRY.names().stream().flatMap(name -> TYPES.stream().map(type -> Arguments.of(name, type)));
    }

    /**
     * One step from a mid-run state (step 4, non-zero buffers, so Adam's bias correction and the
     * velocities matter) on the model's stacked, column-major views, with directions in the layout
     * of the fused gradients: parameters and buffers against {@link Reference}.
     */
    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("optimizersAndTypes")
    void oneOptimizerStepFromAMidRunStateFollowsTheFormula(String name, DataType type) {
        Random rng = new Random(73);
        Model model = Model.of(nd(encoder).castTo(type), nd(decoder).castTo(type));
        Optimizer optimizer = Optimizers.create(name, Settings.NONE.with(Optimizers.MOMENTUM, MOMENTUM));
        Map<String, INDArray> buffers = optimizer.init(model.parameters()).buffers();
        buffers.forEach((slot, buffer) -> buffer.assign(nd(TestData.gaussian((int) buffer.rows(),
                (int) buffer.columns(), 0.1, rng)).castTo(type)));
        buffers.entrySet().stream().filter(e -> e.getKey().endsWith("/v")).forEach(e -> e.getValue().muli(e.getValue()));
        OptimizerState state = OptimizerState.restore(4, buffers);
        StackedWeights grads = StackedWeights.of(nd(TestData.gaussian(P, N, 1, rng)).castTo(type),
                nd(TestData.gaussian(N, P, 1, rng)).castTo(type));
        Map<String, INDArray> directions = Map.of(Model.ENCODER, grads.encoder(), Model.DECODER, grads.decoder());
        double lr = 0.05;

        Map<String, double[]> expected = new LinkedHashMap<>();
        model.parameters().forEach((param, value) -> {
            double[] theta = flat(value);
            List<double[]> slots = new ArrayList<>();
            buffers.forEach((slot, buffer) -> {
                if (slot.startsWith(param + "/")) {
                    slots.add(flat(buffer));
                    expected.put(slot, slots.get(slots.size() - 1));
                }
            });
            referenceOf(name).step(theta, flat(directions.get(param)), slots.toArray(double[][]::new), 5, lr);
            expected.put(param, theta);
        });
        optimizer.apply(model.parameters(), directions, state, lr);

        double tolerance = type == DataType.DOUBLE ? ELEMENTWISE64 : ELEMENTWISE32;
        assertEquals(5, state.step());
        expected.forEach((key, values) -> {
            INDArray actual = key.contains("/") ? state.buffers().get(key) : model.parameters().get(key);
            double error = observe("contract " + name + " " + type + " " + key,
                    relativeError(new double[][] {values}, new double[][] {flat(actual)}));
            assertTrue(error < tolerance, key + ": error " + error);
        });
    }

    private static Reference referenceOf(String name) {
        return switch (name) {
            case "sgd" -> Reference.sgd();
            case "momentum", "nesterov" -> Reference.momentum(MOMENTUM, name.equals("nesterov"));
            default -> Reference.adam(0.9, 0.999, 1e-8);  // PyTorch's defaults, as Optimizers.create gives
        };
    }

    /** @return the entries in C order, as float64 */
    private static double[] flat(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c').reshape(a.length()).toDoubleVector();
    }

    // ----- mini-batches -----

    /**
     * The batches of two epochs (b = 7 of M = 50, so the last batch holds one sample) are rows of X,
     * copied exactly, and each epoch's batches partition the samples in a new order.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DataType.class, names = {"DOUBLE", "FLOAT"})
    void miniBatchesPartitionEachEpochIntoExactCopiesOfTheRows(DataType type) {
        double[][] typedRows = array(nd(rows).castTo(type));
        MiniBatches batches = new MiniBatches(nd(rows), null, stats, 7, 75, type);
        assertEquals(8, batches.batchesPerEpoch());
        List<List<Integer>> epochs = new ArrayList<>();
        for (long step = 0; step < 2 * batches.batchesPerEpoch(); step++) {
            MiniBatches.Batch batch = batches.batch(step);
            assertEquals(step % 8 == 7 ? 1 : 7, batch.size());
            assertEquals(type, batch.x().dataType());
            assertSame(batch.x(), batch.y(), "an autoencoder's targets are its inputs");
            if (step % 8 == 0) {
                epochs.add(new ArrayList<>());
            }
            for (double[] sample : transpose(array(batch.x()))) {
                int row = indexOf(typedRows, sample);
                assertTrue(row >= 0, "step " + step + " holds a sample that is no row of X");
                epochs.get(epochs.size() - 1).add(row);
            }
        }
        for (List<Integer> epoch : epochs) {
            assertEquals(M, epoch.stream().distinct().count(), "every sample once per epoch");
        }
        assertNotEquals(epochs.get(0), epochs.get(1), "each epoch is reshuffled");
    }

    private static int indexOf(double[][] table, double[] row) {
        for (int i = 0; i < table.length; i++) {
            if (Arrays.equals(table[i], row)) {
                return i;
            }
        }
        return -1;
    }

    // ----- update rules -----

    static Stream<Arguments> rulesAndTypes() {
        return Stream.of(Arguments.of("rag", "mse"), Arguments.of("rag", "product"), Arguments.of("gha", "mse"))
                .flatMap(c -> TYPES.stream().map(type -> Arguments.of(c.get()[0], c.get()[1], type)));
    }

    /**
     * One full-batch {@link TrainingStep} with SGD: {@code rag} on {@code mse} (the fused path, which
     * hands BΣBᵀ to the rule) and on {@code product} (the reference path, where the rule forms it),
     * and {@code gha} on tied weights. The step's change of the weights is held against the host's,
     * relative to its size.
     */
    @ParameterizedTest(name = "{0} on {1}, {2}")
    @MethodSource("rulesAndTypes")
    void oneRuleStepMovesTheWeightsAsTheHostRuleDoes(String rule, String lossName, DataType type) {
        LossSpec spec = LossSpec.example(lossName, P);
        boolean tied = rule.equals("gha");
        double lr = tied ? 0.1 : 1e-3;
        Model model = tied ? Model.tied(nd(decoder).castTo(type))
                : Model.of(nd(encoder).castTo(type), nd(decoder).castTo(type));
        double[][] b = array(model.encoder());
        double[][] a = array(model.decoder());
        StepSettings settings = StepSettings.of(spec, P, UpdateRules.create(rule), Optimizers.create("sgd"));

        TrainingStep.fresh(settings, stats.as(type), model).apply(model, 0, lr, null);

        double[][] expectedA;
        double[][] expectedB = null;
        if (tied) {
            expectedA = ReferenceRules.ghaStep(a, x, lr);
        } else {
            double[][][] g = ReferenceRules.ragDirections(b, a, x, ReferenceLoss.of(spec, P, M).evaluate(b, a, x, x));
            expectedB = ReferenceRules.plus(b, g[0], -lr);
            expectedA = ReferenceRules.plus(a, g[1], -lr);
        }
        double tolerance = type == DataType.DOUBLE ? FLOAT64 : FLOAT32;
        String label = "contract " + rule + " on " + lossName + " " + type;
        double errorA = observe(label + " ΔA", changeError(a, expectedA, model.decoder()));
        assertTrue(errorA < tolerance, "ΔA error " + errorA);
        if (!tied) {
            double errorB = observe(label + " ΔB", changeError(b, expectedB, model.encoder()));
            assertTrue(errorB < tolerance, "ΔB error " + errorB);
        }
    }

    /** @return the relative error of the change before → actual against before → expected */
    private static double changeError(double[][] before, double[][] expected, INDArray actual) {
        return relativeError(ReferenceRules.plus(expected, before, -1), ReferenceRules.plus(array(actual), before, -1));
    }

    // ----- a short training run -----

    /**
     * 300 full-batch Nesterov steps of {@code ordered} through the fit API on data whose principal
     * directions U and eigenvalues λ are known by construction: the decoder's columns must be u₁..u_p
     * in order and the loss Oftadeh's optimum p·tyy − Σ_i (p−i+1)λ_i (eq. 5). Measured on the CPU:
     * 1 − |cos| ≈ 6e-9 and a relative loss gap below 1e-6 in both dtypes, against ~0.1 for a run that
     * went wrong; the bounds leave a factor of 10 or more.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DataType.class, names = {"DOUBLE", "FLOAT"})
    void aShortOrderedRunReachesTheOrderedPrincipalDirections(DataType type) {
        TestData.Spectral data = TestData.withSpectrum(
                new double[] {4.0, 3.4, 2.8, 2.2, 1.6, 1.3, 1.1, 0.9, 0.7, 0.5, 0.3, 0.1}, M, new Random(74));
        Statistics s = StatisticsAccumulator.of(data.rowArray(), false);
        long steps = 300;
        FittedAutoencoder r = LinearAutoencoder.builder(P).loss(LossSpec.named("ordered")).rule(new GradientRule())
                .optimizer(Optimizers.create("nesterov", Settings.NONE.with(Optimizers.MOMENTUM, MOMENTUM))).schedule(LearningRateSchedule.constant(0.004))
                .steps(steps).init(new Initialization(Initialization.Kind.NORMAL, 0.1, 3)).dataType(type)
                .logEvery(steps).build().fit(s);

        String label = "contract ordered run " + type;
        double[][] a = r.decoder();
        for (int i = 0; i < P; i++) {
            double cosine = Math.abs(TestData.dot(a, i, data.directions(), i)) / Math.sqrt(TestData.dot(a, i, a, i));
            assertTrue(observe(label + ", 1 − |cos(A_" + i + ", u_" + i + ")|", 1 - cosine) < 1e-7,
                    "column " + i + ": |cos| = " + cosine);
        }
        double optimum = P * data.totalVariance();
        for (int i = 0; i < P; i++) {
            optimum -= (P - i) * data.eigenvalues()[i];
        }
        double gap = observe(label + ", |loss / optimum − 1|", Math.abs(r.history().getLast().loss() / optimum - 1));
        assertTrue(gap < 1e-5, "loss " + r.history().getLast().loss() + " vs optimum " + optimum);
    }
}
