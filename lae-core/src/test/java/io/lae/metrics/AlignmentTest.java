package io.lae.metrics;

import io.lae.TestData;

import static io.lae.TestData.nd;
import static io.lae.metrics.ShapeErrors.assertRejectedNaming;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class AlignmentTest {

    @BeforeAll
    static void float64() {
        TestData.useFloat64();
    }

    @ParameterizedTest
    @CsvSource({"7, 3", "50, 10", "6, 6"})
    void dAlignIsZeroForScaledSignFlippedPermutedTopDirections(int n, int p) {
        double[][] u = TestData.orthonormalColumns(n, n, new Random(10));
        double[][] decoder = TestData.columns(u, 0, p);
        for (double[] row : decoder) {
            double first = row[0];
            row[0] = -2.5 * row[p - 1];
            row[p - 1] = 0.1 * first;
        }

        assertEquals(0.0, Alignment.dAlign(nd(decoder), nd(u)), 1e-14);
    }

    @ParameterizedTest
    @CsvSource({"7, 3", "50, 10", "6, 6"})
    void dAlignMatchesALoopAndLiesInTheUnitInterval(int n, int p) {
        Random rng = new Random(n * 17L + p);
        double[][] u = TestData.orthonormalColumns(n, n, rng);
        double[][] decoder = TestData.gaussian(n, p, 1, rng);

        double sum = 0;
        for (int i = 0; i < p; i++) {
            double best = 0;
            for (int j = 0; j < p; j++) {
                double inner = TestData.dot(u, i, decoder, j);
                best = Math.max(best, inner * inner / (TestData.dot(u, i, u, i) * TestData.dot(decoder, j, decoder, j)));
            }
            sum += best;
        }
        double dAlign = Alignment.dAlign(nd(decoder), nd(u));

        assertEquals(1 - sum / p, dAlign, 1e-12);
        assertTrue(dAlign >= 0 && dAlign <= 1, "d_align = " + dAlign);
    }

    /** The evaluator forms the ACS matrix once for d_align, the longest streak and the ratios: the same values. */
    @Test
    void metricsFromOneAcsMatrixEqualThoseFromTheDecoder() {
        Random rng = new Random(23);
        INDArray u = nd(TestData.orthonormalColumns(12, 12, rng));
        double[][] a = TestData.columns(TestData.orthonormalColumns(12, 12, rng), 0, 4);
        for (int r = 0; r < 12; r++) {
            a[r][0] = u.getDouble(r, 0) + 0.01 * a[r][0];        // the first two directions nearly found
            a[r][1] = u.getDouble(r, 1) - 0.02 * a[r][1];
        }
        INDArray decoder = nd(a);
        INDArray acs = AbsoluteCosineSimilarity.matrix(u, decoder);
        assertEquals(Alignment.dAlign(decoder, u), Alignment.dAlign(acs), 0.0);
        assertEquals(LongestStreak.of(decoder, u), LongestStreak.of(acs));
        assertEquals(2, LongestStreak.of(acs));
    }

    @Test
    void dAlignTakesTheBestColumnPerDirectionWithoutMatching() {
        double[][] u = TestData.orthonormalColumns(7, 7, new Random(11));
        double[][] decoder = TestData.columns(u, 0, 3);
        for (double[] row : decoder) {
            row[1] = 4.0 * row[0];
        }

        assertEquals(1.0 / 3, Alignment.dAlign(nd(decoder), nd(u)), 1e-14);
    }

    @ParameterizedTest
    @CsvSource({"7, 3", "50, 10", "6, 6"})
    void dSubIsZeroForAnyInvertibleMixOfTheTopDirections(int n, int p) {
        Random rng = new Random(12);
        double[][] u = TestData.orthonormalColumns(n, n, rng);
        double[][] top = TestData.columns(u, 0, p);
        double[][] scaling = new double[p][p];
        for (int i = 0; i < p; i++) {
            scaling[i][i] = 0.5 + i;
        }

        for (double[][] mix : new double[][][] {TestData.orthonormalColumns(p, p, rng), scaling, TestData.gaussian(p, p, 1, rng)}) {
            assertEquals(0.0, Alignment.dSub(nd(TestData.multiply(top, mix)), nd(u)), 1e-12);
        }
    }

    @ParameterizedTest
    @CsvSource({"7, 3", "50, 10", "6, 6", "200, 91"})
    void dSubMatchesTheProjectorFormula(int n, int p) {
        Random rng = new Random(n * 13L + p);
        double[][] u = TestData.orthonormalColumns(n, n, rng);
        double[][] a = TestData.gaussian(n, p, 1, rng);
        double[][] at = TestData.transpose(a);
        double[][] projector = TestData.multiply(TestData.multiply(a, TestData.inverse(TestData.multiply(at, a))), at);
        double[][] top = TestData.columns(u, 0, p);
        double expected = 1 - TestData.trace(TestData.multiply(TestData.multiply(TestData.transpose(top), projector), top)) / p;

        assertEquals(expected, Alignment.dSub(nd(a), nd(u)), 1e-10);
    }

    @ParameterizedTest
    @CsvSource({"7, 3", "50, 10", "300, 130"})
    void dSubMatchesTheLeftSingularVectorsOfLapackGesvd(int n, int p) {
        Random rng = new Random(n * 19L + p);
        INDArray u = nd(TestData.orthonormalColumns(n, n, rng));
        INDArray a = nd(TestData.gaussian(n, p, 1, rng));
        INDArray fullLeft = Nd4j.create(DataType.DOUBLE, new long[] {n, n}, 'f');
        Nd4j.getBlasWrapper().lapack().gesvd(a.dup('f'), Nd4j.create(DataType.DOUBLE, p), fullLeft, null);
        INDArray uw = fullLeft.get(NDArrayIndex.all(), NDArrayIndex.interval(0, p));
        INDArray overlap = u.get(NDArrayIndex.all(), NDArrayIndex.interval(0, p)).transpose().mmul(uw);
        double expected = 1 - overlap.mul(overlap).sumNumber().doubleValue() / p;

        assertEquals(expected, Alignment.dSub(a, u), 1e-12);
    }

    /**
     * Two columns about 10⁻³ rad apart: their Gram matrix is too ill-conditioned for the Cholesky route, and d_sub comes
     * from the Householder QR; still the projector formula's value (gesvd's singular vectors of so close a pair
     * carry some rounding too, hence the tolerance).
     */
    @Test
    void dSubOfNearlyDependentColumnsMatchesGesvd() {
        int n = 30;
        int p = 4;
        Random rng = new Random(21);
        INDArray u = nd(TestData.orthonormalColumns(n, n, rng));
        double[][] a = TestData.gaussian(n, p, 1, rng);
        for (int r = 0; r < n; r++) {
            a[r][3] = a[r][2] + 1e-3 * Math.sin(r);
        }
        INDArray decoder = nd(a);
        INDArray fullLeft = Nd4j.create(DataType.DOUBLE, new long[] {n, n}, 'f');
        Nd4j.getBlasWrapper().lapack().gesvd(decoder.dup('f'), Nd4j.create(DataType.DOUBLE, p), fullLeft, null);
        INDArray overlap = u.get(NDArrayIndex.all(), NDArrayIndex.interval(0, p)).transpose()
                .mmul(fullLeft.get(NDArrayIndex.all(), NDArrayIndex.interval(0, p)));
        double expected = 1 - overlap.mul(overlap).sumNumber().doubleValue() / p;

        assertEquals(expected, Alignment.dSub(decoder, u), 1e-9);
    }

    @ParameterizedTest
    @CsvSource({"7, 3", "50, 10"})
    void dSubIsOneForADecoderOrthogonalToTheTopDirections(int n, int p) {
        double[][] u = TestData.orthonormalColumns(n, n, new Random(14));
        double[][] decoder = TestData.multiply(TestData.columns(u, p, 2 * p), TestData.gaussian(p, p, 1, new Random(15)));

        assertEquals(1.0, Alignment.dSub(nd(decoder), nd(u)), 1e-12);
    }

    @Test
    void rejectsMismatchedShapesNamingBoth() {
        INDArray decoder = nd(new double[7][3]);
        assertRejectedNaming(() -> Alignment.dAlign(decoder, nd(new double[8][3])), "[8, 3]", "[7, 3]");
        assertRejectedNaming(() -> Alignment.dAlign(decoder, nd(new double[7][2])), "[7, 2]", "[7, 3]");
        assertRejectedNaming(() -> Alignment.dSub(decoder, nd(new double[8][3])), "[8, 3]", "[7, 3]");
        assertRejectedNaming(() -> Alignment.dSub(decoder, nd(new double[7][2])), "[7, 2]", "[7, 3]");
        assertRejectedNaming(() -> Alignment.dSub(nd(new double[2][3]), nd(new double[2][3])), "[2, 3]");
    }
}
