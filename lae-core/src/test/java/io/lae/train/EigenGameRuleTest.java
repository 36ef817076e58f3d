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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * α- and μ-EigenGame against the papers' updates written out literally in plain Java (float64), against a step
 * worked out by hand, and trained until they find the ordered directions.
 */
class EigenGameRuleTest {

    /** One player-parallel step of the papers' update on M (n×n), columns of v unit, sgd with rate η. */
    private static double[][] literalStep(double[][] m, double[][] v, double eta, boolean mu) {
        int n = v.length;
        int p = v[0].length;
        double[][] mv = new double[n][p];
        for (int i = 0; i < p; i++) {
            for (int r = 0; r < n; r++) {
                for (int s = 0; s < n; s++) {
                    mv[r][i] += m[r][s] * v[s][i];
                }
            }
        }
        double[][] next = new double[n][p];
        for (int i = 0; i < p; i++) {
            double[] step = new double[n];
            for (int r = 0; r < n; r++) {
                step[r] = mu ? mv[r][i] : 2 * mv[r][i];
            }
            for (int j = 0; j < i; j++) {
                double vimvj = dot(v, i, mv, j);
                double vjmvj = dot(v, j, mv, j);
                for (int r = 0; r < n; r++) {
                    step[r] -= mu ? vimvj * v[r][j] : 2 * vimvj / vjmvj * mv[r][j];
                }
            }
            if (!mu) { // Riemannian projection: remove the component along vᵢ
                double radial = 0;
                for (int r = 0; r < n; r++) {
                    radial += step[r] * v[r][i];
                }
                for (int r = 0; r < n; r++) {
                    step[r] -= radial * v[r][i];
                }
            }
            double norm = 0;
            for (int r = 0; r < n; r++) {
                next[r][i] = v[r][i] + eta * step[r];
                norm += next[r][i] * next[r][i];
            }
            for (int r = 0; r < n; r++) {
                next[r][i] /= Math.sqrt(norm);
            }
        }
        return next;
    }

    private static double dot(double[][] a, int i, double[][] b, int j) {
        double sum = 0;
        for (int r = 0; r < a.length; r++) {
            sum += a[r][i] * b[r][j];
        }
        return sum;
    }

    private static void train(String rule, Model model, Statistics stats, int steps, double eta) {
        TrainingStep step = new TrainingStep(StepSettings.of(LossSpec.named("mse"), model.latentSize(),
                UpdateRules.create(rule), Optimizers.create("sgd")), stats,
                Optimizers.create("sgd").init(model.parameters()));
        for (int t = 0; t < steps; t++) {
            step.apply(model, t, eta, null);
        }
    }

    /** M = [[3, 1], [1, 2]], v₁ = e₁, v₂ = e₂, η = 0.1, worked out by hand from the papers' updates. */
    @ParameterizedTest
    @ValueSource(strings = {EigenGameRule.ALPHA, EigenGameRule.MU})
    void aStepWorkedOutByHand(String rule) {
        TestData.useFloat64();
        INDArray sxx = Nd4j.createFromArray(new double[][] {{30, 10}, {10, 20}}); // m = 10
        Statistics stats = new Statistics(sxx, sxx, 50, 10, Nd4j.zeros(DataType.DOUBLE, 2), Nd4j.zeros(DataType.DOUBLE, 2),
                true);
        Model model = Model.tied(Nd4j.eye(2).castTo(DataType.DOUBLE));
        train(rule, model, stats, 1, 0.1);
        // μ: Δ₁ = Mv₁ = (3, 1), Δ₂ = Mv₂ − ⟨v₂, Mv₁⟩v₁ = (1, 2) − (1, 0) = (0, 2)
        // α: ∇₁ᴿ = (6, 2) − 6·(1, 0) = (0, 2); ∇₂ = 2(1, 2) − 2·(1/3)(3, 1) = (0, 10/3), ∇₂ᴿ = (0, 0)
        double[] v1 = rule.equals(EigenGameRule.MU) ? new double[] {1.3, 0.1} : new double[] {1, 0.2};
        double norm = Math.hypot(v1[0], v1[1]);
        assertEquals(v1[0] / norm, model.decoder().getDouble(0, 0), 1e-15);
        assertEquals(v1[1] / norm, model.decoder().getDouble(1, 0), 1e-15);
        assertEquals(0, model.decoder().getDouble(0, 1), 1e-15);
        assertEquals(1, model.decoder().getDouble(1, 1), 1e-15);
    }

