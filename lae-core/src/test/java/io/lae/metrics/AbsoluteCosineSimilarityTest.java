package io.lae.metrics;

import io.lae.TestData;

import static io.lae.TestData.nd;
import static io.lae.metrics.ShapeErrors.assertRejectedNaming;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class AbsoluteCosineSimilarityTest {

    private static final double EPS = AbsoluteCosineSimilarity.DEFAULT_EPSILON;

    @BeforeAll
    static void float64() {
        TestData.useFloat64();
    }

    @ParameterizedTest
    @CsvSource({"7, 3", "50, 10", "6, 6"})
    void matchesALoopOnRandomMatrices(int n, int p) {
        Random rng = new Random(n * 31L + p);
        double[][] truth = TestData.gaussian(n, p + (n > p ? 1 : 0), 1, rng);
        double[][] decoder = TestData.gaussian(n, p, 1, rng);

        INDArray acs = AbsoluteCosineSimilarity.matrix(nd(truth), nd(decoder).dup('f'));

        assertEquals(DataType.DOUBLE, acs.dataType());
        assertEquals(p, acs.rows());
        assertEquals(p, acs.columns());
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                double expected = Math.abs(TestData.dot(truth, i, decoder, j))
                        / Math.sqrt(TestData.dot(truth, i, truth, i) * TestData.dot(decoder, j, decoder, j));
                assertEquals(expected, acs.getDouble(i, j), 1e-12, "ACS[" + i + "][" + j + "]");
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"7, 3", "50, 10", "6, 6"})
    void decoderEqualToTheTopDirectionsFindsAllInPlace(int n, int p) {
        double[][] u = TestData.orthonormalColumns(n, n, new Random(1));

        AcsRatios ratios = ratios(nd(u), nd(TestData.columns(u, 0, p)));

        assertAll(() -> assertEquals(1.0, ratios.tp()),
                () -> assertEquals(0.0, ratios.fp()),
                () -> assertEquals(1.0, ratios.total()));
    }

    @ParameterizedTest
    @CsvSource({"7, 3", "50, 10", "6, 6"})
    void swappedFlippedScaledColumnsAreFalsePositives(int n, int p) {
        double[][] u = TestData.orthonormalColumns(n, n, new Random(2));
        double[][] decoder = TestData.columns(u, 0, p);
        for (double[] row : decoder) {
            double first = row[0];
            row[0] = -3.0 * row[1];
            row[1] = 0.25 * first;
            row[p - 1] *= -7.0;
        }

        AcsRatios ratios = ratios(nd(u), nd(decoder));

        assertAll(() -> assertEquals((p - 2.0) / p, ratios.tp(), 1e-15),
                () -> assertEquals(2.0 / p, ratios.fp(), 1e-15),
                () -> assertEquals(1.0, ratios.total(), 1e-15));
    }

    @ParameterizedTest
    @CsvSource({"7, 3", "50, 10", "6, 6"})
    void randomRotationOfTheTopDirectionsFindsNone(int n, int p) {
        Random rng = new Random(3);
        double[][] u = TestData.orthonormalColumns(n, n, rng);
        double[][] rotation = TestData.orthonormalColumns(p, p, rng);

        AcsRatios ratios = ratios(nd(u), nd(TestData.multiply(TestData.columns(u, 0, p), rotation)));

        assertEquals(0.0, ratios.tp());
    }

    @Test
    void zeroDecoderColumnHasCosineZero() {
        double[][] u = TestData.orthonormalColumns(5, 3, new Random(4));
        double[][] decoder = TestData.columns(u, 0, 3);
        for (double[] row : decoder) {
            row[1] = 0;
        }

        INDArray acs = AbsoluteCosineSimilarity.matrix(nd(u), nd(decoder));

        for (int i = 0; i < 3; i++) {
            assertEquals(0.0, acs.getDouble(i, 1), "ACS[" + i + "][1]");
        }
        assertEquals(1.0, acs.getDouble(0, 0), 1e-15);
    }

    @Test
    void float32InputsAreComputedInFloat64() {
        Random rng = new Random(5);
        INDArray truth = nd(TestData.orthonormalColumns(8, 4, rng));
        INDArray decoder = nd(TestData.gaussian(8, 4, 1, rng));

        INDArray fromFloat = AbsoluteCosineSimilarity.matrix(truth.castTo(DataType.FLOAT), decoder.castTo(DataType.FLOAT));
        INDArray fromDouble = AbsoluteCosineSimilarity.matrix(truth.castTo(DataType.FLOAT).castTo(DataType.DOUBLE),
                decoder.castTo(DataType.FLOAT).castTo(DataType.DOUBLE));

        assertEquals(DataType.DOUBLE, fromFloat.dataType());
        assertArrayEquals(fromDouble.toDoubleMatrix(), fromFloat.toDoubleMatrix());
    }

    @Test
    void ratiosCountStrictlyAboveOneMinusEpsilon() {
        INDArray acs = nd(new double[][] {
                {0.995, 0.9899, 0.0, 0.0},
                {0.991, 0.2, 0.0, 0.0},
                {0.0, 0.0, 0.98, 1.0},
                {0.0, 0.0, 0.0, 1.0}});

        AcsRatios ratios = AbsoluteCosineSimilarity.ratios(acs, EPS);

        assertEquals(new AcsRatios(2 / 4.0, 2 / 4.0, 4 / 4.0), ratios);
        assertEquals(new AcsRatios(3 / 4.0, 3 / 4.0, 6 / 4.0), AbsoluteCosineSimilarity.ratios(acs, 0.05));
    }

    @Test
    void rejectsMismatchedShapesNamingBoth() {
        INDArray decoder = nd(new double[7][3]);
        assertRejectedNaming(() -> AbsoluteCosineSimilarity.matrix(nd(new double[6][3]), decoder), "[6, 3]", "[7, 3]");
        assertRejectedNaming(() -> AbsoluteCosineSimilarity.matrix(nd(new double[7][2]), decoder), "[7, 2]", "[7, 3]");
        assertRejectedNaming(() -> AbsoluteCosineSimilarity.ratios(nd(new double[2][3]), EPS), "[2, 3]");
    }

    private static AcsRatios ratios(INDArray truth, INDArray decoder) {
        return AbsoluteCosineSimilarity.ratios(AbsoluteCosineSimilarity.matrix(truth, decoder), EPS);
    }
}
