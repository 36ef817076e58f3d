package io.lae.io;

import static io.lae.io.Fixtures.assertFails;
import static io.lae.io.Fixtures.fixture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every broken or missing file fails with a one-line message naming the file and the problem. */
class NpyFileErrorsTest {

    @TempDir
    Path dir;

    /** Writes the first {@code length} bytes of a fixture to a new file. */
    private Path prefixOf(String fixture, int length) throws IOException {
        byte[] bytes = Files.readAllBytes(fixture(fixture));
        return Files.write(dir.resolve("cut.npy"), Arrays.copyOf(bytes, length));
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("absent.npy");
        assertFails(file, () -> Npy.read(file), "file not found");
        assertFails(file, () -> NpyHeader.read(file), "file not found");
    }

    @Test
    void directory() {
        assertFails(dir, () -> Npy.read(dir), "directory");
    }

    @Test
    void emptyFile() throws IOException {
        Path file = Files.createFile(dir.resolve("empty.npy"));
        assertFails(file, () -> Npy.read(file), "empty file", "numpy.save");
    }

    @Test
    void badMagic() throws IOException {
        Path file = Files.writeString(dir.resolve("x.npy"), "a,b,c\n1,2,3\n");
        assertFails(file, () -> Npy.read(file), "not a .npy file", "\\x93NUMPY", "numpy.save");
        Path tiny = Files.writeString(dir.resolve("tiny.npy"), "x");
        assertFails(tiny, () -> Npy.read(tiny), "not a .npy file");
    }

    @Test
    void npzArchive() throws IOException {
        Path file = Files.write(dir.resolve("x.npz"), new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0});
        assertFails(file, () -> Npy.read(file), ".npz", "numpy.save");
    }

    @Test
    void truncatedHeader() throws IOException {
        for (int length : new int[] {3, 7, 9, 60, 127}) {
            Path file = prefixOf("f8_c.npy", length);
            assertFails(file, () -> Npy.read(file), "truncated header");
        }
        Path v2 = Files.write(dir.resolve("v2.npy"), Arrays.copyOf(Files.readAllBytes(fixture("f8_v2.npy")), 11));
        assertFails(v2, () -> Npy.read(v2), "truncated header", "11 bytes");
    }

    @Test
    void truncatedData() throws IOException {
        Path file = prefixOf("f8_c.npy", 128 + 72);
        assertFails(file, () -> new NpyReader(file), "truncated", "3 x 4 float64 (96 bytes)", "only 72 bytes");
        Path ints = prefixOf("int_u1.npy", 130);
        assertFails(ints, () -> Npy.read(ints), "truncated", "3 x 4 uint8 (12 bytes)", "only 2 bytes");
    }

    @Test
    void unsupportedVersion() throws IOException {
        byte[] bytes = Files.readAllBytes(fixture("f8_c.npy"));
        bytes[6] = 4;
        Path file = Files.write(dir.resolve("v4.npy"), bytes);
        assertFails(file, () -> Npy.read(file), "version 4.0");
    }

    @Test
    void malformedHeader() throws IOException {
        byte[] bytes = Files.readAllBytes(fixture("f8_c.npy"));
        byte[] garbage = "{'descr': '<f8' 'fortran_order': False}".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(garbage, 0, bytes, 10, garbage.length);
        Path file = Files.write(dir.resolve("bad.npy"), bytes);
        assertFails(file, () -> Npy.read(file), "malformed header", "expected ',' or '}'");
    }

    @Test
    void unsupportedDtypeAndRank() {
        Path complex = fixture("complex.npy");
        assertFails(complex, () -> Npy.read(complex), "unsupported dtype '<c16'");
        Path rank3 = fixture("rank3.npy");
        assertFails(rank3, () -> Npy.read(rank3), "2 x 3 x 4", "dimensions");
    }
}
