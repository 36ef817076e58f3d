package io.lae.stats;

import static io.lae.TestData.nd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.LaeException;
import io.lae.TestData;
import io.lae.io.NpzReader;
import io.lae.io.NpzWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Statistics written to a .npz and read back: the same numbers, the autoencoder kept, bad archives refused. */
class StatisticsFileTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void float64() {
        TestData.useFloat64();
    }

    private static Statistics autoencoder(boolean center) {
        return StatisticsAccumulator.of(nd(TestData.anisotropic(40, 5, 0.3, new Random(1))), center);
    }

    @Test
    void float64StatisticsComeBackBitForBitAndAnAutoencoderStaysOne() {
        for (boolean center : new boolean[] {true, false}) {
            Statistics stats = autoencoder(center);
            Path file = dir.resolve("ae-" + center + ".npz");
            StatisticsFile.write(file, stats, DataType.DOUBLE);
            Statistics read = StatisticsFile.read(file);
            assertEquals(stats.sigmaXX(), read.sigmaXX());
            assertSame(read.sigmaXX(), read.sigmaYX(), "an autoencoder's Σyx is its Σxx");
            assertEquals(stats.meanX(), read.meanX());
            assertEquals(stats.tyy(), read.tyy(), 0);
            assertEquals(stats.sampleCount(), read.sampleCount());
            assertEquals(center, read.centered());
        }
    }

    @Test
    void aRegressionKeepsItsShapesAndFloat32RoundsTheMatrices() {
        Random random = new Random(2);
        Statistics stats = StatisticsAccumulator.of(nd(TestData.anisotropic(30, 4, 0.3, random)),
                nd(TestData.anisotropic(30, 3, 0.3, random)), true);
        Path file = dir.resolve("reg.npz");
        StatisticsFile.write(file, stats, DataType.FLOAT);
        Statistics read = StatisticsFile.read(file);
        assertFalse(read.isAutoencoder());
        assertEquals(3, read.outputDim());
        assertEquals(4, read.inputDim());
        assertEquals(stats.sigmaYX().castTo(DataType.FLOAT).castTo(DataType.DOUBLE), read.sigmaYX());
        assertTrue(stats.sigmaYX().equalsWithEps(read.sigmaYX(), 1e-5 * stats.sigmaYX().maxNumber().doubleValue()));
        try (NpzReader npz = new NpzReader(file)) {
            assertEquals(Set.of("sigma_xx", "sigma_yx", "mean_x", "mean_y", "tyy", "m", "centered", "format_version"),
                    npz.names());
        }
    }

    @Test
    void aMissingArrayANewerFormatAndANonArchiveAreOneLineErrors() throws Exception {
        Path partial = dir.resolve("partial.npz");
        try (NpzWriter npz = new NpzWriter(partial)) {
            npz.put("format_version", 1L);
            npz.commit();
        }
        LaeException missing = assertThrows(LaeException.class, () -> StatisticsFile.read(partial));
        assertTrue(missing.getMessage().contains("holds no array 'sigma_xx'"), missing.getMessage());

        Path newer = dir.resolve("newer.npz");
        try (NpzWriter npz = new NpzWriter(newer)) {
            npz.put("format_version", StatisticsFile.FORMAT_VERSION + 1);
            npz.commit();
        }
        assertTrue(assertThrows(LaeException.class, () -> StatisticsFile.read(newer)).getMessage().contains("newer"));

        Path text = Files.writeString(dir.resolve("text.npz"), "not a zip");
        assertTrue(assertThrows(LaeException.class, () -> StatisticsFile.read(text)).getMessage()
                .contains("not a .npz archive"));
        assertTrue(assertThrows(LaeException.class, () -> StatisticsFile.read(dir.resolve("none.npz"))).getMessage()
                .contains("no such file"));
    }

    @Test
    void nonFiniteStatisticsAndASingularRegressionAreOneLineErrors() {
        Statistics stats = autoencoder(true);
        INDArray poisoned = stats.sigmaXX().dup();
        poisoned.putScalar(1, 2, Double.NaN);
        Path file = dir.resolve("nan.npz");
        try (NpzWriter npz = new NpzWriter(file)) {
            npz.put("sigma_xx", poisoned, DataType.DOUBLE);
            npz.put("sigma_yx", poisoned, DataType.DOUBLE);
            npz.put("mean_x", stats.meanX(), DataType.DOUBLE);
            npz.put("mean_y", stats.meanY(), DataType.DOUBLE);
            npz.put("tyy", stats.tyy());
            npz.put("m", stats.sampleCount());
            npz.put("centered", true);
            npz.put("format_version", StatisticsFile.FORMAT_VERSION);
            npz.commit();
        }
        assertTrue(assertThrows(LaeException.class, () -> StatisticsFile.read(file)).getMessage()
                .contains("'sigma_xx' holds NaN or infinite values"));

        // inputs whose third feature repeats the first: Σxx is singular, so Σyx Σxx⁻¹ Σxy does not exist
        double[][] x = TestData.anisotropic(40, 3, 0.3, new Random(4));
        for (double[] row : x) {
            row[2] = row[0];
        }
        Statistics singular = StatisticsAccumulator.of(nd(x), nd(TestData.anisotropic(40, 2, 0.3, new Random(5))), true);
        assertTrue(assertThrows(LaeException.class, () -> io.lae.closedform.GroundTruth.of(singular)).getMessage()
                .contains("Σxx is not positive definite"));
    }

    @Test
    void anUncommittedArchiveLeavesNothingBehind() throws Exception {
        Path file = dir.resolve("never.npz");
        try (NpzWriter npz = new NpzWriter(file)) {
            npz.put("m", 3L);
        }
        assertFalse(Files.exists(file));
        try (var left = Files.list(dir)) {
            assertEquals(0, left.count(), "no temporary file left");
        }
    }
}
