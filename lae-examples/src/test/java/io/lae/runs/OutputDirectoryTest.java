package io.lae.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code --force} refuses to move aside, and where it moves the rest. */
class OutputDirectoryTest {

    @TempDir
    Path dir;

    private Optional<String> refusal(Path target, Path working) {
        return OutputDirectory.refusalToMove(target, working, dir.resolve("home"));
    }

    @Test
    void theWorkingDirectoryAndThoseAboveItAreRefused() throws Exception {
        Path working = Files.createDirectories(dir.resolve("a/b/c"));
        assertTrue(refusal(working, working).orElseThrow().contains("is the working directory"));
        assertTrue(refusal(dir.resolve("a/b/c/../.."), working).orElseThrow().contains("or one above it"));
        assertEquals(Optional.empty(), refusal(Files.createDirectories(dir.resolve("a/other")), working));
    }

    @Test
    void theHomeDirectoryAndTheRootAreRefused() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        assertTrue(refusal(home, dir).orElseThrow().contains("is the home directory"));
        assertTrue(refusal(Path.of("/"), dir).orElseThrow().contains("/ is the root directory"));
    }

    @Test
    void aMountPointIsRefused() {
        Path proc = Path.of("/proc");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(proc), "a Linux mount point to look at");
        assertTrue(refusal(proc, dir).orElseThrow().contains("is a mount point"));
    }

    @Test
    void aMoveAsideTakesTheFirstFreeName() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve("notes.txt"), "mine");
        Files.createDirectories(dir.resolve("run.previous"));
        Files.writeString(dir.resolve("run.previous.2"), "a file, also kept");
        assertEquals(dir.resolve("run.previous.3"), OutputDirectory.asideName(run));
        Path aside = OutputDirectory.moveAside(run, new java.io.PrintWriter(new java.io.StringWriter()));
        assertEquals(dir.resolve("run.previous.3"), aside);
        assertEquals("mine", Files.readString(aside.resolve("notes.txt")));
        assertEquals("a file, also kept", Files.readString(dir.resolve("run.previous.2")));
    }
}
