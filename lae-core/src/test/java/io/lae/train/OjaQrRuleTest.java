package io.lae.train;

import static io.lae.TestData.nd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.LaeException;
import io.lae.TestData;
import io.lae.fit.FittedAutoencoder;
import io.lae.fit.LinearAutoencoder;
import io.lae.loss.LossSpec;
import io.lae.method.Settings;
import io.lae.optim.LearningRateSchedule;
import io.lae.optim.Optimizers;
import io.lae.stats.Statistics;
import io.lae.stats.StatisticsAccumulator;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code oja-qr}, V ← QR(V + ηMV) with R's diagonal positive, against the QR factor computed another way
 * (CholeskyQR2 in plain Java, float64), over the statistics, over a mini-batch and with momentum, against the
 * normalised step at p = 1, and trained until it finds the ordered directions.
 */
class OjaQrRuleTest {

    private static final double ETA = 0.05;

    /** @return Q of W = QR with R's diagonal positive, by Cholesky QR applied twice (no Gram–Schmidt) */
    private static double[][] qr(double[][] w) {
        return choleskyQr(choleskyQr(w));
    }

    /** W (Lᵀ)⁻¹ with LLᵀ = WᵀW, L lower triangular with a positive diagonal. */
    private static double[][] choleskyQr(double[][] w) {
        int n = w.length;
        int p = w[0].length;
        double[][] g = TestData.multiply(TestData.transpose(w), w);
        double[][] l = new double[p][p];
        for (int j = 0; j < p; j++) {
            for (int i = j; i < p; i++) {
                double s = g[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(s) : s / l[j][j];
            }
        }
        double[][] q = new double[n][p];
        for (int r = 0; r < n; r++) { // q_r Lᵀ = w_r, forward substitution
            for (int j = 0; j < p; j++) {
                double s = w[r][j];
                for (int k = 0; k < j; k++) {
                    s -= q[r][k] * l[j][k];
                }
                q[r][j] = s / l[j][j];
            }
        }
        return q;
    }

    /** @return QR(U + ηMU) with U = QR(V): the rule's step, its start orthonormalised first */
    private static double[][] expectedStep(double[][] m, double[][] v, double eta) {
        double[][] u = qr(v);
        return qr(plus(u, TestData.multiply(m, u), eta));
    }

    private static TrainingStep sgd(Model model, Statistics stats) {
        return TrainingStep.fresh(StepSettings.of(LossSpec.named("mse"), model.latentSize(),
                UpdateRules.create(OjaQrRule.NAME), Optimizers.create("sgd")), stats, model);
    }

    private static double maxOffIdentity(INDArray v) {
        double[][] a = TestData.array(v);
        double[][] g = TestData.multiply(TestData.transpose(a), a);
        double max = 0;
        for (int i = 0; i < g.length; i++) {
            for (int j = 0; j < g.length; j++) {
                max = Math.max(max, Math.abs(g[i][j] - (i == j ? 1 : 0)));
            }
        }
        return max;
    }

    /** From a Gaussian (not orthonormal) start, each of ten steps is QR(U + ηMU), U = QR(V), to 1e-12. */
    @Test
    void eachStepIsTheQrFactorOfTheOjaStep() {
        TestData.useFloat64();
        int n = 8;
        int p = 3;
        Statistics stats = StatisticsAccumulator.of(nd(TestData.anisotropic(200, n, 0.5, new Random(5))), true);
        double[][] m = TestData.array(stats.sigmaXX().div(stats.sampleCount()));
        double[][] v = TestData.gaussian(n, p, 1, new Random(6));
        Model model = Model.tied(nd(v));
        TrainingStep step = sgd(model, stats);
        for (int t = 0; t < 10; t++) {
            v = expectedStep(m, v, ETA);
            step.apply(model, t, ETA, null);
            assertEquals(0, TestData.maxAbs(TestData.array(model.decoder().sub(nd(v)))), 1e-12, "step " + t);
        }
        assertEquals(0, TestData.maxAbs(TestData.array(model.encoder().sub(model.decoder().transpose()))), 0,
                "B stays Aᵀ");
    }

    /**
     * Under sgd the start's orthonormalisation changes nothing (QR((U + ηMU)R) = QR(U + ηMU) for R upper triangular
     * with a positive diagonal); with momentum, the buffer holds MU of the orthonormalised start, not MV: two steps
     * v ← QR(U + ηb₁), b₁ = MU, then QR(V₁ + ηb₂), b₂ = μb₁ + MV₁.
     */
    @Test
    void theOptimizerSeesMTimesTheOrthonormalisedStart() {
        TestData.useFloat64();
        int n = 8;
        int p = 3;
        double mu = 0.9;
        Statistics stats = StatisticsAccumulator.of(nd(TestData.anisotropic(200, n, 0.5, new Random(5))), true);
        double[][] m = TestData.array(stats.sigmaXX().div(stats.sampleCount()));
        double[][] v = TestData.gaussian(n, p, 2, new Random(7));
        Model model = Model.tied(nd(v));
        TrainingStep step = TrainingStep.fresh(StepSettings.of(LossSpec.named("mse"), p,
                UpdateRules.create(OjaQrRule.NAME), Optimizers.create("momentum",
                        Settings.NONE.with(Optimizers.MOMENTUM, mu))), stats, model);
        double[][] u = qr(v);
        double[][] buffer = TestData.multiply(m, u);
        double[][] v1 = qr(plus(u, buffer, ETA));
        double[][] buffer2 = plus(TestData.multiply(m, v1), buffer, mu);
        double[][] v2 = qr(plus(v1, buffer2, ETA));
        step.apply(model, 0, ETA, null);
        assertEquals(0, TestData.maxAbs(TestData.array(model.decoder().sub(nd(v1)))), 1e-12, "step 0");
        step.apply(model, 1, ETA, null);
        assertEquals(0, TestData.maxAbs(TestData.array(model.decoder().sub(nd(v2)))), 1e-12, "step 1");
    }

    /** @return a + c·b */
    private static double[][] plus(double[][] a, double[][] b, double c) {
        double[][] sum = new double[a.length][a[0].length];
        for (int r = 0; r < a.length; r++) {
            for (int i = 0; i < a[0].length; i++) {
                sum[r][i] = a[r][i] + c * b[r][i];
            }
        }
        return sum;
    }

    @Test
    void aStepLeavesTheColumnsOrthonormal() {
        TestData.useFloat64();
        Statistics stats = StatisticsAccumulator.of(nd(TestData.anisotropic(100, 12, 0.5, new Random(3))), true);
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            Model model = Model.tied(nd(TestData.gaussian(12, 5, 3, new Random(4))).castTo(type));
            sgd(model, stats.as(type)).apply(model, 0, 0.3, null);
            assertEquals(type, model.decoder().dataType());
            assertEquals(0, maxOffIdentity(model.decoder()), type == DataType.DOUBLE ? 1e-12 : 1e-6, type.toString());
        }
    }

