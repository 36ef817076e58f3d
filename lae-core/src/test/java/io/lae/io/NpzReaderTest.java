package io.lae.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.LaeException;
import io.lae.device.MemoryLimit;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class NpzReaderTest {

    @TempDir
    Path dir;

    /** A deflated .npy entry of 1024 × 8192 zeros: 64 MiB declared, a few hundred KiB on disk. */
    private Path bomb() throws IOException {
        Path npy = dir.resolve("big.npy");
        Npy.write(npy, Nd4j.zeros(DataType.DOUBLE, 1024, 8192));
        Path npz = dir.resolve("bomb.npz");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(npz))) {
            zip.putNextEntry(new ZipEntry("sigma_xx.npy"));
            Files.copy(npy, zip);
            zip.closeEntry();
        }
        Files.delete(npy);
        return npz;
    }

    @Test
    void anEntryThatClimbsOutOfTheArchiveIsNamed() throws IOException {
        Path npz = dir.resolve("climbs.npz");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(npz))) {
            zip.putNextEntry(new ZipEntry("m.npy"));
            zip.write(new byte[] {1});
            zip.putNextEntry(new ZipEntry("../../escaped.npy"));
            zip.write(new byte[] {1});
        }
        String message = assertThrows(LaeException.class, () -> new NpzReader(npz)).getMessage();
        assertTrue(message.endsWith("climbs.npz: holds an entry named '../../escaped.npy', a path that climbs out of the "
                + "archive or starts at the root, so lae opens none of it; write it again with numpy.savez or lae stats"),
                message);
        assertTrue(Files.notExists(dir.getParent().getParent().resolve("escaped.npy")));
    }

    @Test
    void anEntryLargerThanTheMemoryIsRefusedBeforeItInflates() throws IOException {
        Path npz = bomb();
        assertTrue(Files.size(npz) < (1 << 20), "compressed: " + Files.size(npz));
        System.setProperty(MemoryLimit.PROPERTY, "16m");
        try (NpzReader reader = new NpzReader(npz)) {
            String message = assertThrows(LaeException.class, () -> reader.read("sigma_xx")).getMessage();
            assertTrue(message.contains("'sigma_xx' inflates to 64.0 MiB, more than the 16.0 MiB of memory available"),
                    message);
        } finally {
            System.clearProperty(MemoryLimit.PROPERTY);
        }
        try (NpzReader reader = new NpzReader(npz)) {
            assertEquals(8192, reader.read("sigma_xx").columns(), "within the memory, it reads");
        }
    }
}
