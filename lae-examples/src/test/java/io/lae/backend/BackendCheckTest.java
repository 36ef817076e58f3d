package io.lae.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.lae.LaeException;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Every combination of request, build and loaded backend: go on, one warning, or a one-line error. */
class BackendCheckTest {

    private static final BooleanSupplier CPU_LOADED = () -> false;
    private static final BooleanSupplier CUDA_LOADED = () -> true;

    @Test
    void autoIsSilentOnTheCpuBuildAndWhenCudaRuns() {
        assertEquals(Optional.empty(), new BackendCheck(BackendRequest.AUTO, false).verify(CPU_LOADED));
        assertEquals(Optional.empty(), new BackendCheck(BackendRequest.AUTO, true).verify(CUDA_LOADED));
    }

    @Test
    void autoWarnsOnceWhenTheCudaBuildFallsBackToTheCpu() {
        assertEquals(Optional.of(BackendCheck.FALLBACK_WARNING), new BackendCheck(BackendRequest.AUTO, true).verify(CPU_LOADED));
    }

    @Test
    void cpuRunsOnTheCpuOfEitherBuild() {
        assertEquals(Optional.empty(), new BackendCheck(BackendRequest.CPU, false).verify(CPU_LOADED));
        assertEquals(Optional.empty(), new BackendCheck(BackendRequest.CPU, true).verify(CPU_LOADED));
    }

    @Test
    void cpuRefusesCudaLoadedWithoutTheLauncher() {
        LaeException e = assertThrows(LaeException.class, () -> new BackendCheck(BackendRequest.CPU, true).verify(CUDA_LOADED));
        assertEquals("--backend cpu: " + BackendCheck.CPU_IGNORED_ERROR, e.getMessage());
    }

    @Test
    void laesOwnCudaEngineKeepsNd4jOnTheCpu() {
        assertEquals(Optional.empty(), new BackendCheck(BackendRequest.CUDA, false).verify(CPU_LOADED));
        LaeException e = assertThrows(LaeException.class, () -> new BackendCheck(BackendRequest.CUDA, true).verify(CUDA_LOADED));
        assertEquals("--backend cuda: " + BackendCheck.CPU_IGNORED_ERROR, e.getMessage());
    }

    @Test
    void backendNamesParseInAnyCase() {
        assertEquals(BackendRequest.ND4J_CUDA, BackendRequest.parse("ND4J-CUDA"));
        assertEquals(BackendRequest.CUDA, BackendRequest.parse("cuda"));
        assertEquals("nd4j-cuda", BackendRequest.ND4J_CUDA.toString());
        LaeException e = assertThrows(LaeException.class, () -> BackendRequest.parse("gpu"));
        assertTrue(e.getMessage().contains("auto, cpu, cuda or nd4j-cuda"), e.getMessage());
    }

    @Test
    void nd4jCudaOnTheCpuBuildFailsBeforeNd4jStarts() {
        BooleanSupplier nd4jMustNotStart = () -> fail("ND4J was asked for its backend");
        LaeException e = assertThrows(LaeException.class,
                () -> new BackendCheck(BackendRequest.ND4J_CUDA, false).verify(nd4jMustNotStart));
        assertEquals(BackendCheck.NOT_BUILT_ERROR, e.getMessage());
    }

    @Test
    void nd4jCudaWithoutAUsableGpuFails() {
        LaeException e = assertThrows(LaeException.class, () -> new BackendCheck(BackendRequest.ND4J_CUDA, true).verify(CPU_LOADED));
        assertEquals(BackendCheck.NO_GPU_ERROR, e.getMessage());
    }

    @Test
    void nd4jCudaRunsWhenNd4jLoadedIt() {
        assertEquals(Optional.empty(), new BackendCheck(BackendRequest.ND4J_CUDA, true).verify(CUDA_LOADED));
    }

    @Test
    void messagesAreOneLineNamingTheFix() {
        for (String message : new String[] {BackendCheck.FALLBACK_WARNING, BackendCheck.NOT_BUILT_ERROR,
                BackendCheck.NO_GPU_ERROR, BackendCheck.CPU_IGNORED_ERROR}) {
            assertFalse(message.contains("\n"), message);
        }
        assertTrue(BackendCheck.NOT_BUILT_ERROR.contains("mvn -Pnd4j-cuda package"), BackendCheck.NOT_BUILT_ERROR);
    }

    @Test
    void theDefaultBuildHasNoCuda() {
        assertFalse(BackendCheck.forThisBuild(BackendRequest.AUTO).cudaInBuild(),
                "lae-examples must not depend on ND4J's CUDA backend; only lae-nd4j-cuda (-Pnd4j-cuda) does");
    }
}
