package io.lae.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A jar built for another platform (its natives do not load here) ends with one line, not a stack trace. */
class NativesMissingTest {

    @Test
    void aLinkErrorInAClassInitialiserIsFoundAndSaidInOneLine() {
        UnsatisfiedLinkError link = new UnsatisfiedLinkError("'long org.bytedeco.javacpp.Pointer.availablePhysicalBytes()'");
        assertSame(link, LaeCommand.unsatisfiedLink(new ExceptionInInitializerError(link)));
        assertSame(link, LaeCommand.unsatisfiedLink(link));
        assertNull(LaeCommand.unsatisfiedLink(new NoClassDefFoundError("io/lae/Missing")), "not a native library's");
        String line = LaeCommand.nativesMissing(link);
        assertFalse(line.contains("\n"), line);
        assertTrue(line.contains(System.getProperty("os.name") + " " + System.getProperty("os.arch"))
                && line.contains("availablePhysicalBytes") && line.contains("build it on this machine"), line);
    }
}
