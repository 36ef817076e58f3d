package io.lae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.backend.BackendCheck;
import org.junit.jupiter.api.Test;

/** {@code --backend} on the CPU build: cpu and auto run on the CPU, cuda is a one-line error. */
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
    void cudaOnTheCpuBuildIsAOneLineErrorWithTheFix() {
        CliRunner r = CliRunner.run("--backend", "cuda", "info");
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
        assertTrue(r.out().contains("--backend=auto|cpu|cuda"), r.out());
    }
}
