package io.lae.nd4jcuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code target/lae-nd4j-cuda.jar} run through {@code ./lae --backend …}, as a user runs it. Without a GPU,
 * {@code auto} falls back to the CPU with exactly one warning of lae's and {@code cuda} is a one-line
 * error; with one, {@code cuda} runs on it.
 */
class Nd4jCudaJarIT {

    private static final Path LAUNCHER = Path.of(System.getProperty("lae.launcher", "../lae"));
    private static final Path JAR = Path.of(System.getProperty("lae.jar", "target/lae-nd4j-cuda.jar"));

    /** Output of one run of the launcher. */
    private record Run(int exitCode, String out, List<String> errLines) {
    }

    private static final boolean GPU = Files.exists(Path.of("/dev/nvidia0"));

    @Test
    void autoFallsBackToTheCpuWithOneWarning() throws Exception {
        assumeFalse(GPU, "a GPU is present: the fallback cannot be observed here");
        Run run = lae("--backend", "auto", "info");
        assertEquals(0, run.exitCode(), String.join("\n", run.errLines()));
        assertTrue(run.out().contains("CpuBackend"), run.out());
        List<String> warnings = run.errLines().stream().filter(l -> l.contains("WARN")).toList();
        assertEquals(1, warnings.size(), "expected one WARN line, got\n" + String.join("\n", run.errLines()));
        assertTrue(warnings.get(0).contains("running on the CPU"), warnings.get(0));
        assertNoStackTrace(run);
    }

    @Test
    void cpuDoesNotTryCuda() throws Exception {
        Run run = lae("--backend", "cpu", "info");
        assertEquals(0, run.exitCode(), String.join("\n", run.errLines()));
        assertTrue(run.out().contains("CpuBackend"), run.out());
        assertEquals(List.of(), run.errLines());
    }

    @Test
    void cudaWithoutAGpuIsAOneLineError() throws Exception {
        assumeFalse(GPU, "a GPU is present");
        Run run = lae("--backend", "cuda", "info");
        assertNotEquals(0, run.exitCode());
        assertEquals(1, run.errLines().size(), String.join("\n", run.errLines()));
        assertTrue(run.errLines().get(0).startsWith("lae: error: --backend cuda: no usable CUDA GPU"), run.errLines().get(0));
        assertEquals("", run.out());
    }

    @Test
    void cudaRunsOnTheGpu() throws Exception {
        assumeTrue(GPU, "no GPU (/dev/nvidia0) here");
        Run run = lae("--backend", "cuda", "info");
        assertEquals(0, run.exitCode(), String.join("\n", run.errLines()));
        assertTrue(run.out().contains("JCublasBackend"), run.out());
    }

    private static void assertNoStackTrace(Run run) {
        assertFalse(run.errLines().stream().anyMatch(l -> l.strip().startsWith("at ") || l.contains("Exception")),
                String.join("\n", run.errLines()));
    }

    private static Run lae(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", LAUNCHER.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("lae-out", ".txt");
        Path err = Files.createTempFile("lae-err", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().put("LAE_JAR", JAR.toAbsolutePath().toString());
            Process process = builder.start();
            assertTrue(process.waitFor(5, TimeUnit.MINUTES), "lae " + String.join(" ", args) + " did not finish");
            String errText = Files.readString(err, StandardCharsets.UTF_8).strip();
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    errText.isEmpty() ? List.of() : errText.lines().toList());
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }
}
