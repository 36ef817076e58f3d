package io.lae.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lae.LaeException;
import io.lae.loss.LossForm;
import io.lae.loss.LossMethod;
import io.lae.loss.LossSpec;
import io.lae.loss.Losses;
import io.lae.loss.NestedDropoutLoss;
import io.lae.loss.NonUniformL2Loss;
import io.lae.loss.ProductL2Loss;
import io.lae.optim.OptimizerMethod;
import io.lae.optim.Optimizers;
import io.lae.train.RuleMethod;
import io.lae.train.UpdateRules;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The registries are what the command line, the checks and lae-cuda read: every entry builds the object of its
 * name from its example settings, and resolving settings refuses what a method does not take, fills its defaults and
 * checks its ranges, in one line naming the option.
 */
class RegistryTest {

    @Test
    void everyEntryBuildsTheObjectOfItsNameFromItsExampleSettings() {
        for (LossMethod method : Losses.REGISTRY.methods()) {
            for (int p = 1; p <= 4; p++) {
                LossSpec spec = LossSpec.example(method, p);
                assertEquals(method.name(), spec.create(p).name());
                LossForm form = spec.form(p);
                assertEquals(method.name(), form.name());
                assertEquals(p, form.latentSize());
                assertEquals(method.defaultScale(), form.scale());
            }
        }
        for (RuleMethod method : UpdateRules.REGISTRY.methods()) {
            assertEquals(method.name(), method.create().apply(method.example(1)).name());
            assertEquals(method.name(), UpdateRules.create(method.name()).name());
        }
        for (OptimizerMethod method : Optimizers.REGISTRY.methods()) {
            assertEquals(method.name(), Optimizers.create(method.name(), method.example(1)).name());
        }
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        LaeException e = assertThrows(LaeException.class, () -> LossSpec.named("pca").form(3));
        assertEquals("unknown loss 'pca': use one of mse, ordered, product, sum, nonuniform, nested-dropout",
                e.getMessage());
        e = assertThrows(LaeException.class, () -> UpdateRules.create("sanger"));
        assertEquals("unknown --rule 'sanger': use one of gradient, rag, gha, oja, oja-qr, eigengame, mu-eigengame, "
                + "tied, alternating", e.getMessage());
    }

    @Test
    void aNameRegisteredTwiceIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new Registry<>("--optimizer", List.of(Optimizers.SGD, Optimizers.ADAM, Optimizers.SGD)));
    }

    @Test
    void aSettingTheMethodDoesNotTakeIsRefusedNamingTheMethodsThatDo() {
        LaeException e = assertThrows(LaeException.class,
                () -> LossSpec.named("mse").with(ProductL2Loss.LAMBDA, 1.0).form(3));
        assertEquals("--lambda does not apply to loss 'mse' (only to product, sum): remove it", e.getMessage());
    }

    @Test
    void aRequiredSettingMissingIsNamedWithItsHelp() {
        LaeException e = assertThrows(LaeException.class, () -> LossSpec.named("product").form(3));
        assertEquals("loss 'product' needs --lambda (the L2 weight λ, e.g. --lambda 10)", e.getMessage());
        e = assertThrows(LaeException.class, () -> LossSpec.named("nonuniform").form(3));
        assertEquals("loss 'nonuniform' needs --lambdas with p = 3 values (λ₁..λ_p of Bao eq. 3, e.g. 0.1,0.2,…)",
                e.getMessage());
    }

    @Test
    void perUnitSettingsHaveOneValuePerUnitAndTheirRange() {
        LaeException e = assertThrows(LaeException.class, () -> LossSpec.named("nonuniform")
                .with(NonUniformL2Loss.LAMBDAS, new double[] {0.1, 0.2}).form(3));
        assertEquals("--lambdas has 2 values but the latent size p is 3: give exactly one per latent unit",
                e.getMessage());
        e = assertThrows(LaeException.class, () -> LossSpec.named("nonuniform")
                .with(NonUniformL2Loss.LAMBDAS, new double[] {0.1, 0.3, 0.2}).form(3));
        assertEquals("--lambdas must be positive and strictly increasing (Bao eq. 3: 0 < λ₁ < … < λ_p); entry 3 is "
                + "0.2", e.getMessage());
        e = assertThrows(LaeException.class, () -> LossSpec.named("sum").with(ProductL2Loss.LAMBDA, -1.0).form(3));
        assertEquals("--lambda must be finite and non-negative, got -1.0", e.getMessage());
        assertThrows(LaeException.class, () -> LossSpec.named("sum").with(ProductL2Loss.LAMBDA, Double.NaN).form(3));
    }

    @Test
    void aDefaultFillsWhatIsNotGiven() {
        assertArrayEquals(NestedDropoutLoss.geometricPrior(5, NestedDropoutLoss.DEFAULT_KEEP),
                LossSpec.named("nested-dropout").form(5).nestedWeights());
        double[] prior = {0.5, 0.25, 0.25};
        assertArrayEquals(prior, LossSpec.named("nested-dropout").with(NestedDropoutLoss.PRIOR, prior).form(3)
                .nestedWeights());
        assertEquals(0.9, Optimizers.resolve(Optimizers.NESTEROV, Settings.NONE).get(Optimizers.MOMENTUM));
    }

    @Test
    void settingsCopyTheirListsAndCompareByValue() {
        double[] lambdas = {0.1, 0.2};
        Settings settings = Settings.NONE.with(NonUniformL2Loss.LAMBDAS, lambdas);
        lambdas[0] = 9;
        assertArrayEquals(new double[] {0.1, 0.2}, settings.get(NonUniformL2Loss.LAMBDAS));
        settings.get(NonUniformL2Loss.LAMBDAS)[1] = 9;
        assertArrayEquals(new double[] {0.1, 0.2}, settings.get(NonUniformL2Loss.LAMBDAS));
        assertEquals(settings, Settings.NONE.with(NonUniformL2Loss.LAMBDAS, new double[] {0.1, 0.2}));
        assertEquals(settings.hashCode(), Settings.NONE.with(NonUniformL2Loss.LAMBDAS, new double[] {0.1, 0.2})
                .hashCode());
        assertNotEquals(settings, Settings.NONE.with(NonUniformL2Loss.LAMBDAS, new double[] {0.1, 0.3}));
        assertNull(settings.with(NonUniformL2Loss.LAMBDAS, null).get(NonUniformL2Loss.LAMBDAS));
        assertEquals(LossSpec.named("sum").with(ProductL2Loss.LAMBDA, 2.0),
                LossSpec.named("sum").with(ProductL2Loss.LAMBDA, 2.0));
    }
}
