package io.lae.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.LaeException;
import io.lae.stats.Statistics;
import io.lae.stats.StatisticsAccumulator;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The host side of {@link CudaStatistics}, which needs no GPU: a bad sample in the staged rows is named by its row,
 * and the downloaded arrays become lae-core's {@link Statistics}. (How the readers write rows into staging memory
 * is lae-core's {@code RowSinkTest}.)
 */
class CudaStatisticsTest {

    @Test
    void aNonFiniteValueInTheStagedRowsIsNamedByItsRowInTheData() {
        MemorySegment staged = MemorySegment.ofArray(new double[] {1, 2, 3, 4, 5, Double.NEGATIVE_INFINITY, Double.NaN});
        CudaStatistics.requireFinite(staged, 2, 2, 100, "target");
        LaeException e = assertThrows(LaeException.class, () -> CudaStatistics.requireFinite(staged, 3, 2, 100,
                "target"));
        assertEquals(StatisticsAccumulator.nonFiniteSample("target", 102).getMessage(), e.getMessage());
    }

    @Test
    void downloadedStatisticsBecomeTheHostsOwn() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 40, 5).addi(3);
        INDArray y = Nd4j.rand(DataType.DOUBLE, 40, 3);
        for (boolean center : new boolean[] {true, false}) {
            Statistics regression = StatisticsAccumulator.of(x, y, center);
            Statistics back = CudaStatistics.onHost(downloaded(regression), center);
            assertExact(regression.sigmaXX(), back.sigmaXX());
            assertExact(regression.sigmaYX(), back.sigmaYX());
            assertExact(regression.meanX(), back.meanX());
            assertExact(regression.meanY(), back.meanY());
            assertEquals(regression.tyy(), back.tyy());
            assertEquals(40, back.sampleCount());
            assertEquals(center, back.centered());

            Statistics autoencoder = StatisticsAccumulator.of(x, center);
            Statistics same = CudaStatistics.onHost(downloaded(autoencoder), center);
            assertExact(autoencoder.sigmaXX(), same.sigmaXX());
            assertSame(same.sigmaXX(), same.sigmaYX());
            assertExact(autoencoder.meanX(), same.meanY());
        }
    }

    private static void assertExact(INDArray expected, INDArray actual) {
        assertArrayEquals(expected.shape(), actual.shape());
        assertTrue(expected.equalsWithEps(actual, 0.0), actual + " for " + expected);
    }

    /** @return what the GPU would hand back for these statistics */
    private static DownloadedStatistics downloaded(Statistics stats) {
        return new DownloadedStatistics(columnMajor(stats.sigmaXX()),
                stats.isAutoencoder() ? null : columnMajor(stats.sigmaYX()), stats.tyy(), stats.sampleCount(),
                stats.meanX().toDoubleVector(), stats.isAutoencoder() ? null : stats.meanY().toDoubleVector());
    }

    private static double[] columnMajor(INDArray matrix) {
        return matrix.dup('f').data().asDouble();
    }
}
