package io.lae.vae;

import static io.lae.TestData.nd;
import static io.lae.TestData.observe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.LaeException;
import io.lae.TestData;
import io.lae.optim.LearningRateSchedule;
import io.lae.stats.Statistics;
import io.lae.stats.StatisticsAccumulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** The full-batch trainer: what the callback sees, divergence, settings, float32. */
class LinearVaeTrainerTest {

    private static final int N = 6;
    private static final int P = 2;

    private static Statistics stats;

    @BeforeAll
    static void data() {
        TestData.useFloat64();
        stats = StatisticsAccumulator.of(nd(TestData.anisotropic(50, N, 0.0, new Random(80))), true);
    }

    private static LinearVaeTrainer adam(long steps, long logEvery) {
        return LinearVaeTrainer.of("adam", 0, LearningRateSchedule.constant(0.01), steps, logEvery);
    }

    @Test
    void callbackSeesEveryKthStepAndTheLastWithTheLossThere() {
        VaeParameters start = VaeParameters.random(N, P, 0.1, 81, DataType.DOUBLE);
        VaeParameters untouched = start.copy();
        List<Long> steps = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        LinearVaeTrainer.Result result = adam(25, 10).train(stats, start, (step, params, loss) -> {
            steps.add(step);
            losses.add(loss);
            assertEquals(LinearVae.value(params, stats), loss, 0);
        });
        assertEquals(List.of(0L, 10L, 20L, 25L), steps);
        assertEquals(LinearVae.value(untouched, stats), losses.get(0), 0);
        assertEquals(losses.get(3), result.loss(), 0);
        assertTrue(result.loss() < losses.get(0), "the loss went up: " + losses);
        start.asMap().forEach((name, array) -> assertEquals(untouched.asMap().get(name), array, name + " was modified"));
    }

    @Test
    void divergenceIsReportedInOneLine() {
        VaeParameters start = VaeParameters.random(N, P, 0.1, 82, DataType.DOUBLE);
        LinearVaeTrainer trainer = LinearVaeTrainer.of("sgd", 0, LearningRateSchedule.constant(1e3), 100, 10);
        LaeException e = assertThrows(LaeException.class, () -> trainer.train(stats, start, (step, params, loss) -> { }));
        assertTrue(e.getMessage().startsWith("linear VAE training diverged at step "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void badSettingsAreRefused() {
        LearningRateSchedule lr = LearningRateSchedule.constant(0.01);
        assertThrows(LaeException.class, () -> LinearVaeTrainer.of("adagrad", 0, lr, 10, 1));
        assertThrows(LaeException.class, () -> LinearVaeTrainer.of("nesterov", 1.0, lr, 10, 1));
        assertThrows(LaeException.class, () -> LinearVaeTrainer.of("adam", 0, lr, -1, 1));
        assertThrows(LaeException.class, () -> LinearVaeTrainer.of("adam", 0, lr, 10, 0));
    }

    @Test
    void float32RunAgreesWithFloat64() {
        VaeParameters start = VaeParameters.random(N, P, 0.1, 83, DataType.DOUBLE);
        LinearVaeTrainer.Callback ignore = (step, params, loss) -> { };
        LinearVaeTrainer.Result wide = adam(200, 200).train(stats, start, ignore);
        LinearVaeTrainer.Result narrow = adam(200, 200).train(stats, start.castTo(DataType.FLOAT), ignore);
        narrow.parameters().asMap().values().forEach(a -> assertEquals(DataType.FLOAT, a.dataType()));
        double loss = observe("VAE float32 vs float64 training: loss", TestData.relativeError(wide.loss(), narrow.loss()));
        double decoder = observe("VAE float32 vs float64 training: decoder",
                TestData.relativeError(wide.parameters().decoder(), narrow.parameters().decoder()));
        assertTrue(loss < 1e-4, "loss error " + loss);
        assertTrue(decoder < 1e-4, "decoder error " + decoder);
    }
}
