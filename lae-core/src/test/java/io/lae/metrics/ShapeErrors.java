package io.lae.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertion for the metrics' shape errors: one line that names the shapes involved. */
final class ShapeErrors {

    private ShapeErrors() {
    }

    static void assertRejectedNaming(Runnable call, String... shapes) {
        String message = assertThrows(IllegalArgumentException.class, call::run).getMessage();
        assertFalse(message.contains("\n"), message);
        for (String shape : shapes) {
            assertTrue(message.contains(shape), message + " should name " + shape);
        }
    }
}
