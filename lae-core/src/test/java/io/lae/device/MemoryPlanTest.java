package io.lae.device;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.LaeException;
import io.lae.Precision;
import io.lae.closedform.GroundTruth;
import io.lae.loss.LossSpec;
import io.lae.loss.ProductL2Loss;
import io.lae.method.Settings;
import io.lae.optim.Optimizers;
import io.lae.stats.Statistics;
import io.lae.stats.StatisticsAccumulator;
import io.lae.train.Evaluator;
import io.lae.train.MiniBatches;
import io.lae.train.Model;
import io.lae.train.StepSettings;
import io.lae.train.TrainingStep;
import io.lae.train.UpdateRules;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The memory plan against a hand count, against the buffers a real run holds, and its one-line error. */
class MemoryPlanTest {

    private static final int N = 200;
    private static final int M = 500;
    private static final int LATENT = 20;

    @Test
    void smallCaseByHand() {
        // n = n' = 10, p = 3, float64, adam (2 buffers per weight), autoencoder, full batch, no ground truth.
        // W = 2·10·3 = 60 weights. Statistics 8·100 = 800; weights + m + v 8·3·60 = 1440;
        // step 8·(2·60 + 10·3 + 8·9) = 8·222 = 1776; log step 8·5·60 = 2400. Total 6416, of which 800 loaded.
        MemoryPlan plan = new MemoryPlan(10, 10, 100, 3, 0, 8, 2, false, false, false);
        assertEquals(6416, plan.bytes());
        assertEquals(800, plan.loadedBytes());
        assertEquals((long) Math.ceil(6416 * MemoryPlan.MARGIN), plan.requiredBytes());
    }

    @ParameterizedTest
    @CsvSource({"sgd, 0", "momentum, 1", "nesterov, 1", "adam, 2"})
    void countsTheOptimizersBuffers(String optimizer, int slots) {
        assertEquals(slots, MemoryPlan.optimizerSlots(Optimizers.create(optimizer, Settings.NONE.with(Optimizers.MOMENTUM, 0.9))));
    }

    /**
     * The plan covers what a run really holds, within the safety margin: every distinct native buffer reachable
     * from the statistics, ground truth, model, training step (with its optimizer state and loss buffers) and,
     * for mini-batch runs, the samples and batches, plus the workspaces a step and a log step leave behind, measured after a few steps.
     */
    @ParameterizedTest
    @CsvSource({"adam, ordered, float64, 0", "sgd, mse, float64, 0", "nesterov, sum, float32, 0",
            "adam, nested-dropout, float64, 50"})
    void coversTheBuffersARunHolds(String optimizer, String loss, String dtype, int batch) {
        // a workspace another test left on this thread keeps the size it learned there: start from none
        Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
        Precision precision = Precision.of(dtype);
        DataType type = precision.dataType();
        StepSettings settings = StepSettings.of(LossSpec.named(loss).with(ProductL2Loss.LAMBDA, loss.equals("sum") ? 0.1 : null),
                LATENT, UpdateRules.create("gradient"), Optimizers.create(optimizer, Settings.NONE.with(Optimizers.MOMENTUM, 0.9)));
        INDArray samples = Nd4j.rand(DataType.DOUBLE, M, N);
        Statistics stats64 = StatisticsAccumulator.of(samples, true);
        GroundTruth truth = GroundTruth.of(stats64);
        Statistics stats = stats64.as(type);
        Model model = Model.random(N, N, LATENT, 0.01, false, false, 0, type);
        TrainingStep step = TrainingStep.fresh(settings, stats, model);
        MiniBatches batches = batch == 0 ? null : new MiniBatches(samples, null, stats64, batch, 0, type);
        Evaluator evaluator = new Evaluator(step.loss(), stats, truth);
        WorkspaceConfiguration learning = WorkspaceConfiguration.builder().policyLearning(LearningPolicy.FIRST_LOOP)
                .build();
        String logStep = "memory-plan-test-log-step";
        for (int t = 0; t < 3; t++) {
            step.apply(model, t, 1e-3, batches);
            try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(learning, logStep)) {
                evaluator.evaluate(t, model, 1e-3, 0);
            }
        }
        Buffers held = new Buffers();
        held.walk(stats64, truth, stats, model, step, batches, batch == 0 ? null : samples);   // kept for mini-batches
        long measured = held.bytes() + workspace("lae-train-step") + workspace(logStep);

