package io.lae.stats;

import static io.lae.TestData.nd;
import static io.lae.TestData.observe;
import static io.lae.TestData.relativeError;
import static io.lae.stats.ReferenceStatistics.mean;
import static io.lae.stats.ReferenceStatistics.minusMean;
import static io.lae.stats.ReferenceStatistics.vectorError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.LaeException;
import io.lae.TestData;
import io.lae.data.DataSource;
import io.lae.data.DataSources;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link StatisticsAccumulator} and {@link Statistics} against the literal products XXᵀ, YXᵀ,
 * ‖Y‖² computed by plain-Java loops over the rows: uncentred and centred (also with a mean 10⁴
 * times the spread), one chunk or many, and the one-line errors for bad input.
 */
class StatisticsAccumulatorTest {

    /** Rounding of sums of a few hundred products, relative to their size. */
    private static final double EXACT = 1e-12;

    @BeforeAll
    static void float64() {
        TestData.useFloat64();
    }

    private static Statistics regression(double[][] x, double[][] y, boolean center) {
        return StatisticsAccumulator.of(nd(x), nd(y), center);
    }

    // ----- uncentred products -----

    /** An autoencoder's statistics with an equal copy of Σxx as Σyx (read back, copied) are an autoencoder's. */
    @Test
    void anEqualCopyOfSigmaXxIsTheAutoencodersSigmaYx() {
        Statistics computed = StatisticsAccumulator.of(nd(TestData.anisotropic(30, 4, 0.2, new Random(5))), true);
        Statistics copied = new Statistics(computed.sigmaXX().dup(), computed.sigmaXX().dup(), computed.tyy(),
                computed.sampleCount(), computed.meanX(), computed.meanY(), true);
        assertTrue(copied.isAutoencoder());
        assertSame(copied.sigmaXX(), copied.sigmaYX());
        INDArray other = computed.sigmaXX().dup();
        other.putScalar(0, 1, other.getDouble(0, 1) + Math.ulp(other.getDouble(0, 1)));
        assertFalse(new Statistics(computed.sigmaXX(), other, computed.tyy(), computed.sampleCount(),
                computed.meanX(), computed.meanY(), true).isAutoencoder(), "one ulp apart is a regression");
    }

    @Test
    void uncenteredAutoencoderStatisticsAreTheLiteralProducts() {
        double[][] x = TestData.anisotropic(40, 7, 0.3, new Random(1));
        Statistics s = StatisticsAccumulator.of(nd(x), false);

        assertTrue(observe("stats AE uncentred vs literal", ReferenceStatistics.of(x, x).errorOf(s)) < EXACT);
        assertEquals(40, s.sampleCount());
        assertFalse(s.centered());
        assertTrue(s.isAutoencoder());
        assertSame(s.sigmaXX(), s.sigmaYX());
    }

    @Test
    void uncenteredRegressionStatisticsAreTheLiteralProducts() {
        Random rng = new Random(2);
        double[][] x = TestData.anisotropic(35, 6, 0.3, rng);
        double[][] y = TestData.linearTargets(x, 4, rng);
        Statistics s = regression(x, y, false);

        assertTrue(observe("stats regression uncentred vs literal", ReferenceStatistics.of(x, y).errorOf(s)) < EXACT);
        assertEquals(6, s.inputDim());
        assertEquals(4, s.outputDim());
        assertFalse(s.isAutoencoder());
    }

    // ----- centring -----

    @ParameterizedTest(name = "offset {0}")
    @ValueSource(doubles = {0.3, 1e4})
    void centeredAutoencoderStatisticsEqualThoseOfExplicitlyCentredData(double offset) {
        double[][] x = TestData.anisotropic(50, 6, offset, new Random(3));
        ReferenceStatistics reference = ReferenceStatistics.centered(x, x);
        Statistics centred = StatisticsAccumulator.of(nd(x), true);
        Statistics ofPreCentred = StatisticsAccumulator.of(nd(minusMean(x)), false);

        assertTrue(observe("stats AE centred vs two-pass, offset " + offset, reference.errorOf(centred)) < 1e-9);
        assertTrue(reference.productError(ofPreCentred) < EXACT);
        assertTrue(centred.centered());
    }

