package io.lae.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.io.Npy;
import io.lae.Precision;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A source's fingerprint is the SHA-256 of the file's bytes as {@code sha256sum} gives it, taken while the source is
 * read; data made in memory are hashed as their float64 values.
 */
class DataFingerprintTest {

    @TempDir
    static Path dir;

    private static INDArray rows;

    @BeforeAll
    static void rows() {
        Nd4j.getRandom().setSeed(3);
        rows = Nd4j.randn(DataType.DOUBLE, 5000, 7);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void aStreamedNpyFileIsFingerprintedByItsBytes() throws Exception {
        Path file = dir.resolve("x.npy");
        Npy.write(file, rows);
        DataSource source = DataSources.open(file.toString(), dir);
        source.forEachChunk(999, chunk -> { });
        DataFingerprint fingerprint = source.fingerprint();
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(sha256(bytes), fingerprint.sha256());
        assertEquals(bytes.length, fingerprint.bytes());
        assertEquals(5000, fingerprint.rows());
        assertEquals(DataFingerprint.Content.FILE, fingerprint.content());
        assertEquals(fingerprint, DataSources.open(file.toString(), dir).fingerprint(), "asked before any read");
    }

    @Test
    void aNpyFileStreamedIntoMemoryIsFingerprintedByThatPass() throws Exception {
        Path file = dir.resolve("sink.npy");
        Npy.write(file, rows);
        byte[] bytes = Files.readAllBytes(file);
        DataSource source = DataSources.open(file.toString(), dir);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(999L * 7 * Double.BYTES);
            source.forEachChunk(999, Precision.FLOAT64, new RowSink() {
                @Override
                public MemorySegment buffer(int rows) {
                    return buffer;
                }

                @Override
                public void filled(int rows) {
                }
            });
        }
        Files.delete(file);
        assertEquals(sha256(bytes), source.fingerprint().sha256(), "taken by the pass: the file is gone");
        assertEquals(5000, source.fingerprint().rows());
    }

    @Test
    void aFortranOrderFileIsFingerprintedByAReadOfItsOwn() throws Exception {
        // a 3×2 float64 array in Fortran order, as numpy.save writes np.asfortranarray(a)
        String dict = "{'descr': '<f8', 'fortran_order': True, 'shape': (3, 2), }";
        String header = dict + " ".repeat(128 - 10 - dict.length() - 1) + "\n";
        ByteBuffer file = ByteBuffer.allocate(10 + header.length() + 48).order(ByteOrder.LITTLE_ENDIAN);
        file.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        file.put(header.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        for (double v : new double[] {1, 3, 5, 2, 4, 6}) {
            file.putDouble(v);
        }
        Path path = Files.write(dir.resolve("fortran.npy"), file.array());
        DataSource source = DataSources.open(path.toString(), dir);
        assertEquals(Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}, {5, 6}}), source.readAll());
        assertEquals(sha256(file.array()), source.fingerprint().sha256());
    }

    @Test
    void aCsvFileIsFingerprintedByItsBytesBomAndAll() throws Exception {
        byte[] bytes = "\uFEFFa,b\n1,2\n3,4\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Path file = Files.write(dir.resolve("x.csv"), bytes);
        DataFingerprint fingerprint = DataSources.open(file.toString(), dir).fingerprint();
        assertEquals(sha256(bytes), fingerprint.sha256());
        assertEquals(bytes.length, fingerprint.bytes());
        assertEquals(2, fingerprint.rows());
    }

    @Test
    void oneChangedByteIsOtherData() throws Exception {
        Path file = dir.resolve("changed.csv");
        Files.writeString(file, "1,2\n3,4\n");
        DataFingerprint before = DataSources.open(file.toString(), dir).fingerprint();
        Files.writeString(file, "1,2\n3,5\n");
        DataFingerprint after = DataSources.open(file.toString(), dir).fingerprint();
        assertFalse(before.sameData(after));
        assertTrue(before.sameData(before));
    }

    @Test
    void dataMadeInMemoryIsFingerprintedByItsFloat64Values() throws Exception {
        INDArray small = Nd4j.createFromArray(new double[][] {{1.5, -2}, {0, 1e-300}});
        ByteBuffer values = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        values.putDouble(1.5).putDouble(-2).putDouble(0).putDouble(1e-300);
        DataFingerprint fingerprint = DataSources.inMemory("small", small).fingerprint();
        assertEquals(sha256(values.array()), fingerprint.sha256());
        assertEquals(DataFingerprint.Content.FLOAT64_VALUES, fingerprint.content());
        // in blocks, from a column-major copy or float32: the values, not their layout, are hashed
        assertEquals(DataFingerprint.ofValues(rows), DataFingerprint.ofValues(rows.dup('f')));
        assertNotEquals(DataFingerprint.ofValues(rows).sha256(),
                DataFingerprint.ofValues(rows.castTo(DataType.FLOAT)).sha256());
        String spec = "synthetic:diag:n=4,m=30,seed=2";
        assertEquals(DataSources.open(spec, dir).fingerprint(), DataSources.open(spec, dir).fingerprint());
    }

    @Test
    void aFingerprintReadBackIsChecked() {
        assertThrows(IllegalArgumentException.class,
                () -> new DataFingerprint("ABC", 1, 1, DataFingerprint.Content.FILE));
        assertThrows(IllegalArgumentException.class,
                () -> new DataFingerprint("0".repeat(64), -1, 1, DataFingerprint.Content.FILE));
        assertThrows(IllegalArgumentException.class, () -> new DataFingerprint("0".repeat(64), 1, 1, null));
    }
}
