package io.lae.cuda;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Opening the engine: on a machine without a usable GPU, one line saying what is missing, naming no option of lae's
 * command line (the device check has none; {@code lae} adds its own advice).
 */
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
            assertFalse(e.getMessage().contains("--backend"), e.getMessage());
        });
    }
}
