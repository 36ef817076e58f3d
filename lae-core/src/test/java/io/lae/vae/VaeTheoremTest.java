package io.lae.vae;

import static io.lae.TestData.nd;
import static io.lae.TestData.observe;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.TestData;
import io.lae.closedform.GroundTruth;
import io.lae.linalg.SymmetricEigen;
import io.lae.method.Settings;
import io.lae.optim.LearningRateSchedule;
import io.lae.optim.Optimizers;
import io.lae.stats.Statistics;
import io.lae.stats.StatisticsAccumulator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Lucas et al.'s theorem as tests, in float64, on data whose covariance Σxx/m has the known
 * eigenvalues κ = (1, 0.5, 0.25, 0.1, 0.08, 0.06, 0.04, 0.02) along Haar-random directions U
 * (n = 8, m = 40, p = 3, uncentred): every expected value is written out from κ and U, not from
 * lae's eigensolver. The pPCA noise is σ² = mean(κ₄..κ₈) = 0.06.
 */
class VaeTheoremTest {

    private static final double[] KAPPA = {1, 0.5, 0.25, 0.1, 0.08, 0.06, 0.04, 0.02};
    private static final int N = KAPPA.length;
    private static final int P = 3;
    private static final int M = 40;
    private static final double NOISE = 0.06;

    private static TestData.Spectral data;
    private static Statistics stats;
    private static VaeOptimum optimum;

    @BeforeAll
    static void data() {
        TestData.useFloat64();
        double[] singularValues = Arrays.stream(KAPPA).map(k -> Math.sqrt(M * k)).toArray();
        data = TestData.withSpectrum(singularValues, M, new Random(70));
        stats = StatisticsAccumulator.of(data.rowArray(), false);
        GroundTruth known = new GroundTruth(new SymmetricEigen(
                nd(new double[][] {data.eigenvalues()}).reshape(N), nd(data.directions())));
        optimum = VaeOptimum.of(known, P, M, DataType.DOUBLE);
    }

    /** ½[n·log 2π + Σ_{i≤p} log κᵢ + (n−p)·log σ² + n], the pPCA negative log-likelihood per sample. */
    private static double likelihoodOptimum() {
        double sum = N * Math.log(2 * Math.PI) + (N - P) * Math.log(NOISE) + N;
        for (int i = 0; i < P; i++) {
            sum += Math.log(KAPPA[i]);
        }
        return 0.5 * sum;
    }

    private static double largestGradient(VaeParameters params) {
        return VaeFixtures.largest(LinearVae.evaluate(params, stats).gradients());
    }

    @Test
    void ppcaSolutionIsAStrictMinimumWithTheLikelihoodValue() {
        VaeParameters params = optimum.parameters();
        double expected = likelihoodOptimum();
        double value = observe("VAE optimum: L vs pPCA likelihood", TestData.relativeError(expected,
                LinearVae.value(params, stats)));
        double closedForm = observe("VAE optimum: VaeOptimum.value vs pPCA likelihood",
                TestData.relativeError(expected, optimum.value()));
        double gradient = observe("VAE optimum: max |∇L|", largestGradient(params));
        double curvature = observe("VAE optimum: smallest Hessian eigenvalue", smallestHessianEigenvalue(params));
        assertTrue(value < 1e-14 && closedForm < 1e-14, "values " + value + ", " + closedForm);
        assertTrue(gradient < 1e-13, "gradient " + gradient);
        // the rotations of the latent units are not flat: the diagonal posterior fixes the axes
        assertTrue(curvature > 1e-2, "smallest Hessian eigenvalue " + curvature);
    }

    @Test
    void signedPermutationsOfTheUnitsAreOptimaToo() {
        VaeParameters params = optimum.parameters();
        int[] order = {2, 0, 1};
        double[] signs = {-1, 1, -1};
        INDArray encoder = params.encoder().like();
        INDArray decoder = params.decoder().like();
        INDArray logVariance = params.logVariance().like();
        for (int i = 0; i < P; i++) {
            encoder.getRow(i).assign(params.encoder().getRow(order[i]).mul(signs[i]));
            decoder.getColumn(i).assign(params.decoder().getColumn(order[i]).mul(signs[i]));
            logVariance.putScalar(i, params.logVariance().getDouble(order[i]));
        }
        VaeParameters permuted = new VaeParameters(encoder, decoder, logVariance, params.logNoise().dup());
        double value = TestData.relativeError(optimum.value(), LinearVae.value(permuted, stats));
        double gradient = largestGradient(permuted);
        assertTrue(value < 1e-14, "value error " + value);
        assertTrue(gradient < 1e-13, "gradient " + gradient);
    }

