package io.lae.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lae.LaeException;
import io.lae.Precision;
import io.lae.data.SyntheticData;
import io.lae.figures.FigureOutput;
import io.lae.loss.Scale;
import io.lae.runs.RunDirectory;
import io.lae.runs.TrainingConfig;
import io.lae.runs.TrainingData;
import io.lae.train.Initialization;
import io.lae.train.TrainingDivergedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep records a diverged run as a result and goes on; a later invocation reads that back. */
class ExperimentContextTest {

    private static TrainingData data;

    @TempDir
    Path dir;

    @BeforeAll
    static void data() {
        var samples = SyntheticData.gaussian(200, new double[] {9, 4, 2, 1, 0.5, 0.25}, true, 3);
        data = TrainingData.of(samples.description(), samples.readAll(), null, true, new PrintWriter(new StringWriter()));
    }

    private static TrainingConfig config(double lr) {
        return TrainingConfig.builder().data(data.description()).latent(2).loss("mse").scale(Scale.MEAN)
                .optimizer("sgd", lr).steps(200).init(Initialization.Kind.NORMAL, 0.1).seed(1).dtype(Precision.FLOAT64).logEvery(10).build();
    }

    private ExperimentContext context(StringWriter console) {
        return new ExperimentContext(ExperimentScale.QUICK, dir, null, Precision.FLOAT64, new PrintWriter(console, true));
    }

    @Test
    void aDivergedRunIsRecordedAndReadBack() throws IOException {
        StringWriter first = new StringWriter();
        ExperimentContext ctx = context(first);
        assertTrue(ctx.trainUnlessDiverged("wild", config(50), data).isEmpty());
        assertTrue(ctx.trainUnlessDiverged("tame", config(0.05), data).isPresent(), "the sweep goes on");
        assertTrue(first.toString().contains("recorded as diverged"), first.toString());
        assertEquals(io.lae.train.RunStatus.DIVERGED, RunDirectory.readStatus(dir.resolve("wild")).orElseThrow());
        long step = RunDirectory.readDivergedStep(dir.resolve("wild"));
        assertTrue(step > 0 && step % 10 == 0, "diverged at log step " + step);

        ctx.summary().write(dir, new BaoScaling(), ExperimentScale.QUICK, 1);
        JsonNode summary = new ObjectMapper().readTree(dir.resolve(Summary.JSON_FILE).toFile());
        assertEquals(step, summary.get("diverged").get("wild").asLong());
        assertEquals(2, summary.get("runs").asInt());

        StringWriter second = new StringWriter();
        assertTrue(context(second).trainUnlessDiverged("wild", config(50), data).isEmpty());
        assertTrue(second.toString().contains("diverged in an earlier invocation"), second.toString());
    }

    @Test
    void aTableShowsInSummaryMdAndKeepsItsRowsInSummaryJson() throws IOException {
        Summary summary = new Summary();
        java.util.Map<String, String> first = new java.util.LinkedHashMap<>();
        first.put("method", "gha");
        first.put("steps to streak 4", "120");
        java.util.Map<String, String> second = new java.util.LinkedHashMap<>();
        second.put("method", "oja|qr");
        second.put("steps to streak 4", "not reached");
        summary.table("MNIST, full batch", java.util.List.of(first, second));
        summary.write(dir, new OrderedPcaMethods(), ExperimentScale.QUICK, 1);
        String md = Files.readString(dir.resolve(Summary.MARKDOWN_FILE));
        assertTrue(md.contains("## MNIST, full batch\n\n| method | steps to streak 4 |\n| --- | --- |\n| gha | 120 |\n"
                + "| oja\\|qr | not reached |\n"), md);
        JsonNode rows = new ObjectMapper().readTree(dir.resolve(Summary.JSON_FILE).toFile()).get("tables")
                .get("MNIST, full batch");
        assertEquals("not reached", rows.get(1).get("steps to streak 4").asText());
        assertThrows(IllegalArgumentException.class, () -> summary.table("ragged", java.util.List.of(first,
                java.util.Map.of("method", "x"))));
    }

    @Test
    void trainStillFailsOnDivergence() {
        ExperimentContext ctx = context(new StringWriter());
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> ctx.train("wild", config(50), data));
        assertTrue(e.getMessage().contains("--lr"), e.getMessage());
    }

    @Test
    void aRunTheUserExtendedIsLeftAsItIsUnlessForceMovesItAside() throws IOException {
        ExperimentContext ctx = context(new StringWriter());
        ctx.train("mse", config(0.05), data);
        Path run = dir.resolve("mse");
        // the user extends the run and keeps notes beside its files
        io.lae.runs.TrainingSession.run(config(0.05).withSteps(260), data, run, true,
                new io.lae.runs.ProgressReporter("extend", new PrintWriter(new StringWriter())), FigureOutput.DEFAULT);
        Path notes = Files.writeString(run.resolve("my_notes.txt"), "mine\n");
        byte[] encoder = Files.readAllBytes(run.resolve("encoder.npy"));

        LaeException refused = assertThrows(LaeException.class, () -> context(new StringWriter())
                .train("mse", config(0.05), data));
        assertTrue(refused.getMessage().contains(run.toString()) && refused.getMessage().contains("--force")
                && !refused.getMessage().contains("\n"), refused.getMessage());
        assertEquals("mine\n", Files.readString(notes));
        assertArrayEquals(encoder, Files.readAllBytes(run.resolve("encoder.npy")), "the extended run is untouched");

        StringWriter console = new StringWriter();
        new ExperimentContext(ExperimentScale.QUICK, dir, null, Precision.FLOAT64, new PrintWriter(console, true),
                task -> new io.lae.runs.ProgressReporter(task, new PrintWriter(console, true)), true, FigureOutput.DEFAULT)
                .train("mse", config(0.05), data);
        assertTrue(console.toString().contains("moved what " + run), console.toString());
        assertEquals("mine\n", Files.readString(dir.resolve("mse.previous").resolve("my_notes.txt")));
        assertArrayEquals(encoder, Files.readAllBytes(dir.resolve("mse.previous").resolve("encoder.npy")));
        assertEquals(200, RunDirectory.readConfig(run).steps());
    }
}
