package io.lae.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lae.LaeException;
import io.lae.runs.TrainingConfig;
import io.lae.stats.StreamedStatistics;
import io.lae.train.NestedDropoutDraw;
import io.lae.train.Stepper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How {@code --backend} and the run pick the engine of a run's steps, on a machine with or without a GPU. */
class EnginesTest {

    private static final TrainingConfig FULL_BATCH = TrainingConfig.builder().data("d").latent(2).build();
    private static final TrainingConfig MINI_BATCH = TrainingConfig.builder().data("d").latent(2).miniBatches(1, 10)
            .build();
    private static final TrainingConfig PER_SAMPLE = TrainingConfig.builder().data("d").loss("nested-dropout")
            .latent(2).stochastic(NestedDropoutDraw.PER_SAMPLE).build();
    private static final TrainingConfig ALTERNATING = TrainingConfig.builder().data("d").latent(2)
            .rule("alternating").build();

    @AfterEach
    void reset() {
        Engines.configure(BackendRequest.AUTO, null);
    }

    private static boolean gpu() {
        return Engines.cudaEngineStatus().startsWith("usable");
    }

    @Test
    void cpuAndNd4jCudaAlwaysRunNd4jsSteps() {
        for (BackendRequest request : new BackendRequest[] {BackendRequest.CPU, BackendRequest.ND4J_CUDA}) {
            Engines.configure(request, null);
            Engines.Engine engine = Engines.forRun(FULL_BATCH);
            assertSame(Stepper.Factory.ND4J, engine.factory());
            assertEquals("--backend " + request, engine.description().get("lae_cuda_not_used"));
        }
    }

    @Test
    void autoRunsTheAlternatingSolvesOnNd4jSayingWhy() {
        Engines.Engine engine = Engines.forRun(ALTERNATING);
        assertSame(Stepper.Factory.ND4J, engine.factory());
        assertTrue(String.valueOf(engine.description().get("lae_cuda_not_used")).contains("--rule alternating"));
    }

    @Test
    void perSampleNestedDropoutIsNoReasonToLeaveTheGpu() {
        Engines.Engine engine = Engines.forRun(PER_SAMPLE);
        assertFalse(String.valueOf(engine.description().get("lae_cuda_not_used")).contains("per-sample"),
                String.valueOf(engine.description()));
    }

    @Test
    void miniBatchesAreNoReasonToLeaveTheGpu() {
        Engines.Engine engine = Engines.forRun(MINI_BATCH);
        assertFalse(String.valueOf(engine.description().get("lae_cuda_not_used")).contains("mini-batch"),
                String.valueOf(engine.description()));
    }

    @Test
    void cudaRefusesARunItCannotStepInOneLine() {
        Engines.configure(BackendRequest.CUDA, null);
        LaeException e = assertThrows(LaeException.class, () -> Engines.forRun(ALTERNATING));
        assertTrue(e.getMessage().startsWith("--backend cuda: --rule alternating") && !e.getMessage().contains("\n"),
                e.getMessage());
    }

    @Test
    void withoutAGpuAutoFallsBackAndCudaFails() {
        assumeTrue(!gpu(), "this machine has a usable GPU");
        Engines.Engine engine = Engines.forRun(FULL_BATCH);
        assertSame(Stepper.Factory.ND4J, engine.factory());
        assertFalse(String.valueOf(engine.description().get("engine")).equals("lae-cuda"));
        Engines.configure(BackendRequest.CUDA, null);
        LaeException e = assertThrows(LaeException.class, () -> Engines.forRun(FULL_BATCH));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().endsWith("; use --backend cpu"), "lae adds its own advice: " + e.getMessage());
    }

    @Test
    void statisticsStayOnTheHostForCpuAndNd4jCuda() {
        for (BackendRequest request : new BackendRequest[] {BackendRequest.CPU, BackendRequest.ND4J_CUDA}) {
            Engines.configure(request, null);
            StringWriter said = new StringWriter();
            Engines.StatisticsPlace place = Engines.forStatistics(10, 0, new PrintWriter(said, true));
            assertSame(StreamedStatistics.HOST, place.statistics());
            assertTrue(place.where().startsWith("nd4j-"), place.where());
            assertEquals("", said.toString());
        }
    }

    @Test
    void withoutAGpuAutoComputesStatisticsOnTheHostAndCudaFails() {
        assumeTrue(!gpu(), "this machine has a usable GPU");
        assertSame(StreamedStatistics.HOST, Engines.forStatistics(10, 3, new PrintWriter(new StringWriter()))
                .statistics());
        Engines.configure(BackendRequest.CUDA, null);
        LaeException e = assertThrows(LaeException.class,
                () -> Engines.forStatistics(10, 0, new PrintWriter(new StringWriter())));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().endsWith("; use --backend cpu"), e.getMessage());
    }

    @Test
    void withAGpuAutoComputesStatisticsThereAndSaysSo() {
        assumeTrue(gpu(), "no usable GPU here: " + Engines.cudaEngineStatus());
        StringWriter said = new StringWriter();
        Engines.StatisticsPlace place = Engines.forStatistics(100, 0, new PrintWriter(said, true));
        assertFalse(place.statistics() == StreamedStatistics.HOST);
        assertTrue(place.where().startsWith("lae-cuda on "), place.where());
        assertTrue(said.toString().startsWith("statistics: on "), said.toString());
    }

    @Test
    void withAGpuAutoTakesLaesCudaEngine() {
        assumeTrue(gpu(), "no usable GPU here: " + Engines.cudaEngineStatus());
        assertEquals("lae-cuda", Engines.forRun(FULL_BATCH).description().get("engine"));
    }
}
