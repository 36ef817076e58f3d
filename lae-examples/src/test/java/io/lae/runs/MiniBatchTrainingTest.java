package io.lae.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.LaeException;
import io.lae.Precision;
import io.lae.loss.Scale;
import io.lae.train.Initialization;
import io.lae.train.NestedDropoutDraw;
import io.lae.train.TrainingListener;
import io.lae.train.TrainingResult;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Mini-batch mode and stochastic nested dropout (per step and per sample), on TrainerTest's data (m = 40, n = 8, p = 3). */
class MiniBatchTrainingTest {

    static final int P = TrainingFixture.P;

    @TempDir
    Path out;

    static io.lae.stats.Statistics stats;
    static io.lae.closedform.GroundTruth truth;

    @org.junit.jupiter.api.BeforeAll
    static void data() {
        TrainingFixture.load();
        stats = TrainingFixture.stats;
        truth = TrainingFixture.truth;
    }

    static TrainingConfig mini(String loss, String rule, String optimizer, double lr, Double lrEnd, int epochs,
                               int batch, NestedDropoutDraw stochastic, long checkpointEvery) {
        return new TrainingConfig("test", null, loss, null, null, null, null, rule, optimizer, lr, lrEnd, null, 0.9, P, 1,
                epochs, batch, stochastic, rule.equals("rag") ? Initialization.Kind.BALANCED : Initialization.Kind.NORMAL, 0.1, 3, Precision.FLOAT64, false, 10,
                checkpointEvery, null, null, null, null);
    }

    /** @return the fixture's rows, which mini-batch and per-sample runs step over */
    static INDArray rows() {
        return TrainingFixture.data.rowArray();
    }

    TrainingResult trainMini(TrainingConfig c, Path dir, boolean resume) {
        return new Trainer(c, new TrainingListener() { })
                .train(stats, truth, new RunDirectory(dir), resume, Map.of(), rows(), null);
    }

    @Test
    void oneEpochOfOneFullBatchIsOneFullBatchStep() {
        TrainingConfig c = new TrainingConfig("test", null, "ordered", null, null, null, null, "gradient", "sgd", 1e-3,
                null, null, 0.9, P, 1, null, null, null, Initialization.Kind.NORMAL, 0.1, 3, Precision.FLOAT64, false, 10, 0, null, null, null, null);
        TrainingResult full = new Trainer(c, new TrainingListener() { })
                .train(stats, truth, new RunDirectory(out.resolve("f")), false, Map.of());
        TrainingResult mini = trainMini(mini("ordered", "gradient", "sgd", 1e-3, null, 1, 40, null, 0), out.resolve("m"), false);
        assertEquals(1, mini.last().step());
        double diff = full.model().decoder().sub(mini.model().decoder()).amaxNumber().doubleValue()
                + full.model().encoder().sub(mini.model().encoder()).amaxNumber().doubleValue();
        assertTrue(diff < 1e-13, "full-batch vs one-batch step differ by " + diff);
    }

    @Test
    void miniBatchOrderedTrainingFindsTheDirections() {
        TrainingResult r = trainMini(mini("ordered", "gradient", "adam", 0.02, 1e-5, 300, 8, null, 0), out, false);
        assertEquals(300 * 5, r.last().step(), "5 batches of 8 per epoch");
        assertEquals(1.0, r.last().ratioTp(), r.last()::toString);
    }

    @ParameterizedTest
    @EnumSource(NestedDropoutDraw.class)
    void stochasticNestedDropoutLearnsTheLeadingDirection(NestedDropoutDraw draw) {
        TrainingConfig c = new TrainingConfig("test", null, "nested-dropout", Scale.MEAN, null, null, null, "gradient",
                "adam", 0.02, 1e-4, null, 0.9, P, 1, 1600, 8, draw, Initialization.Kind.NORMAL, 0.1, 3, Precision.FLOAT64, false, 50, 0, null, null, null, null);
        assertLearnsTheLeadingDirection(trainMini(c, out, false));
    }