    /**
     * For fixed weights the loss is minimal in (D, σ²) at Dᵢ = σ²/(σ² + ‖W₂[:,i]‖²) and
     * σ² = (1/n)[(1/m)Σ‖x − W₂W₁x‖² + Σᵢ Dᵢ‖W₂[:,i]‖²] (iterated to their joint fixed point here, in
     * plain Java from the samples), and for fixed W₂, D, σ² in W₁ at W₁ = (W₂ᵀW₂ + σ²I)⁻¹W₂ᵀ.
     */
    @Test
    void blockOptimalityConditions() {
        Random rng = new Random(71);
        double[][] w1 = TestData.gaussian(P, N, 0.5, rng);
        double[][] w2 = TestData.gaussian(N, P, 0.5, rng);
        double[][] residual = residualRows(w1, w2);
        double meanResidual = TestData.squaredNorm(residual) / M;
        double[] columnNorms = new double[P];
        for (int i = 0; i < P; i++) {
            columnNorms[i] = TestData.dot(w2, i, w2, i);
        }
        double noise = 1;
        double[] d = new double[P];
        for (int iteration = 0; iteration < 200; iteration++) {
            double spread = 0;
            for (int i = 0; i < P; i++) {
                d[i] = noise / (noise + columnNorms[i]);
                spread += d[i] * columnNorms[i];
            }
            noise = (meanResidual + spread) / N;
        }
        double[][] logD = {Arrays.stream(d).map(Math::log).toArray()};
        VaeParameters params = new VaeParameters(nd(w1), nd(w2), nd(logD), nd(new double[][] {{Math.log(noise)}}));
        VaeEvaluation eval = LinearVae.evaluate(params, stats);
        double variances = observe("VAE: ∇ in (log D, log σ²) at the optimal variances", Math.max(
                eval.gradients().get(VaeParameters.LOG_VARIANCE).amaxNumber().doubleValue(),
                eval.gradients().get(VaeParameters.LOG_NOISE).amaxNumber().doubleValue()));
        assertTrue(variances < 1e-14, "variance gradients " + variances);

        double[][] shiftedGram = TestData.multiply(TestData.transpose(w2), w2);
        for (int i = 0; i < P; i++) {
            shiftedGram[i][i] += noise;
        }
        double[][] bestEncoder = TestData.multiply(TestData.inverse(shiftedGram), TestData.transpose(w2));
        VaeParameters encoderOptimal = new VaeParameters(nd(bestEncoder), nd(w2), nd(logD), params.logNoise());
        double encoder = observe("VAE: ∇W₁ at the optimal encoder", LinearVae.evaluate(encoderOptimal, stats)
                .gradients().get(VaeParameters.ENCODER).amaxNumber().doubleValue());
        assertTrue(encoder < 1e-14, "encoder gradient " + encoder);
    }

