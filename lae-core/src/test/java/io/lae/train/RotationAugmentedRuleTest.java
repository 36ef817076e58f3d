package io.lae.train;

import static io.lae.TestData.nd;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.TestData;
import io.lae.loss.Loss;
import io.lae.loss.LossEvaluation;
import io.lae.loss.LossSpec;
import io.lae.optim.Optimizers;
import io.lae.stats.Statistics;
import io.lae.stats.StatisticsAccumulator;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * RAG's directions g_B = ∇_B − ΓB, g_A = ∇_A + AΓ with Γ = (1/m)·½(triu(BΣBᵀ, 1) − triu(BΣBᵀ, 1)ᵀ)
 * written out here, against the rule on the stacked path (which reuses BΣBᵀ from the loss and forms
 * Γ with a sign mask) and on the reference path; and in float32 under float64 defaults.
 */
class RotationAugmentedRuleTest {

    private static final int P = 4;

    @Test
    void directionsMatchTheWrittenOutRotation() {
        TestData.useFloat64();
        Statistics stats = StatisticsAccumulator.of(nd(TestData.anisotropic(60, 12, 0.3, new Random(60))), true);
        Model model = Model.random(12, 12, P, 0.3, false, false, 61, DataType.DOUBLE);
        Loss loss = LossSpec.example("mse", P).create(P);
        StepContext context = new StepContext(loss, stats, null, null, 0.1, null, null);

        INDArray b = model.encoder().dup();
        INDArray a = model.decoder().dup();
        LossEvaluation reference = loss.evaluate(b, a, stats);
        INDArray upper = Nd4j.triu(b.mmul(stats.sigmaXX()).mmul(b.transpose()), 1);
        INDArray gamma = upper.sub(upper.transpose()).muli(0.5 / stats.sampleCount());
        INDArray expectedB = reference.gradEncoder().sub(gamma.mmul(b));
        INDArray expectedA = reference.gradDecoder().add(a.mmul(gamma));

        RotationAugmentedRule rule = new RotationAugmentedRule();
        Map<String, INDArray> stacked = rule.directions(model, loss.gradients(model.stacked(), stats), context);
        Map<String, INDArray> plain = rule.directions(model, loss.evaluate(b, a, stats), context);
        for (Map<String, INDArray> directions : java.util.List.of(stacked, plain)) {
            assertTrue(TestData.relativeError(expectedB, directions.get(Model.ENCODER)) < 1e-12);
            assertTrue(TestData.relativeError(expectedA, directions.get(Model.DECODER)) < 1e-12);
        }
    }

    /**
     * On the CPU backend Γ is formed by a plain-Java pass and applied by direct BLAS calls: the same bits as
     * ND4J's product with the sign mask and {@code Nd4j.gemm}, in float64 and float32 (n = 1100, p = 7).
     */
    @Test
    void theHostPassGivesTheBitsOfNd4jsOps() {
        TestData.useFloat64();
        Statistics wide = StatisticsAccumulator.of(nd(TestData.anisotropic(1300, 1100, 0.3, new Random(64))), true);
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            Statistics stats = wide.as(type);
            Model model = Model.random(1100, 1100, 7, 0.2, true, false, 65, type);
            Loss loss = LossSpec.example("ordered", 7).create(7);
            LossEvaluation eval = loss.gradients(model.stacked(), stats);
            double[][] omega = new double[7][7];
            for (int i = 0; i < 7; i++) {
                for (int j = 0; j < 7; j++) {
                    omega[i][j] = 0.5 * Math.signum(j - i);
                }
            }
            INDArray countTimesGamma = eval.codeMoment().mul(Nd4j.createFromArray(omega).castTo(type).dup('f'));
            INDArray expectedB = eval.gradEncoder().dup();
            INDArray expectedA = eval.gradDecoder().dup();
            double perSample = 1.0 / stats.sampleCount();
            Nd4j.gemm(countTimesGamma, model.encoder(), expectedB, false, false, -perSample, 1.0);
            Nd4j.gemm(model.decoder(), countTimesGamma, expectedA, false, false, perSample, 1.0);

            Map<String, INDArray> directions = new RotationAugmentedRule().directions(model, eval,
                    new StepContext(loss, stats, null, null, 0.1, null, null));

            assertArrayEquals(bits(expectedB), bits(directions.get(Model.ENCODER)), type + " g_B");
            assertArrayEquals(bits(expectedA), bits(directions.get(Model.DECODER)), type + " g_A");
        }
    }

    private static double[] bits(INDArray x) {
        return x.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    @Test
    void float32StepsRunUnderFloat64Defaults() {
        TestData.useFloat64();
        Statistics stats = StatisticsAccumulator.of(nd(TestData.anisotropic(60, 12, 0.3, new Random(62))), true)
                .as(DataType.FLOAT);
        for (String rule : new String[] {"rag", "gha"}) {
            Model model = rule.equals("gha") ? Model.tied(Nd4j.rand(DataType.FLOAT, 12, P))
                    : Model.random(12, 12, P, 0.1, true, false, 63, DataType.FLOAT);
            TrainingStep step = new TrainingStep(StepSettings.of(LossSpec.named("mse"), P, UpdateRules.create(rule),
                    Optimizers.create("sgd")), stats,
                    Optimizers.create("sgd").init(model.parameters()));
            for (int t = 0; t < 3; t++) {
                step.apply(model, t, 1e-3, null);
            }
            assertTrue(model.isFinite(), rule);
        }
    }
}
