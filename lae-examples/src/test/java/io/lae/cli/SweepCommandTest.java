package io.lae.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lae.sweep.StudyFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** {@code lae sweep} from the command line: the basic study, equality with lae train, resume, one-line errors. */
class SweepCommandTest {

    private static final String BASIC = """
            data = "synthetic:diag:n=30,m=500"   # or stats = "S.npz"
            [fixed]                              # settings every run shares
            loss = "ordered"
            steps = 200
            [grid]                               # the product of these axes: here 4 runs
            latent = [2, 5]
            optimizer = ["adam", "nesterov"]
            """;

    @TempDir
    Path dir;

    @Test
    void theBasicStudyTrainsFourRunsAndSummarisesThem() throws Exception {
        Path out = dir.resolve("out");
        CliRunner r = sweep(BASIC, out);
        assertEquals(0, r.exitCode(), r.out() + r.err());
        List<String> rows = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals(5, rows.size(), String.join("\n", rows));
        assertTrue(rows.get(0).startsWith("name,latent,optimizer,status,steps,seconds,loss,"), rows.get(0));
        Set<String> names = rows.stream().skip(1).map(l -> l.split(",")[0]).collect(Collectors.toSet());
        assertEquals(Set.of("latent-2_optimizer-adam", "latent-2_optimizer-nesterov", "latent-5_optimizer-adam",
                "latent-5_optimizer-nesterov"), names);
        for (String name : names) {
            assertTrue(Files.isRegularFile(out.resolve("runs").resolve(name).resolve("run.json")), name);
        }
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(4, summary.get("runs").size());
        assertEquals("ordered", summary.get("runs").get(0).get("config").get("loss").asText());
        for (String figure : new String[] {"curves.png", "curves.svg", "curves.pdf"}) {
            assertTrue(Files.isRegularFile(out.resolve(figure)), figure);
        }
        CliRunner again = sweep(BASIC, out);
        assertEquals(0, again.exitCode(), again.out() + again.err());
        assertEquals(4, again.out().lines().filter(l -> l.contains("already done") || l.contains("read back")).count(),
                again.out());
        assertEquals(rows, Files.readAllLines(out.resolve("summary.csv")), "read back, the same table");
    }

    /**
     * Every run of a study holds the weights and metrics {@code lae train} gives the same settings, bit for bit:
     * here at n = 400, where p = 50 and 5 train with OpenBLAS on one thread, side by side, and p = 150 alone with
     * OpenBLAS's threads.
     */
    @Test
    void everyRunEqualsLaeTrainWithTheSameSettings() throws Exception {
        String data = "synthetic:diag:n=400,m=500,seed=3";
        Path out = dir.resolve("study");
        CliRunner r = sweep("""
                data = "%s"
                loss = "ordered"
                reduction = "mean"
                steps = 30
                lr = 0.001
                log-every = 10
                checkpoint-every = 20
                [grid]
                latent = [150, 50, 5]
                optimizer = ["adam", "sgd"]
                [[set]]
                when = { optimizer = "sgd" }
                lr = 1e-6
                """.formatted(data), out);
        assertEquals(0, r.exitCode(), r.out() + r.err());
        for (String[] run : new String[][] {{"150", "adam", "0.001"}, {"50", "adam", "0.001"}, {"5", "sgd", "1e-6"}}) {
            Path alone = dir.resolve("alone-" + run[0] + run[1]);
            CliRunner t = CliRunner.run("train", "--data", data, "--loss", "ordered", "--reduction", "mean", "--steps", "30",
                    "--lr", run[2],
                    "--log-every", "10", "--checkpoint-every", "20", "--latent", run[0], "--optimizer", run[1],
                    "--out", alone.toString());
            assertEquals(0, t.exitCode(), t.out() + t.err());
            Path inStudy = out.resolve("runs").resolve("latent-" + run[0] + "_optimizer-" + run[1]);
            for (String file : new String[] {"encoder.npy", "decoder.npy", "mean.npy"}) {
                assertArrayEquals(Files.readAllBytes(alone.resolve(file)), Files.readAllBytes(inStudy.resolve(file)),
                        file + " of " + inStudy);
            }
            assertEquals(withoutSeconds(alone), withoutSeconds(inStudy));
            ObjectMapper json = new ObjectMapper();
            assertEquals(json.readTree(alone.resolve("run.json").toFile()).get("config"),
                    json.readTree(inStudy.resolve("run.json").toFile()).get("config"));
        }
    }