    /**
     * Adam (as the authors train it; constant rate 0.01) finds the basin and the axes; Nesterov
     * (momentum 0.9, rate 0.02) then polishes until the gradient is ~1e-12, which Adam at a fixed
     * rate does not do (it hovers at a distance of order of the rate). Then the learned σ² is
     * pPCA's, the decoder spans the top-p subspace, each column is ± a principal direction with
     * ‖W₂[:,i]‖² = κ_π(i) − σ² and D_i = σ²/κ_π(i) for a permutation π of 1..p, and L = L*.
     */
    @Test
    void trainingFindsTheAxisAlignedPpcaSolution() {
        VaeParameters start = VaeParameters.random(N, P, 0.1, 72, DataType.DOUBLE);
        LinearVaeTrainer.Callback ignore = (step, params, loss) -> { };
        VaeParameters adam = new LinearVaeTrainer(Optimizers.create("adam"), LearningRateSchedule.constant(0.01), 1500, 1500, 0)
                .train(stats, start, ignore).parameters();
        LinearVaeTrainer.Result polished = new LinearVaeTrainer(Optimizers.create("nesterov", Settings.NONE.with(Optimizers.MOMENTUM, 0.9)), LearningRateSchedule.constant(0.02), 1500, 1500, 0).train(stats, adam, ignore);
        VaeParameters params = polished.parameters();

        double gradient = observe("VAE trained: max |∇L|", largestGradient(params));
        double noise = observe("VAE trained: σ² vs pPCA σ²", TestData.relativeError(NOISE, params.noiseVariance()));
        double value = observe("VAE trained: L vs L*", TestData.relativeError(likelihoodOptimum(), polished.loss()));
        assertTrue(gradient < 1e-10, "gradient " + gradient);
        assertTrue(noise < 1e-10, "σ² error " + noise);
        assertTrue(value < 1e-12, "value error " + value);

        double[][] decoder = TestData.array(params.decoder());
        double[][] u = data.directions();
        double[] variances = params.posteriorVariances();
        List<Integer> matched = new ArrayList<>();
        double worstCosine = 1;
        double worstScale = 0;
        for (int i = 0; i < P; i++) {
            double norm = Math.sqrt(TestData.dot(decoder, i, decoder, i));
            int best = 0;
            double bestCosine = 0;
            for (int j = 0; j < N; j++) {
                double cosine = Math.abs(TestData.dot(decoder, i, u, j)) / norm;
                if (cosine > bestCosine) {
                    bestCosine = cosine;
                    best = j;
                }
            }
            matched.add(best);
            worstCosine = Math.min(worstCosine, bestCosine);
            worstScale = Math.max(worstScale, Math.max(
                    TestData.relativeError(KAPPA[best] - NOISE, norm * norm),
                    TestData.relativeError(NOISE / KAPPA[best], variances[i])));
        }
        observe("VAE trained: 1 − min_i max_j |cos(W₂[:,i], u_j)|", 1 - worstCosine);
        observe("VAE trained: column norms and D vs κ", worstScale);
        assertTrue(matched.stream().sorted().toList().equals(List.of(0, 1, 2)),
                "decoder columns matched to principal directions " + matched + ", not a permutation of the top 3");
        assertTrue(1 - worstCosine < 1e-6, "worst |cos| " + worstCosine);
        assertTrue(worstScale < 1e-8, "column norms or variances off by " + worstScale);
    }

    /** @return the rows of X − W₂W₁X (samples as rows), from the samples one by one */
    private static double[][] residualRows(double[][] w1, double[][] w2) {
        double[][] rows = data.rows();
        double[][] reconstruction = TestData.multiply(TestData.multiply(rows, TestData.transpose(w1)),
                TestData.transpose(w2));
        double[][] residual = new double[M][N];
        for (int k = 0; k < M; k++) {
            for (int j = 0; j < N; j++) {
                residual[k][j] = rows[k][j] - reconstruction[k][j];
            }
        }
        return residual;
    }

    /** The smallest eigenvalue of the Hessian, by forward differences (step 1e-7) of the analytic gradient. */
    private static double smallestHessianEigenvalue(VaeParameters params) {
        VaeParameters point = params.copy();
        List<INDArray> arrays = new ArrayList<>(point.asMap().values());
        double[] base = flatGradient(point);
        double h = 1e-7;
        double[][] hessian = new double[base.length][];
        int k = 0;
        for (INDArray array : arrays) {
            for (long i = 0; i < array.length(); i++) {
                double original = array.getDouble(i);
                array.putScalar(i, original + h);
                double[] moved = flatGradient(point);
                array.putScalar(i, original);
                hessian[k] = new double[base.length];
                for (int r = 0; r < base.length; r++) {
                    hessian[k][r] = (moved[r] - base[r]) / h;
                }
                k++;
            }
        }
        double[][] symmetric = new double[base.length][base.length];
        for (int r = 0; r < base.length; r++) {
            for (int c = 0; c < base.length; c++) {
                symmetric[r][c] = 0.5 * (hessian[r][c] + hessian[c][r]);
            }
        }
        double[] values = SymmetricEigen.of(nd(symmetric)).valueArray();
        return values[values.length - 1];
    }

    private static double[] flatGradient(VaeParameters params) {
        return LinearVae.evaluate(params, stats).gradients().values().stream()
                .flatMapToDouble(g -> Arrays.stream(g.dup('c').reshape(-1).toDoubleVector())).toArray();
    }
}
