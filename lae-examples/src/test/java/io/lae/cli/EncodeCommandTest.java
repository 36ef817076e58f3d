package io.lae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.io.Npy;
import io.lae.runs.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** {@code lae encode}: a finished run applied to new rows, against the same maps formed here from its files. */
class EncodeCommandTest {

    @TempDir
    Path dir;

    private Path data;
    private INDArray rows;

    @BeforeEach
    void data() {
        Nd4j.getRandom().setSeed(11);
        rows = Nd4j.randn(DataType.DOUBLE, 9000, 6).mulRowVector(Nd4j.createFromArray(3.0, 2.5, 2, 1.5, 1, 0.5))
                .addRowVector(Nd4j.createFromArray(5.0, -1, 0, 2, 0, 1));
        data = dir.resolve("x.npy");
        Npy.write(data, rows);
    }

    private Path train(String... more) {
        Path run = dir.resolve("run" + more.length);
        String[] args = {"train", "--data", data.toString(), "--latent", "3", "--steps", "300", "--out", run.toString()};
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(more))
                .toArray(String[]::new);
        assertEquals(0, CliRunner.run(all).exitCode());
        return run;
    }

    private static INDArray max(INDArray a) {
        return Nd4j.scalar(a.amaxNumber().doubleValue());
    }

    @Test
    void codesDecodedRowsAndReconstructionsUseTheTrainingMean() {
        Path run = train();
        INDArray mean = Npy.read(run.resolve(RunDirectory.MEAN)).reshape(1, 6);
        assertEquals(0, mean.sub(rows.mean(0).reshape(1, 6)).amaxNumber().doubleValue(), 1e-12);
        INDArray b = Npy.read(run.resolve("encoder.npy"));
        INDArray a = Npy.read(run.resolve("decoder.npy"));
        INDArray codes = rows.subRowVector(mean).mmul(b.transpose());

        Path codesFile = dir.resolve("codes.npy");
        CliRunner encode = CliRunner.run("encode", "--run", run.toString(), "--data", data.toString(), "--out",
                codesFile.toString());
        assertEquals(0, encode.exitCode(), encode.err());
        assertTrue(encode.out().contains("9000 × 3 (codes)"), encode.out());
        assertEquals(0, max(Npy.read(codesFile).sub(codes)).getDouble(), 1e-12);

        Path reconstructed = dir.resolve("rec.npy");
        assertEquals(0, CliRunner.run("encode", "--run", run.toString(), "--data", data.toString(), "--reconstruct",
                "--out", reconstructed.toString()).exitCode());
        INDArray expected = codes.mmul(a.transpose()).addRowVector(mean);
        assertEquals(0, max(Npy.read(reconstructed).sub(expected)).getDouble(), 1e-12);

        Path decoded = dir.resolve("dec.npy");
        assertEquals(0, CliRunner.run("encode", "--run", run.toString(), "--data", codesFile.toString(), "--decode",
                "--out", decoded.toString()).exitCode());
        assertEquals(0, max(Npy.read(decoded).sub(expected)).getDouble(), 1e-12);
    }

    @Test
    void anUncentredRunKeepsNoMeanAndEncodesBx() {
        Path run = train("--no-center");
        assertFalse(Files.exists(run.resolve(RunDirectory.MEAN)));
        Path codesFile = dir.resolve("codes.npy");
        assertEquals(0, CliRunner.run("encode", "--run", run.toString(), "--data", data.toString(), "--out",
                codesFile.toString()).exitCode());
        INDArray codes = rows.mmul(Npy.read(run.resolve("encoder.npy")).transpose());
        assertEquals(0, max(Npy.read(codesFile).sub(codes)).getDouble(), 1e-12);
    }

    @Test
    void wrongWidthsAndOldRunsAreOneLineErrors() throws Exception {
        Path run = train();
        CliRunner wide = CliRunner.run("encode", "--run", run.toString(), "--data", data.toString(), "--decode",
                "--out", dir.resolve("decoded.npy").toString());
        assertEquals(2, wide.exitCode(), wide.err());
        assertTrue(wide.err().contains("rows of 6 values, but the run decodes codes of p = 3"), wide.err());
        Files.delete(run.resolve(RunDirectory.MEAN));
        CliRunner old = CliRunner.run("encode", "--run", run.toString(), "--data", data.toString(), "--out",
                dir.resolve("c.npy").toString());
        assertEquals(2, old.exitCode(), old.err());
        assertTrue(old.err().contains("mean.npy: missing"), old.err());
        assertFalse(Files.exists(dir.resolve("c.npy")), "no partial output");
        CliRunner none = CliRunner.run("encode", "--run", dir.resolve("none").toString(), "--data", data.toString(),
                "--out", dir.resolve("c.npy").toString());
        assertEquals(2, none.exitCode(), none.err());
        assertTrue(none.err().contains("give the directory of an earlier 'lae train' run")
                && !none.err().contains("--resume"), "encode's own words: " + none.err());
    }

    @Test
    void rowsWithNaNOrInfinityAreNamedNotEncoded() {
        Path run = train();
        INDArray bad = rows.dup();
        bad.putScalar(8500, 2, Double.NaN);
        Path badData = dir.resolve("bad.npy");
        Npy.write(badData, bad);
        Path codes = dir.resolve("codes.npy");
        CliRunner r = CliRunner.run("encode", "--run", run.toString(), "--data", badData.toString(), "--out",
                codes.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("input sample 8500 (0-based row) holds NaN or infinity"), r.err());
        assertFalse(Files.exists(codes), "no output");
    }

    @Test
    void whitenedCodesHaveUnitVarianceOverTheTrainingRowsAndRunJsonDescribesTheComponents() throws Exception {
        Path run = train();
        Path white = dir.resolve("white.npy");
        CliRunner r = CliRunner.run("encode", "--run", run.toString(), "--data", data.toString(), "--whiten", "--out",
                white.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("(whitened codes)"), r.out());
        INDArray codes = Npy.read(white);
        for (int i = 0; i < 3; i++) {
            assertEquals(1.0, codes.getColumn(i).stdNumber().doubleValue(), 1e-9, "code " + i);
        }
        var components = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.resolve("run.json").toFile())
                .get("components");
        // the data's variances are 9, 6.25, 4, …: the leading three components explain them, in order
        double[] variance = new double[3];
        for (int i = 0; i < 3; i++) {
            variance[i] = components.get("explained_variance").get(i).asDouble();
        }
        assertEquals(9, variance[0], 0.5);
        assertEquals(6.25, variance[1], 0.4);
        assertEquals(4, variance[2], 0.3);
        double total = rows.var(0).sumNumber().doubleValue();
        assertEquals(variance[0] / total, components.get("explained_variance_ratio").get(0).asDouble(), 1e-9);
        INDArray a = Npy.read(run.resolve("decoder.npy"));
        for (int i = 0; i < 3; i++) {
            INDArray column = a.getColumn(i);
            int largest = Nd4j.argMax(Transforms.abs(column)).getInt(0);
            assertTrue(column.getDouble(largest) > 0, "decoder column " + i + " has its largest entry positive");
        }
    }
}
