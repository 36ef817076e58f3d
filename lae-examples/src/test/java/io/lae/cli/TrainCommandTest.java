package io.lae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lae train} from the command line: files, run.json contract, resume, one-line errors. */
class TrainCommandTest {

    static final String DATA = "synthetic:diag:n=12,m=300,seed=1";

    @TempDir
    Path dir;

    @Test
    void writesEveryOutputAndTheRunJsonContract() throws Exception {
        CliRunner r = CliRunner.run("train", "--data", DATA, "--loss", "ordered", "--latent", "3", "--steps", "5000",
                "--lr", "0.05", "--until", "ratio_tp=1", "--log-every", "50", "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
        for (String f : new String[] {"run.json", "metrics.csv", "encoder.npy", "decoder.npy", "loss.png",
                "directions.png", "alignment.png", "loss.svg", "directions.svg", "alignment.svg", "loss.pdf",
                "directions.pdf", "alignment.pdf"}) {
            assertTrue(Files.exists(dir.resolve(f)), f + " missing; output:\n" + r.out());
        }
        JsonNode run = new ObjectMapper().readTree(dir.resolve("run.json").toFile());
        assertEquals("ordered", run.get("config").get("loss").asText());
        assertEquals(DATA, run.get("config").get("data").asText());
        for (String field : new String[] {"loss", "loss_ratio", "ratio_tp", "ratio_fp", "ratio_total", "d_align",
                "d_sub", "transpose_gap", "steps", "seconds"}) {
            assertTrue(run.get("final").has(field), "final." + field);
        }
        assertEquals("stopped", run.get("status").asText(), "--until ratio_tp=1 ends the run early");
        assertTrue(run.get("final").get("steps").asLong() < 5000);
        assertEquals(1.0, run.get("final").get("ratio_tp").asDouble(), "ordered finds all 3 directions");
        assertTrue(run.get("environment").has("backend"));
        String header = Files.readAllLines(dir.resolve("metrics.csv")).get(0);
        assertEquals("step,loss,loss_ratio,ratio_tp,ratio_fp,ratio_total,d_align,d_sub,longest_streak,transpose_gap,lr,seconds", header);
    }

    @Test
    void miniBatchStochasticNestedDropoutRuns() throws Exception {
        CliRunner r = CliRunner.run("train", "--data", DATA, "--loss", "nested-dropout", "--stochastic", "--latent", "3",
                "--epochs", "3", "--batch", "64", "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
        JsonNode run = new ObjectMapper().readTree(dir.resolve("run.json").toFile());
        assertEquals(3 * 5, run.get("final").get("steps").asLong(), "3 epochs of ⌈300/64⌉ = 5 batches");
        assertEquals("per-sample", run.get("config").get("stochastic").asText(), "the authors' draw by default");
    }

    @Test
    void fullBatchStochasticNestedDropoutDrawsPerSampleOrPerStep() throws Exception {
        for (String draw : new String[] {"per-sample", "PER-STEP"}) {
            Path runDir = dir.resolve(draw);
            CliRunner r = CliRunner.run("train", "--data", DATA, "--loss", "nested-dropout", "--stochastic=" + draw,
                    "--latent", "3", "--steps", "20", "--out", runDir.toString());
            assertEquals(0, r.exitCode(), r.out() + r.err());
            JsonNode run = new ObjectMapper().readTree(runDir.resolve("run.json").toFile());
            assertEquals(draw.toLowerCase(java.util.Locale.ROOT), run.get("config").get("stochastic").asText());
            assertEquals(20, run.get("final").get("steps").asLong());
        }
        CliRunner bad = CliRunner.run("train", "--data", DATA, "--loss", "nested-dropout", "--stochastic=each",
                "--out", dir.resolve("bad").toString());
        assertEquals(2, bad.exitCode(), bad.err());
        assertTrue(bad.err().contains("per-sample or per-step"), bad.err());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
    }

    /** A newcomer's first run shows what lae is for: the ordered loss finds the directions, in order. */
    @Test
    void theDefaultRunFindsAllDirectionsInOrderAndSaysSo() throws Exception {
        CliRunner r = CliRunner.run("train", "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("all 10 decoder columns are the principal directions of the data, in order"),
                r.out());
        assertTrue(r.out().contains("s in the steps themselves; the elapsed time above adds the metrics"), r.out());
        JsonNode run = new ObjectMapper().readTree(dir.resolve("run.json").toFile());
        assertEquals(1.0, run.get("final").get("ratio_tp").asDouble());
    }

    /** One vocabulary: --reduction (with --scale as an old name that warns), names in any case, completion. */
    @Test
    void reductionNamesAnyCaseAndCompletion() throws Exception {
        CliRunner old = CliRunner.run("train", "--data", DATA, "--loss", "Ordered", "--optimizer", "ADAM", "--scale",
                "MEAN", "--latent", "2", "--steps", "10", "--out", dir.resolve("old").toString());
        assertEquals(0, old.exitCode(), old.err());
        assertTrue(old.err().contains("--scale is now --reduction"), old.err());
        JsonNode config = new ObjectMapper().readTree(dir.resolve("old").resolve("run.json").toFile()).get("config");
        assertEquals("ordered", config.get("loss").asText());
        assertEquals("mean", config.get("scale").asText());
        CliRunner current = CliRunner.run("train", "--data", DATA, "--reduction", "sum", "--latent", "2", "--steps",
                "10", "--out", dir.resolve("new").toString());
        assertEquals(0, current.exitCode(), current.err());
        assertFalse(current.err().contains("warning"), current.err());
        CliRunner completion = CliRunner.run("generate-completion");
        assertEquals(0, completion.exitCode(), completion.err());
        for (String name : new String[] {"nested-dropout", "alternating", "nesterov", "half-mean", "per-step"}) {
            assertTrue(completion.out().contains(name), name + " is no completion candidate");
        }
    }

    /** --prior bao-code: the authors' rounding of the geometric prior, written out in run.json. */
    @Test
    void theAuthorsPriorIsAnOption() throws Exception {
        CliRunner r = CliRunner.run("train", "--data", DATA, "--loss", "nested-dropout", "--prior", "bao-code",
                "--latent", "3", "--steps", "10", "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode prior = new ObjectMapper().readTree(dir.resolve("run.json").toFile()).get("config").get("prior");
        double[] expected = io.lae.loss.NestedDropoutLoss.geometricPriorAsBaoCode(3, 0.9);
        for (int b = 0; b < 3; b++) {
            assertEquals(expected[b], prior.get(b).asDouble(), 0);
        }
        CliRunner bad = CliRunner.run("train", "--data", DATA, "--loss", "nested-dropout", "--prior", "0.5,x",
                "--latent", "2", "--out", dir.resolve("bad").toString());
        assertEquals(2, bad.exitCode(), bad.err());
        assertTrue(bad.err().contains("give p1,…,pp (numbers) or bao-code"), bad.err());
    }

    @Test
    void stochasticNeedsNestedDropout() {
        CliRunner r = CliRunner.run("train", "--data", DATA, "--loss", "mse", "--stochastic", "--epochs", "1",
                "--batch", "10", "--out", dir.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--loss nested-dropout"), r.err());
    }

    @Test
    void resumeExtendsARun() throws Exception {
        assertEquals(0, CliRunner.run("train", "--data", DATA, "--latent", "2", "--steps", "50", "--out",
                dir.toString()).exitCode());
        CliRunner r = CliRunner.run("train", "--resume", dir.toString(), "--steps", "80");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode run = new ObjectMapper().readTree(dir.resolve("run.json").toFile());
        assertEquals(80, run.get("final").get("steps").asLong());
        assertEquals(80, run.get("config").get("steps").asLong());
    }

    /** A geometric decay that reached --lr-end stays there when the run is extended (it is not spread anew). */
    @Test
    void extendingARunContinuesItsScheduleAsRecorded() throws Exception {
        assertEquals(0, CliRunner.run("train", "--data", DATA, "--latent", "2", "--steps", "50", "--lr", "0.01",
                "--lr-end", "1e-4", "--out", dir.toString()).exitCode());
        assertEquals(0, CliRunner.run("train", "--resume", dir.toString(), "--steps", "80").exitCode());
        List<String> rows = Files.readAllLines(dir.resolve("metrics.csv"));
        int lr = List.of(rows.get(0).split(",")).indexOf("lr");
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",");
            if (Long.parseLong(cells[0]) >= 50) {
                assertEquals(1e-4, Double.parseDouble(cells[lr]), 0, row);
            }
        }
        JsonNode run = new ObjectMapper().readTree(dir.resolve("run.json").toFile());
        assertEquals(50, run.get("config").get("decay_steps").asLong());
    }

    @Test
    void stepsThatDoNotExtendOrDoNotApplyAreRefused() throws Exception {
        assertEquals(0, CliRunner.run("train", "--data", DATA, "--latent", "2", "--steps", "50", "--out",
                dir.toString()).exitCode());
        CliRunner shorter = CliRunner.run("train", "--resume", dir.toString(), "--steps", "50");
        assertEquals(2, shorter.exitCode(), shorter.err());
        assertTrue(shorter.err().contains("has done 50 steps, and the run asks for 50: extend it with --steps N, N > 50"),
                shorter.err());
        CliRunner both = CliRunner.run("train", "--data", DATA, "--steps", "10", "--epochs", "2", "--batch", "8",
                "--out", dir.resolve("both").toString());
        assertEquals(2, both.exitCode(), both.err());
        assertTrue(both.err().contains("--steps counts full-batch steps"), both.err());
        Path mini = dir.resolve("mini");
        assertEquals(0, CliRunner.run("train", "--data", DATA, "--latent", "2", "--epochs", "1", "--batch", "100",
                "--out", mini.toString()).exitCode());
        CliRunner extendMini = CliRunner.run("train", "--resume", mini.toString(), "--steps", "99");
        assertEquals(2, extendMini.exitCode(), extendMini.err());
        assertTrue(extendMini.err().contains("mini-batch run of 1 epochs"), extendMini.err());
    }

    /** One format at the resolution asked for: a 72 dpi PNG is the figure's size in points (800 × 500). */
    @Test
    void figureFormatAndResolutionAreOptions() throws Exception {
        CliRunner r = CliRunner.run("train", "--data", DATA, "--latent", "2", "--steps", "20", "--figure-format",
                "PNG", "--dpi", "72", "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertEquals(800, javax.imageio.ImageIO.read(dir.resolve("loss.png").toFile()).getWidth());
        assertFalse(Files.exists(dir.resolve("loss.svg")) || Files.exists(dir.resolve("loss.pdf")));
        assertEquals(0, CliRunner.run("train", "--resume", dir.toString(), "--steps", "40", "--figure-format", "svg")
                .exitCode(), "figures are output, not a setting of the run: --resume takes them");
        assertTrue(Files.exists(dir.resolve("loss.svg")));
    }

    @Test
    void resumeRefusesOtherOptions() {
        CliRunner r = CliRunner.run("train", "--resume", dir.toString(), "--lr", "0.1");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--lr"), r.err());
    }

    @Test
    void badOptionsGiveOneLineErrors() {
        String[][] cases = {
            {"--latent", "13", "--latent"},
            {"--lr", "-1", "--lr"},
            {"--rule", "magic", "unknown --rule"},
            {"--optimizer", "lbfgs", "--optimizer"},
            {"--loss", "nonuniform", "--lambdas"},
            {"--until", "speed=3", "--until"},
            {"--epochs", "3", "needs both --epochs E and --batch b"},
            {"--figure-format", "gif", "unknown figure format 'gif'; use png, svg, pdf or all"},
            {"--dpi", "10", "figure resolution 10 dpi is outside 72..1200"},
            {"--dpi", "many", "figure resolution 'many' is not a whole number"},
        };
        for (String[] c : cases) {
            CliRunner r = CliRunner.run("train", "--data", DATA, "--steps", "5", c[0], c[1], "--out", dir.toString());
            assertEquals(2, r.exitCode(), String.join(" ", c) + ": " + r.err());
            assertEquals(1, r.errLines().length, r.err());
            assertTrue(r.err().contains(c[2]), c[2] + " not in: " + r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
    }

    @Test
    void aNanRowIsNamedAndNothingIsWritten() {
        var x = org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 20, 4);
        x.putScalar(13, 1, Double.NaN);
        Path file = dir.resolve("x.npy");
        io.lae.io.Npy.write(file, x);
        Path out = dir.resolve("run");
        CliRunner r = CliRunner.run("train", "--data", file.toString(), "--latent", "2", "--out", out.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("x.npy") && r.err().contains("sample 13") && r.err().contains("NaN"), r.err());
        assertFalse(Files.exists(out), "no half-written run directory");
    }
}
