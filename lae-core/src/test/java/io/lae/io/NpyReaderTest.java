package io.lae.io;

import static io.lae.io.Fixtures.assertArray;
import static io.lae.io.Fixtures.assertFails;
import static io.lae.io.Fixtures.assertSameArray;
import static io.lae.io.Fixtures.fixture;
import static io.lae.io.Fixtures.matrix;
import static io.lae.io.Fixtures.vector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.Precision;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigInteger;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Reading the fixtures that NumPy wrote. */
class NpyReaderTest {

    @ParameterizedTest
    @ValueSource(strings = {"f8_c.npy", "f8_fortran.npy", "f8_be.npy", "f4.npy", "f4_be_fortran.npy",
        "f8_v2.npy", "f8_v3.npy"})
    void readsFloatMatricesInEveryLayout(String name) {
        INDArray array = Npy.read(fixture(name));
        assertArray(matrix(), array);
        assertEquals('c', array.ordering());
    }

    @ParameterizedTest
    @CsvSource({"int_i1.npy, true, 8", "int_u1.npy, false, 8", "int_i2_le.npy, true, 16",
        "int_i2_be.npy, true, 16", "int_u2_le.npy, false, 16", "int_i4_le.npy, true, 32",
        "int_i4_be.npy, true, 32", "int_u4_le.npy, false, 32", "int_u4_be.npy, false, 32",
        "int_i8_le.npy, true, 64", "int_i8_be.npy, true, 64", "int_u8_le.npy, false, 64",
        "int_u8_be.npy, false, 64"})
    void readsIntegersIncludingTheirExtremes(String name, boolean signed, int bits) {
        BigInteger min = signed ? BigInteger.ONE.shiftLeft(bits - 1).negate() : BigInteger.ZERO;
        BigInteger max = signed ? BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE)
                : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        double[][] expected = {
            {0, 1, 2, 3},
            {min.doubleValue(), max.doubleValue(), min.add(BigInteger.ONE).doubleValue(),
                max.subtract(BigInteger.ONE).doubleValue()},
            {5, 7, 11, 13}};
        assertArray(expected, Npy.read(fixture(name)));
    }

    @Test
    void readsBoolAsZeroAndOne() {
        double[][] expected = new double[3][4];
        for (int k = 0; k < 12; k++) {
            expected[k / 4][k % 4] = k % 3 == 0 ? 1 : 0;
        }
        assertArray(expected, Npy.read(fixture("bool.npy")));
    }

    @Test
    void readsAVectorAsRankOneAndAsOneColumnOfRows() {
        try (NpyReader reader = new NpyReader(fixture("vector.npy"))) {
            assertEquals(5, reader.rows());
            assertEquals(1, reader.columns());
            INDArray all = reader.readAll();
            assertEquals(1, all.rank());
            assertArrayEquals(vector(), all.toDoubleVector());
            assertArray(new double[][] {{vector()[1]}, {vector()[2]}, {vector()[3]}}, reader.readRows(1, 3));
        }
    }

    @Test
    void readsAZeroDimensionalArrayAsAScalar() {
        try (NpyReader reader = new NpyReader(fixture("scalar.npy"))) {
            assertEquals(1, reader.rows());
            assertEquals(1, reader.columns());
            INDArray all = reader.readAll();
            assertEquals(0, all.rank());
            assertEquals(DataType.DOUBLE, all.dataType());
            assertEquals(2.5, all.getDouble(0));
            assertArray(new double[][] {{2.5}}, reader.readRows(0, 1));
        }
    }

    @Test
    void readsAnEmptyMatrix() {
        try (NpyReader reader = new NpyReader(fixture("empty.npy"))) {
            assertEquals(0, reader.rows());
            assertEquals(3, reader.columns());
            INDArray all = reader.readAll();
            assertArrayEquals(new long[] {0, 3}, all.shape());
            assertTrue(all.isEmpty());
            assertArrayEquals(new long[] {0, 3}, reader.readRows(0, 0).shape());
        }
    }

    @Test
    void exposesTheHeader() {
        try (NpyReader reader = new NpyReader(fixture("f8_fortran.npy"))) {
            assertEquals(new NpyHeader("<f8", true, new long[] {3, 4}, 128), reader.header());
            assertEquals(3, reader.rows());
            assertEquals(4, reader.columns());
        }
        NpyHeader v3 = NpyHeader.read(fixture("f8_v3.npy"));
        assertEquals(new NpyHeader("<f8", false, new long[] {3, 4}, 128), v3);
        assertEquals(12, v3.elementCount());
        assertEquals(2, v3.rank());
    }

    @Test
    void describesFilesItCannotRead() {
        NpyHeader header = NpyHeader.read(fixture("rank3.npy"));
        assertArrayEquals(new long[] {2, 3, 4}, header.shape());
        assertEquals("<c16", NpyHeader.read(fixture("complex.npy")).descr());
    }

    @ParameterizedTest
    @ValueSource(strings = {"f8_c.npy", "f8_fortran.npy", "f4_be_fortran.npy", "int_u2_le.npy"})
    void readRowsEqualsTheRowsOfReadAllForAnyBlockSize(String name) {
        Path file = fixture(name);
        INDArray all = Npy.read(file);
        for (int blockElements : new int[] {1, 3, 5, 8, 1 << 19}) {
            try (NpyReader reader = new NpyReader(file, blockElements)) {
                assertSameArray(all, reader.readAll());
                for (int first = 0; first <= 3; first++) {
                    for (int count = 0; first + count <= 3; count++) {
                        INDArray rows = reader.readRows(first, count);
                        assertArrayEquals(new long[] {count, 4}, rows.shape());
                        if (count > 0) {
                            assertSameArray(all.get(NDArrayIndex.interval(first, first + count), NDArrayIndex.all()),
                                    rows);
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"f8_c.npy", "f8_fortran.npy", "f8_be.npy", "f4.npy", "f4_be_fortran.npy", "int_u2_le.npy",
        "int_i8_be.npy", "bool.npy"})
    void rowsDecodedIntoMemoryEqualReadRowsInEitherPrecisionForAnyBlockSize(String name) {
        Path file = fixture(name);
        INDArray all = Npy.read(file);
        long columns = all.rank() == 2 ? all.columns() : 1;
        for (int blockElements : new int[] {1, 3, 8, 1 << 19}) {
            try (NpyReader reader = new NpyReader(file, blockElements);
                 Arena arena = Arena.ofConfined()) {
                for (int first = 0; first < reader.rows(); first++) {
                    int count = (int) (reader.rows() - first);
                    double[] expected = reader.readRows(first, count).data().asDouble();
                    MemorySegment f64 = arena.allocate(count * columns * 8);
                    reader.readRows(first, count, f64, Precision.FLOAT64);
                    assertArrayEquals(expected, f64.toArray(ValueLayout.JAVA_DOUBLE), name);
                    MemorySegment f32 = arena.allocate(count * columns * 4);
                    reader.readRows(first, count, f32, Precision.FLOAT32);
                    float[] rounded = new float[expected.length];
                    for (int k = 0; k < rounded.length; k++) {
                        rounded[k] = (float) expected[k];
                    }
                    assertArrayEquals(rounded, f32.toArray(ValueLayout.JAVA_FLOAT), name);
                }
            }
        }
    }

    @Test
    void rejectsMemoryTooSmallForTheRows() {
        try (NpyReader reader = new NpyReader(fixture("f8_c.npy"));
             Arena arena = Arena.ofConfined()) {
            assertThrows(IllegalArgumentException.class, () -> reader.readRows(0, 2, arena.allocate(2 * 4 * 8 - 1),
                    Precision.FLOAT64));
            reader.readRows(0, 2, arena.allocate(2 * 4 * 4), Precision.FLOAT32);
        }
    }

    @Test
    void rejectsRowsOutsideTheFileAndReadsAfterClose() {
        NpyReader reader = new NpyReader(fixture("f8_c.npy"));
        assertThrows(IllegalArgumentException.class, () -> reader.readRows(2, 2));
        assertThrows(IllegalArgumentException.class, () -> reader.readRows(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> reader.readRows(0, -1));
        reader.close();
        assertThrows(IllegalStateException.class, () -> reader.readRows(0, 1));
    }

    @Test
    void rejectsThreeDimensionalArraysNamingTheShape() {
        Path file = fixture("rank3.npy");
        assertFails(file, () -> new NpyReader(file), "2 x 3 x 4", "3 dimensions", "2-D");
    }

    @Test
    void rejectsComplexHalfObjectAndStructuredArrays() {
        Path complex = fixture("complex.npy");
        assertFails(complex, () -> Npy.read(complex), "unsupported dtype '<c16'", "float64");
        Path half = fixture("float16.npy");
        assertFails(half, () -> Npy.read(half), "unsupported dtype '<f2'");
        Path object = fixture("object.npy");
        assertFails(object, () -> Npy.read(object), "object arrays", "'|O'", "numeric");
        Path structured = fixture("structured.npy");
        String message = assertFails(structured, () -> Npy.read(structured), "structured");
        assertFalse(message.contains("malformed"), message);
    }
}
