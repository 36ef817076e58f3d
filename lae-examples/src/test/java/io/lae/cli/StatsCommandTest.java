package io.lae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lae.backend.Engines;
import io.lae.io.Npy;
import io.lae.io.NpyHeader;
import io.lae.stats.Statistics;
import io.lae.stats.ReferenceStatistics;
import io.lae.stats.StatisticsFile;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code lae stats} and {@code lae train --stats}: the saved statistics equal the literal sums over the rows
 * (Σxx = Σ (x − x̄)(x − x̄)ᵀ, by {@link ReferenceStatistics}' plain loops), and training from them equals
 * training from the rows; every misuse is one line.
 */
class StatsCommandTest {

    private static final int ROWS = 500;

    @TempDir
    Path dir;

    @Test
    void savedStatisticsAreTheLiteralSumsCentredAndUncentred() {
        double[][] x = rows(ROWS, 6, 2.5, 1);
        double[][] y = rows(ROWS, 3, -4.0, 2);
        Path xFile = write("x.npy", x);
        Path yFile = write("y.npy", y);
        for (boolean center : new boolean[] {true, false}) {
            Path out = dir.resolve("stats-" + center + ".npz");
            CliRunner r = center
                    ? CliRunner.run("stats", "--data", xFile.toString(), "--targets", yFile.toString(), "--out",
                            out.toString())
                    : CliRunner.run("stats", "--data", xFile.toString(), "--targets", yFile.toString(), "--no-center",
                            "--out", out.toString());
            assertEquals(0, r.exitCode(), r.out() + r.err());
            assertTrue(r.out().contains("m = 500, n' = 6, n = 3"), r.out());
            Statistics stats = StatisticsFile.read(out);
            assertEquals(center, stats.centered());
            assertEquals(ROWS, stats.sampleCount());
            ReferenceStatistics literal = center ? ReferenceStatistics.centered(x, y) : ReferenceStatistics.of(x, y);
            assertTrue(literal.errorOf(stats) < 1e-12, "relative error " + literal.errorOf(stats));
        }
    }

    @Test
    void anAutoencodersStatisticsReadBackWithSigmaYxBeingSigmaXx() throws Exception {
        Path xFile = write("x.npy", rows(ROWS, 5, 1.0, 3));
        Path out = dir.resolve("s.npz");
        CliRunner r = CliRunner.run("stats", "--data", xFile.toString(), "--dtype", "FLOAT32", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
        try (FileSystem zip = FileSystems.newFileSystem(out)) {
            assertEquals("<f4", NpyHeader.read(zip.getPath("sigma_xx.npy")).descr(), "--dtype float32 on disk");
        }
        Statistics stats = StatisticsFile.read(out);
        assertSame(stats.sigmaXX(), stats.sigmaYX(), "an autoencoder is recognised by Σyx being Σxx");
        assertTrue(r.out().contains("centred, float32"), r.out());
        assertTrue(r.out().contains("stats: row 500/500"), "progress in rows: " + r.out());
    }

    @Test
    void trainingFromSavedStatisticsEqualsTrainingFromTheRows() throws Exception {
        Path xFile = write("x.npy", rows(ROWS, 8, 0.5, 4));
        Path yFile = write("y.npy", rows(ROWS, 5, 0.0, 5));
        for (boolean regression : new boolean[] {false, true}) {
            Path stats = dir.resolve("train-" + regression + ".npz");
            Path fromRows = dir.resolve("rows-" + regression);
            Path fromStats = dir.resolve("stats-" + regression);
            String[] targets = regression ? new String[] {"--targets", yFile.toString()} : new String[0];
            assertEquals(0, CliRunner.run(concat(new String[] {"stats", "--data", xFile.toString(), "--out",
                    stats.toString()}, targets)).exitCode());
            // an autoencoder also under a Hebbian rule, which needs Σyx to be Σxx itself
            String[] common = regression
                    ? new String[] {"train", "--loss", "ordered", "--latent", "3", "--steps", "200", "--lr", "0.01",
                        "--seed", "7", "--log-every", "50"}
                    : new String[] {"train", "--loss", "mse", "--rule", "gha", "--optimizer", "sgd", "--lr", "1e-4",
                        "--latent", "3", "--steps", "200", "--seed", "7", "--log-every", "50"};
            CliRunner a = CliRunner.run(concat(concat(common, new String[] {"--data", xFile.toString(), "--out",
                    fromRows.toString()}), targets));
            CliRunner b = CliRunner.run(concat(common, new String[] {"--stats", stats.toString(), "--out",
                    fromStats.toString()}));
            assertEquals(0, a.exitCode(), a.out() + a.err());
            assertEquals(0, b.exitCode(), b.out() + b.err());
            assertTrue(b.out().contains("data: statistics " + stats), b.out());
            assertEquals("file " + stats, statisticsFrom(fromStats));
            String computed = statisticsFrom(fromRows);
            assertTrue(Engines.cudaEngineStatus().startsWith("usable") ? computed.startsWith("lae-cuda on ")
                    : computed.equals("nd4j-cpu"), computed);
            for (String weights : new String[] {"decoder.npy", "encoder.npy"}) {
                INDArray fromData = Npy.read(fromRows.resolve(weights));
                INDArray fromSaved = Npy.read(fromStats.resolve(weights));
                double scale = fromData.norm2Number().doubleValue();
                double diff = fromData.sub(fromSaved).norm2Number().doubleValue();
                assertTrue(diff <= 1e-12 * scale, weights + (regression ? " (regression)" : "") + ": " + diff / scale);
            }
        }
    }

    @Test
    void misuseIsOneLineNamingTheFix() {
        Path xFile = write("x.npy", rows(ROWS, 4, 1.0, 6));
        Path centred = dir.resolve("c.npz");
        assertEquals(0, CliRunner.run("stats", "--data", xFile.toString(), "--out", centred.toString()).exitCode());
        Path run = dir.resolve("run");
        String[][] cases = {
            {"drop --data", "train", "--stats", centred.toString(), "--data", xFile.toString(), "--out", run.toString()},
            {"drop --no-center", "train", "--stats", centred.toString(), "--no-center", "--out", run.toString()},
            {"give the rows with --data", "train", "--stats", centred.toString(), "--epochs", "2", "--batch", "50",
                "--out", run.toString()},
            {"written by lae stats", "train", "--stats", xFile.toString(), "--out", run.toString()},
            {"name it FILE.npz", "stats", "--data", xFile.toString(), "--out", dir.resolve("s.csv").toString()},
            {"applies to --engine spark", "stats", "--data", xFile.toString(), "--master", "local[2]", "--out",
                dir.resolve("s.npz").toString()},
            {"builds it on first use", "stats", "--engine", "spark", "--data", xFile.toString(), "--out",
                dir.resolve("s.npz").toString()},
            {"--dtype must be float32 or float64", "stats", "--data", xFile.toString(), "--dtype", "half", "--out",
                dir.resolve("s.npz").toString()},
            {"--engine must be local or spark", "stats", "--engine", "yarn", "--data", xFile.toString(), "--out",
                dir.resolve("s.npz").toString()},
            {"--dtype must be float32 or float64", "train", "--stats", centred.toString(), "--dtype", "float16",
                "--out", run.toString()},
            {"file not found", "stats", "--data", dir.resolve("missing.npy").toString(), "--out",
                dir.resolve("s.npz").toString()},
        };
        for (String[] c : cases) {
            String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
            CliRunner r = CliRunner.run(args);
            assertTrue(r.exitCode() != 0, String.join(" ", args));
            assertEquals(1, r.errLines().length, String.join(" ", args) + ":\n" + r.err());
            assertTrue(r.err().toLowerCase(java.util.Locale.ROOT).contains(c[0].toLowerCase(java.util.Locale.ROOT)),
                    String.join(" ", args) + ":\n" + r.err());
        }
        assertFalse(Files.exists(dir.resolve("s.npz")), "a failed lae stats leaves no file");
    }

    /** Rows with correlated columns about a non-zero mean (the centring is exercised). */
    private static double[][] rows(int count, int columns, double offset, long seed) {
        Random random = new Random(seed);
        double[][] rows = new double[count][columns];
        for (double[] row : rows) {
            double shared = random.nextGaussian();
            for (int j = 0; j < columns; j++) {
                row[j] = offset + j + (j + 1) * random.nextGaussian() + 0.5 * shared;
            }
        }
        return rows;
    }

    private Path write(String name, double[][] rows) {
        Path file = dir.resolve(name);
        Npy.write(file, Nd4j.createFromArray(rows));
        return file;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** @return run.json's record of where the run's statistics came from */
    private static String statisticsFrom(Path run) throws IOException {
        return new ObjectMapper().readTree(run.resolve("run.json").toFile())
                .get("environment").get("statistics_from").asText();
    }
}
