package io.lae.cuda.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lae.cuda.CudaDevice;
import io.lae.cuda.CudaException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lae-cuda/check/pack DIR} writes the device check (a jlink'ed runtime, lae-core's and lae-cuda's
 * classes, the PyTorch peer) within 56 MiB, and {@code DIR/run} on a machine without a usable GPU says
 * so in one line and exits with status 2, after loading every loss form without ND4J; and every contract case
 * runs in a JVM without ND4J on its class path.
 */
class PackTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    private static Process start(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
        builder.environment().put("LAE_PACK_NO_BUILD", "1");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return builder.start();
    }

    @Test
    void packFitsAndRunSaysNoGpuInOneLine(@TempDir Path dir) throws IOException, InterruptedException {
        Path pack = dir.resolve("pack");
        Process packing = start(List.of("bash", ROOT.resolve("lae-cuda/check/pack").toString(), pack.toString()));
        String packOutput = new String(packing.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, packing.waitFor(), packOutput);
        long bytes;
        try (Stream<Path> files = Files.walk(pack)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        assertTrue(bytes <= 56L << 20, "the pack takes " + bytes + " bytes");
        for (String file : List.of("run", "jre.tgz", "lib/lae-core.jar", "lib/lae-cuda.jar", "torch_peer.py",
                "combine.py")) {
            assertTrue(Files.isRegularFile(pack.resolve(file)), file);
        }
        boolean gpu;
        try (CudaDevice device = CudaDevice.open()) {
            gpu = true;
        } catch (CudaException e) {
            gpu = false;
        }
        assumeTrue(!gpu, "this machine has a GPU: DIR/run would run the whole check");
        Process run = start(List.of(pack.resolve("run").toString()));
        String stderr = new String(run.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(2, run.waitFor(), stderr);
        assertTrue(stderr.startsWith("lae device check: ") && !stderr.contains("\n"), stderr);
        assertFalse(stderr.contains("--backend"), "the check has no --backend option: " + stderr);
    }

    @Test
    void theContractCasesRunWithoutNd4j() throws IOException, InterruptedException {
        String classPath = String.join(java.io.File.pathSeparator, ROOT.resolve("lae-core/target/classes").toString(),
                ROOT.resolve("lae-cuda/target/classes").toString(), ROOT.resolve("lae-cuda/target/test-classes")
                        .toString());
        Process run = start(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                classPath, ContractWithoutNd4j.class.getName()));
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(run.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, run.waitFor(), err);
        String last = out.strip().lines().reduce((a, b) -> b).orElse("");
        assertEquals("cases: " + ContractWithoutNd4j.caseCount(), last, err);
    }
}