        long planned = new MemoryPlan(N, N, M, LATENT, batch, type.width(),
                MemoryPlan.optimizerSlots(settings.optimizer()), false, false, true).bytes();
        assertTrue(measured <= planned, "plan " + planned + " < measured " + measured);
        assertTrue(planned <= MemoryPlan.MARGIN * measured, "plan " + planned + " over measured " + measured
                + " by more than the margin");
    }

    @Test
    void errorNamesTheLargestLatentSizeThatFits() {
        MemoryPlan plan = new MemoryPlan(N, N, M, 20, 0, 8, 2, false, false, true);
        long available = plan(7, 8).requiredBytes();
        LaeException e = assertThrows(LaeException.class, () -> plan.requireFits(available, "the test device"));
        assertTrue(e.getMessage().contains("--latent 7 or less"), e.getMessage());
        assertTrue(e.getMessage().contains("the test device"), e.getMessage());
        assertTrue(e.getMessage().contains(MemoryPlan.gib(plan.requiredBytes())), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertDoesNotThrow(() -> plan(7, 8).requireFits(available, "the test device"));
    }

    @Test
    void errorSuggestsFloat32WhenThatFits() {
        // at p = n/2 the weights, not the float64 statistics, dominate, so float32 needs less
        MemoryPlan plan = plan(N / 2, 8);
        long justFloat32 = plan(N / 2, 4).requiredBytes();
        assertTrue(justFloat32 < plan.requiredBytes(), "float32 needs less");
        LaeException e = assertThrows(LaeException.class, () -> plan.requireFits(justFloat32, "gpu"));
        assertTrue(e.getMessage().contains("--dtype float32"), e.getMessage());
        LaeException tighter = assertThrows(LaeException.class, () -> plan.requireFits(justFloat32 - 1, "gpu"));
        assertFalse(tighter.getMessage().contains("--dtype float32"), tighter.getMessage());
    }

    @Test
    void errorNamesTheLargestDimensionWhenNoLatentSizeFits() {
        MemoryPlan plan = plan(20, 8);
        int fitting = 120;
        long available = new MemoryPlan(fitting, fitting, M, 1, 0, 8, 2, false, false, true).requiredBytes();
        LaeException e = assertThrows(LaeException.class, () -> plan.requireFits(available, "gpu"));
        assertTrue(e.getMessage().contains("even --latent 1 does not fit"), e.getMessage());
        assertTrue(e.getMessage().contains("n = " + fitting + " or less"), e.getMessage());
    }

    @Test
    void limitIsASizeWithABinarySuffix() {
        assertEquals(512L << 20, MemoryLimit.parse("512m"));
        assertEquals(3L << 29, MemoryLimit.parse("1.5G"));
        assertEquals(4096, MemoryLimit.parse("4096"));
        assertThrows(LaeException.class, () -> MemoryLimit.parse("lots"));
        assertThrows(LaeException.class, () -> MemoryLimit.parse("-1g"));
    }

    private static MemoryPlan plan(int latent, int width) {
        return new MemoryPlan(N, N, M, latent, 0, width, 2, false, false, true);
    }

    private static long workspace(String id) {
        return Nd4j.getWorkspaceManager().checkIfWorkspaceExists(id)
                ? Nd4j.getWorkspaceManager().getWorkspaceForCurrentThread(id).getCurrentSize() : 0;
    }

    /** Distinct native buffers reachable through lae's objects, collections and arrays (views counted once). */
    private static final class Buffers {
        private final Map<Long, Long> byAddress = new HashMap<>();
        private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());

        void walk(Object... roots) {
            for (Object root : roots) {
                visit(root);
            }
        }

        long bytes() {
            return byAddress.values().stream().mapToLong(Long::longValue).sum();
        }

        private void visit(Object o) {
            if (o == null || !seen.add(o)) {
                return;
            }
            if (o instanceof INDArray a) {
                DataBuffer d = a.data().originalDataBuffer() != null ? a.data().originalDataBuffer() : a.data();
                byAddress.merge(d.address(), d.length() * d.getElementSize(), Math::max);
            } else if (o instanceof Map<?, ?> map) {
                map.forEach((k, v) -> {
                    visit(k);
                    visit(v);
                });
            } else if (o instanceof Iterable<?> items) {
                items.forEach(this::visit);
            } else if (o instanceof Object[] items) {
                for (Object item : items) {
                    visit(item);
                }
            } else {
                for (Class<?> c = o.getClass(); c != null && c.getName().startsWith("io.lae."); c = c.getSuperclass()) {
                    for (Field f : c.getDeclaredFields()) {
                        if (!Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive()) {
                            f.setAccessible(true);
                            try {
                                visit(f.get(o));
                            } catch (IllegalAccessException e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void aLatentSizeNoDataCouldHoldIsRefusedBeforeAnythingIsAllocated() {
        System.setProperty(MemoryLimit.PROPERTY, "1g");
        try {
            MemoryPlan.requireLatentCanFit(8000); // 16·8000² = 0.95 GiB
            String message = org.junit.jupiter.api.Assertions.assertThrows(io.lae.LaeException.class,
                    () -> MemoryPlan.requireLatentCanFit(1_000_000_000)).getMessage();
            org.junit.jupiter.api.Assertions.assertTrue(message.startsWith("not enough memory: --latent 1000000000: the encoder and decoder "
                    + "alone (n ≥ p) need at least") && message.endsWith("is available: use --latent 8192 or less"), message);
        } finally {
            System.clearProperty(MemoryLimit.PROPERTY);
        }
    }
}