    @Test
    void perSampleNestedDropoutAtFullBatchLearnsTheLeadingDirection() {
        TrainingConfig c = fullBatchPerSample(0);
        assertLearnsTheLeadingDirection(new Trainer(c, new TrainingListener() { })
                .train(stats, truth, new RunDirectory(out), false, Map.of(), rows(), null));
    }

    private static void assertLearnsTheLeadingDirection(TrainingResult r) {
        double acs11 = io.lae.metrics.AbsoluteCosineSimilarity.matrix(truth.directions(P), r.model().decoder()).getDouble(0, 0);
        // noisy and slow by nature (Bao §5): close to u₁, not exactly on it (at 400 epochs some seeds are still at 0.2)
        assertTrue(acs11 > 0.99, "|cos(u₁, a₁)| = " + acs11 + "; " + r.last());
        assertTrue(r.last().dAlign() < 0.05, r.last()::toString);
        assertTrue(r.last().dSub() < 1e-3, r.last()::toString);
    }

    /** Full-batch per-sample nested dropout on the fixture: 1500 Adam steps over all 40 rows. */
    private static TrainingConfig fullBatchPerSample(long checkpointEvery) {
        return TrainingConfig.builder().data("test").loss("nested-dropout").scale(Scale.MEAN).latent(P).steps(1500)
                .optimizer("adam", 0.02).lrEnd(1e-4).stochastic(NestedDropoutDraw.PER_SAMPLE).init(Initialization.Kind.NORMAL, 0.1)
                .seed(3).center(false).logEvery(50).checkpointEvery(checkpointEvery).build();
    }

    @Test
    void aKilledPerSampleFullBatchRunResumesExactly() {
        TrainingConfig c = fullBatchPerSample(100).withSteps(300);
        TrainingResult straight = new Trainer(c, new TrainingListener() { })
                .train(stats, truth, new RunDirectory(out.resolve("a")), false, Map.of(), rows(), null);
        TrainingListener killer = TrainingFixture.killedAfter(137);
        assertThrows(IllegalStateException.class, () -> new Trainer(c, killer)
                .train(stats, truth, new RunDirectory(out.resolve("b")), false, Map.of(), rows(), null));
        TrainingResult resumed = new Trainer(c, new TrainingListener() { })
                .train(stats, truth, new RunDirectory(out.resolve("b")), true, Map.of(), rows(), null);
        assertEquals(straight.model().encoder(), resumed.model().encoder());
        assertEquals(straight.model().decoder(), resumed.model().decoder());
    }

    @Test
    void perSampleNeedsTheRowsAndAGradientRule() {
        TrainingConfig c = fullBatchPerSample(0);
        assertThrows(IllegalArgumentException.class, () -> new Trainer(c, new TrainingListener() { })
                .train(stats, truth, new RunDirectory(out.resolve("a")), false, Map.of()));
        LaeException e = assertThrows(LaeException.class,
                () -> c.toBuilder().rule("alternating").optimizer("sgd", 1).lrEnd(null).build());
        assertTrue(e.getMessage().contains("--stochastic per-step"), e.getMessage());
    }

    @Test
    void aKilledMiniBatchRunResumesExactly() {
        TrainingConfig c = mini("mse", "rag", "nesterov", 0.01, 1e-3, 40, 8, null, 100);
        TrainingResult straight = trainMini(c, out.resolve("a"), false);
        TrainingListener killer = TrainingFixture.killedAfter(137);
        assertThrows(IllegalStateException.class, () -> new Trainer(c, killer)
                .train(stats, truth, new RunDirectory(out.resolve("b")), false, Map.of(), rows(), null));
        TrainingResult resumed = trainMini(c, out.resolve("b"), true);
        assertEquals(straight.model().encoder(), resumed.model().encoder());
        assertEquals(straight.model().decoder(), resumed.model().decoder());
    }

    @Test
    void alternatingRefusesMiniBatches() {
        LaeException e = assertThrows(LaeException.class,
                () -> trainMini(mini("ordered", "alternating", "sgd", 1, null, 1, 8, null, 0), out, false));
        assertTrue(e.getMessage().contains("--epochs"), e.getMessage());
    }
}
