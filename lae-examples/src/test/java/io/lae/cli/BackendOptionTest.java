package io.lae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lae.backend.BackendCheck;
import io.lae.backend.Engines;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --backend} on the default build: cpu and auto run ND4J on the CPU, nd4j-cuda is a one-line error,
 * cuda (lae's own engine) keeps ND4J on the CPU and {@code lae info} says whether the engine is usable.
 */
class BackendOptionTest {

    @Test
    void cpuAndAutoRunOnTheCpuBackend() {
        for (String[] args : new String[][] {{"--backend", "cpu", "info"}, {"--backend=auto", "info"}, {"info", "--backend", "CPU"}}) {
            CliRunner r = CliRunner.run(args);
            assertEquals(0, r.exitCode(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.out().contains("CpuBackend"), r.out());
        }
    }

    @Test
    void laesCudaEngineKeepsNd4jOnTheCpuAndInfoShowsItsStatus() {
        CliRunner r = CliRunner.run("--backend", "cuda", "info");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("CpuBackend") && r.out().contains("lae-cuda engine:"), r.out());
    }

    @Test
    void statsOnCudaWithoutAGpuIsAOneLineErrorAndWritesNothing(@TempDir Path dir) {
        assumeTrue(!Engines.cudaEngineStatus().startsWith("usable"), "this machine has a usable GPU");
        Path out = dir.resolve("s.npz");
        CliRunner r = CliRunner.run("--backend", "cuda", "stats", "--data", "synthetic:diag:n=4,m=20",
                "--out", out.toString());
        assertEquals(LaeCommand.EXIT_USAGE, r.exitCode(), r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(Files.exists(out));
        CliRunner auto = CliRunner.run("stats", "--data", "synthetic:diag:n=4,m=20", "--out", out.toString());
        assertEquals(0, auto.exitCode(), auto.err());
        assertTrue(Files.exists(out) && !auto.out().contains("statistics: on"), auto.out());
    }

    @Test
    void nd4jCudaOnTheDefaultBuildIsAOneLineErrorWithTheFix() {
        CliRunner r = CliRunner.run("--backend", "nd4j-cuda", "info");
        assertEquals(LaeCommand.EXIT_USAGE, r.exitCode());
        assertEquals("lae: error: " + BackendCheck.NOT_BUILT_ERROR, r.err().strip());
        assertEquals("", r.out());
    }

    @Test
    void anUnknownBackendIsAUsageError() {
        CliRunner r = CliRunner.run("--backend", "rocm", "info");
        assertEquals(LaeCommand.EXIT_USAGE, r.exitCode());
        assertTrue(r.err().contains("'--backend'") && r.err().contains("'rocm'"), r.err());
    }

    @Test
    void helpDocumentsTheOption() {
        CliRunner r = CliRunner.run("--help");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("--backend=auto|cpu|cuda|nd4j-cuda"), r.out());
    }
}
