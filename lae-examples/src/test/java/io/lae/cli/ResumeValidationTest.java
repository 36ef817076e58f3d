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
import org.nd4j.linalg.factory.Nd4j;

/** A damaged or foreign run directory on --resume: one line naming the file and what is wrong, exit 2, status kept. */
class ResumeValidationTest {

    @TempDir
    Path dir;

    private Path run;

    @BeforeEach
    void finishedRun() {
        run = dir.resolve("run");
        assertEquals(0, CliRunner.run("train", "--data", "synthetic:diag:n=12,m=300,seed=1", "--latent", "3",
                "--steps", "40", "--out", run.toString()).exitCode());
    }

    private void assertRefused(String... expected) throws Exception {
        String before = Files.readString(run.resolve("run.json"));
        CliRunner r = CliRunner.run("train", "--resume", run.toString(), "--steps", "60");
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertEquals(1, r.errLines().length, r.err());
        for (String part : expected) {
            assertTrue(r.err().contains(part), part + " not in: " + r.err());
        }
        assertFalse(r.err().contains("Exception") || r.err().contains("jackson"), r.err());
        if (Files.exists(run.resolve("run.json")) && before.contains("\"finished\"")) {
            assertTrue(Files.readString(run.resolve("run.json")).contains("\"finished\""), "a failed resume re-marked it");
        }
    }

    @Test
    void aWrongShapeEncoder() throws Exception {
        Npy.write(run.resolve("checkpoint").resolve("encoder.npy"), Nd4j.zeros(DataType.DOUBLE, 5, 12));
        assertRefused("checkpoint/encoder.npy: shape [5, 12], but this run's encoder is [3, 12]");
    }

    @Test
    void aNanInTheCheckpoint() throws Exception {
        var decoder = Npy.read(run.resolve("checkpoint").resolve("decoder.npy"));
        decoder.putScalar(0, 0, Double.NaN);
        Npy.write(run.resolve("checkpoint").resolve("decoder.npy"), decoder);
        assertRefused("checkpoint/decoder.npy: holds NaN or infinite values");
    }

    @Test
    void anEmptyPosition() throws Exception {
        Files.writeString(run.resolve("checkpoint").resolve("position.json"), "");
        assertRefused("position.json: 'step' is missing");
    }

    @Test
    void aTruncatedRunJson() throws Exception {
        String json = Files.readString(run.resolve("run.json"));
        Files.writeString(run.resolve("run.json"), json.substring(0, json.length() / 2));
        assertRefused(RunDirectory.RUN_JSON + ": not valid JSON");
    }

    @Test
    void aForeignRunJson() throws Exception {
        Files.writeString(run.resolve("run.json"), "{\"status\": \"finished\", \"mine\": true}");
        assertRefused("has no \"config\" object");
    }

    @Test
    void anUnknownStatus() throws Exception {
        String json = Files.readString(run.resolve("run.json"));
        Files.writeString(run.resolve("run.json"), json.replace("\"status\" : \"finished\"", "\"status\" : \"bogus\""));
        assertRefused("\"status\" is \"bogus\", not one of");
    }

    @Test
    void aLatentSizeThatIsNotAWholeNumber() throws Exception {
        String json = Files.readString(run.resolve("run.json"));
        Files.writeString(run.resolve("run.json"), json.replace("\"latent\" : 3,", "\"latent\" : 5.5,"));
        assertRefused("\"config\" is not a valid run configuration", "5.5");
    }

    @Test
    void absurdNesting() throws Exception {
        Files.writeString(run.resolve("run.json"), "[".repeat(100_000) + "]".repeat(100_000));
        assertRefused(RunDirectory.RUN_JSON + ": not valid JSON", "nesting depth");
    }

    @Test
    void aNullWhereTheDataBelongs() throws Exception {
        String json = Files.readString(run.resolve("run.json"));
        Files.writeString(run.resolve("run.json"), json.replaceFirst("\"data\" : \"[^\"]*\"", "\"data\" : null"));
        assertRefused("\"config\" is not a valid run configuration", "has no data (null)");
    }
}
