package io.lae.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lae.runs.CrashPoint;
import io.lae.runs.RunDirectory;
import io.lae.train.MetricsRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A run killed as {@code kill -9} kills it ({@link CrashPoint}) at a point drawn with a fixed seed from each
 * window a crash may leave it in, then {@code lae train --resume}: it ends with the same weights, bit for bit,
 * and the same metrics as a run never stopped.
 */
class CrashRecoveryTest {

    private static final int STEPS = 60;
    private static final int CHECKPOINT_EVERY = 7;
    private static final int LOG_EVERY = 5;
    /** Checkpoints at 7, 14, …, 56 and at the end. */
    private static final int CHECKPOINTS = (STEPS - 1) / CHECKPOINT_EVERY + 1;

    @TempDir
    static Path shared;
    private static Path reference;

    @TempDir
    Path dir;

    private static String[] train(Path out) {
        return new String[] {"train", "--data", "synthetic:diag:n=12,m=300,seed=1", "--latent", "3", "--steps",
            String.valueOf(STEPS), "--checkpoint-every", String.valueOf(CHECKPOINT_EVERY), "--log-every",
            String.valueOf(LOG_EVERY), "--optimizer", "adam", "--lr", "0.01", "--out", out.toString()};
    }

    @BeforeAll
    static void uninterrupted() {
        reference = shared.resolve("reference");
        CliRunner run = CliRunner.run(train(reference));
        assertEquals(0, run.exitCode(), run.err());
    }

    /** Each window, with the range of the times it is reached in which the crash point is drawn. */
    static Stream<Arguments> windows() {
        return Stream.of(
                Arguments.of(CrashPoint.Window.STEP, 1, CHECKPOINT_EVERY - 1), // before the first checkpoint
                Arguments.of(CrashPoint.Window.STEP, CHECKPOINT_EVERY + 1, STEPS - 1),
                Arguments.of(CrashPoint.Window.CHECKPOINT_PART, 1, 2 * CHECKPOINTS), // encoder, decoder each time
                Arguments.of(CrashPoint.Window.CHECKPOINT_RENAMES, 1, CHECKPOINTS - 1), // from the second one
                Arguments.of(CrashPoint.Window.FINAL_WEIGHTS, 1, 1),
                Arguments.of(CrashPoint.Window.METRICS_APPEND, 1, 1), // step 0's row, before the loop
                Arguments.of(CrashPoint.Window.METRICS_APPEND, 2, STEPS / LOG_EVERY + 1));
    }

    @ParameterizedTest(name = "{0} in [{1}, {2}]")
    @MethodSource("windows")
    void aRunKilledInTheWindowResumesToTheSameWeights(CrashPoint.Window window, int first, int last)
            throws Exception {
        int at = first + new Random(30L * 31 + window.ordinal() * 7L + first).nextInt(last - first + 1);
        Path run = dir.resolve("run");
        Process killed = LaeProcess.start(dir, List.of(CrashPoint.PROPERTY + "=" + window.label() + ":" + at),
                train(run));
        assertTrue(killed.waitFor(300, TimeUnit.SECONDS), "the run neither ended nor crashed");
        assertEquals(CrashPoint.EXIT_STATUS, killed.exitValue(), window.label() + ":" + at + " was not reached: "
                + Files.readString(dir.resolve("stderr.txt")));
        assertEquals("running", new ObjectMapper().readTree(run.resolve(RunDirectory.RUN_JSON).toFile())
                .get("status").asText(), "killed with the run still marked running");

        CliRunner resumed = CliRunner.run("train", "--resume", run.toString());
        assertEquals(0, resumed.exitCode(), window.label() + ":" + at + ": " + resumed.err());
        for (String weights : List.of("encoder.npy", "decoder.npy")) {
            assertArrayEquals(Files.readAllBytes(reference.resolve(weights)), Files.readAllBytes(run.resolve(weights)),
                    weights + " after a crash at " + window.label() + ":" + at);
        }
        assertEquals(metricsWithoutTimes(reference), metricsWithoutTimes(run), "metrics.csv after " + at);
        assertEquals("finished", new ObjectMapper().readTree(run.resolve(RunDirectory.RUN_JSON).toFile())
                .get("status").asText());
    }

    /** Every column of every row but the seconds, which differ from run to run. */
    private static List<List<Double>> metricsWithoutTimes(Path run) {
        List<List<Double>> rows = new ArrayList<>();
        int seconds = MetricsRow.COLUMNS.indexOf("seconds");
        for (MetricsRow row : new RunDirectory(run).readMetrics()) {
            double[] values = row.values();
            List<Double> kept = new ArrayList<>(Arrays.stream(values).boxed().toList());
            kept.remove(seconds);
            rows.add(kept);
        }
        return rows;
    }
}
