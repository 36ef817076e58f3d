package io.lae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code lae info} names the backend, the BLAS threads and the memory. */
class InfoCommandTest {

    @Test
    void reportsBackendThreadsAndMemory() {
        CliRunner r = CliRunner.run("info");
        assertEquals(0, r.exitCode(), r.err());
        for (String field : new String[] {"backend:", "device:", "blas:", "threads:", "blas_threads:", "memory total:", "JVM max heap:",
                "OPENBLAS_CORETYPE:"}) {
            assertTrue(r.out().contains(field), field + " missing in\n" + r.out());
        }
        assertTrue(r.out().contains("CpuBackend"), r.out());
    }
}
