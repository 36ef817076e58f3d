package io.lae.loss;

import static io.lae.TestData.array;
import static io.lae.TestData.nd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.TestData;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Per-sample nested dropout in float64, on a regression (n = 5, n' = 7, m = 30, p = 4): the value
 * against its literal definition sample by sample in plain Java, the gradients against central
 * differences of that definition, two exact identities with the statistics losses, and an autoencoder's
 * stacked GEMMs against the general path. On 1 100 samples with geometric truncations (nine blocks over
 * the four partial sums): the blocked host path against the whole batch at once, for an autoencoder and a
 * regression, in float64 and float32, and its bits on one thread against the machine's cores.
 */
class PerSampleNestedDropoutTest {

    private static final int P = 4;
    private static final int M = 30;
    private static double[][] xRows;
    private static double[][] yRows;
    private static INDArray x;
    private static INDArray y;
    private static INDArray encoder;
    private static INDArray decoder;
    private static int[] truncations;

    @BeforeAll
    static void data() {
        TestData.useFloat64();
        Random rng = new Random(71);
        xRows = TestData.anisotropic(M, 7, 0.3, rng);
        yRows = TestData.linearTargets(xRows, 5, rng);
        x = nd(xRows).transpose();
        y = nd(yRows).transpose();
        encoder = nd(TestData.gaussian(P, 7, 0.3, rng));
        decoder = nd(TestData.gaussian(5, P, 0.3, rng));
        truncations = new int[M];
        for (int j = 0; j < M; j++) {
            truncations[j] = 1 + rng.nextInt(P);
        }
    }

    /** c Σ_j ‖y_j − A I_{b_j;p} B x_j‖², sample by sample, with c = 1/m (scale mean). */
    private static double literal(double[][] b, double[][] a) {
        double total = 0;
        for (int j = 0; j < M; j++) {
            for (int r = 0; r < a.length; r++) {
                double reconstruction = 0;
                for (int i = 0; i < truncations[j]; i++) {
                    double code = 0;
                    for (int k = 0; k < b[i].length; k++) {
                        code += b[i][k] * xRows[j][k];
                    }
                    reconstruction += a[r][i] * code;
                }
                double residual = yRows[j][r] - reconstruction;
                total += residual * residual;
            }
        }
        return total / M;
    }

    private static LossEvaluation evaluate(int[] b, Scale scale) {
        return new PerSampleNestedDropout(P, scale).evaluate(encoder, decoder, x, y, b, true);
    }

    @Test
    void valueIsTheLiteralDefinition() {
        double expected = literal(array(encoder), array(decoder));
        assertEquals(expected, evaluate(truncations, Scale.MEAN).value(), 1e-12 * expected);
    }

    @Test
    void gradientsMatchCentralDifferencesOfTheDefinition() {
        LossEvaluation eval = evaluate(truncations, Scale.MEAN);
        assertClose(eval.gradEncoder(), numericGradient(true), "∇B");
        assertClose(eval.gradDecoder(), numericGradient(false), "∇A");
    }

    private static double[][] numericGradient(boolean ofEncoder) {
        double[][] b = array(encoder);
        double[][] a = array(decoder);
        double[][] w = ofEncoder ? b : a;
        double[][] grad = new double[w.length][w[0].length];
        double h = 1e-6;
        for (int i = 0; i < w.length; i++) {
            for (int k = 0; k < w[i].length; k++) {
                double keep = w[i][k];
                w[i][k] = keep + h;
                double up = literal(b, a);
                w[i][k] = keep - h;
                double down = literal(b, a);
                w[i][k] = keep;
                grad[i][k] = (up - down) / (2 * h);
            }
        }
        return grad;
    }

    private static void assertClose(INDArray analytic, double[][] numeric, String what) {
        double error = analytic.sub(nd(numeric)).norm2Number().doubleValue() / analytic.norm2Number().doubleValue();
        assertTrue(error < 1e-7, what + ": relative error " + error);
    }

    @Test
    void keepingEveryUnitIsMseOnTheBatch() {
        int[] all = new int[M];
        java.util.Arrays.fill(all, P);
        LossEvaluation perSample = evaluate(all, Scale.MEAN);
        LossEvaluation mse = LossSpec.named("mse").withScale(Scale.MEAN).create(P).evaluateBatch(encoder, decoder, x, y);
        assertEquals(mse.value(), perSample.value(), 1e-12 * mse.value());
        assertEquals(0, mse.gradEncoder().sub(perSample.gradEncoder()).amaxNumber().doubleValue(), 1e-12);
        assertEquals(0, mse.gradDecoder().sub(perSample.gradDecoder()).amaxNumber().doubleValue(), 1e-12);
    }

    /**
     * Each sample repeated p times with b = 1..p sums the p truncated losses: the {@code ordered}
     * loss (w_b = 1) of the original samples, computed from their statistics.
     */
    @Test
    void everyTruncationOnceIsTheOrderedLoss() {
        INDArray xs = Nd4j.concat(1, repeat(x));
        INDArray ys = Nd4j.concat(1, repeat(y));
        int[] b = new int[P * M];
        for (int t = 0; t < P; t++) {
            java.util.Arrays.fill(b, t * M, (t + 1) * M, t + 1);
        }
        LossEvaluation perSample = new PerSampleNestedDropout(P, Scale.SUM).evaluate(encoder, decoder, xs, ys, b, true);
        LossEvaluation ordered = LossSpec.named("ordered").withScale(Scale.SUM).create(P).evaluate(encoder, decoder,
                io.lae.stats.StatisticsAccumulator.of(nd(xRows), nd(yRows), false));
        assertEquals(ordered.value(), perSample.value(), 1e-10 * ordered.value());
        double scale = ordered.gradEncoder().norm2Number().doubleValue();
        assertTrue(ordered.gradEncoder().sub(perSample.gradEncoder()).norm2Number().doubleValue() < 1e-10 * scale);
        assertTrue(ordered.gradDecoder().sub(perSample.gradDecoder()).norm2Number().doubleValue()
                < 1e-10 * ordered.gradDecoder().norm2Number().doubleValue());
    }

    /** An autoencoder's two stacked GEMMs (y is x) against the four of the general path (y a copy of x). */
    @Test
    void autoencoderStackedGemmsEqualTheGeneralPath() {
        INDArray tiedDecoder = nd(TestData.gaussian(7, P, 0.3, new Random(72)));
        PerSampleNestedDropout loss = new PerSampleNestedDropout(P, Scale.MEAN);
        LossEvaluation stacked = loss.evaluate(encoder, tiedDecoder, x, x, truncations, true);
        LossEvaluation general = loss.evaluate(encoder, tiedDecoder, x, x.dup(), truncations, true);
        assertEquals(general.value(), stacked.value(), 1e-12 * general.value());
        assertRelative(general.gradEncoder(), stacked.gradEncoder(), 1e-12);
        assertRelative(general.gradDecoder(), stacked.gradDecoder(), 1e-12);
    }

    /**
     * The same evaluation on X with its samples contiguous (the blocked host path) and on a row-major copy of
     * X, which host BLAS cannot gather by sample (the whole batch at once).
     */
    @Test
    void blockedHostPathEqualsTheWholeBatch() {
        Random rng = new Random(73);
        int m = 1100;
        int p = 12;
        INDArray rows = nd(TestData.anisotropic(m, 9, 0.3, rng));
        INDArray xs = rows.transpose();
        INDArray ys = nd(TestData.linearTargets(array(rows), 6, rng)).transpose();
        INDArray b = nd(TestData.gaussian(p, 9, 0.3, rng));
        INDArray tiedA = nd(TestData.gaussian(9, p, 0.3, rng));
        INDArray a = nd(TestData.gaussian(6, p, 0.3, rng));
        int[] t = geometricTruncations(m, p, rng);
        PerSampleNestedDropout loss = new PerSampleNestedDropout(p, Scale.MEAN);
        for (boolean autoencoder : new boolean[] {true, false}) {
            INDArray decoder = autoencoder ? tiedA : a;
            INDArray y = autoencoder ? xs : ys;
            LossEvaluation blocked = loss.evaluate(b, decoder, xs, y, t, true);
            INDArray rowMajor = xs.dup('c');
            LossEvaluation whole = loss.evaluate(b, decoder, rowMajor, autoencoder ? rowMajor : y.dup('c'), t, true);
            assertEquals(whole.value(), blocked.value(), 1e-12 * whole.value());
            assertRelative(whole.gradEncoder(), blocked.gradEncoder(), 1e-12);
            assertRelative(whole.gradDecoder(), blocked.gradDecoder(), 1e-12);
            INDArray xf = rows.castTo(DataType.FLOAT).transpose();
            INDArray yf = autoencoder ? xf : ys.transpose().castTo(DataType.FLOAT).transpose();
            LossEvaluation single = new PerSampleNestedDropout(p, Scale.MEAN).evaluate(b.castTo(DataType.FLOAT),
                    decoder.castTo(DataType.FLOAT), xf, yf, t, true);
            assertEquals(whole.value(), single.value(), 1e-5 * whole.value());
            assertRelative(whole.gradEncoder(), single.gradEncoder().castTo(DataType.DOUBLE), 1e-5);
            assertRelative(whole.gradDecoder(), single.gradDecoder().castTo(DataType.DOUBLE), 1e-5);
        }
    }

    /** The partial sums on one thread give the bits they give on the machine's cores. */
    @Test
    void blockedHostPathIsTheSameBitsOnOneThread() throws Exception {
        Random rng = new Random(74);
        int m = 1100;
        int p = 12;
        INDArray xs = nd(TestData.anisotropic(m, 9, 0.3, rng)).transpose();
        INDArray b = nd(TestData.gaussian(p, 9, 0.3, rng));
        INDArray a = nd(TestData.gaussian(9, p, 0.3, rng));
        int[] t = geometricTruncations(m, p, rng);
        LossEvaluation cores = new PerSampleNestedDropout(p, Scale.MEAN).evaluate(b, a, xs, xs, t, false);
        ForkJoinPool oneThread = new ForkJoinPool(1);
        try {
            LossEvaluation one = oneThread.submit(() -> new PerSampleNestedDropout(p, Scale.MEAN)
                    .evaluate(b, a, xs, xs, t, false)).get();
            assertEquals(cores.gradEncoder(), one.gradEncoder());
            assertEquals(cores.gradDecoder(), one.gradDecoder());
        } finally {
            oneThread.shutdown();
        }
    }

    /** @return b_j of a geometric prior, P(b > i) = 0.7^i, capped at p */
    private static int[] geometricTruncations(int m, int p, Random rng) {
        int[] t = new int[m];
        for (int j = 0; j < m; j++) {
            t[j] = 1;
            while (t[j] < p && rng.nextDouble() < 0.7) {
                t[j]++;
            }
        }
        return t;
    }

    private static void assertRelative(INDArray expected, INDArray actual, double tolerance) {
        double error = expected.sub(actual).norm2Number().doubleValue() / expected.norm2Number().doubleValue();
        assertTrue(error < tolerance, "relative error " + error);
    }

    private static INDArray[] repeat(INDArray a) {
        INDArray[] copies = new INDArray[P];
        java.util.Arrays.fill(copies, a);
        return copies;
    }
}
