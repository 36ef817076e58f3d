package io.lae.vae;

import static io.lae.TestData.nd;
import static io.lae.TestData.observe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.TestData;
import io.lae.stats.Statistics;
import io.lae.stats.StatisticsAccumulator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The linear VAE's loss from the statistics against its definition sample by sample, and its
 * analytic gradients against SameDiff autodiff and five-point finite differences, at random points
 * (n = 6, m = 40, p ∈ {1, 3, 6}, uncentred data with an offset, float64); float32 against float64.
 */
class LinearVaeTest {

    private static final int N = 6;
    private static final int P = 3;
    private static final int M = 40;

    private static INDArray x;
    private static Statistics stats;

    @BeforeAll
    static void data() {
        TestData.useFloat64();
        INDArray rows = nd(TestData.anisotropic(M, N, 0.3, new Random(50)));
        x = rows.transpose().dup();
        stats = StatisticsAccumulator.of(rows, false);
    }

    @ParameterizedTest(name = "p = {0}")
    @ValueSource(ints = {1, P, N})
    void valueFromStatisticsIsThePerSampleNegativeElbo(int p) {
        Random rng = new Random(51);
        for (int trial = 0; trial < 5; trial++) {
            VaeParameters params = VaeFixtures.randomPoint(N, p, rng);
            double literal = LinearVae.valueFromData(params, x);
            double error = observe("VAE statistics vs per-sample value, p = " + p,
                    TestData.relativeError(literal, LinearVae.value(params, stats)));
            assertTrue(error < 1e-12, "relative error " + error);
        }
    }

    @ParameterizedTest(name = "p = {0}")
    @ValueSource(ints = {1, P, N})
    void analyticGradientsMatchSameDiff(int p) {
        Random rng = new Random(52);
        for (int trial = 0; trial < 3; trial++) {
            VaeParameters params = VaeFixtures.randomPoint(N, p, rng);
            VaeEvaluation analytic = LinearVae.evaluate(params, stats);
            VaeEvaluation autodiff = LinearVaeGraph.evaluate(params, stats);
            double value = observe("VAE analytic vs SameDiff value, p = " + p,
                    TestData.relativeError(autodiff.value(), analytic.value()));
            double gradient = observe("VAE analytic vs SameDiff gradients, p = " + p,
                    VaeFixtures.relativeError(autodiff.gradients(), analytic.gradients()));
            assertTrue(value < 1e-12, "value error " + value);
            assertTrue(gradient < 1e-8, "gradient error " + gradient);
        }
    }

    /**
     * f'(0) ≈ (−f(2h) + 8f(h) − 8f(−h) + f(−2h))/(12h) on every coordinate of the four parameters:
     * exact up to rounding in W₁, W₂ (the loss is a quartic there), error O(h⁴) in log D, log σ².
     */
    @ParameterizedTest(name = "p = {0}")
    @ValueSource(ints = {1, P, N})
    void analyticGradientsMatchFiniteDifferences(int p) {
        VaeParameters params = VaeFixtures.randomPoint(N, p, new Random(53));
        VaeEvaluation analytic = LinearVae.evaluate(params, stats);
        double h = 1e-3;
        double[] offsets = {2 * h, h, -h, -2 * h};
        Map<String, INDArray> numeric = new LinkedHashMap<>();
        params.asMap().forEach((name, array) -> {
            INDArray estimate = array.like();
            for (long k = 0; k < array.length(); k++) {
                double original = array.getDouble(k);
                double[] f = new double[4];
                for (int s = 0; s < 4; s++) {
                    array.putScalar(k, original + offsets[s]);
                    f[s] = LinearVae.value(params, stats);
                }
                array.putScalar(k, original);
                estimate.putScalar(k, (-f[0] + 8 * f[1] - 8 * f[2] + f[3]) / (12 * h));
            }
            numeric.put(name, estimate);
        });
        double error = observe("VAE analytic vs finite-difference gradients, p = " + p,
                VaeFixtures.relativeError(numeric, analytic.gradients()));
        assertTrue(error < 1e-8, "gradient error " + error);
    }

    @Test
    void float32AgreesWithFloat64() {
        VaeParameters wide = VaeFixtures.randomPoint(N, P, new Random(54));
        VaeParameters narrow = new VaeParameters(wide.encoder().castTo(DataType.FLOAT),
                wide.decoder().castTo(DataType.FLOAT), wide.logVariance().castTo(DataType.FLOAT),
                wide.logNoise().castTo(DataType.FLOAT));
        VaeEvaluation expected = LinearVae.evaluate(wide, stats);
        VaeEvaluation actual = LinearVae.evaluate(narrow, stats.as(DataType.FLOAT));
        actual.gradients().values().forEach(g -> assertEquals(DataType.FLOAT, g.dataType()));
        double value = observe("VAE float32 vs float64 value", TestData.relativeError(expected.value(), actual.value()));
        double gradient = observe("VAE float32 vs float64 gradients",
                VaeFixtures.relativeError(expected.gradients(), actual.gradients()));
        assertTrue(value < 1e-5, "value error " + value);
        assertTrue(gradient < 1e-4, "gradient error " + gradient);
    }

    @Test
    void regressionStatisticsAreRefused() {
        Random rng = new Random(55);
        double[][] inputs = TestData.anisotropic(M, N, 0.3, rng);
        Statistics regression = StatisticsAccumulator.of(nd(inputs), nd(TestData.linearTargets(inputs, N, rng)), false);
        VaeParameters params = VaeFixtures.randomPoint(N, P, rng);
        assertThrows(IllegalArgumentException.class, () -> LinearVae.evaluate(params, regression));
    }
}
