package io.lae.loss;

import static io.lae.TestData.nd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.TestData;
import io.lae.stats.Statistics;
import io.lae.stats.StatisticsAccumulator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The training step's value-free paths ({@link Loss#gradients(INDArray, INDArray, Statistics)} and
 * {@link Loss#gradientsBatch}) give exactly the gradients of {@link Loss#evaluate} and
 * {@link Loss#evaluateBatch}, the same operations without the reductions to the value, for every loss,
 * on a regression (n ≠ n', where the stacked kernel does not apply).
 */
class ValueFreeGradientsTest {

    private static final int P = 3;
    private static final List<String> NAMES = Losses.REGISTRY.names();
    private static INDArray x;
    private static INDArray y;
    private static Statistics stats;

    @BeforeAll
    static void data() {
        TestData.useFloat64();
        Random rng = new Random(61);
        INDArray rows = nd(TestData.anisotropic(80, 7, 0.3, rng));
        INDArray targets = rows.mmul(nd(TestData.gaussian(7, 5, 1, rng)));
        stats = StatisticsAccumulator.of(rows, targets, false);
        x = rows.transpose();
        y = targets.transpose();
    }

    private static Loss loss(String name) {
        return LossSpec.example(name, P).create(P);
    }

    private static INDArray[] weights() {
        Random rng = new Random(62);
        return new INDArray[] {nd(TestData.gaussian(P, 7, 0.2, rng)), nd(TestData.gaussian(5, P, 0.2, rng))};
    }

    @ParameterizedTest
    @FieldSource("NAMES")
    void overTheStatistics(String name) {
        INDArray[] w = weights();
        LossEvaluation reference = loss(name).evaluate(w[0], w[1], stats);
        LossEvaluation alone = loss(name).gradients(w[0], w[1], stats);
        assertTrue(Double.isFinite(reference.value()) && Double.isNaN(alone.value()), name + ": " + alone.value());
        assertEquals(reference.gradEncoder(), alone.gradEncoder(), name + " ∇B");
        assertEquals(reference.gradDecoder(), alone.gradDecoder(), name + " ∇A");
    }

    @ParameterizedTest
    @FieldSource("NAMES")
    void overABatch(String name) {
        INDArray[] w = weights();
        LossEvaluation reference = loss(name).evaluateBatch(w[0], w[1], x, y);
        LossEvaluation alone = loss(name).gradientsBatch(w[0], w[1], x, y);
        assertTrue(Double.isFinite(reference.value()) && Double.isNaN(alone.value()), name + ": " + alone.value());
        assertEquals(reference.gradEncoder(), alone.gradEncoder(), name + " ∇B");
        assertEquals(reference.gradDecoder(), alone.gradDecoder(), name + " ∇A");
    }
}
