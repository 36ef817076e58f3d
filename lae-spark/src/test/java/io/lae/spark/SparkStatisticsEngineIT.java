package io.lae.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.LaeException;
import io.lae.io.Npy;
import io.lae.stats.Statistics;
import io.lae.stats.StatisticsAccumulator;
import io.lae.stats.StatisticsEngine;
import io.lae.stats.StatisticsRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import org.apache.spark.SparkException;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Spark engine on local[2] against the local accumulator over the same rows, for three shapes (autoencoders
 * 3000×7 and 1000×40, a regression 2000×9 → 2000×4) read from .npy, CSV and Parquet, centred and uncentred,
 * tiled and not; and every bad input ending as one line. One session serves the class.
 */
class SparkStatisticsEngineIT {

    private static final String MASTER = "local[2]";
    private static final double TOLERANCE = 1e-12;

    @TempDir
    static Path dir;
    private static SparkSession session;
    /** Small partitions, so that even these files are split and the partitions' sums merged. */
    private static final Partitioning SMALL = new Partitioning(300, 8 << 10);
    private static final SparkStatisticsEngine ENGINE = new SparkStatisticsEngine(SMALL, null);

    private static final double[][] WIDE = TestInputs.rows(1000, 40, 2);
    private static final double[][] X = TestInputs.rows(2000, 9, 3);
    private static final double[][] Y = TestInputs.rows(2000, 4, 4);
    private static final double[][] TALL = TestInputs.rows(3000, 7, 1);

    @BeforeAll
    static void start() {
        session = SparkSession.builder().master(MASTER).appName("lae-spark tests")
                .config("spark.ui.enabled", "false")
                // several Parquet partitions from small files
                .config("spark.sql.files.maxPartitionBytes", "16k")
                .config("spark.sql.files.openCostInBytes", "1k")
                .getOrCreate();
    }

    @AfterAll
    static void stop() {
        session.stop();
    }

