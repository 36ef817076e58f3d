package io.lae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.device.MemoryLimit;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lae train} checks the memory plan before training: a run over the limit stops with one line, exit 2. */
class MemoryCheckTest {

    @TempDir
    Path dir;

    @AfterEach
    void clearLimit() {
        System.clearProperty(MemoryLimit.PROPERTY);
    }

    @Test
    void aRunOverTheLimitFailsBeforeTrainingWithOneLine() {
        // n = 12, float64, adam, ground truth, full batch: W = 24p and the plan is 8·144 + 8·156 + 8·3·W
        // + 8·(2W + 12p + 8p²) + 8·5W bytes; ×1.25 that is 11 280 bytes at p = 3 and 8 360 at p = 2.
        System.setProperty(MemoryLimit.PROPERTY, "9000");
        CliRunner r = CliRunner.run("train", "--data", TrainCommandTest.DATA, "--latent", "3", "--steps", "10",
                "--out", dir.toString());
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertEquals(1, r.errLines().length, r.err());
        String line = r.errLines()[0];
        assertTrue(line.contains("needs 11.0 KiB"), line);
        assertTrue(line.contains("8.8 KiB available"), line);
        assertTrue(line.contains("use --latent 2 or less"), line);
        assertFalse(Files.exists(dir.resolve("run.json")), "nothing is written before the check");
    }

    /** Σ of n = 30 000 would take 7.2 GB and minutes to stream: the check must speak before that. */
    @Test
    void aDataSetTooLargeForTheDeviceFailsBeforeItIsRead() {
        System.setProperty(MemoryLimit.PROPERTY, "1g");
        CliRunner r = CliRunner.run("train", "--data", "synthetic:diag:n=30000,m=100", "--latent", "10", "--steps", "10",
                "--out", dir.toString());
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.errLines()[0].contains("even --latent 1 does not fit: reduce the data's dimension"), r.err());
        // the note on the skipped ground truth is printed once the statistics are built
        assertFalse((r.out() + r.err()).contains("ground-truth eigendecomposition"), "the data were read first: "
                + r.out());
    }

    @Test
    void theSameRunFitsWithoutTheLimit() {
        CliRunner r = CliRunner.run("train", "--data", TrainCommandTest.DATA, "--latent", "3", "--steps", "10",
                "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
    }
}