    /** Along a stop axis a series ends at its first failure: the runs after it are skipped, other series go on. */
    @Test
    void aSeriesStopsAtItsFirstFailure() throws Exception {
        Path out = dir.resolve("out");
        CliRunner r = sweep("""
                data = "synthetic:diag:n=12,m=200"
                steps = 30
                reduction = "mean"
                lr = 0.001
                until = "d_align=1.5"
                [grid]
                latent = [2, 3, 4]
                optimizer = ["adam", "nesterov"]
                [stop]
                axis = "latent"
                [[set]]
                when = { latent = 3, optimizer = "nesterov" }
                lr = 1e6
                """, out);
        assertEquals(0, r.exitCode(), r.out() + r.err());
        JsonNode runs = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("runs");
        List<String> statuses = new java.util.ArrayList<>();
        runs.forEach(run -> statuses.add(run.get("name").asText() + " " + run.get("status").asText()));
        assertEquals(List.of("latent-2_optimizer-adam stopped", "latent-2_optimizer-nesterov stopped",
                "latent-3_optimizer-adam stopped", "latent-3_optimizer-nesterov diverged",
                "latent-4_optimizer-adam stopped", "latent-4_optimizer-nesterov skipped"), statuses);
        assertTrue(!Files.exists(out.resolve("runs").resolve("latent-4_optimizer-nesterov")), "a skipped run writes nothing");
        assertTrue(Files.isRegularFile(out.resolve("steps-to-target.png")));
    }

    /** A target no run reaches leaves the summary saying so and draws no steps-to-target figure. */
    @Test
    void aTargetNoRunReachesIsReportedNotDrawn() throws Exception {
        Path out = dir.resolve("out");
        CliRunner r = sweep("""
                data = "synthetic:diag:n=12,m=200"
                steps = 20
                until = "d_align=1e-9,longest_streak=3"
                latent = 3
                [grid]
                lr = [0.001, 0.0001]
                """, out);
        assertEquals(0, r.exitCode(), r.out() + r.err());
        JsonNode runs = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("runs");
        assertEquals(2, runs.size());
        runs.forEach(run -> assertEquals("finished", run.get("status").asText(), run.toString()));
        assertTrue(Files.isRegularFile(out.resolve("curves.png")));
        assertTrue(!Files.exists(out.resolve("steps-to-target.png")));
    }

    @Test
    void aChangedStudyIsRefusedUnlessForced() throws Exception {
        Path out = dir.resolve("out");
        String small = BASIC.replace("steps = 200", "steps = 20");
        assertEquals(0, sweep(small, out).exitCode());
        CliRunner changed = sweep(small.replace("[2, 5]", "[2, 3]"), out);
        assertEquals(2, changed.exitCode(), changed.err());
        assertEquals(1, changed.errLines().length, changed.err());
        assertTrue(changed.err().contains("another plan") && changed.err().contains("--force"), changed.err());
        Path spec = dir.resolve("changed.toml");
        Files.writeString(spec, small.replace("[2, 5]", "[2, 3]"));
        CliRunner forced = CliRunner.run("sweep", spec.toString(), "--out", out.toString(), "--force");
        assertEquals(0, forced.exitCode(), forced.out() + forced.err());
        assertTrue(Files.isDirectory(dir.resolve("out.previous").resolve("runs").resolve("latent-5_optimizer-adam")),
                "the earlier study is kept, whole");
        assertTrue(Files.isDirectory(out.resolve("runs").resolve("latent-3_optimizer-adam")));
    }

    @Test
    void badStudiesAreOneLineNamingTheKey() throws Exception {
        String[][] cases = {
                {BASIC.replace("steps = 200", "stepz = 200"), "stepz"},
                {BASIC.replace("latent = [2, 5]", "latent = [2, 0]"), "--latent"},
                {BASIC.replace("latent = [2, 5]", "latent = []"), "latent"},
                {BASIC.replace("latent = [2, 5]\noptimizer = [\"adam\", \"nesterov\"]", ""), "[grid]"},
                {BASIC.replace("\"adam\"", "\"adamw\""), "adamw"},
                {BASIC.replace("steps = 200", "steps = 2.5"), "steps"},
                {BASIC + "[stop]\naxis = \"latent\"\n", "until"},
                {BASIC.replace("steps = 200", "steps = [1, 2]"), "steps"},
        };
        for (String[] c : cases) {
            CliRunner r = sweep(c[0], dir.resolve("bad"));
            assertEquals(2, r.exitCode(), c[1] + ": " + r.err());
            assertEquals(1, r.errLines().length, r.err());
            assertTrue(r.err().contains(c[1]), c[1] + ": " + r.err());
            assertTrue(!Files.exists(dir.resolve("bad")), "nothing is written before the study is valid");
        }
    }

    /** A study's keys are lae train's options without dashes, less those lae sweep has itself. */
    @Test
    void theKeysAreLaeTrainsOptions() {
        Set<String> options = new TreeSet<>();
        for (OptionSpec o : new CommandLine(new TrainCommand()).getCommandSpec().options()) {
            options.add(o.longestName().replaceFirst("^-+", ""));
        }
        options.removeAll(Set.of("help", "version", "out", "force", "resume", "figure-format", "dpi"));
        assertEquals(options, new TreeSet<>(StudyFile.keys()));
    }

    private CliRunner sweep(String study, Path out) throws Exception {
        Path spec = dir.resolve("study.toml");
        Files.writeString(spec, study);
        return CliRunner.run("sweep", spec.toString(), "--out", out.toString(), "--figure-format", "all");
    }

    /** @return metrics.csv without its seconds column */
    private static List<String> withoutSeconds(Path run) throws Exception {
        return Files.readAllLines(run.resolve("metrics.csv")).stream()
                .map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }
}