    @ParameterizedTest(name = "offset {0}")
    @ValueSource(doubles = {0.3, 1e4})
    void centeredRegressionStatisticsEqualThoseOfExplicitlyCentredData(double offset) {
        Random rng = new Random(4);
        double[][] x = TestData.anisotropic(50, 5, offset, rng);
        double[][] y = TestData.anisotropic(50, 3, -offset, rng);
        ReferenceStatistics reference = ReferenceStatistics.centered(x, y);
        Statistics centred = regression(x, y, true);
        Statistics ofPreCentred = regression(minusMean(x), minusMean(y), false);

        assertTrue(observe("stats regression centred vs two-pass, offset " + offset, reference.errorOf(centred)) < 1e-9);
        assertTrue(reference.productError(ofPreCentred) < EXACT);
    }

    /**
     * The naive one-pass formula Σxxᵀ − m μμᵀ loses about 8 of 16 digits at offset 10⁴; the
     * accumulator must not. Shown on the same data so the 1e-9 bound above is known to bite.
     */
    @Test
    void largeOffsetDefeatsTheNaiveFormulaButNotTheAccumulator() {
        double[][] x = TestData.anisotropic(50, 6, 1e4, new Random(3));
        ReferenceStatistics raw = ReferenceStatistics.of(x, x);
        double[][] naive = new double[6][6];
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                naive[i][j] = raw.sigmaXX()[i][j] - 50 * raw.meanX()[i] * raw.meanX()[j];
            }
        }
        double[][] reference = ReferenceStatistics.centered(x, x).sigmaXX();
        double naiveError = observe("naive one-pass centring error, offset 1e4", relativeError(reference, naive));
        double error = relativeError(reference, TestData.array(StatisticsAccumulator.of(nd(x), true).sigmaXX()));

        assertTrue(naiveError > 1e-9, "naive error " + naiveError);
        assertTrue(error < naiveError / 100, "accumulator error " + error + " vs naive " + naiveError);
    }

    // ----- streaming -----

    @ParameterizedTest(name = "center={0}")
    @ValueSource(booleans = {false, true})
    void unevenChunksGiveTheSameStatisticsAsOneChunk(boolean center) {
        double[][] x = TestData.anisotropic(60, 5, 1e4, new Random(5));
        StatisticsAccumulator acc = StatisticsAccumulator.autoencoder(5);
        int start = 0;
        for (int size : new int[] {1, 17, 2, 33, 7}) {
            acc.add(chunk(x, start, size));
            start += size;
        }
        Statistics streamed = acc.build(center);
        Statistics whole = StatisticsAccumulator.of(nd(x), center);

        assertEquals(60, acc.count());
        assertEquals(60, streamed.sampleCount());
        assertTrue(observe("stats streamed vs one chunk, offset 1e4, center=" + center,
                relativeError(whole.sigmaXX(), streamed.sigmaXX())) < EXACT);
        assertEquals(whole.tyy(), streamed.tyy(), EXACT * whole.tyy());
        assertTrue(vectorError(mean(x), streamed.meanX()) < EXACT);
        ReferenceStatistics reference = center ? ReferenceStatistics.centered(x, x) : ReferenceStatistics.of(x, x);
        assertTrue(reference.errorOf(streamed) < 1e-9);
    }

    @Test
    void anEmptyChunkChangesNothing() {
        double[][] x = TestData.anisotropic(12, 3, 5, new Random(11));
        StatisticsAccumulator acc = StatisticsAccumulator.autoencoder(3);
        acc.add(chunk(x, 0, 0));
        acc.add(chunk(x, 0, 5));
        acc.add(chunk(x, 5, 0));
        acc.add(chunk(x, 5, 7));

        assertTrue(ReferenceStatistics.centered(x, x).errorOf(acc.build(true)) < 1e-12);
    }

    @Test
    void float32RowsAreAccumulatedInFloat64() {
        INDArray narrow = nd(TestData.anisotropic(30, 4, 3, new Random(12))).castTo(DataType.FLOAT);
        double[][] x = TestData.array(narrow);
        Statistics s = StatisticsAccumulator.of(narrow, true);

        // float32 products would be off by ~1e-7
        assertEquals(DataType.DOUBLE, s.dataType());
        assertTrue(observe("stats of float32 rows vs float64 two-pass", ReferenceStatistics.centered(x, x).errorOf(s)) < EXACT);
    }

    @Test
    void unevenRegressionChunksGiveTheSameStatisticsAsOneChunk() {
        Random rng = new Random(6);
        double[][] x = TestData.anisotropic(45, 4, 2.0, rng);
        double[][] y = TestData.linearTargets(x, 3, rng);
        StatisticsAccumulator acc = StatisticsAccumulator.regression(4, 3);
        int start = 0;
        for (int size : new int[] {11, 3, 30, 1}) {
            acc.add(chunk(x, start, size), chunk(y, start, size));
            start += size;
        }

        for (boolean center : new boolean[] {false, true}) {
            ReferenceStatistics reference = center ? ReferenceStatistics.centered(x, y) : ReferenceStatistics.of(x, y);
            assertTrue(observe("stats regression streamed, center=" + center,
                    reference.errorOf(acc.build(center))) < EXACT * 10);
        }
    }

    /** @return rows start..start+size−1 as an independent size×n array (possibly 0×n) */
    private static INDArray chunk(double[][] rows, int start, int size) {
        INDArray chunk = Nd4j.create(DataType.DOUBLE, size, rows[0].length);
        for (int k = 0; k < size; k++) {
            chunk.putRow(k, Nd4j.createFromArray(rows[start + k]));
        }
        return chunk;
    }

    // ----- errors -----

    @ParameterizedTest(name = "{0}")
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void aNonFiniteValueIsRejectedNamingItsRowCountedAcrossChunks(double bad) {
        double[][] x = TestData.anisotropic(10, 3, 0, new Random(7));
        StatisticsAccumulator acc = StatisticsAccumulator.autoencoder(3);
        acc.add(chunk(x, 0, 4));
        x[9][1] = bad;

        String message = assertOneLineError(() -> acc.add(chunk(x, 4, 6)));
        assertTrue(message.matches(".*\\bsample 9\\b.*"), message);
    }

    @Test
    void aRejectedFirstChunkLeavesTheAccumulatorUsable() {
        double[][] x = TestData.anisotropic(10, 3, 0, new Random(9));
        StatisticsAccumulator acc = StatisticsAccumulator.autoencoder(3);
        double[][] bad = java.util.Arrays.stream(x).map(double[]::clone).toArray(double[][]::new);
        bad[2][0] = Double.NaN;
        String message = assertOneLineError(() -> acc.add(chunk(bad, 0, 4)));
        assertTrue(message.matches(".*\\bsample 2\\b.*"), message);

        acc.add(chunk(x, 4, 6));
        Statistics expected = StatisticsAccumulator.of(chunk(x, 4, 6), true);
        assertTrue(TestData.relativeError(expected.sigmaXX(), acc.build(true).sigmaXX()) < 1e-12);
    }

    @Test
    void valuesWhoseProductsOverflowAreADataProblemNotADivergence() {
        double[][] x = TestData.anisotropic(6, 3, 0, new Random(10));
        x[3][1] = 1e308;
        String message = assertOneLineError(() -> StatisticsAccumulator.of(nd(x), true));
        assertTrue(message.contains("too large for float64") && message.contains("scale the data"), message);
    }

    @Test
    void aNonFiniteTargetIsRejectedNamingItsRow() {
        Random rng = new Random(8);
        double[][] x = TestData.anisotropic(6, 3, 0, rng);
        double[][] y = TestData.linearTargets(x, 2, rng);
        y[4][0] = Double.NaN;

        String message = assertOneLineError(() -> regression(x, y, true));
        assertTrue(message.matches(".*\\btarget sample 4\\b.*"), message);
    }

    @Test
    void aChunkOfTheWrongWidthIsRejected() {
        StatisticsAccumulator acc = StatisticsAccumulator.autoencoder(4);
        acc.add(nd(new double[2][4]));

        String message = assertOneLineError(() -> acc.add(nd(new double[2][5])));
        assertTrue(message.matches(".*\\b5\\b.*\\b4\\b.*"), message);
    }

    @Test
    void anEmptyDataSetIsRejected() {
        assertOneLineError(() -> StatisticsAccumulator.autoencoder(3).build(true));
        assertOneLineError(() -> StatisticsAccumulator.regression(3, 2).build(false));
    }

    @Test
    void inputsAndTargetsWithDifferentRowCountsAreRejected() {
        String message = assertOneLineError(() -> regression(new double[5][3], new double[4][2], false));
        assertTrue(message.matches(".*\\b5\\b.*\\b4\\b.*"), message);
    }

    private static String assertOneLineError(Runnable call) {
        String message = assertThrows(LaeException.class, call::run).getMessage();
        assertFalse(message.contains("\n"), message);
        return message;
    }

    // ----- Statistics.as -----

    @Test
    void castingToFloatKeepsTheAutoencoderIdentityAndEverythingElse() {
        Statistics s = StatisticsAccumulator.of(nd(TestData.anisotropic(20, 4, 1, new Random(9))), true);
        Statistics f = s.as(DataType.FLOAT);

        assertEquals(DataType.FLOAT, f.dataType());
        assertSame(f.sigmaXX(), f.sigmaYX());
        assertTrue(f.isAutoencoder());
        assertEquals(s.sigmaXX().castTo(DataType.FLOAT), f.sigmaXX());
        assertEquals(s.tyy(), f.tyy());
        assertEquals(s.sampleCount(), f.sampleCount());
        assertEquals(s.centered(), f.centered());
        assertSame(s, s.as(DataType.DOUBLE));
    }

    @Test
    void castingARegressionToFloatCastsBothMatrices() {
        Random rng = new Random(10);
        double[][] x = TestData.anisotropic(20, 4, 1, rng);
        Statistics s = regression(x, TestData.linearTargets(x, 3, rng), false);
        Statistics f = s.as(DataType.FLOAT);

        assertEquals(DataType.FLOAT, f.sigmaYX().dataType());
        assertEquals(s.sigmaYX().castTo(DataType.FLOAT), f.sigmaYX());
        assertFalse(f.isAutoencoder());
    }

    @Test
    void theHostsStreamedStatisticsOfRowsInMemoryEqualTheOneShotOnes() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 9000, 6).addi(5);
        INDArray y = Nd4j.rand(DataType.DOUBLE, 9000, 2);
        DataSource inputs = DataSources.inMemory("x", x);
        Statistics regression = StreamedStatistics.HOST.of(inputs, DataSources.inMemory("y", y), true, rows -> { });
        Statistics oneShot = StatisticsAccumulator.of(x, y, true);
        assertTrue(regression.sigmaYX().equalsWithEps(oneShot.sigmaYX(), 0.0) && regression.tyy() == oneShot.tyy());
        long[] lastCount = new long[1];
        Statistics chunked = StreamedStatistics.HOST.of(inputs, null, true, rows -> lastCount[0] = rows);
        assertEquals(9000, lastCount[0]);
        assertTrue(relativeError(chunked.sigmaXX(), StatisticsAccumulator.of(x, true).sigmaXX()) < 1e-13);
        LaeException e = assertThrows(LaeException.class, () -> StreamedStatistics.HOST.of(inputs,
                DataSources.inMemory("y", y.get(NDArrayIndex.interval(0, 10), NDArrayIndex.all())), true, rows -> { }));
        assertEquals("the targets have 10 samples but the inputs have 9000: give one target row per sample",
                e.getMessage());
    }
}
