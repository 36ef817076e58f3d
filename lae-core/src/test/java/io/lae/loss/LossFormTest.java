package io.lae.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lae.LaeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link LossSpec#form} describes exactly the loss {@link LossSpec#create} builds: the same nested
 * weights and scale as its reconstruction term, the same penalty, and the same refusals.
 */
class LossFormTest {

    private static final int P = 4;

    private static LossSpec spec(String name) {
        return switch (name) {
            case "product", "sum" -> LossSpec.named(name).with(ProductL2Loss.LAMBDA, 0.5);
            case "nonuniform" -> LossSpec.named(name).with(NonUniformL2Loss.LAMBDAS, new double[] {0.1, 0.2, 0.3, 0.4});
            default -> LossSpec.named(name);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"mse", "ordered", "product", "sum", "nonuniform", "nested-dropout"})
    void formMatchesTheLossCreateBuilds(String name) {
        LossForm form = spec(name).form(P);
        CompositeLoss loss = (CompositeLoss) spec(name).create(P);
        assertEquals(name, form.name());
        assertArrayEquals(loss.reconstruction().weights(), form.nestedWeights());
        assertArrayEquals(loss.reconstruction().tailWeights(), form.tailWeights());
        assertEquals(loss.reconstruction().scale(), form.scale());
        double[] lambdas = switch (name) {
            case "sum" -> new double[] {0.5, 0.5, 0.5, 0.5};
            case "nonuniform" -> new double[] {0.1, 0.2, 0.3, 0.4};
            default -> new double[P];
        };
        assertArrayEquals(lambdas, form.diagonalLambdas());
        assertEquals(name.equals("product") ? 0.5 : 0, form.productLambda());
        assertEquals(loss.hasPenalty(), form.hasDiagonalPenalty() || form.productLambda() > 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nonuniform", "nested-dropout", "product", "unknown"})
    void formRefusesWhatCreateRefuses(String name) {
        LossSpec bad = switch (name) {
            case "nonuniform" -> LossSpec.named(name).with(NonUniformL2Loss.LAMBDAS, new double[] {0.3, 0.2, 0.4, 0.5});
            case "nested-dropout" -> LossSpec.named(name).with(NestedDropoutLoss.PRIOR, new double[] {0.5, 0.5, 0.5, 0.5});
            case "product" -> LossSpec.named(name);
            default -> LossSpec.named(name);
        };
        LaeException fromCreate = assertThrows(LaeException.class, () -> bad.create(P));
        LaeException fromForm = assertThrows(LaeException.class, () -> bad.form(P));
        assertEquals(fromCreate.getMessage(), fromForm.getMessage());
    }
}
