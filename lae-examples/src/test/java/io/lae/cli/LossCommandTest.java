package io.lae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lae.io.Npy;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code lae loss} against an independent NumPy evaluation of the literal definitions
 * ({@code interop/make_reference.py}, whose outputs are checked in): value and both gradients to
 * 1e-8 relative, for every loss, autoencoder and regression.
 */
class LossCommandTest {

    static final double TOLERANCE = 1e-8;

    @TempDir
    Path out;

    static Path interop() throws URISyntaxException {
        return Path.of(LossCommandTest.class.getResource("/interop/expected.json").toURI()).getParent();
    }

    static Stream<JsonNode> cases() throws IOException, URISyntaxException {
        JsonNode root = new ObjectMapper().readTree(interop().resolve("expected.json").toFile());
        return StreamSupport.stream(root.get("cases").spliterator(), false);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void agreesWithNumPyReference(JsonNode c) throws Exception {
        Path dir = interop();
        List<String> args = new ArrayList<>(List.of("loss", "--loss", c.get("loss").asText(),
                "--x", dir.resolve(c.get("x").asText()).toString(),
                "--encoder", dir.resolve(c.get("encoder").asText()).toString(),
                "--decoder", dir.resolve(c.get("decoder").asText()).toString(), "--out", out.toString()));
        if (!c.get("y").isNull()) {
            args.addAll(List.of("--y", dir.resolve(c.get("y").asText()).toString()));
        }
        c.get("args").forEach(a -> args.add(a.asText()));

        CliRunner r = CliRunner.run(args.toArray(String[]::new));

        assertEquals(0, r.exitCode(), r.err());
        double expected = c.get("value").asDouble();
        double value = Double.parseDouble(Files.readString(out.resolve("loss.txt")).strip());
        assertTrue(Math.abs(value - expected) / Math.abs(expected) < TOLERANCE, value + " vs NumPy " + expected);
        assertClose(matrix(c.get("grad_encoder")), Npy.read(out.resolve("grad_encoder.npy")), "∇_B");
        assertClose(matrix(c.get("grad_decoder")), Npy.read(out.resolve("grad_decoder.npy")), "∇_A");
    }

    private static INDArray matrix(JsonNode rows) {
        double[][] values = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            values[i] = new double[row.size()];
            for (int j = 0; j < row.size(); j++) {
                values[i][j] = row.get(j).asDouble();
            }
        }
        return Nd4j.createFromArray(values);
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertEquals(List.of(expected.shape()[0], expected.shape()[1]), List.of(actual.shape()[0], actual.shape()[1]), what);
        double error = expected.sub(actual).amaxNumber().doubleValue() / expected.amaxNumber().doubleValue();
        assertTrue(error < TOLERANCE, what + " relative error " + error);
    }

    @org.junit.jupiter.api.Test
    void readsFloat32FortranOrderWeights() throws Exception {
        Path dir = interop();
        CliRunner r = CliRunner.run("loss", "--loss", "ordered", "--data", dir.resolve("ae_x.npy").toString(),
                "--encoder", dir.resolve("ae_encoder_f32_fortran.npy").toString(),
                "--decoder", dir.resolve("ae_decoder.npy").toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode reference = cases().filter(c -> c.get("loss").asText().equals("ordered")
                && c.get("data").asText().equals("ae") && c.get("args").isEmpty()).findFirst().orElseThrow();
        double value = Double.parseDouble(Files.readString(out.resolve("loss.txt")).strip());
        double expected = reference.get("value").asDouble();
        assertTrue(Math.abs(value - expected) / expected < 1e-5, "float32 weights: " + value + " vs " + expected);
        assertFalse(r.out().isBlank());
    }
}
