package io.lae.cuda;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Opening the engine: on a machine without a usable GPU, one line saying what is missing and what to do. */
class CudaDeviceTest {

    @Test
    void openingTheEngineEitherSucceedsOrSaysWhyInOneLine() {
        Optional<CudaException> failure;
        try (CudaDevice device = CudaDevice.open()) {
            assertTrue(device.description().smMajor() >= 7, device.description().summary());
            failure = Optional.empty();
        } catch (CudaException e) {
            failure = Optional.of(e);
        }
        failure.ifPresent(e -> {
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertTrue(e.getMessage().contains("--backend cpu") || e.getMessage().contains("found"), e.getMessage());
        });
    }
}
