package io.lae.vae;

import static io.lae.TestData.nd;
import static io.lae.TestData.observe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.LaeException;
import io.lae.TestData;
import io.lae.method.Settings;
import io.lae.optim.LearningRateSchedule;
import io.lae.optim.Optimizers;
import io.lae.stats.Statistics;
import io.lae.stats.StatisticsAccumulator;
import io.lae.train.Checkpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The full-batch trainer: what the callback sees, divergence, settings, checkpoints and resume, float32. */
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
        return new LinearVaeTrainer(Optimizers.create("adam"), LearningRateSchedule.constant(0.01), steps, logEvery, 0);
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
    void anEarlyStopEndsTheRunAtTheFirstLoggedStepThatReachesIt() {
        VaeParameters start = VaeParameters.random(N, P, 0.1, 81, DataType.DOUBLE);
        List<Long> logged = new ArrayList<>();
        double[] lossAt20 = new double[1];
        LinearVaeTrainer.Result result = adam(100, 10).train(stats, start, (step, params, loss) -> {
            logged.add(step);
            lossAt20[0] = loss;
        }, checkpoint -> { }, (step, params) -> step >= 15);
        assertEquals(List.of(0L, 10L, 20L), logged);
        assertEquals(20, result.steps());
        assertEquals(lossAt20[0], result.loss(), 0);
        assertEquals(LinearVae.value(result.parameters(), stats), result.loss(), 0, "the parameters of step 20");
        assertEquals(100, adam(100, 10).train(stats, start, (step, params, loss) -> { }).steps());
    }

    @Test
    void divergenceIsReportedInOneLine() {
        VaeParameters start = VaeParameters.random(N, P, 0.1, 82, DataType.DOUBLE);
        LinearVaeTrainer trainer = new LinearVaeTrainer(Optimizers.create("sgd"), LearningRateSchedule.constant(1e3), 100, 10, 0);
        LaeException e = assertThrows(LaeException.class, () -> trainer.train(stats, start, (step, params, loss) -> { }));
        assertTrue(e.getMessage().startsWith("linear VAE training diverged at step "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void badSettingsAreRefused() {
        LearningRateSchedule lr = LearningRateSchedule.constant(0.01);
        assertThrows(LaeException.class, () -> new LinearVaeTrainer(Optimizers.create("adagrad"), lr, 10, 1, 0));
        assertThrows(LaeException.class, () -> new LinearVaeTrainer(Optimizers.create("nesterov", Settings.NONE.with(Optimizers.MOMENTUM, 1.0)), lr, 10, 1, 0));
        assertThrows(LaeException.class, () -> new LinearVaeTrainer(Optimizers.create("adam"), lr, -1, 1, 0));
        assertThrows(LaeException.class, () -> new LinearVaeTrainer(Optimizers.create("adam"), lr, 10, 0, 0));
        assertThrows(LaeException.class, () -> new LinearVaeTrainer(Optimizers.create("adam"), lr, 10, 1, -1));
    }

    /** A checkpoint is a snapshot, not a view of the live weights; the resumed run ends where the uninterrupted one does. */
    @ParameterizedTest
    @ValueSource(strings = {"nesterov", "adam"})
    void resumingFromACheckpointEqualsTheUninterruptedRunBitForBit(String optimizer) {
        VaeParameters start = VaeParameters.random(N, P, 0.1, 84, DataType.DOUBLE);
        LinearVaeTrainer trainer = new LinearVaeTrainer(Optimizers.create(optimizer, Settings.NONE.with(Optimizers.MOMENTUM, 0.9)), LearningRateSchedule.constant(0.01), 35, 10, 10);
        AtomicReference<Checkpoint> kept = new AtomicReference<>();
        List<Long> saved = new ArrayList<>();
        LinearVaeTrainer.Result whole = trainer.train(stats, start, (step, params, loss) -> { }, checkpoint -> {
            saved.add(checkpoint.step());
            if (checkpoint.step() == 20) {
                kept.set(checkpoint);
            }
        });
        assertEquals(List.of(10L, 20L, 30L), saved);
        Checkpoint at20 = kept.get();
        assertEquals(20, at20.step());
        List<Long> logged = new ArrayList<>();
        LinearVaeTrainer.Result resumed = trainer.resume(stats, at20, (step, params, loss) -> logged.add(step),
                checkpoint -> saved.add(checkpoint.step()));
        assertEquals(List.of(30L, 35L), logged, "the steps up to the checkpoint's were logged before it");
        assertEquals(List.of(10L, 20L, 30L, 30L), saved);
        assertEquals(whole.loss(), resumed.loss(), 0);
        whole.parameters().asMap().forEach((name, array) ->
                assertEquals(array, resumed.parameters().asMap().get(name), name + " differs after resuming"));
    }

    @Test
    void aCheckpointPastTheLastStepOrWithoutAParameterIsRefused() {
        VaeParameters start = VaeParameters.random(N, P, 0.1, 85, DataType.DOUBLE);
        Map<String, INDArray> arrays = start.asMap();
        Checkpoint late = new Checkpoint(30, 0, arrays, 30, Map.of());
        assertThrows(LaeException.class, () -> adam(25, 10).resume(stats, late, (s, p, l) -> { }, c -> { }));
        arrays.remove(VaeParameters.LOG_NOISE);
        Checkpoint partial = new Checkpoint(10, 0, arrays, 10, Map.of());
        LaeException e = assertThrows(LaeException.class,
                () -> adam(25, 10).resume(stats, partial, (s, p, l) -> { }, c -> { }));
        assertTrue(e.getMessage().contains(VaeParameters.LOG_NOISE), e.getMessage());
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
