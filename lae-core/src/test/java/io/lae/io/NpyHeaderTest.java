package io.lae.io;

import static io.lae.io.Fixtures.assertFails;
import static io.lae.io.Fixtures.fixture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing header dicts however they are spelled, and writing them exactly as NumPy does. */
class NpyHeaderTest {

    @TempDir
    Path dir;

    /** Writes a file with the given format version and header text, followed by {@code data} zero bytes. */
    private Path raw(int major, String dict, int data) throws IOException {
        byte[] text = dict.getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(12 + text.length + data).order(ByteOrder.LITTLE_ENDIAN);
        out.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            out.putShort((short) text.length);
        } else {
            out.putInt(text.length);
        }
        out.put(text);
        return Files.write(dir.resolve("raw.npy"), Arrays.copyOf(out.array(), out.position() + data));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }",
        "{'shape': (3, 4), 'fortran_order': False, 'descr': '<f8'}",
        "{ 'fortran_order' :False,'shape':(3,4,),'descr':'<f8' }   \n",
        "{\"descr\": \"<f8\", \"fortran_order\": False, \"shape\": (3L, 4L)}",
        "\t{'descr':\n'<f8',\n'fortran_order': False, 'shape': ( 3 ,  4 ), 'extra': [None, True, -1]}\n"})
    void parsesAnySpelling(String dict) throws IOException {
        for (int major = 1; major <= 3; major++) {
            Path file = raw(major, dict, 96);
            NpyHeader header = NpyHeader.read(file);
            assertEquals(new NpyHeader("<f8", false, new long[] {3, 4}, 10 + (major == 1 ? 0 : 2) + dict.length()),
                    header, dict);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"()|", "(5,)|5", "(3, 4)|3,4", "(0,)|0", "(1,0)|1,0", "( 7 , )|7"})
    void parsesShapes(String tuple, String dimensions) throws IOException {
        long[] expected = dimensions == null ? new long[0]
                : Arrays.stream(dimensions.split(",")).mapToLong(Long::parseLong).toArray();
        Path file = raw(1, "{'descr': '|u1', 'fortran_order': True, 'shape': " + tuple + "}", 40);
        assertArrayEquals(expected, NpyHeader.read(file).shape());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{'descr': '<f8', 'fortran_order': False}|no 'shape' key",
        "{'descr': '<f8', 'shape': (3,)}|no 'fortran_order' key",
        "{'fortran_order': False, 'shape': (3,)}|no 'descr' key",
        "{'descr': 8, 'fortran_order': False, 'shape': (3,)}|'descr' is not a string",
        "{'descr': '<f8', 'fortran_order': 0, 'shape': (3,)}|'fortran_order' is not True or False",
        "{'descr': '<f8', 'fortran_order': False, 'shape': 3}|'shape' is not a tuple",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (3.5,)}|expected ',' or ')' but found '.'",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (-3,)}|negative dimension",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999, 99999999999)}|too many elements",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999,)}|too large",
        "{'descr': '<f8, 'fortran_order': False, 'shape': (3,)}|expected ',' or '}' but found 'f' at character 18",
        "{'descr' '<f8', 'fortran_order': False, 'shape': (3,)}|expected ':'",
        "{'descr': '<f8', 'fortran_order': Flase, 'shape': (3,)}|unknown name 'Flase'",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (3,)}}|after the end",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (3,)|expected ',' or '}' but found the end",
        "{3: '<f8'}|a dict key must be a quoted string at character 2",
        "{descr: '<f8'}|unknown name 'descr'",
        "['descr', '<f8']|not a dict",
        "{'descr': '<f8|unterminated string",
        "|unexpected end"})
    void rejectsMalformedHeaders(String dict, String problem) throws IOException {
        Path file = raw(1, dict == null ? "" : dict, 0);
        assertFails(file, () -> NpyHeader.read(file), "malformed header", problem, "numpy.save");
    }

    @Test
    void rejectsAbsurdHeaderLengths() throws IOException {
        byte[] bytes = Files.readAllBytes(raw(2, "{}", 0));
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(8, Integer.MAX_VALUE);
        Path file = Files.write(dir.resolve("long.npy"), bytes);
        assertFails(file, () -> NpyHeader.read(file), "malformed header", "2147483647 bytes long");
    }

    @ParameterizedTest
    @CsvSource({"f8_c.npy, <f8, 3, 4", "f4.npy, <f4, 3, 4", "empty.npy, <f8, 0, 3"})
    void encodesMatrixHeadersExactlyAsNumpy(String fixture, String descr, long rows, long columns)
            throws IOException {
        assertEncodesLike(fixture, descr, rows, columns);
    }

    @Test
    void encodesVectorAndScalarHeadersExactlyAsNumpy() throws IOException {
        assertEncodesLike("vector.npy", "<f8", 5);
        assertEncodesLike("scalar.npy", "<f8");
    }

    private static void assertEncodesLike(String fixture, String descr, long... shape) throws IOException {
        byte[] numpy = Files.readAllBytes(fixture(fixture));
        byte[] encoded = NpyHeader.encode(descr, shape);
        assertEquals(0, encoded.length % 64);
        assertEquals(NpyHeader.read(fixture(fixture)).dataOffset(), encoded.length);
        assertArrayEquals(Arrays.copyOf(numpy, encoded.length), encoded);
    }

    @Test
    void hasValueSemanticsAndCopiesTheShape() {
        long[] shape = {3, 4};
        NpyHeader header = new NpyHeader("<f8", false, shape, 128);
        shape[0] = 99;
        header.shape()[1] = 99;
        assertArrayEquals(new long[] {3, 4}, header.shape());
        NpyHeader same = new NpyHeader("<f8", false, new long[] {3, 4}, 128);
        assertEquals(same, header);
        assertEquals(same.hashCode(), header.hashCode());
        assertFalse(header.equals(new NpyHeader("<f8", true, new long[] {3, 4}, 128)));
        assertTrue(header.toString().contains("[3, 4]"), header.toString());
        assertEquals(1, new NpyHeader("<f8", false, new long[0], 128).elementCount());
        assertThrows(IllegalArgumentException.class, () -> new NpyHeader("<f8", false, new long[] {-1}, 128));
        assertThrows(IllegalArgumentException.class, () -> new NpyHeader("<f8", false, new long[] {1}, -1));
    }
}