    @ParameterizedTest
    @ValueSource(strings = {EigenGameRule.ALPHA, EigenGameRule.MU})
    void tenStepsAgreeWithTheLiteralUpdate(String rule) {
        TestData.useFloat64();
        int n = 8;
        int p = 3;
        Statistics stats = StatisticsAccumulator.of(nd(TestData.anisotropic(200, n, 0.5, new Random(5))), true);
        double[][] m = TestData.array(stats.sigmaXX().div(stats.sampleCount()));
        INDArray start = Nd4j.createFromArray(TestData.gaussian(n, p, 1, new Random(6)));
        start.diviRowVector(start.norm2(0).reshape(1, p));
        Model model = Model.tied(start);
        double[][] v = TestData.array(start);
        double eta = 0.05;
        train(rule, model, stats, 10, eta);
        for (int t = 0; t < 10; t++) {
            v = literalStep(m, v, eta, rule.equals(EigenGameRule.MU));
        }
        assertEquals(0, TestData.maxAbs(TestData.array(model.decoder().sub(nd(v)))), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(strings = {EigenGameRule.ALPHA, EigenGameRule.MU})
    void theyFindTheOrderedDirections(String rule) {
        TestData.useFloat64();
        double[][] rows = TestData.anisotropic(2000, 10, 0.0, new Random(9));
        FittedAutoencoder fitted = LinearAutoencoder.builder(4).loss(LossSpec.named("mse"))
                .rule(UpdateRules.create(rule)).optimizer(Optimizers.create("sgd"))
                .schedule(LearningRateSchedule.constant(0.05)).steps(3000).trackAlignment(true)
                .stopWhen(StopTarget.parse("longest_streak=4")).build().fit(rows);
        assertEquals(4, fitted.history().getLast().longestStreak(), rule + " after "
                + fitted.history().getLast().step() + " steps");
    }

    /** The sequential form: player i alone during steps [(i − 1)t, it), each the parallel update's column i. */
    @ParameterizedTest
    @ValueSource(strings = {EigenGameRule.ALPHA, EigenGameRule.MU})
    void inOrderOnePlayerMovesAtATimeAsTheParallelUpdateWouldMoveIt(String rule) {
        TestData.useFloat64();
        int n = 6;
        int p = 3;
        Statistics stats = StatisticsAccumulator.of(nd(TestData.anisotropic(100, n, 0.5, new Random(7))), true);
        double[][] m = TestData.array(stats.sigmaXX().div(stats.sampleCount()));
        INDArray start = Nd4j.createFromArray(TestData.gaussian(n, p, 1, new Random(8)));
        start.diviRowVector(start.norm2(0).reshape(1, p));
        Model model = Model.tied(start.dup());
        TrainingStep step = new TrainingStep(StepSettings.of(LossSpec.named("mse"), p,
                UpdateRules.create(rule, Settings.NONE.with(EigenGameRule.PLAYER_STEPS, 2.0)),
                Optimizers.create("sgd")), stats, Optimizers.create("sgd").init(model.parameters()));
        double[][] v = TestData.array(start);
        for (int t = 0; t < 8; t++) {
            double[][] parallel = literalStep(m, v, 0.05, rule.equals(EigenGameRule.MU));
            int active = Math.min(p - 1, t / 2);
            for (int r = 0; r < n; r++) {
                v[r][active] = parallel[r][active];
            }
            step.apply(model, t, 0.05, null);
            assertEquals(0, TestData.maxAbs(TestData.array(model.decoder().sub(nd(v)))), 1e-12, "step " + t);
        }
        assertTrue(TestData.maxAbs(TestData.array(model.decoder().getColumn(0).sub(start.getColumn(0))
                .reshape(n, 1))) > 1e-3, "the first player moved");
    }

    @Test
    void inOrderTheyFindTheOrderedDirections() {
        TestData.useFloat64();
        double[][] rows = TestData.anisotropic(2000, 10, 0.0, new Random(9));
        FittedAutoencoder fitted = LinearAutoencoder.builder(4).loss(LossSpec.named("mse"))
                .rule(UpdateRules.create(EigenGameRule.MU, Settings.NONE.with(EigenGameRule.PLAYER_STEPS, 400.0)))
                .optimizer(Optimizers.create("sgd")).schedule(LearningRateSchedule.constant(0.05)).steps(3000)
                .trackAlignment(true).stopWhen(StopTarget.parse("longest_streak=4")).build().fit(rows);
        assertEquals(4, fitted.history().getLast().longestStreak(), "after " + fitted.history().getLast().step()
                + " steps");
        assertTrue(fitted.history().getLast().step() > 1200, "the fourth player starts at step 1200");
    }

    @Test
    void stepsPerPlayerAreAWholeNumberAndOnlyEigenGameTakesThem() {
        LaeException e = assertThrows(LaeException.class, () -> UpdateRules.create(EigenGameRule.ALPHA,
                Settings.NONE.with(EigenGameRule.PLAYER_STEPS, 2.5)));
        assertEquals("--player-steps must be a whole number of steps, at least 0, got 2.5", e.getMessage());
        e = assertThrows(LaeException.class, () -> UpdateRules.create("gha",
                Settings.NONE.with(EigenGameRule.PLAYER_STEPS, 2.0)));
        assertEquals("--player-steps does not apply to --rule 'gha' (only to eigengame, mu-eigengame): remove it",
                e.getMessage());
    }

    @Test
    void aRegressionIsRefused() {
        Random rng = new Random(4);
        double[][] x = TestData.anisotropic(50, 5, 0, rng);
        Statistics stats = StatisticsAccumulator.of(nd(x), nd(TestData.linearTargets(x, 3, rng)), true);
        assertThrows(LaeException.class, () -> new EigenGameRule(EigenGameRule.MU).validate(null, stats, 2));
    }
}
