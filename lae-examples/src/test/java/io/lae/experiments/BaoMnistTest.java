package io.lae.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order of bao-fig2-3's runs: all twelve once, the two that step over the rows last. */
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
}
