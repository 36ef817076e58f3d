package io.lae.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** When the backend contract runs, and the reason it gives when it does not. */
class RequestedBackendTest {

    @Test
    void withoutTheProperty_itRunsOnWhateverIsLoaded() {
        assertNull(RequestedBackend.skipReason(null, "CpuBackend", false));
        assertNull(RequestedBackend.skipReason(" ", "JCublasBackend", true));
    }

    @Test
    void theRequestedBackendRuns() {
        assertNull(RequestedBackend.skipReason("cpu", "CpuBackend", false));
        assertNull(RequestedBackend.skipReason("CUDA", "JCublasBackend", true));
    }

    @Test
    void anotherBackendIsSkippedWithTheReason() {
        assertEquals("lae.contract.backend=cuda but ND4J loaded CpuBackend: no usable CUDA GPU (see docs/gpu.md)",
                RequestedBackend.skipReason("cuda", "CpuBackend", false));
        assertEquals("lae.contract.backend=cpu but ND4J loaded JCublasBackend: the CUDA backend took priority "
                + "(see docs/gpu.md)", RequestedBackend.skipReason("cpu", "JCublasBackend", true));
    }

    @Test
    void anUnknownBackendIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> RequestedBackend.skipReason("gpu", "CpuBackend", false));
    }
}
