package io.lae.closedform;

import static io.lae.TestData.nd;
import static io.lae.TestData.observe;
import static io.lae.TestData.relativeError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.TestData;
import io.lae.linalg.SymmetricEigen;
import io.lae.loss.CompositeLoss;
import io.lae.loss.Loss;
import io.lae.loss.LossEvaluation;
import io.lae.loss.LossSpec;
import io.lae.loss.NestedDropoutLoss;
import io.lae.loss.NestedReconstruction;
import io.lae.loss.NonUniformL2Loss;
import io.lae.loss.ProductL2Loss;
import io.lae.metrics.TransposeGap;
import io.lae.stats.Statistics;
import io.lae.stats.StatisticsAccumulator;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The papers' theorems as tests, in float64. The autoencoder data are X = U diag(σ) Vᵀ with Haar
 * U, V, so the principal directions U and eigenvalues λ_i = σ_i² are known by construction and
 * every optimum is written out from them, independently of lae's eigensolver: Oftadeh's optimum
 * of {@code ordered} (eq. 5) and its vanishing gradients, the GL_p invariance of {@code mse} that
 * {@code ordered} removes, the closed-form encoder and decoder (eq. 10–11), Kunin's Landscape and
 * Transpose theorems for {@code sum} and Bao's minimum of {@code nonuniform}. Since a vanishing
 * gradient also holds at saddles, each claimed minimum must also have a positive semi-definite
 * Hessian (by differences of the analytic gradient), and a known saddle must not.
 */
class TheoremTest {

    private static final int N = 8;
    private static final int P = 4;
    private static final int M = 40;
    /** A gradient "vanishes" when it is this small against the scale of its terms. */
    private static final double VANISHES = 1e-10;

    private static TestData.Spectral data;
    /** Autoencoder statistics, uncentred: Σxx = U diag(λ) Uᵀ, tyy = Σλ. */
    private static Statistics stats;
    /** Regression statistics, n = 6 targets from n' = 8 inputs. */
    private static Statistics regression;

    @BeforeAll
    static void data() {
        TestData.useFloat64();
        Random rng = new Random(20);
        data = TestData.withSpectrum(TestData.distinctSingularValues(N, rng), M, rng);
        stats = StatisticsAccumulator.of(data.rowArray(), false);
        double[][] x = TestData.anisotropic(60, 8, 0.5, rng);
        regression = StatisticsAccumulator.of(nd(x), nd(TestData.linearTargets(x, 6, rng)), true);
    }

    // ----- helpers -----

    private static Loss build(String name) {
        return LossSpec.named(name).create(P);
    }

    private static NestedReconstruction reconstructionOf(Loss loss) {
        return ((CompositeLoss) loss).reconstruction();
    }

    /** @return c·max|Σ|, the scale of every term of a data-term gradient with unit-size weights */
    private static double gradientScale(Loss loss, Statistics s) {
        double c = reconstructionOf(loss).scale().factor(s.sampleCount());
        return c * Math.max(s.sigmaXX().amaxNumber().doubleValue(), s.sigmaYX().amaxNumber().doubleValue());
    }

    private static double largest(INDArray a) {
        return a.amaxNumber().doubleValue();
    }

    /** @return max(|∇_B|, |∇_A|) / scale */
    private static double relativeGradient(LossEvaluation e, double scale) {
        return Math.max(largest(e.gradEncoder()), largest(e.gradDecoder())) / scale;
    }

    private static double relativeGradient(Loss loss, INDArray encoder, INDArray decoder, Statistics s) {
        return relativeGradient(loss.evaluate(encoder, decoder, s), gradientScale(loss, s));
    }

