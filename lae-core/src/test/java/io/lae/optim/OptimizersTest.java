package io.lae.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.LaeException;
import io.lae.method.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OptimizersTest {

    private static Settings momentum(double mu) {
        return Settings.NONE.with(Optimizers.MOMENTUM, mu);
    }

    @Test
    void everyNameCreatesTheOptimizerOfThatName() {
        for (String name : Optimizers.REGISTRY.names()) {
            assertEquals(name, Optimizers.create(name, momentum(0.9)).name());
        }
        assertEquals(new Momentum(0.5, true), Optimizers.create("nesterov", momentum(0.5)));
        assertEquals(new Momentum(0.9, false), Optimizers.create("momentum"), "μ defaults to 0.9");
        assertEquals(new Adam(0.9, 0.999, 1e-8), Optimizers.create("adam", momentum(0.5)),
                "Adam leaves the μ offered to every optimizer");
    }

    @Test
    void unknownNameIsRejectedListingTheKnownOnes() {
        LaeException e = assertThrows(LaeException.class, () -> Optimizers.create("rmsprop"));
        assertEquals("unknown --optimizer 'rmsprop': use one of sgd, momentum, nesterov, adam", e.getMessage());
        assertThrows(LaeException.class, () -> Optimizers.create("Adam"));
        assertThrows(LaeException.class, () -> Optimizers.create(null));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, 1.0, 1.5, Double.NaN})
    void momentumOutsideTheUnitIntervalIsRejected(double momentum) {
        for (OptimizerMethod method : Optimizers.REGISTRY.methods()) {
            if (method.hyperparameters().contains(Optimizers.MOMENTUM)) {
                LaeException e = assertThrows(LaeException.class,
                        () -> Optimizers.create(method.name(), momentum(momentum)));
                assertTrue(e.getMessage().startsWith("--momentum must be in [0, 1)"), e.getMessage());
            }
        }
        assertThrows(LaeException.class, () -> new Momentum(momentum, true));
    }

    @Test
    void adamHyperparametersAreValidated() {
        assertThrows(LaeException.class, () -> new Adam(1.0, 0.999, 1e-8));
        assertThrows(LaeException.class, () -> new Adam(0.9, -0.1, 1e-8));
        assertThrows(LaeException.class, () -> new Adam(0.9, 0.999, 0));
    }

    @Test
    void restoreRejectsANegativeStep() {
        assertThrows(LaeException.class, () -> OptimizerState.restore(-1, Map.of()));
    }
}
