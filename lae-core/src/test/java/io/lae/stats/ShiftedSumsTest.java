package io.lae.stats;

import static io.lae.TestData.nd;
import static io.lae.TestData.relativeError;
import static io.lae.stats.ReferenceStatistics.vectorError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.TestData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rows split into parts that share a shift, accumulated apart, serialized (as a Spark task sends them),
 * merged in any order and built: the statistics of all rows at once, centred and raw, to rounding.
 */
class ShiftedSumsTest {

    private static final double EXACT = 1e-12;

    @BeforeAll
    static void float64() {
        TestData.useFloat64();
    }

    /** Rows with a mean 10³ times their spread, so a poor shift would lose digits in centring. */
    private static double[][] rows(int m, int n, long seed) {
        double[][] rows = TestData.anisotropic(m, n, 0.3, new Random(seed));
        for (double[] row : rows) {
            for (int j = 0; j < n; j++) {
                row[j] += 1000 * (j + 1);
            }
        }
        return rows;
    }

    private static ShiftedSums part(double[][] x, double[][] y, int from, int to, double[] shiftX, double[] shiftY)
            throws Exception {
        StatisticsAccumulator acc = StatisticsAccumulator.of(ShiftedSums.empty(shiftX, shiftY));
        if (y == null) {
            acc.add(nd(Arrays.copyOfRange(x, from, to)));
        } else {
            acc.add(nd(Arrays.copyOfRange(x, from, to)), nd(Arrays.copyOfRange(y, from, to)));
        }
        return roundTrip(acc.sums());
    }

    private static ShiftedSums roundTrip(ShiftedSums sums) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(sums);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (ShiftedSums) in.readObject();
        }
    }

    private static void assertSameStatistics(Statistics expected, Statistics actual) {
        assertEquals(expected.sampleCount(), actual.sampleCount());
        assertEquals(expected.isAutoencoder(), actual.isAutoencoder());
        assertTrue(relativeError(actual.sigmaXX(), expected.sigmaXX()) < EXACT, "Σxx");
        assertTrue(relativeError(actual.sigmaYX(), expected.sigmaYX()) < EXACT, "Σyx");
        assertTrue(vectorError(expected.meanX().toDoubleVector(), actual.meanX()) < EXACT, "mean x");
        assertTrue(vectorError(expected.meanY().toDoubleVector(), actual.meanY()) < EXACT, "mean y");
        assertEquals(expected.tyy(), actual.tyy(), EXACT * Math.abs(expected.tyy()), "tyy");
    }

    @Test
    void autoencoderPartsMergedInAnyOrderBuildTheStatisticsOfAllRows() throws Exception {
        double[][] x = rows(90, 5, 1);
        double[] shift = ReferenceStatistics.mean(Arrays.copyOf(x, 7));
        ShiftedSums a = part(x, null, 0, 31, shift, null);
        ShiftedSums b = part(x, null, 31, 32, shift, null);
        ShiftedSums c = part(x, null, 32, 90, shift, null);
        for (boolean center : new boolean[] {true, false}) {
            Statistics whole = StatisticsAccumulator.of(nd(x), center);
            assertSameStatistics(whole, StatisticsAccumulator.of(a.merge(b).merge(c)).build(center));
            assertSameStatistics(whole, StatisticsAccumulator.of(c.merge(a.merge(b))).build(center));
        }
    }

    @Test
    void regressionPartsBuildTheStatisticsOfAllRows() throws Exception {
        double[][] x = rows(60, 4, 2);
        double[][] y = rows(60, 3, 3);
        double[] shiftX = ReferenceStatistics.mean(x);
        double[] shiftY = ReferenceStatistics.mean(y);
        ShiftedSums merged = part(x, y, 0, 25, shiftX, shiftY).merge(part(x, y, 25, 60, shiftX, shiftY));
        for (boolean center : new boolean[] {true, false}) {
            assertSameStatistics(StatisticsAccumulator.of(nd(x), nd(y), center),
                    StatisticsAccumulator.of(merged).build(center));
        }
    }

    @Test
    void anAccumulatorGoesOnFromItsOwnSums() {
        double[][] x = rows(40, 3, 4);
        StatisticsAccumulator first = StatisticsAccumulator.autoencoder(3);
        first.add(nd(Arrays.copyOfRange(x, 0, 15)));
        StatisticsAccumulator resumed = StatisticsAccumulator.of(first.sums());
        resumed.add(nd(Arrays.copyOfRange(x, 15, 40)));
        first.add(nd(Arrays.copyOfRange(x, 15, 40)));
        assertEquals(first.sums(), resumed.sums(), "same shift (the first chunk's), same sums, bit for bit");
    }

    @Test
    void emptySumsMergeAsNothingAndDifferentShiftsAreRefused() throws Exception {
        double[][] x = rows(20, 3, 5);
        ShiftedSums some = part(x, null, 0, 20, ReferenceStatistics.mean(x), null);
        ShiftedSums unshifted = StatisticsAccumulator.autoencoder(3).sums();
        assertEquals(some, unshifted.merge(some));
        assertEquals(some, some.merge(unshifted));
        ShiftedSums otherShift = part(x, null, 0, 20, new double[] {0, 0, 0}, null);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> some.merge(otherShift));
        assertTrue(error.getMessage().contains("same shift"), error.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> some.merge(StatisticsAccumulator.autoencoder(4).sums()), "another n");
    }
}