    /**
     * The smallest and largest eigenvalue of the Hessian of L at (B, A), from forward differences
     * of the analytic gradient with a step of 1e-7 (truncation and rounding both ≲ 1e-7 relative).
     */
    private static double[] hessianExtremes(Loss loss, INDArray encoder, INDArray decoder, Statistics s) {
        INDArray[] weights = {encoder.dup('c'), decoder.dup('c')};
        int size = (int) (encoder.length() + decoder.length());
        double h = 1e-7 * Math.max(largest(encoder), largest(decoder));
        double[] base = flatGradient(loss.evaluate(weights[0], weights[1], s));
        double[][] hessian = new double[size][];
        int k = 0;
        for (INDArray w : weights) {
            for (int i = 0; i < w.rows(); i++) {
                for (int j = 0; j < w.columns(); j++) {
                    double original = w.getDouble(i, j);
                    w.putScalar(i, j, original + h);
                    double[] moved = flatGradient(loss.evaluate(weights[0], weights[1], s));
                    w.putScalar(i, j, original);
                    hessian[k] = new double[size];
                    for (int r = 0; r < size; r++) {
                        hessian[k][r] = (moved[r] - base[r]) / h;
                    }
                    k++;
                }
            }
        }
        double[][] symmetric = new double[size][size];
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                symmetric[r][c] = 0.5 * (hessian[r][c] + hessian[c][r]);
            }
        }
        double[] values = SymmetricEigen.of(nd(symmetric)).valueArray();
        return new double[] {values[size - 1], values[0]};
    }

    private static double[] flatGradient(LossEvaluation e) {
        double[] b = e.gradEncoder().dup('c').reshape(-1).toDoubleVector();
        double[] a = e.gradDecoder().dup('c').reshape(-1).toDoubleVector();
        double[] all = Arrays.copyOf(b, b.length + a.length);
        System.arraycopy(a, 0, all, b.length, a.length);
        return all;
    }

    /** @return the smallest Hessian eigenvalue relative to the largest: ≥ 0 (up to ~1e-8) at a minimum */
    private static double relativeCurvature(Loss loss, INDArray encoder, INDArray decoder, Statistics s) {
        double[] extremes = hessianExtremes(loss, encoder, decoder, s);
        return extremes[0] / extremes[1];
    }

    /** A vanishing gradient holds at saddles too: a minimum also has a positive semi-definite Hessian. */
    private static void assertNoDescentDirection(Loss loss, INDArray encoder, INDArray decoder, Statistics s) {
        double curvature = observe(loss.name() + ": min/max Hessian eigenvalue", relativeCurvature(loss, encoder, decoder, s));
        assertTrue(curvature > -1e-6, loss.name() + ": the Hessian has a negative eigenvalue, " + curvature + " × the largest");
    }

    private static double sum(double[] values, int count) {
        return Arrays.stream(values, 0, count).sum();
    }

    // ----- Oftadeh: the optimum of ordered, mse and nested dropout -----

    /** L* = p·tyy − Σ_{i=1..p}(p − i + 1)λ_i (Oftadeh eq. 5). */
    @Test
    void orderedLossAtThePrincipalDirectionsIsOftadehsOptimum() {
        double[] lambda = data.eigenvalues();
        double expected = P * data.totalVariance();
        for (int i = 1; i <= P; i++) {
            expected -= (P - i + 1) * lambda[i - 1];
        }
        assertOptimalAtPrincipalDirections(build("ordered"), expected);
    }

    /** L* = tyy − Σ_{i≤p} λ_i (Baldi–Hornik). */
    @Test
    void mseAtThePrincipalDirectionsIsTheBaldiHornikOptimum() {
        assertOptimalAtPrincipalDirections(build("mse"), data.totalVariance() - sum(data.eigenvalues(), P));
    }

    /** L* = c Σ_b p_B(b)(tyy − Σ_{i≤b} λ_i): U_b is optimal for every nested term at once. */
    @Test
    void nestedDropoutWithARandomPriorIsOptimalAtThePrincipalDirections() {
        Random rng = new Random(21);
        double[] prior = new double[P];
        Arrays.setAll(prior, b -> 0.1 + rng.nextDouble());
        double total = Arrays.stream(prior).sum();
        Arrays.setAll(prior, b -> prior[b] / total);
        double expected = 0;
        for (int b = 1; b <= P; b++) {
            expected += prior[b - 1] * (data.totalVariance() - sum(data.eigenvalues(), b));
        }
        double halfMean = 1.0 / (2 * M);
        assertOptimalAtPrincipalDirections(LossSpec.named("nested-dropout").with(NestedDropoutLoss.PRIOR, prior).create(P),
                halfMean * expected);
    }

    private static void assertOptimalAtPrincipalDirections(Loss loss, double expected) {
        INDArray a = data.leading(P);
        INDArray b = a.transpose();
        LossEvaluation e = loss.evaluate(b, a, stats);
        double optimalValue = loss.optimalValue(GroundTruth.of(stats).eigenvalues(), stats).orElseThrow();

        assertTrue(observe(loss.name() + ": L(U_pᵀ, U_p) vs written-out L*", relativeError(expected, e.value())) < VANISHES,
                () -> "value " + e.value() + " vs L* " + expected);
        assertTrue(observe(loss.name() + ": optimalValue vs written-out L*", relativeError(expected, optimalValue)) < VANISHES,
                () -> "optimalValue " + optimalValue + " vs L* " + expected);
        double gradient = observe(loss.name() + ": gradient at U_p / (c max|Σxx|)", relativeGradient(e, gradientScale(loss, stats)));
        assertTrue(gradient < VANISHES, "gradient " + gradient);
        assertNoDescentDirection(loss, b, a, stats);
    }

    // ----- Oftadeh's point: ordered removes the GL_p invariance of mse -----

    @Test
    void mseIsStationaryOnTheWholeGlOrbitButOrderedIsNot() {
        Random rng = new Random(22);
        double[][] c = TestData.gaussian(P, P, 0.5, rng);
        for (int i = 0; i < P; i++) {
            c[i][i] += 1;
        }
        double[][] u = TestData.array(data.leading(P));
        INDArray a = nd(TestData.multiply(u, c));
        INDArray b = nd(TestData.multiply(TestData.inverse(c), TestData.transpose(u)));

        double mse = observe("mse gradient at (U_p C, C⁻¹U_pᵀ)", relativeGradient(build("mse"), b, a, stats));
        double ordered = observe("ordered gradient at (U_p C, C⁻¹U_pᵀ)", relativeGradient(build("ordered"), b, a, stats));

        assertTrue(mse < 1e-9, "mse gradient " + mse);
        assertTrue(ordered > 1e-3, "ordered gradient " + ordered);
        double mseOptimum = data.totalVariance() - sum(data.eigenvalues(), P);
        assertTrue(relativeError(mseOptimum, build("mse").value(b, a, stats)) < 1e-9);
    }

    /**
     * Every ordering of eigenvectors is a critical point of {@code ordered}, but only the sorted one
     * is a minimum (Oftadeh): with u₁ and u₂ swapped the gradient vanishes and the Hessian has a
     * descent direction. This is also the negative control of {@link #assertNoDescentDirection}.
     */
    @Test
    void orderedLossHasASaddleWhereTwoDirectionsAreSwapped() {
        double[][] u = TestData.array(data.leading(P));
        for (double[] row : u) {
            double first = row[0];
            row[0] = row[1];
            row[1] = first;
        }
        INDArray a = nd(u);
        Loss loss = build("ordered");

        assertTrue(observe("ordered: gradient at swapped (u₂, u₁, …)", relativeGradient(loss, a.transpose(), a, stats)) < VANISHES);
        assertTrue(observe("ordered: min/max Hessian eigenvalue at swapped (u₂, u₁, …)",
                relativeCurvature(loss, a.transpose(), a, stats)) < -1e-3);
    }

    // ----- regression: Σ = Σyx Σxx⁻¹ Σxy -----

    @Test
    void orderedRegressionIsOptimalAtTheTopDirectionsOfSigmaWithTheClosedFormEncoder() {
        int p = 3;
        Loss loss = LossSpec.named("ordered").create(p);
        GroundTruth truth = GroundTruth.of(regression);
        INDArray a = truth.directions(p);
        INDArray b = reconstructionOf(loss).optimalEncoder(a, regression);
        double[] lambda = truth.eigenvalues();
        double expected = p * regression.tyy();
        for (int i = 1; i <= p; i++) {
            expected -= (p - i + 1) * lambda[i - 1];
        }
        LossEvaluation e = loss.evaluate(b, a, regression);

        assertTrue(observe("ordered regression: value vs L*", relativeError(expected, e.value())) < VANISHES);
        assertEquals(expected, loss.optimalValue(lambda, regression).orElseThrow(), VANISHES * expected);
        assertTrue(observe("ordered regression: gradient at optimum", relativeGradient(e, gradientScale(loss, regression))) < VANISHES);
        assertNoDescentDirection(loss, b, a, regression);
    }

    // ----- the closed-form encoder and decoder (Oftadeh eq. 10–11) -----

    /** @return the statistics of one of the two data sets */
    private static Statistics dataSet(boolean autoencoder) {
        return autoencoder ? stats : regression;
    }

    @ParameterizedTest(name = "{0}, autoencoder={1}")
    @CsvSource({"ordered, true", "ordered, false", "mse, true", "mse, false", "nested-dropout, true", "nested-dropout, false"})
    void closedFormEncoderZeroesTheEncoderGradient(String name, boolean autoencoder) {
        Statistics s = dataSet(autoencoder);
        Loss loss = LossSpec.named(name).create(3);
        INDArray a = nd(TestData.gaussian(s.outputDim(), 3, 1, new Random(23)));
        INDArray b = reconstructionOf(loss).optimalEncoder(a, s);

        // ∇_B at B = 0 is −2c T AᵀΣyx: the term the closed form must cancel
        double drive = largest(loss.evaluate(Nd4j.zeros(DataType.DOUBLE, 3, s.inputDim()), a, s).gradEncoder());
        double residual = largest(loss.evaluate(b, a, s).gradEncoder()) / drive;

        assertTrue(observe("∇_B at B̂(A), " + name + " AE=" + autoencoder, residual) < VANISHES, "∇_B " + residual);
    }

    @ParameterizedTest(name = "{0}, autoencoder={1}")
    @CsvSource({"ordered, true", "ordered, false", "mse, true", "mse, false", "nested-dropout, true", "nested-dropout, false"})
    void closedFormDecoderZeroesTheDecoderGradient(String name, boolean autoencoder) {
        Statistics s = dataSet(autoencoder);
        Loss loss = LossSpec.named(name).create(3);
        INDArray b = nd(TestData.gaussian(3, s.inputDim(), 1, new Random(24)));
        INDArray a = reconstructionOf(loss).optimalDecoder(b, s);

        // ∇_A at A = 0 is −2c Σyx Bᵀ T: the term the closed form must cancel
        double drive = largest(loss.evaluate(b, Nd4j.zeros(DataType.DOUBLE, s.outputDim(), 3), s).gradDecoder());
        double residual = largest(loss.evaluate(b, a, s).gradDecoder()) / drive;

        assertTrue(observe("∇_A at Â(B), " + name + " AE=" + autoencoder, residual) < VANISHES, "∇_A " + residual);
    }

    /**
     * Oftadeh's claim end to end: alternating exact minimisation (eq. 10–11) from a random start
     * reaches L* for both losses, but only {@code ordered} lands on the directions themselves.
     * Steeper spectrum (λ = 64, 25, 9, 4, …) than the other tests, so 80 steps suffice.
     */
    @Test
    void alternatingMinimisationRecoversTheDirectionsOnlyForOrdered() {
        TestData.Spectral steep = TestData.withSpectrum(new double[] {8, 5, 3, 2, 1.2, 0.7, 0.4, 0.2}, 40, new Random(25));
        double ordered = alternate("ordered", steep);
        double mse = alternate("mse", steep);

        assertTrue(observe("alternating ordered: max_i 1 − |cos(a_i, u_i)|", ordered) < 1e-6, "ordered " + ordered);
        assertTrue(observe("alternating mse: max_i 1 − |cos(a_i, u_i)|", mse) > 1e-2, "mse " + mse);
    }

    /** @return max_i 1 − |cos(a_i, u_i)| after 80 alternating steps, having checked that L* is reached */
    private static double alternate(String name, TestData.Spectral steep) {
        int p = 4;
        Statistics s = StatisticsAccumulator.of(steep.rowArray(), false);
        Loss loss = LossSpec.named(name).create(p);
        NestedReconstruction term = reconstructionOf(loss);
        INDArray a = nd(TestData.gaussian(steep.rows()[0].length, p, 1, new Random(26)));
        INDArray b = null;
        for (int step = 0; step < 80; step++) {
            b = term.optimalEncoder(a, s);
            a = term.optimalDecoder(b, s);
        }
        double optimum = loss.optimalValue(steep.eigenvalues(), s).orElseThrow();
        double gap = observe("alternating " + name + ": L/L* − 1", loss.value(b, a, s) / optimum - 1);
        assertTrue(gap < 1e-6, name + " stopped at L/L* − 1 = " + gap);
        double[][] decoder = TestData.array(a);
        double[][] u = steep.directions();
        double worst = 0;
        for (int i = 0; i < p; i++) {
            double dot = 0;
            double norm = 0;
            for (int r = 0; r < u.length; r++) {
                dot += decoder[r][i] * u[r][i];
                norm += decoder[r][i] * decoder[r][i];
            }
            worst = Math.max(worst, 1 - Math.abs(dot) / Math.sqrt(norm));
        }
        return worst;
    }

    // ----- Kunin: Landscape and Transpose theorems for sum; Bao: nonuniform -----

    /** λ between λ₃ and λ₄: units 1–3 survive with τ² = 1 − λ/λ_i, unit 4 is switched off. */
    private static double kuninLambda() {
        return 0.5 * (data.eigenvalues()[2] + data.eigenvalues()[3]);
    }

    private static Loss sumLoss() {
        return LossSpec.named("sum").with(ProductL2Loss.LAMBDA, kuninLambda()).create(P);
    }

    private static INDArray kuninMinimum() {
        double[] penalties = new double[P];
        Arrays.fill(penalties, kuninLambda());
        return PenalizedMinimum.decoder(GroundTruth.of(stats), penalties, 1.0);
    }

    /** Bao's increasing λ_i, in units of c·λ_p: the last exceeds c·λ_p, so unit p is off. */
    private static double[] baoLambdas() {
        double unit = data.eigenvalues()[P - 1] / M;
        return new double[] {0.1 * unit, 0.4 * unit, 0.7 * unit, 1.5 * unit};
    }

    private static INDArray baoMinimum() {
        return PenalizedMinimum.decoder(GroundTruth.of(stats), baoLambdas(), 1.0 / M);
    }

    /** @return the squared singular values of A, descending, from LAPACK gesvd */
    private static double[] squaredSingularValues(INDArray a) {
        INDArray values = Nd4j.create(DataType.DOUBLE, a.columns());
        Nd4j.getBlasWrapper().lapack().gesvd(a.dup('f'), values, null, null);
        return Arrays.stream(values.toDoubleVector()).map(v -> v * v).toArray();
    }

    @Test
    void sumLossIsStationaryAtKuninsLandscapeMinimum() {
        INDArray a = kuninMinimum();
        Loss loss = sumLoss();

        assertTrue(observe("sum: gradient at A = Bᵀ = U_p(I − λΛ⁻¹)^½", relativeGradient(loss, a.transpose(), a, stats)) < VANISHES);
        assertNoDescentDirection(loss, a.transpose(), a, stats);
    }

    @Test
    void sumMinimumHasSquaredSingularValuesOneMinusLambdaOverEigenvalueAndLaePcaRecoversThem() {
        double lambda = kuninLambda();
        double[] tauSquared = squaredSingularValues(kuninMinimum());

        double worst = 0;
        for (int i = 0; i < P; i++) {
            double eigenvalue = data.eigenvalues()[i];
            assertEquals(Math.max(0, 1 - lambda / eigenvalue), tauSquared[i], 1e-12, "τ²_" + (i + 1));
            if (tauSquared[i] > 1e-6) {
                double recovered = PenalizedMinimum.eigenvalueFromSingularValue(tauSquared[i], lambda, 1.0);
                worst = Math.max(worst, relativeError(eigenvalue, recovered));
            }
        }
        assertEquals(3, Arrays.stream(tauSquared).filter(t -> t > 1e-6).count(), "units switched on");
        assertTrue(observe("LAE-PCA eigenvalue read-out, relative error", worst) < VANISHES);
    }

    @Test
    void nonuniformLossIsStationaryAtBaosMinimum() {
        INDArray a = baoMinimum();
        Loss loss = LossSpec.named("nonuniform").with(NonUniformL2Loss.LAMBDAS, baoLambdas()).create(P);

        assertTrue(observe("nonuniform: gradient at Bao's minimum", relativeGradient(loss, a.transpose(), a, stats)) < VANISHES);
        assertNoDescentDirection(loss, a.transpose(), a, stats);
    }

    @Test
    void nonuniformMinimumHasSquaredSingularValuesOneMinusLambdaIOverCEigenvalue() {
        double[] tauSquared = squaredSingularValues(baoMinimum());
        double[] lambdas = baoLambdas();

        for (int i = 0; i < P; i++) {
            double expected = Math.max(0, 1 - lambdas[i] * M / data.eigenvalues()[i]);
            assertEquals(expected, tauSquared[i], 1e-12, "τ²_" + (i + 1));
        }
        assertEquals(0.0, tauSquared[P - 1], 1e-12);
    }

    @Test
    void sumMinimumIsTransposeSymmetricAndBreakingTheSymmetryBreaksStationarity() {
        INDArray a = kuninMinimum();
        INDArray b = a.transpose().dup();
        INDArray perturbed = b.add(nd(TestData.gaussian(P, N, 1e-3, new Random(26))));

        assertEquals(0.0, TransposeGap.of(b, a));
        assertTrue(TransposeGap.of(perturbed, a) > 0);
        assertTrue(observe("sum: gradient after perturbing B by 1e-3", relativeGradient(sumLoss(), perturbed, a, stats)) > 1e-5);
    }

    /**
     * The identity behind Kunin's Transpose Theorem: the data-term parts of Aᵀ∇_A and ∇_B Bᵀ are
     * equal, so Aᵀ∇_A L − ∇_B L Bᵀ = 2λ(AᵀA − BBᵀ) at every (B, A); at a critical point AᵀA = BBᵀ.
     */
    @ParameterizedTest(name = "autoencoder={0}")
    @CsvSource({"true", "false"})
    void sumGradientsObeyTheTransposeIdentityEverywhere(boolean autoencoder) {
        Statistics s = dataSet(autoencoder);
        Random rng = new Random(27);
        double lambda = 2.5;
        double[][] b = TestData.gaussian(3, s.inputDim(), 1, rng);
        double[][] a = TestData.gaussian(s.outputDim(), 3, 1, rng);
        LossEvaluation e = LossSpec.named("sum").with(ProductL2Loss.LAMBDA, lambda).create(3).evaluate(nd(b), nd(a), s);

        double[][] left = TestData.multiply(TestData.transpose(a), TestData.array(e.gradDecoder()));
        double[][] right = TestData.multiply(TestData.array(e.gradEncoder()), TestData.transpose(b));
        double[][] ata = TestData.multiply(TestData.transpose(a), a);
        double[][] bbt = TestData.multiply(b, TestData.transpose(b));
        double[][] difference = new double[3][3];
        double[][] expected = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                difference[i][j] = left[i][j] - right[i][j];
                expected[i][j] = 2 * lambda * (ata[i][j] - bbt[i][j]);
            }
        }
        double scale = Math.max(TestData.maxAbs(left), TestData.maxAbs(right));
        double error = relativeError(expected, difference) * TestData.maxAbs(expected) / scale;

        assertTrue(observe("sum: Aᵀ∇_A − ∇_B Bᵀ vs 2λ(AᵀA − BBᵀ), AE=" + autoencoder, error) < VANISHES);
    }
}