    /** M = diag(10, 9, …, 1) (n = 10), p = 3, from a Gaussian start: vᵢ → ±eᵢ, in order. */
    @Test
    void itFindsTheTopDirectionsInOrder() {
        TestData.useFloat64();
        int n = 10;
        double[][] sigma = new double[n][n];
        for (int i = 0; i < n; i++) {
            sigma[i][i] = n - i;
        }
        Statistics stats = new Statistics(nd(sigma), nd(sigma), TestData.trace(sigma), 1, Nd4j.zeros(DataType.DOUBLE,
                n), Nd4j.zeros(DataType.DOUBLE, n), false);
        Model model = Model.tied(nd(TestData.gaussian(n, 3, 1, new Random(11))));
        TrainingStep step = sgd(model, stats);
        for (int t = 0; t < 400; t++) {
            step.apply(model, t, 0.1, null);
        }
        for (int i = 0; i < 3; i++) {
            double cosine = Math.abs(model.decoder().getDouble(i, i));
            assertEquals(1, cosine, 1e-10, "v" + (i + 1) + " against e" + (i + 1));
        }
    }

    @Test
    void itFindsTheOrderedDirectionsThroughTheFitApi() {
        TestData.useFloat64();
        double[][] rows = TestData.anisotropic(2000, 10, 0.0, new Random(9));
        FittedAutoencoder fitted = LinearAutoencoder.builder(4).loss(LossSpec.named("mse"))
                .rule(UpdateRules.create(OjaQrRule.NAME)).optimizer(Optimizers.create("sgd"))
                .schedule(LearningRateSchedule.constant(0.05)).steps(3000).trackAlignment(true)
                .stopWhen(StopTarget.parse("longest_streak=4")).build().fit(rows);
        assertEquals(4, fitted.history().getLast().longestStreak(), "after " + fitted.history().getLast().step()
                + " steps");
    }

