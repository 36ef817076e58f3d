package io.lae.io;

import static io.lae.io.Fixtures.assertArray;
import static io.lae.io.Fixtures.assertFails;
import static io.lae.io.Fixtures.assertSameArray;
import static io.lae.io.Fixtures.create;
import static io.lae.io.Fixtures.fixture;
import static io.lae.io.Fixtures.matrix;
import static io.lae.io.Fixtures.vector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Writing .npy files: round trips, NumPy's exact layout, atomic replacement, failures. */
class NpyWriteTest {

    @TempDir
    Path dir;

    private static double[][] randomWithSpecialValues(int rows, int columns) {
        Random random = new Random(42);
        double[][] m = new double[rows][columns];
        for (double[] row : m) {
            for (int j = 0; j < columns; j++) {
                row[j] = random.nextGaussian() * Math.pow(10, random.nextInt(21) - 10);
            }
        }
        double[] special = {Double.NaN, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE, Double.MAX_VALUE, -Double.MIN_NORMAL};
        System.arraycopy(special, 0, m[0], 0, special.length);
        return m;
    }

    /** Rows appended block by block read back as one array; a file missing rows never appears. */
    @Test
    void rowWriterAppendsBlocksAndWritesOnlyAWholeFile() throws IOException {
        Path file = dir.resolve("rows.npy");
        org.nd4j.linalg.api.ndarray.INDArray all = org.nd4j.linalg.factory.Nd4j.createFromArray(
                java.util.stream.IntStream.range(0, 35).mapToDouble(i -> i * 0.25).toArray()).reshape(7, 5);
        try (NpyRowWriter writer = new NpyRowWriter(file, 7, 5)) {
            writer.append(all.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()));
            writer.append(all.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(4, 7),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()));
        }
        assertEquals(all, Npy.read(file));
        Path partial = dir.resolve("partial.npy");
        try (NpyRowWriter writer = new NpyRowWriter(partial, 7, 5)) {
            writer.append(all.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()));
        }
        assertFalse(Files.exists(partial));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(file.getFileName().toString()), left.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void roundTripsFloat64BitForBit() {
        double[][] values = randomWithSpecialValues(9, 7);
        Path file = dir.resolve("x.npy");
        Npy.write(file, create(values));
        assertArray(values, Npy.read(file));
        assertEquals("<f8", NpyHeader.read(file).descr());
    }

    @Test
    void roundTripsFloat32WithFloatRounding() {
        double[][] values = randomWithSpecialValues(9, 7);
        Path file = dir.resolve("x.npy");
        Npy.write(file, create(values), DataType.FLOAT);
        double[][] rounded = new double[9][7];
        for (int i = 0; i < 9; i++) {
            for (int j = 0; j < 7; j++) {
                rounded[i][j] = (float) values[i][j];
            }
        }
        assertArray(rounded, Npy.read(file));
        assertEquals(new NpyHeader("<f4", false, new long[] {9, 7}, 128), NpyHeader.read(file));
        assertEquals(128 + 9 * 7 * 4, file.toFile().length());
    }

    @Test
    void roundTripsAVectorAsRankOne() {
        Path file = dir.resolve("v.npy");
        Npy.write(file, Nd4j.createFromArray(vector()));
        INDArray read = Npy.read(file);
        assertEquals(1, read.rank());
        assertArrayEquals(vector(), read.toDoubleVector());
    }

    @Test
    void writesTheSameBytesAsNumpy() throws IOException {
        Path file = dir.resolve("m.npy");
        Npy.write(file, create(matrix()));
        assertArrayEquals(Files.readAllBytes(fixture("f8_c.npy")), Files.readAllBytes(file));
        Npy.write(file, create(matrix()), DataType.FLOAT);
        assertArrayEquals(Files.readAllBytes(fixture("f4.npy")), Files.readAllBytes(file));
        Npy.write(file, Nd4j.createFromArray(vector()));
        assertArrayEquals(Files.readAllBytes(fixture("vector.npy")), Files.readAllBytes(file));
        Npy.write(file, Nd4j.create(DataType.DOUBLE, 0, 3));
        assertArrayEquals(Files.readAllBytes(fixture("empty.npy")), Files.readAllBytes(file));
    }

    @Test
    void writesAHeaderThatNumpyAccepts() throws IOException {
        Path file = dir.resolve("m.npy");
        Npy.write(file, create(matrix()));
        NpyHeader header = NpyHeader.read(file);
        assertEquals(0, header.dataOffset() % 64);
        String text = new String(Files.readAllBytes(file), 10, (int) header.dataOffset() - 10, StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }"), text);
        assertTrue(text.endsWith(" \n"), text);
        assertEquals(1, text.chars().filter(c -> c == '\n').count());
    }

    @Test
    void writesViewsFortranOrderAndOtherDtypesInCOrder() {
        INDArray big = Nd4j.rand(DataType.DOUBLE, 6, 8);
        INDArray fortran = big.dup('f');
        INDArray view = big.get(NDArrayIndex.interval(1, 5), NDArrayIndex.interval(2, 7));
        INDArray transposed = big.transpose();
        INDArray column = big.getColumn(3);
        INDArray ints = Nd4j.createFromArray(new int[][] {{1, -2}, {3, 400000}});
        for (INDArray array : List.of(fortran, view, transposed, column, ints)) {
            Path file = dir.resolve("a.npy");
            Npy.write(file, array);
            assertSameArray(array, Npy.read(file));
        }
    }

    @Test
    void writesAndReadsMatricesLargerThanOneBlock() {
        int rows = NpyFiles.BLOCK_ELEMENTS / 300 + 17;
        INDArray array = Nd4j.rand(DataType.DOUBLE, rows, 301);
        Path file = dir.resolve("big.npy");
        Npy.write(file, array);
        assertSameArray(array, Npy.read(file));
        try (NpyReader reader = new NpyReader(file)) {
            assertSameArray(array.get(NDArrayIndex.interval(rows - 20, rows), NDArrayIndex.all()),
                    reader.readRows(rows - 20, 20));
        }
    }

    @Test
    void replacesAnExistingFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("m.npy");
        Files.writeString(file, "old contents");
        Npy.write(file, create(matrix()));
        Npy.write(file, create(matrix()));
        assertArray(matrix(), Npy.read(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void failsOnUnsupportedTypesRanksAndDirectories() throws IOException {
        Path file = dir.resolve("m.npy");
        assertFails(file, () -> Npy.write(file, create(matrix()), DataType.INT), "INT", "FLOAT", "DOUBLE");
        assertFails(file, () -> Npy.write(file, Nd4j.zeros(DataType.DOUBLE, 2, 3, 4)), "rank 3", "[2, 3, 4]");
        assertFails(file, () -> Npy.write(file, Nd4j.scalar(1.0)), "rank 0");
        Path missing = dir.resolve("no/such/dir/m.npy");
        assertFails(missing, () -> Npy.write(missing, create(matrix())), "directory does not exist");
        Path directory = Files.createDirectory(dir.resolve("taken.npy"));
        assertFails(directory, () -> Npy.write(directory, create(matrix())), "a directory");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(directory), files.toList());
        }
        assertFalse(Files.exists(file));
    }
}
