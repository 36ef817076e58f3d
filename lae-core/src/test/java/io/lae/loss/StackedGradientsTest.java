package io.lae.loss;

import static io.lae.TestData.nd;
import static io.lae.TestData.observe;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.TestData;
import io.lae.stats.Statistics;
import io.lae.stats.StatisticsAccumulator;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The stacked fast path ({@link Loss#gradients}, one GEMM Σ[Bᵀ | A]) against the reference
 * {@link Loss#evaluate} for every loss, in float64, and its buffers reused across calls.
 */
class StackedGradientsTest {

    private static final int P = 6;
    private static Statistics stats;

    @BeforeAll
    static void data() {
        TestData.useFloat64();
        stats = StatisticsAccumulator.of(nd(TestData.anisotropic(120, 25, 0.3, new Random(50))), true);
    }

    private static StackedWeights weights(long seed) {
        Random rng = new Random(seed);
        return StackedWeights.of(nd(TestData.gaussian(P, 25, 0.2, rng)), nd(TestData.gaussian(25, P, 0.2, rng)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mse", "ordered", "sum", "nonuniform", "nested-dropout", "product"})
    void gradientsMatchTheReferenceEvaluation(String name) {
        Loss loss = LossSpec.example(name, P).create(P);
        StackedWeights w = weights(51);
        LossEvaluation reference = loss.evaluate(w.encoder().dup(), w.decoder().dup(), stats);
        LossEvaluation fast = loss.gradients(w, stats);
        double errB = observe(name + " ∇B stacked vs reference", TestData.relativeError(reference.gradEncoder(), fast.gradEncoder()));
        double errA = observe(name + " ∇A stacked vs reference", TestData.relativeError(reference.gradDecoder(), fast.gradDecoder()));
        assertTrue(errB < 1e-12, "∇B relative error " + errB);
        assertTrue(errA < 1e-12, "∇A relative error " + errA);
    }

    /**
     * On the CPU backend the kernel calls BLAS directly and runs its element-wise work as plain-Java passes; with
     * ND4J's ops throughout instead it gives the same bits, in float64 and float32, at n = 1100 (more than one
     * chunk of a pass) and p = 7.
     */
    @ParameterizedTest
    @ValueSource(strings = {"mse", "ordered", "sum", "nonuniform", "nested-dropout", "product"})
    void theHostPassesGiveTheBitsOfNd4jsOps(String name) {
        Statistics big = StatisticsAccumulator.of(nd(TestData.anisotropic(1300, 1100, 0.3, new Random(60))), true);
        Random rng = new Random(61);
        StackedWeights w = StackedWeights.of(nd(TestData.gaussian(7, 1100, 0.2, rng)), nd(TestData.gaussian(1100, 7, 0.2, rng)));
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            StackedWeights typed = StackedWeights.of(w.encoder().castTo(type), w.decoder().castTo(type));
            Statistics s = big.as(type);
            CompositeLoss loss = (CompositeLoss) LossSpec.example(name, 7).create(7);
            LossEvaluation host = loss.kernel(new StackedBuffers(), true).compute(typed, s);
            LossEvaluation reference = loss.kernel(new StackedBuffers(), false).compute(typed, s);
            assertArrayEquals(bits(reference.gradEncoder()), bits(host.gradEncoder()), name + " " + type + " ∇B");
            assertArrayEquals(bits(reference.gradDecoder()), bits(host.gradDecoder()), name + " " + type + " ∇A");
            assertArrayEquals(bits(reference.codeMoment()), bits(host.codeMoment()), name + " " + type + " BΣBᵀ");
        }
    }

    /** @return x's values in row-major order, as float64 (exactly, for float32) */
    private static double[] bits(INDArray x) {
        return x.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    @Test
    void theCodeMomentIsBSigmaBTransposed() {
        StackedWeights w = weights(52);
        LossEvaluation fast = LossSpec.example("ordered", P).create(P).gradients(w, stats);
        INDArray expected = w.encoder().mmul(stats.sigmaXX()).mmul(w.encoder().transpose());
        assertNotNull(fast.codeMoment());
        assertTrue(TestData.relativeError(expected, fast.codeMoment()) < 1e-13);
    }

    @Test
    void aRegressionFallsBackToTheGradientsAlone() {
        Random rng = new Random(54);
        Statistics regression = StatisticsAccumulator.of(nd(TestData.anisotropic(120, 25, 0.3, rng)),
                nd(TestData.anisotropic(120, 25, 0.3, rng)), true);
        Loss product = LossSpec.example("product", P).create(P);
        StackedWeights w = weights(53);
        LossEvaluation fast = product.gradients(w, regression);
        LossEvaluation reference = product.evaluate(w.encoder().dup(), w.decoder().dup(), regression);
        assertNull(fast.codeMoment());
        assertTrue(Double.isNaN(fast.value()), "no value formed: " + fast.value());
        assertEquals(reference.gradEncoder(), fast.gradEncoder());
        assertEquals(reference.gradDecoder(), fast.gradDecoder());
    }

    @Test
    void theProductPenaltyJoinsTheFusedForm() {
        StackedWeights w = weights(56);
        LossEvaluation fast = LossSpec.example("product", P).create(P).gradients(w, stats);
        assertNotNull(fast.codeMoment(), "the product loss's step forms BΣBᵀ on the fused path, for rag");
    }

    /** Stochastic nested dropout uses one truncation a step: the p kernels share one set of buffers. */
    @Test
    void theTruncationsShareTheirBuffersAndStayExact() {
        Loss[] truncations = NestedDropoutLoss.truncations(P, Scale.HALF_MEAN);
        StackedWeights w = weights(55);
        LossEvaluation second = truncations[1].gradients(w, stats);
        long secondBuffer = second.gradDecoder().data().address();
        INDArray secondA = second.gradDecoder().dup();
        LossEvaluation fifth = truncations[4].gradients(w, stats);
        assertEquals(secondBuffer, fifth.gradDecoder().data().address(), "one buffer for both truncations");
        INDArray b = w.encoder().dup();
        INDArray a = w.decoder().dup();
        assertTrue(TestData.relativeError(truncations[1].evaluate(b, a, stats).gradDecoder(), secondA) < 1e-12);
        assertTrue(TestData.relativeError(truncations[4].evaluate(b, a, stats).gradDecoder(), fifth.gradDecoder()) < 1e-12);
        assertTrue(TestData.relativeError(truncations[4].evaluate(b, a, stats).gradEncoder(), fifth.gradEncoder()) < 1e-12);
    }

    @Test
    void laterCallsSeeTheNewWeights() {
        Loss loss = LossSpec.example("ordered", P).create(P);
        StackedWeights w = weights(54);
        loss.gradients(w, stats);
        w.all().muli(0.5);
        LossEvaluation reference = loss.evaluate(w.encoder().dup(), w.decoder().dup(), stats);
        LossEvaluation again = loss.gradients(w, stats);
        assertTrue(TestData.relativeError(reference.gradDecoder(), again.gradDecoder()) < 1e-12);
        assertTrue(TestData.relativeError(reference.gradEncoder(), again.gradEncoder()) < 1e-12);
    }

    @Test
    void float32GivesFloat64GradientsToFloat32Accuracy() {
        Loss loss = LossSpec.example("sum", P).create(P);
        StackedWeights w = weights(55);
        LossEvaluation wide = loss.gradients(w, stats);
        StackedWeights narrow = StackedWeights.of(w.encoder().castTo(DataType.FLOAT), w.decoder().castTo(DataType.FLOAT));
        LossEvaluation f32 = LossSpec.example("sum", P).create(P).gradients(narrow, stats.as(DataType.FLOAT));
        assertEquals(DataType.FLOAT, f32.gradDecoder().dataType());
        assertTrue(TestData.relativeError(wide.gradDecoder(), f32.gradDecoder().castTo(DataType.DOUBLE)) < 1e-4);
    }

    @Test
    void theViewsShareTheStackedStorage() {
        StackedWeights w = weights(56);
        assertEquals(P, w.encoder().rows());
        assertEquals(25, w.encoder().columns());
        w.all().assign(2.0);
        assertEquals(2.0, w.encoder().getDouble(P - 1, 24));
        assertEquals(2.0, w.decoder().getDouble(24, P - 1));
    }
}