    private static StatisticsRequest request(Path data, Path targets, boolean center, String... columns) {
        return new StatisticsRequest(data.toString(), targets == null ? null : targets.toString(), List.of(columns),
                center, MASTER, Duration.ofSeconds(30));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void autoencoderFromEveryFormat(boolean center) {
        Statistics expected = StatisticsAccumulator.of(TestInputs.matrix(TALL), center);
        assertClose(expected, ENGINE.compute(request(TestInputs.npy(dir, "tall-" + center, TALL), null, center)));
        assertClose(expected, ENGINE.compute(request(TestInputs.csv(dir, "tall-" + center, TALL, true), null, center)));
        assertClose(expected, ENGINE.compute(request(TestInputs.parquet(session, dir, "tall-" + center, TALL, 2), null,
                center)));
    }

    @Test
    void csvWithoutHeaderAndChosenColumns() {
        double[][] chosen = Arrays.stream(TALL).map(row -> new double[] {row[4], row[1]}).toArray(double[][]::new);
        Statistics expected = StatisticsAccumulator.of(TestInputs.matrix(chosen), true);
        assertClose(expected, ENGINE.compute(request(TestInputs.csv(dir, "bare", TALL, false), null, true, "5", "2")));
        assertClose(expected, ENGINE.compute(request(TestInputs.csv(dir, "named", TALL, true), null, true, "a4", "a1")));
        assertClose(expected, ENGINE.compute(request(TestInputs.parquet(session, dir, "named", TALL, 1), null, true,
                "a4", "a1")));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void regressionFromEveryFormat(boolean center) {
        Statistics expected = StatisticsAccumulator.of(TestInputs.matrix(X), TestInputs.matrix(Y), center);
        String tag = "-" + center;
        assertClose(expected, ENGINE.compute(request(TestInputs.npy(dir, "x" + tag, X), TestInputs.npy(dir, "y" + tag, Y),
                center)));
        assertClose(expected, ENGINE.compute(request(TestInputs.csv(dir, "x" + tag, X, true),
                TestInputs.csv(dir, "y" + tag, Y, false), center)));
        assertClose(expected, ENGINE.compute(request(TestInputs.parquet(session, dir, "x" + tag, X, 2),
                TestInputs.parquet(session, dir, "y" + tag, Y, 1), center)));
        // mixed: a .npy's rows paired with a Parquet directory's by their index
        assertClose(expected, ENGINE.compute(request(dir.resolve("x" + tag + ".npy"), dir.resolve("y" + tag + ".parquet"),
                center)));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void tiledEqualsUntiled(boolean center) {
        SparkStatisticsEngine tiled = new SparkStatisticsEngine(SMALL, new TilePlan(16, 2));
        Path wide = TestInputs.npy(dir, "wide-" + center, WIDE);
        Statistics untiled = ENGINE.compute(request(wide, null, center));
        assertClose(StatisticsAccumulator.of(TestInputs.matrix(WIDE), center), untiled);
        assertClose(untiled, tiled.compute(request(wide, null, center)));
        Path x = TestInputs.npy(dir, "tx-" + center, X);
        Path y = TestInputs.npy(dir, "ty-" + center, Y);
        SparkStatisticsEngine narrow = new SparkStatisticsEngine(SMALL, new TilePlan(4, 3));
        assertClose(ENGINE.compute(request(x, y, center)), narrow.compute(request(x, y, center)));
    }

    @Test
    void parquetArrayColumns() {
        Statistics expected = StatisticsAccumulator.of(TestInputs.matrix(WIDE), true);
        assertClose(expected, ENGINE.compute(request(TestInputs.parquetArrays(session, dir, "arrays", WIDE, 2, false),
                null, true)));
        Statistics single = StatisticsAccumulator.of(TestInputs.matrix(TestInputs.rounded(WIDE)), true);
        assertClose(single, ENGINE.compute(request(TestInputs.parquetArrays(session, dir, "floats", WIDE, 1, true),
                null, true, "features")));
    }

    @Test
    void foundThroughServiceLoaderByName() {
        StatisticsEngine engine = ServiceLoader.load(StatisticsEngine.class).stream().map(ServiceLoader.Provider::get)
                .filter(e -> e.name().equals("spark")).findFirst().orElseThrow();
        Statistics stats = engine.compute(request(TestInputs.npy(dir, "loaded", TALL), null, true));
        assertClose(StatisticsAccumulator.of(TestInputs.matrix(TALL), true), stats);
        assertTrue(stats.isAutoencoder());
    }

    @Test
    void nonFiniteRowNamesFileRowAndPartition() {
        double[][] rows = copy(TALL);
        rows[1234][3] = Double.NaN;
        String npy = message(request(TestInputs.npy(dir, "nan", rows), null, true));
        assertTrue(npy.matches(".*nan\\.npy: row 1234 \\(0-based\\) in partition \\d+ holds NaN or infinity: remove or "
                + "impute it"), npy);
        rows[1234][3] = 1;
        rows[2000][0] = Double.POSITIVE_INFINITY;
        String csv = message(request(TestInputs.csv(dir, "inf", rows, true), null, true));
        // the header is line 1, so sample 2000 (0-based) is on line 2002
        assertTrue(csv.matches(".*inf\\.csv: line 2002 \\(1-based\\) in partition \\d+ holds NaN or infinity: .*"), csv);
        String parquet = message(request(TestInputs.parquet(session, dir, "inf", rows, 1), null, true));
        assertTrue(parquet.matches(".*inf\\.parquet: row 2000 \\(0-based\\) of .*part-.*, read by partition \\d+, holds "
                + "NaN or infinity: remove or impute it"), parquet);
    }

    @Test
    void raggedAndNonNumericCsvRows() {
        List<String> lines = new ArrayList<>(List.of("a,b,c", "1,2,3", "", "4,5,6"));
        lines.add("7,8");
        String ragged = message(request(TestInputs.write(dir.resolve("ragged.csv"), lines), null, true));
        assertTrue(ragged.matches(".*ragged\\.csv: line 5 \\(1-based\\) in partition \\d+ has 2 values but the header "
                + "has 3: every sample needs the same features"), ragged);
        String word = message(request(TestInputs.write(dir.resolve("word.csv"), List.of("1,2", "3,x")), null, true));
        assertTrue(word.matches(".*word\\.csv: line 2 \\(1-based\\) in partition \\d+ column '2': 'x' is not a number: "
                + "fix the value, or choose numeric columns with --columns"), word);
    }

    @Test
    void missingColumnsAndEmptyInputs() {
        Path parquet = TestInputs.parquet(session, dir, "columns", TALL, 1);
        assertTrue(message(request(parquet, null, true, "a0", "nope")).contains(
                "no column 'nope' (missing column): it has the columns a0, a1"));
        assertTrue(message(request(parquet, null, true, "label")).contains(
                "column 'label' holds string, not numbers"));
        assertTrue(message(request(TestInputs.csv(dir, "columns", TALL, true), null, true, "b")).contains(
                "no column 'b' (missing column): the file has the columns a0, a1"));
        assertTrue(message(request(TestInputs.write(dir.resolve("header-only.csv"), List.of("a,b")), null, true))
                .endsWith("header-only.csv: empty input (no rows): the data set needs at least one sample"));
        Path none = dir.resolve("none.npy");
        Npy.write(none, Nd4j.create(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 0, 3));
        assertTrue(message(request(none, null, true)).endsWith("none.npy: empty input (0 rows): the data set needs at "
                + "least one sample"));
        assertTrue(message(request(dir.resolve("absent.npy"), null, true)).contains("absent.npy: file not found"));
    }

    @Test
    void targetsOfAnotherLength() {
        Path x = TestInputs.npy(dir, "long", X);
        Path y = TestInputs.npy(dir, "short", Arrays.copyOf(Y, 1999));
        assertTrue(message(request(x, y, true)).matches(".*short\\.npy: the targets have 1999 rows but .*long\\.npy has "
                + "2000: give one target row per sample, in the same order"));
    }

    @Test
    void otherMasterThanTheActiveSession() {
        LaeException e = assertThrows(LaeException.class, () -> ENGINE.compute(new StatisticsRequest(
                dir.resolve("x-true.npy").toString(), null, List.of(), true, "local[3]", Duration.ofSeconds(5))));
        assertEquals("--master local[3]: a Spark session on local[2] already runs in this JVM: use that master, or run "
                + "lae stats in a JVM of its own", e.getMessage());
    }

    @Test
    void sparkFailuresUnwrapToTheirLaeException() {
        LaeException cause = new LaeException("x.npy: file not found; check the path");
        SparkException wrapped = new SparkException("Job aborted due to stage failure: …",
                new RuntimeException("task failed", cause));
        RuntimeException unwrapped = SparkFailures.unwrapped(wrapped);
        assertEquals(cause.getMessage(), unwrapped.getMessage());
        assertSame(wrapped, unwrapped.getCause());
        assertEquals("Spark failed: IllegalStateException: executor lost: see the Spark logs (lae --debug prints the "
                + "stack trace)", SparkFailures.unwrapped(new SparkException("stage failed",
                new IllegalStateException("executor lost\n\tat somewhere"))).getMessage());
    }

    private static String message(StatisticsRequest request) {
        LaeException e = assertThrows(LaeException.class, () -> ENGINE.compute(request));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    private static double[][] copy(double[][] rows) {
        return Arrays.stream(rows).map(double[]::clone).toArray(double[][]::new);
    }

    /** Equal to {@value #TOLERANCE} relative to each matrix's largest entry. */
    static void assertClose(Statistics expected, Statistics actual) {
        assertEquals(expected.sampleCount(), actual.sampleCount());
        assertEquals(expected.centered(), actual.centered());
        assertEquals(expected.isAutoencoder(), actual.isAutoencoder());
        assertClose(expected.sigmaXX(), actual.sigmaXX(), "Σxx");
        assertClose(expected.sigmaYX(), actual.sigmaYX(), "Σyx");
        assertClose(expected.meanX(), actual.meanX(), "mean x");
        assertClose(expected.meanY(), actual.meanY(), "mean y");
        assertEquals(expected.tyy(), actual.tyy(), TOLERANCE * Math.abs(expected.tyy()), "tyy");
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertEquals(Arrays.toString(expected.shape()), Arrays.toString(actual.shape()), what);
        double scale = expected.amaxNumber().doubleValue();
        double error = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(error <= TOLERANCE * scale, what + ": max error " + error + " against " + scale);
    }
}
