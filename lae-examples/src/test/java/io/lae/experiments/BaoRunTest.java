package io.lae.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.Precision;
import io.lae.data.SyntheticData;
import io.lae.io.Npy;
import io.lae.runs.RunDirectory;
import io.lae.runs.TrainingData;
import io.lae.train.MetricsRow;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The linear VAE runs of Bao's Fig. 2: checkpointed, and an interrupted run continues to the same result. */
class BaoRunTest {

    private static final long STEPS = 250;

    private static TrainingData data;

    @TempDir
    Path dir;

    @BeforeAll
    static void data() {
        var samples = SyntheticData.gaussian(200, new double[] {9, 4, 2, 1, 0.5, 0.25}, true, 5);
        data = TrainingData.of(samples.description(), samples.readAll(), null, true, new PrintWriter(new StringWriter()));
    }

    private BaoRun vae(Path out, StringWriter console) {
        return vae(out, console, null);
    }

    private BaoRun vae(Path out, StringWriter console, Double untilDAlign) {
        ExperimentContext ctx = new ExperimentContext(ExperimentScale.QUICK, out, null, Precision.FLOAT64,
                new PrintWriter(console, true));
        return BaoRun.vae(ctx, "vae", data, new BaoRun.VaeSettings(2, STEPS, "nesterov", 1e-2, 7, false, untilDAlign, 100));
    }

    @Test
    void aVaeRunWithATargetStopsAtTheFirstLoggedStepThatReachesIt() {
        BaoRun whole = vae(dir.resolve("whole"), new StringWriter());
        double target = whole.metrics().get(whole.metrics().size() / 2).dAlign();
        BaoRun stopped = vae(dir.resolve("stopped"), new StringWriter(), target);
        MetricsRow last = stopped.metrics().get(stopped.metrics().size() - 1);
        assertTrue(last.dAlign() <= target, last.toString());
        assertTrue(last.step() < STEPS, last.toString());
        MetricsRow before = stopped.metrics().get(stopped.metrics().size() - 2);
        assertTrue(before.dAlign() > target, "it stops at the first such step: " + before);
        StringWriter again = new StringWriter();
        vae(dir.resolve("stopped"), again, target);
        assertTrue(again.toString().contains("already done"), again.toString());
    }

    @Test
    void anInterruptedVaeRunResumesFromItsCheckpointToTheSameResult() throws IOException {
        BaoRun whole = vae(dir.resolve("whole"), new StringWriter());
        Path interrupted = dir.resolve("interrupted");
        vae(interrupted, new StringWriter());
        assertTrue(new RunDirectory(interrupted.resolve("vae")).hasCheckpoint(), "checkpointed every 100 steps");
        // as if killed after the checkpoint at step 200: not finished, later rows logged
        Path json = interrupted.resolve("vae").resolve("vae.json");
        Files.writeString(json, Files.readString(json).replace("\"finished\"", "\"running\""));

        StringWriter console = new StringWriter();
        BaoRun resumed = vae(interrupted, console);
        assertTrue(console.toString().contains("resuming from"), console.toString());
        assertEquals(whole.decoder(), resumed.decoder());
        assertEquals(whole.decoder(), Npy.read(interrupted.resolve("vae").resolve("decoder.npy")));
        List<Long> steps = resumed.metrics().stream().map(MetricsRow::step).toList();
        assertEquals(whole.metrics().stream().map(MetricsRow::step).toList(), steps, "each step logged once");
        assertEquals(whole.metrics().get(steps.size() - 1).loss(), resumed.metrics().get(steps.size() - 1).loss(), 0);

        StringWriter again = new StringWriter();
        vae(interrupted, again);
        assertTrue(again.toString().contains("already done"), again.toString());
    }
}
