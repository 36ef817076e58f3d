package io.lae.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.LaeException;
import io.lae.TestData;
import io.lae.io.Npy;
import io.lae.linalg.SymmetricEigen;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Every data source kind: contents, reproducibility, streaming and one-line errors. */
class DataSourcesTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void float64() {
        TestData.useFloat64();
    }

    static DataSource open(String spec) {
        return DataSources.open(spec, Path.of("no-data-dir"));
    }

    @Test
    void diagonalIsSeededAndHasCovarianceDiagOneToN() {
        INDArray a = open("synthetic:diag:n=5,m=20000,seed=3").readAll();
        assertEquals(a, open("synthetic:diag:n=5,m=20000,seed=3").readAll());
        assertNotEquals(a, open("synthetic:diag:n=5,m=20000,seed=4").readAll());
        INDArray cov = a.transpose().mmul(a).divi(20000);
        for (int i = 0; i < 5; i++) {
            assertEquals(i + 1, cov.getDouble(i, i), 0.05 * (i + 1), "variance of feature " + (i + 1));
        }
        assertEquals(0, cov.getDouble(0, 4), 0.1);
    }

    @Test
    void haarHasExactlyTheGivenSpectrumAndIsCentred() {
        DataSource s = open("synthetic:haar:n=6,m=30,sv=3,2,1,seed=7");
        INDArray rows = s.readAll();
        assertEquals(30, s.rows());
        assertEquals(6, s.columns());
        assertTrue(s.description().contains("exactly centred"), s.description());
        assertTrue(rows.mean(0).amaxNumber().doubleValue() < 1e-12, "column means are zero");
        double[] eig = SymmetricEigen.of(rows.transpose().mmul(rows)).valueArray();
        assertArrayEquals(new double[] {9, 4, 1, 0, 0, 0}, eig, 1e-10);
    }

    @Test
    void haarLinearAndSquareIsNotCentred() {
        DataSource s = open("synthetic:haar:n=4,m=4,sv=linear");
        assertTrue(s.description().contains("not centred"), s.description());
        INDArray rows = s.readAll();
        assertArrayEquals(new double[] {16, 9, 4, 1}, SymmetricEigen.of(rows.transpose().mmul(rows)).valueArray(), 1e-10);
    }

    /**
     * {@code synthetic:bao} is Bao et al.'s set as their train_synth.py draws it with {@code np.random.seed(1234)}:
     * first and last entries at d = 30, m = 300 as NumPy prints them (SciPy 1.3–1.8's ortho_group, legacy normal,
     * float32), the population variances 100 down to 1.
     */
    @Test
    void baoIsTheAuthorsDraw() {
        DataSource s = open("synthetic:bao:n=30,m=300,seed=1234");
        INDArray x = s.readAll();
        assertEquals(300, s.rows());
        assertArrayEquals(new double[] {1.2898478508, -9.9669542313, -7.7750563622},
                x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                        org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 3)).toDoubleVector(), 1e-9);
        assertArrayEquals(new double[] {0.4226190746, 2.5012907982, -11.9357261658},
                x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(299),
                        org.nd4j.linalg.indexing.NDArrayIndex.interval(27, 30)).toDoubleVector(), 1e-9);
        assertNotEquals(x, open("synthetic:bao:n=30,m=300,seed=1").readAll());
    }

    @Test
    void badSpecsAreNamed() {
        String[][] cases = {
            {"synthetic:diag:n=5", "m=…"},
            {"synthetic:diag:n=0,m=3", "n must be a positive integer"},
            {"synthetic:diag:n=3,m=3,k=2", "unknown parameter 'k'"},
            {"synthetic:haar:n=3,m=5", "sv=LIST"},
            {"synthetic:haar:n=3,m=5,sv=4,3,2,1", "min(n, m) = 3"},
            {"synthetic:haar:n=3,m=5,sv=a", "sv must be numbers"},
            {"synthetic:bao:n=1,m=5", "n ≥ 2"},
            {"synthetic:bao:n=3,m=5,sv=1", "unknown parameter 'sv'"},
            {"imagenet", "unknown data source 'imagenet'"},
        };
        for (String[] c : cases) {
            LaeException e = assertThrows(LaeException.class, () -> open(c[0]), c[0]);
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
        }
    }

    @Test
    void csvWithAndWithoutHeader() throws IOException {
        Path plain = dir.resolve("a.csv");
        Files.writeString(plain, "1,2,3\n4,5,6\n");
        Path header = dir.resolve("b.csv");
        Files.writeString(header, "x,y,z\n1,2,3\n\n4,5,6\n");
        for (Path p : List.of(plain, header)) {
            assertEquals(Nd4j.createFromArray(new double[][] {{1, 2, 3}, {4, 5, 6}}), open(p.toString()).readAll());
        }
    }

    @Test
    void csvErrorsNameTheRowAndColumn() throws IOException {
        Path ragged = dir.resolve("ragged.csv");
        Files.writeString(ragged, "1,2,3\n4,5\n");
        assertTrue(assertThrows(LaeException.class, () -> open(ragged.toString())).getMessage().contains("row 2 has 2 values"));
        Path text = dir.resolve("text.csv");
        Files.writeString(text, "1,2,3\n4,abc,6\n");
        assertTrue(assertThrows(LaeException.class, () -> open(text.toString())).getMessage()
                .contains("row 2, column 2: 'abc' is not a number"));
        assertTrue(assertThrows(LaeException.class, () -> open(dir.resolve("none.csv").toString())).getMessage()
                .contains("not found"));
    }

    @Test
    void csvIsReadExactlyAsWrittenOrRefused() throws IOException {
        Path bom = Files.writeString(dir.resolve("bom.csv"), "\uFEFF1,2\n3,4\n");
        assertEquals(Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}}), open(bom.toString()).readAll(),
                "the byte-order mark is skipped, the first sample kept");
        Path bomHeader = Files.writeString(dir.resolve("bom-header.csv"), "\uFEFFa,b\n3,4\n");
        assertEquals(1, open(bomHeader.toString()).rows());
        Path numpy = Files.writeString(dir.resolve("numpy.csv"), "nan,inf,-inf\n1e-3,+2.5,-.5\nNaN,Infinity,-INF\n");
        INDArray values = open(numpy.toString()).readAll();
        assertEquals(3, values.rows(), "NumPy's spellings are numbers, so the first row is data, not a header");
        assertTrue(Double.isNaN(values.getDouble(0, 0)) && values.getDouble(0, 1) == Double.POSITIVE_INFINITY
                && values.getDouble(2, 2) == Double.NEGATIVE_INFINITY);
        assertEquals(-0.5, values.getDouble(1, 2));

        Path emptyFirst = Files.writeString(dir.resolve("empty-first.csv"), "1,,3\n4,5,6\n7,8,9\n");
        assertTrue(assertThrows(LaeException.class, () -> open(emptyFirst.toString())).getMessage()
                .contains("row 1, column 2: empty cell"), "an empty cell does not make a header");
        Path emptyLater = Files.writeString(dir.resolve("empty-later.csv"), "1,2,3\n4,5,\n");
        assertTrue(assertThrows(LaeException.class, () -> open(emptyLater.toString())).getMessage()
                .contains("row 2, column 3: empty cell"));
        Path nul = Files.writeString(dir.resolve("nul.csv"), "1,2\n3,\u00004\n");
        assertTrue(assertThrows(LaeException.class, () -> open(nul.toString())).getMessage()
                .contains("row 2, column 2: a NUL byte"));
        Path java = Files.writeString(dir.resolve("java.csv"), "1,2\n3,4d\n");
        assertTrue(assertThrows(LaeException.class, () -> open(java.toString())).getMessage()
                .contains("'4d' is not a number"), "Java's own spellings are not NumPy's");
    }

    @Test
    void headerOptionOverridesTheGuess() throws IOException {
        Path numeric = Files.writeString(dir.resolve("numeric-first.csv"), "1,2\n3,4\n5,6\n");
        assertEquals(3, DataSources.open(numeric.toString(), dir, CsvHeader.NO).rows());
        assertEquals(3, DataSources.open(numeric.toString(), dir, CsvHeader.AUTO).rows());
        DataSource skipped = DataSources.open(numeric.toString(), dir, CsvHeader.YES);
        assertEquals(2, skipped.rows());
        assertEquals(3.0, skipped.readAll().getDouble(0, 0));
        Path named = Files.writeString(dir.resolve("named.csv"), "x,y\n3,4\n");
        LaeException e = assertThrows(LaeException.class, () -> DataSources.open(named.toString(), dir, CsvHeader.NO));
        assertTrue(e.getMessage().contains("row 1, column 1: 'x' is not a number; if the first row names the columns, "
                + "give --header yes"), e.getMessage());
        assertEquals(CsvHeader.YES, CsvHeader.of("Yes"));
        assertThrows(LaeException.class, () -> CsvHeader.of("maybe"));
    }

    @Test
    void npyDataIsExactlyWhatTheHeaderPromises() throws IOException {
        Path file = dir.resolve("x.npy");
        Npy.write(file, Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}}));
        try (OutputStream out = Files.newOutputStream(file, java.nio.file.StandardOpenOption.APPEND)) {
            out.write(new byte[5]);
        }
        assertTrue(assertThrows(LaeException.class, () -> open(file.toString())).getMessage()
                .contains("5 bytes follow the 32 bytes of data the header promises (2 x 2 float64)"));
        Path empty = dir.resolve("empty.npy");
        Npy.write(empty, Nd4j.create(DataType.DOUBLE, 200, 0));
        assertTrue(assertThrows(LaeException.class, () -> open(empty.toString())).getMessage()
                .contains("holds no data: 200 rows × 0 columns"));
    }

    @Test
    void dataMustBeARegularFile() throws Exception {
        assertTrue(assertThrows(LaeException.class, () -> open(dir.toString() + "/sub.npy")).getMessage()
                .contains("not found"));
        Path folder = Files.createDirectory(dir.resolve("folder.csv"));
        assertTrue(assertThrows(LaeException.class, () -> open(folder.toString())).getMessage()
                .contains("a directory"));
        Path fifo = dir.resolve("pipe.npy");
        Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo");
        assertTrue(assertThrows(LaeException.class, () -> open(fifo.toString())).getMessage()
                .contains("not a regular file (a pipe, socket or device)"), "refused without blocking on the pipe");
    }

    @Test
    void npyChunksAreTheRowsInOrder() {
        Path file = dir.resolve("x.npy");
        INDArray x = Nd4j.rand(DataType.DOUBLE, 11, 3);
        Npy.write(file, x);
        List<INDArray> chunks = new ArrayList<>();
        DataSource s = open(file.toString());
        s.forEachChunk(4, chunks::add);
        assertEquals(List.of(4, 4, 3), chunks.stream().map(INDArray::rows).toList());
        assertEquals(x, Nd4j.vstack(chunks.toArray(INDArray[]::new)));
        assertEquals(x, s.readAll());
    }

    @Test
    void idxImagesAndLabelsRawOrGzipped() throws IOException {
        byte[] images = idx(0x0803, new int[] {3, 2, 2}, new byte[] {0, (byte) 255, 51, 102, 1, 2, 3, 4, 5, 6, 7, (byte) 128});
        byte[] labels = idx(0x0801, new int[] {3}, new byte[] {7, 0, 9});
        Path raw = dir.resolve("images");
        Files.write(raw, images);
        Path gz = dir.resolve("labels.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(labels);
        }
        String imagesSum = IdxFile.read(raw).sha256();
        DataSource s = IdxDataSets.of("fixture", raw, gz, imagesSum, IdxFile.read(gz).sha256());
        assertEquals(3, s.rows());
        assertEquals(4, s.columns());
        assertEquals(1.0, s.readAll().getDouble(0, 1));
        assertEquals(0.2, s.readAll().getDouble(0, 2), 1e-15);
        assertArrayEquals(new int[] {7, 0, 9}, s.labels().orElseThrow());
        LaeException e = assertThrows(LaeException.class, () -> IdxDataSets.of("fixture", raw, gz, "00" + imagesSum.substring(2), null));
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
    }

    /** A folder's SHA256SUMS replaces the originals' checksums: a subset of one's own opens by name, offline. */
    @Test
    void aFolderWithItsOwnChecksumsOpensByName() throws IOException {
        Path mnist = Files.createDirectories(dir.resolve("mnist"));
        Files.write(mnist.resolve("t10k-images-idx3-ubyte"), idx(0x0803, new int[] {2, 1, 2}, new byte[] {0, 51, 102, 0}));
        Files.write(mnist.resolve("t10k-labels-idx1-ubyte"), idx(0x0801, new int[] {2}, new byte[] {3, 4}));
        String images = IdxFile.read(mnist.resolve("t10k-images-idx3-ubyte")).sha256();
        String labels = IdxFile.read(mnist.resolve("t10k-labels-idx1-ubyte")).sha256();
        Files.writeString(mnist.resolve("SHA256SUMS"), images + "  t10k-images-idx3-ubyte\n" + labels
                + " *t10k-labels-idx1-ubyte\n");
        DataSource s = DataSources.open("mnist-test", dir);
        assertEquals(2, s.rows());
        assertArrayEquals(new int[] {3, 4}, s.labels().orElseThrow());

        Files.writeString(mnist.resolve("SHA256SUMS"), "00" + images.substring(2) + "  t10k-images-idx3-ubyte\n"
                + labels + "  t10k-labels-idx1-ubyte\n");
        LaeException wrong = assertThrows(LaeException.class, () -> DataSources.open("mnist-test", dir));
        assertTrue(wrong.getMessage().contains("SHA-256"), wrong.getMessage());
        Files.writeString(mnist.resolve("SHA256SUMS"), images + "  t10k-images-idx3-ubyte\n");
        LaeException missing = assertThrows(LaeException.class, () -> DataSources.open("mnist-test", dir));
        assertTrue(missing.getMessage().contains("lists no checksum for t10k-labels-idx1-ubyte"), missing.getMessage());
    }

    /** lae-core never fetches: a missing data set is named with the command that fetches it, and nothing is written. */
    @Test
    void aMissingDataSetIsReportedNotFetched() throws IOException {
        LaeException e = assertThrows(LaeException.class, () -> DataSources.open("fashion-mnist", dir));
        assertTrue(e.getMessage().contains("run lae fetch fashion-mnist"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("fashion-mnist")), "lae-core wrote into the data folder");
        assertEquals(Optional.of("fashion-mnist"), DataSources.fetchNeeded("fashion-mnist", dir));
        assertEquals(Optional.of("mnist"), DataSources.fetchNeeded("mnist-test", dir));
        assertEquals(Optional.empty(), DataSources.fetchNeeded("synthetic:diag:n=3,m=4", dir));

        Path mnist = Files.createDirectories(dir.resolve("mnist"));
        Files.write(mnist.resolve("t10k-images-idx3-ubyte"), idx(0x0803, new int[] {1, 1, 1}, new byte[] {0}));
        assertEquals(Optional.of("mnist"), DataSources.fetchNeeded("mnist-test", dir), "labels missing");
        Files.write(mnist.resolve("t10k-labels-idx1-ubyte.gz"), new byte[0]);
        assertEquals(Optional.empty(), DataSources.fetchNeeded("mnist-test", dir), "raw or gzipped files");
        assertEquals(Optional.of("mnist"), DataSources.fetchNeeded("mnist", dir), "another split");
    }

    /** A synthetic source too large for the heap is refused before it is generated, not with an OutOfMemoryError. */
    @Test
    void aSyntheticSourceLargerThanTheHeapIsRefusedUpFront() {
        long heap = Runtime.getRuntime().maxMemory();
        int m = (int) Math.min(Integer.MAX_VALUE, heap / (16L * 1000) + 1000);
        for (String kind : new String[] {"diag", "haar"}) {
            String spec = "synthetic:" + kind + ":n=1000,m=" + m + (kind.equals("haar") ? ",sv=linear" : "");
            LaeException e = assertThrows(LaeException.class, () -> DataSources.open(spec, dir));
            assertTrue(e.getMessage().contains("GB of Java heap") && e.getMessage().contains(".npy")
                    && e.getMessage().contains("-Xmx"), e.getMessage());
        }
    }

    private static byte[] idx(int magic, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.putInt(magic & 0xffff00 | dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    @Test
    void realMnistWhenFetched() {
        Path data = Path.of("..", "data");
        Assumptions.assumeTrue(Files.exists(data.resolve("mnist").resolve("t10k-images-idx3-ubyte"))
                || Files.exists(data.resolve("mnist").resolve("t10k-images-idx3-ubyte.gz")), "MNIST not fetched here");
        DataSource s = DataSources.open("mnist-test", data);
        assertEquals(10000, s.rows());
        assertEquals(784, s.columns());
        assertEquals(7, s.labels().orElseThrow()[0]);
        assertTrue(s.readAll().maxNumber().doubleValue() <= 1.0);
    }
}
