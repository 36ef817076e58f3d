package io.lae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lae.io.Npy;
import io.lae.runs.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * run.json says what a run trained on (the data's SHA-256, size and rows) and with which lae (version and commit);
 * resuming on other bytes, or encoding with weights or means the run did not write, stops with "different data".
 */
class ProvenanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path data;
    private Path run;

    @BeforeEach
    void finishedRun() {
        Nd4j.getRandom().setSeed(5);
        data = dir.resolve("x.npy");
        Npy.write(data, Nd4j.randn(DataType.DOUBLE, 400, 8).mulRowVector(Nd4j.linspace(DataType.DOUBLE, 4, -0.4, 8)));
        run = dir.resolve("run");
        CliRunner r = CliRunner.run("train", "--data", data.toString(), "--latent", "3", "--steps", "40", "--out",
                run.toString());
        assertEquals(0, r.exitCode(), r.err());
    }

    private JsonNode runJson() throws Exception {
        return JSON.readTree(run.resolve(RunDirectory.RUN_JSON).toFile());
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static void assertOneLine(CliRunner r, String expected) {
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().contains(expected), expected + " not in: " + r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void runJsonRecordsTheDataAndTheBuild() throws Exception {
        JsonNode fingerprint = runJson().get("data_fingerprint");
        assertEquals(sha256(data), fingerprint.get("sha256").asText());
        assertEquals(Files.size(data), fingerprint.get("bytes").asLong());
        assertEquals(400, fingerprint.get("rows").asLong());
        assertEquals("file", fingerprint.get("content").asText());
        assertTrue(runJson().path("environment").path("lae_commit").asText().matches("[0-9a-f]{40}(-dirty)?|unknown"),
                runJson().path("environment").toString());
        JsonNode files = runJson().get("files");
        for (String name : new String[] {RunDirectory.ENCODER, RunDirectory.DECODER, RunDirectory.MEAN}) {
            assertEquals(sha256(run.resolve(name)), files.get(name).asText(), name);
        }
    }

    @Test
    void resumingOnOtherBytesIsRefused() throws Exception {
        String before = Files.readString(run.resolve(RunDirectory.RUN_JSON));
        Npy.write(data, Nd4j.randn(DataType.DOUBLE, 400, 8));
        assertOneLine(CliRunner.run("train", "--resume", run.toString(), "--steps", "60"), "different data: " + data
                + " is now sha256 ");
        assertEquals(before, Files.readString(run.resolve(RunDirectory.RUN_JSON)), "a refused resume wrote run.json");
    }

    @Test
    void resumingOnTheSameBytesContinues() {
        assertEquals(0, CliRunner.run("train", "--resume", run.toString(), "--steps", "60").exitCode());
    }

    @Test
    void aDamagedFingerprintIsNamed() throws Exception {
        ObjectNode root = (ObjectNode) runJson();
        ((ObjectNode) root.get("data_fingerprint")).put("sha256", 5);
        Files.writeString(run.resolve(RunDirectory.RUN_JSON), root.toString());
        assertOneLine(CliRunner.run("train", "--resume", run.toString(), "--steps", "60"),
                "\"data_fingerprint\" is not a data fingerprint (sha256 must be 64 lower-case hex digits");
    }

    @Test
    void encodingWithWeightsTheRunDidNotWriteIsRefused() throws Exception {
        Path out = dir.resolve("codes.npy");
        assertEquals(0, CliRunner.run("encode", "--run", run.toString(), "--data", data.toString(), "--out",
                out.toString()).exitCode());
        Npy.write(run.resolve(RunDirectory.DECODER), Nd4j.zeros(DataType.DOUBLE, 8, 3));
        assertOneLine(CliRunner.run("encode", "--run", run.toString(), "--data", data.toString(), "--out",
                dir.resolve("other.npy").toString()), "different data: " + run.resolve(RunDirectory.DECODER)
                + " is not the file this run wrote");
        assertFalse(Files.exists(dir.resolve("other.npy")));
    }

    @Test
    void theHeaderChoiceIsPartOfTheRun() throws Exception {
        Path csv = Files.writeString(dir.resolve("x.csv"), "1,2,3\n2,4,7\n3,5,5\n4,9,1\n5,1,2\n");
        Path csvRun = dir.resolve("csv-run");
        assertEquals(0, CliRunner.run("train", "--data", csv.toString(), "--header", "yes", "--latent", "1", "--steps",
                "20", "--out", csvRun.toString()).exitCode());
        JsonNode root = JSON.readTree(csvRun.resolve(RunDirectory.RUN_JSON).toFile());
        assertEquals("yes", root.path("config").path("header").asText());
        assertEquals(4, root.path("data_fingerprint").path("rows").asLong());
        assertEquals(4, root.path("sample_count").asLong());
        assertEquals(0, CliRunner.run("train", "--resume", csvRun.toString(), "--steps", "30").exitCode(),
                "the resumed run must read the file with the same header choice, or its data would differ");
    }
}
