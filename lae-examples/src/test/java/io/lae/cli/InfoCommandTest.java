package io.lae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code lae info} names the backend, the device and its memory, the BLAS threads and the host memory. */
class InfoCommandTest {

    @Test
    void reportsBackendDeviceThreadsAndMemory() {
        CliRunner r = CliRunner.run("info");
        assertEquals(0, r.exitCode(), r.err());
        for (String field : new String[] {"backend:", "device:", "compute capability:", "device memory total:",
                "device memory free:", "driver:", "CUDA runtime:", "dtype:", "blas:", "threads:", "blas_threads:",
                "memory total:", "memory available:", "JVM max heap:", "OPENBLAS_CORETYPE:"}) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(field)), field + " missing in\n" + r.out());
        }
        assertTrue(r.out().contains("CPU (CpuBackend)"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("data folder:")
                && l.contains(Path.of(System.getProperty("lae.data")).toAbsolutePath().toString())), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("compute capability:") && l.endsWith("n/a")),
                "the CPU has no compute capability:\n" + r.out());
    }
}
