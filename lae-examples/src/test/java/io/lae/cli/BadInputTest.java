package io.lae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.io.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bad input to {@code lae loss} gives exit code 2 and one line naming the problem, with no stack
 * trace unless {@code --debug}, and writes no output files.
 */
class BadInputTest {

    @TempDir
    Path dir;

    Path x;
    Path encoder;
    Path decoder;

    @BeforeEach
    void writeValidInputs() {
        Nd4j.getRandom().setSeed(7);
        x = dir.resolve("x.npy");
        encoder = dir.resolve("b.npy");
        decoder = dir.resolve("a.npy");
        Npy.write(x, Nd4j.randn(DataType.DOUBLE, 10, 4));
        Npy.write(encoder, Nd4j.randn(DataType.DOUBLE, 2, 4));
        Npy.write(decoder, Nd4j.randn(DataType.DOUBLE, 4, 2));
    }

    private CliRunner loss(String... extra) {
        String[] base = {"loss", "--x", x.toString(), "--encoder", encoder.toString(),
                "--decoder", decoder.toString(), "--out", dir.resolve("out").toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRunner.run(args);
    }

    private void assertOneLineError(CliRunner r, String... mustContain) {
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(1, r.errLines().length, "one line expected, got:\n" + r.err());
        for (String s : mustContain) {
            assertTrue(r.err().contains(s), "'" + s + "' missing from: " + r.err());
        }
        assertFalse(r.err().contains("Exception"), r.err());
        assertFalse(Files.exists(dir.resolve("out").resolve("loss.txt")), "nothing may be written on error");
    }

    @Test
    void validInputWorks() {
        CliRunner r = loss("--loss", "ordered");
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void missingFile() {
        x = dir.resolve("nope.npy");
        assertOneLineError(loss("--loss", "mse"), "nope.npy");
    }

    @Test
    void truncatedFile() throws IOException {
        byte[] bytes = Files.readAllBytes(x);
        Files.write(x, java.util.Arrays.copyOf(bytes, bytes.length - 20));
        assertOneLineError(loss("--loss", "mse"), "x.npy", "truncated");
    }

    @Test
    void notAnNpyFile() throws IOException {
        Files.writeString(x, "1,2,3\n4,5,6\n");
        assertOneLineError(loss("--loss", "mse"), "x.npy");
    }

    @Test
    void nanRowIsNamed() {
        var data = Nd4j.randn(DataType.DOUBLE, 10, 4);
        data.putScalar(6, 2, Double.NaN);
        Npy.write(x, data);
        assertOneLineError(loss("--loss", "mse"), "x.npy", "row 6", "NaN");
    }

    @Test
    void encoderOfWrongWidth() {
        Npy.write(encoder, Nd4j.randn(DataType.DOUBLE, 2, 5));
        assertOneLineError(loss("--loss", "mse"), "b.npy", "2×5", "p×4");
    }

    @Test
    void decoderOfWrongShape() {
        Npy.write(decoder, Nd4j.randn(DataType.DOUBLE, 4, 3));
        assertOneLineError(loss("--loss", "mse"), "a.npy", "4×3", "4×2");
    }

    @Test
    void lambdasOfWrongLength() {
        assertOneLineError(loss("--loss", "nonuniform", "--lambdas", "0.1,0.2,0.3"), "--lambdas", "3 values", "p is 2");
    }

    @Test
    void priorOfWrongLength() {
        assertOneLineError(loss("--loss", "nested-dropout", "--prior", "1"), "--prior", "1 values", "p is 2");
    }

    @Test
    void missingLambda() {
        assertOneLineError(loss("--loss", "sum"), "--lambda");
    }

    @Test
    void unknownLossAndScale() {
        assertOneLineError(loss("--loss", "pca"), "unknown loss 'pca'", "ordered");
        assertOneLineError(loss("--loss", "mse", "--scale", "avg"), "unknown --reduction 'avg'");
    }

    @Test
    void missingRequiredOption() {
        CliRunner r = CliRunner.run("loss", "--loss", "mse");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--data"), r.err());
    }

    @Test
    void debugShowsTheStackTrace() {
        x = dir.resolve("nope.npy");
        CliRunner r = loss("--loss", "mse", "--debug");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("\tat io.lae."), r.err());
    }
}
