package io.lae.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.LaeException;
import io.lae.TestData;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link LossSpec}: every name builds the loss of that name with the default scale of docs/math.md
 * §2; every user mistake (unknown name, missing, superfluous or malformed hyperparameters)
 * is a one-line {@link LaeException}. Also the geometric nested-dropout prior and the scales.
 */
class LossSpecTest {

    private static final int P = 4;

    @BeforeAll
    static void float64() {
        TestData.useFloat64();
    }

    /** @return a spec with just the hyperparameter that the loss needs */
    private static LossSpec minimal(String name) {
        return switch (name) {
            case "product", "sum" -> LossSpec.named(name).with(ProductL2Loss.LAMBDA, 1.0);
            case "nonuniform" -> LossSpec.named(name).with(NonUniformL2Loss.LAMBDAS, new double[] {0.1, 0.2, 0.3, 0.4});
            default -> LossSpec.named(name);
        };
    }

    /** @return whether the message holds the number as a word (not as a digit of another) */
    private static boolean mentions(String message, int number) {
        return message.matches(".*\\b" + number + "\\b.*");
    }

    private static String rejected(LossSpec spec) {
        String message = assertThrows(LaeException.class, () -> spec.create(P)).getMessage();
        assertFalse(message.contains("\n"), message);
        return message;
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"mse, sum", "ordered, sum", "product, sum", "sum, sum", "nonuniform, mean", "nested-dropout, half-mean"})
    void eachNameBuildsThatLossWithItsDefaultScale(String name, String scale) {
        Loss loss = minimal(name).create(P);

        assertEquals(name, loss.name());
        assertEquals(P, loss.latentSize());
        assertEquals(Scale.fromLabel(scale), ((CompositeLoss) loss).reconstruction().scale());
        assertEquals(Scale.fromLabel(scale), LossSpec.named(name).effectiveScale());
    }

    @Test
    void everyNameIsCovered() {
        assertEquals(List.of("mse", "ordered", "product", "sum", "nonuniform", "nested-dropout"), Losses.REGISTRY.names());
    }

    @Test
    void anExplicitScaleOverridesTheDefault() {
        LossSpec spec = LossSpec.named("nonuniform").withScale(Scale.SUM).with(NonUniformL2Loss.LAMBDAS, new double[] {1, 2, 3, 4});

        assertEquals(Scale.SUM, ((CompositeLoss) spec.create(P)).reconstruction().scale());
    }

    @Test
    void anUnknownNameIsRejectedListingTheKnownOnes() {
        String message = rejected(LossSpec.named("ordred"));

        assertTrue(message.contains("ordred") && message.contains("ordered"), message);
    }

    @ParameterizedTest
    @CsvSource({"product", "sum"})
    void productAndSumNeedLambda(String name) {
        assertTrue(rejected(LossSpec.named(name)).contains("--lambda"));
    }

    @Test
    void aNegativeLambdaIsRejected() {
        rejected(LossSpec.named("sum").with(ProductL2Loss.LAMBDA, -0.5));
    }

    @Test
    void lambdasOfTheWrongLengthAreRejectedNamingBothLengths() {
        String message = rejected(LossSpec.named("nonuniform").with(NonUniformL2Loss.LAMBDAS, new double[] {0.1, 0.2, 0.3}));

        assertTrue(mentions(message, 3) && mentions(message, P), message);
    }

    @Test
    void nonIncreasingLambdasAreRejected() {
        rejected(LossSpec.named("nonuniform").with(NonUniformL2Loss.LAMBDAS, new double[] {0.1, 0.3, 0.3, 0.4}));
        rejected(LossSpec.named("nonuniform").with(NonUniformL2Loss.LAMBDAS, new double[] {0.4, 0.3, 0.2, 0.1}));
    }

    @Test
    void aPriorThatDoesNotSumToOneIsRejected() {
        String message = rejected(LossSpec.named("nested-dropout").with(NestedDropoutLoss.PRIOR, new double[] {0.4, 0.3, 0.2, 0.2}));

        assertTrue(message.contains("1.1"), message);
    }

    @Test
    void aPriorOfTheWrongLengthIsRejected() {
        String message = rejected(LossSpec.named("nested-dropout").with(NestedDropoutLoss.PRIOR, new double[] {0.5, 0.5}));

        assertTrue(mentions(message, 2) && mentions(message, P), message);
    }

    @Test
    void superfluousHyperparametersAreRejected() {
        assertTrue(rejected(LossSpec.named("ordered").with(ProductL2Loss.LAMBDA, 1.0)).contains("--lambda"));
        assertTrue(rejected(LossSpec.named("sum").with(ProductL2Loss.LAMBDA, 1.0).with(NonUniformL2Loss.LAMBDAS, new double[] {1, 2, 3, 4})).contains("--lambdas"));
        assertTrue(rejected(LossSpec.named("mse").with(NestedDropoutLoss.PRIOR, new double[] {0.25, 0.25, 0.25, 0.25})).contains("--prior"));
    }

    @Test
    void theGeometricPriorSumsToOneAndKeepsUnitIWithProbabilityRhoToTheIMinusOne() {
        int p = 20;
        double[] prior = NestedDropoutLoss.geometricPrior(p, 0.9);

        double tail = 0;
        for (int i = p; i >= 1; i--) {
            tail += prior[i - 1];
            assertEquals(Math.pow(0.9, i - 1), tail, 1e-14, "P(b ≥ " + i + ")");
        }
        assertEquals(1.0, tail, 1e-14);
        assertEquals(0.1, prior[0], 1e-15);
    }

    @Test
    void theDefaultNestedDropoutPriorIsGeometricWithRhoPointNine() {
        NestedReconstruction term = ((CompositeLoss) LossSpec.named("nested-dropout").create(P)).reconstruction();

        assertArrayEquals(NestedDropoutLoss.geometricPrior(P, 0.9), term.weights(), 0.0);
        assertArrayEquals(new double[] {1, 0.9, 0.81, 0.729}, term.tailWeights(), 1e-14);
    }

    @Test
    void scaleFactorsAreOneOneOverMAndOneOverTwoM() {
        assertEquals(1.0, Scale.SUM.factor(250));
        assertEquals(1.0 / 250, Scale.MEAN.factor(250));
        assertEquals(1.0 / 500, Scale.HALF_MEAN.factor(250));
        assertEquals(Scale.HALF_MEAN, Scale.fromLabel("half-mean"));
        assertThrows(LaeException.class, () -> Scale.fromLabel("average"));
    }
}
