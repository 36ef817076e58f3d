package io.lae.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.LaeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic writes replace the target and leave no temporary file behind, written or not. */
class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void replacesTheFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("data.bin");
        Files.writeString(file, "old contents");
        AtomicFiles.writeBytes(file, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void theFileGetsTheUsualPermissionsNotOwnerOnly() throws IOException {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path usual = Files.createFile(dir.resolve("usual.bin"));
        Path file = dir.resolve("data.bin");
        AtomicFiles.writeBytes(file, new byte[] {1});
        assertEquals(Files.getPosixFilePermissions(usual), Files.getPosixFilePermissions(file));
    }

    @Test
    void aMissingDirectoryFailsWithTheFileName() {
        Path file = dir.resolve("absent").resolve("data.bin");
        LaeException e = assertThrows(LaeException.class, () -> AtomicFiles.writeBytes(file, new byte[] {1}));
        assertTrue(e.getMessage().startsWith(file + ": cannot write"), e.getMessage());
    }

    @Test
    void aStreamThatFailsLeavesTheFileAsItWasAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("data.bin");
        Files.writeString(file, "old contents");
        LaeException refusal = new LaeException("checksum differs");
        LaeException e = assertThrows(LaeException.class, () -> AtomicFiles.write(file, out -> {
            out.write(new byte[] {1, 2, 3});
            throw refusal;
        }));
        assertTrue(e == refusal, "the writer's own error passes through");
        assertEquals("old contents", Files.readString(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void aTemporaryNameIsRecognisedForItsTargetOnly() {
        String temp = AtomicFiles.tempBeside(Path.of("run", "run.json")).getFileName().toString();
        assertTrue(AtomicFiles.isTemporaryOf(temp, "run.json"), temp);
        assertFalse(AtomicFiles.isTemporaryOf(temp, "metrics.csv"));
        assertFalse(AtomicFiles.isTemporaryOf(".run.json..tmp", "run.json"));
        assertFalse(AtomicFiles.isTemporaryOf(".run.json.notes.tmp", "run.json"));
        assertFalse(AtomicFiles.isTemporaryOf("run.json", "run.json"));
    }
}