    /** A mini-batch step is the full-batch formula with that batch's M = XXᵀ/b (samples as columns). */
    @Test
    void aMiniBatchStepUsesTheBatch_sSecondMoment() {
        TestData.useFloat64();
        int n = 7;
        int p = 3;
        double[][] rows = TestData.anisotropic(50, n, 0.5, new Random(12));
        Statistics stats = StatisticsAccumulator.of(nd(rows), true);
        MiniBatches batches = new MiniBatches(nd(rows), null, stats, 16, 21, DataType.DOUBLE);
        double[][] v = TestData.gaussian(n, p, 1, new Random(13));
        Model model = Model.tied(nd(v));
        TrainingStep step = sgd(model, stats);
        for (int t = 0; t < 5; t++) {
            MiniBatches.Batch batch = batches.batch(t);
            double[][] x = TestData.array(batch.x());
            double[][] m = TestData.multiply(x, TestData.transpose(x));
            for (double[] row : m) {
                for (int j = 0; j < n; j++) {
                    row[j] /= batch.size();
                }
            }
            double[][] full = expectedStep(TestData.array(stats.sigmaXX().div(stats.sampleCount())), v, ETA);
            v = expectedStep(m, v, ETA);
            step.apply(model, t, ETA, batches);
            assertEquals(0, TestData.maxAbs(TestData.array(model.decoder().sub(nd(v)))), 1e-12, "step " + t);
            assertTrue(TestData.maxAbs(TestData.array(model.decoder().sub(nd(full)))) > 1e-4,
                    "step " + t + " is not the full-batch step");
        }
    }

    /** At p = 1 the step is the normalised Oja step v ← (v + ηMv)/‖v + ηMv‖. */
    @Test
    void atOneDirectionItIsTheNormalisedOjaStep() {
        TestData.useFloat64();
        int n = 6;
        Statistics stats = StatisticsAccumulator.of(nd(TestData.anisotropic(80, n, 0.5, new Random(14))), true);
        double[][] m = TestData.array(stats.sigmaXX().div(stats.sampleCount()));
        double[] v = new double[n];
        Random random = new Random(15);
        for (int r = 0; r < n; r++) {
            v[r] = random.nextGaussian();
        }
        Model model = Model.tied(nd(new double[][] {v}).transpose());
        TrainingStep step = sgd(model, stats);
        v = normalised(v);
        for (int t = 0; t < 5; t++) {
            double[] w = new double[n];
            for (int r = 0; r < n; r++) {
                double mv = 0;
                for (int s = 0; s < n; s++) {
                    mv += m[r][s] * v[s];
                }
                w[r] = v[r] + ETA * mv;
            }
            v = normalised(w);
            step.apply(model, t, ETA, null);
            for (int r = 0; r < n; r++) {
                assertEquals(v[r], model.decoder().getDouble(r, 0), 1e-14, "step " + t + ", entry " + r);
            }
        }
    }

    private static double[] normalised(double[] v) {
        double norm = 0;
        for (double e : v) {
            norm += e * e;
        }
        double[] u = v.clone();
        for (int r = 0; r < u.length; r++) {
            u[r] /= Math.sqrt(norm);
        }
        return u;
    }

    @Test
    void aRegressionIsRefused() {
        Random rng = new Random(4);
        double[][] x = TestData.anisotropic(50, 5, 0, rng);
        Statistics regression = StatisticsAccumulator.of(nd(x), nd(TestData.linearTargets(x, 3, rng)), true);
        LaeException e = assertThrows(LaeException.class, () -> new OjaQrRule().validate(null, regression, 2));
        assertEquals("--rule oja-qr finds principal directions of the data: remove --targets", e.getMessage());
        new OjaQrRule().validate(null, StatisticsAccumulator.of(nd(x), true), 5);
    }
}
