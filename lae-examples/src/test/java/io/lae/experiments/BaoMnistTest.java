package io.lae.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The order of bao-fig2-3's runs (all twelve once, the two that step over the rows last) and its nested-dropout
 * subspace claim on hand-made numbers.
 */
class BaoMnistTest {

    @Test
    void everyModelRunsUnderBothOptimizersOnce() {
        List<BaoMnist.PlannedRun> order = BaoMnist.runOrder();
        assertEquals(BaoMnist.MODELS.size() * BaoMnist.OPTIMIZERS.size(), order.size());
        assertEquals(order.size(), new HashSet<>(order).size());
    }

    @Test
    void perSampleRunsComeLast() {
        List<BaoMnist.PlannedRun> order = BaoMnist.runOrder();
        int rows = (int) order.stream().filter(BaoMnist.PlannedRun::needsRows).count();
        assertEquals(BaoMnist.OPTIMIZERS.size(), rows);
        order.subList(0, order.size() - rows).forEach(run -> assertFalse(run.needsRows(), run.toString()));
        order.subList(order.size() - rows, order.size()).forEach(run -> assertTrue(run.needsRows(), run.toString()));
    }

    @Test
    void subspaceClaimComparesTheTwoNestedDropoutsUnderOneOptimizer() {
        Map<String, Double> finalSub = Map.of("nested-dropout-nesterov", 1e-14, "nested-dropout-stochastic-nesterov",
                4.5e-5, "nested-dropout-adam", 2e-3, "nested-dropout-stochastic-adam", 1e-3);
        Claim nesterov = BaoMnist.nestedDropoutSubspaceClaim("nesterov", finalSub);
        assertTrue(nesterov.holds(), nesterov.measured());
        assertTrue(nesterov.measured().contains("deterministic 1.000e-14, stochastic 4.500e-05"), nesterov.measured());
        assertFalse(BaoMnist.nestedDropoutSubspaceClaim("adam", finalSub).holds(), "the stochastic run ends closer");
    }
}
