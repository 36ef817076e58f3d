package io.lae.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CEnvironmentTest {

    @Test
    void aVariableSetInTheCRuntimeIsReadBackAndOverwritten() {
        String name = "LAE_TEST_" + ProcessHandle.current().pid();
        assertEquals(Optional.empty(), CEnvironment.get(name));
        assertTrue(CEnvironment.set(name, "first"));
        assertEquals(Optional.of("first"), CEnvironment.get(name));
        assertTrue(CEnvironment.set(name, "second"), "overwrites");
        assertEquals(Optional.of("second"), NativeSetup.variable(name));
    }
}
