package io.lae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lae.device.MemoryLimit;
import io.lae.experiments.Experiment;
import io.lae.experiments.Experiments;
import io.lae.experiments.Summary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code experiment all} runs every experiment at quick scale under one progress display, and each writes a
 * well-formed summary with computed claims and its figures.
 */
class ExperimentCommandTest {

    @TempDir
    static Path sweepDir;

    private static CliRunner sweep;

    @TempDir
    Path dir;

    @BeforeAll
    static void runAllAtQuickScale() {
        sweep = CliRunner.run("experiment", "all", "--scale", "quick", "--out", sweepDir.toString());
    }

    static Stream<String> ids() {
        return Experiments.ALL.stream().map(Experiment::id);
    }

    @ParameterizedTest
    @MethodSource("ids")
    void runsAtQuickScaleWithSummaryAndFigures(String id) throws IOException {
        assertEquals(0, sweep.exitCode(), sweep.err() + sweep.out());
        Path out = sweepDir.resolve(id);
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(id, summary.get("id").asText());
        assertEquals("quick", summary.get("scale").asText());
        assertTrue(summary.get("seconds").asDouble() > 0);
        assertTrue(summary.get("claims").size() >= 2, "claims: " + summary.get("claims"));
        for (JsonNode claim : summary.get("claims")) {
            for (String field : new String[] {"claim", "paper", "measured"}) {
                assertTrue(claim.get(field).isTextual() && !claim.get(field).asText().isBlank(), claim.toString());
            }
            assertTrue(claim.get("holds").isBoolean(), claim.toString());
            // quick scale checks the pipeline: a claim it evaluates must hold; the others wait for full scale
            String verdict = claim.get("verdict").asText();
            assertEquals(claim.get("needs_full_scale").asBoolean() ? "not evaluated at quick scale" : "holds", verdict,
                    claim.toString());
        }
        assertEquals(summary.get("claims").size(), summary.get("holding").asInt() + summary.get("not_evaluated").asInt());
        assertTrue(summary.get("figures").size() >= 1, "figures: " + summary.get("figures"));
        List<String> files = new ArrayList<>();
        summary.get("figures").forEach(f -> files.add(f.asText()));
        for (String file : files) {
            assertTrue(Files.size(out.resolve(file)) > 1000, file + " is missing or empty");
            if (file.endsWith(".png")) {
                String base = file.substring(0, file.length() - ".png".length());
                assertTrue(files.contains(base + ".svg") && files.contains(base + ".pdf"), "SVG and PDF of " + file);
                String svg = Files.readString(out.resolve(base + ".svg"));
                assertTrue(svg.contains("<text"), base + ".svg has its titles as text");
                assertTrue(Files.readString(out.resolve(base + ".pdf"), StandardCharsets.ISO_8859_1).startsWith("%PDF-"));
            }
        }
        assertTrue(files.stream().anyMatch(f -> f.endsWith(".png")), "figures: " + files);
        String md = Files.readString(out.resolve("summary.md"));
        assertTrue(md.contains("| claim | paper | measured | verdict |") && md.contains("Quick scale checks the pipeline"),
                md);
        assertFalse(md.contains("FAILS"), md);
        String console = sweep.out();
        int start = console.indexOf(id + ": ");
        int note = console.indexOf(Summary.QUICK_SCALE_NOTE, start);
        int firstClaim = console.indexOf(summary.get("claims").get(0).get("claim").asText(), start);
        assertTrue(start >= 0 && note > start && note < firstClaim, console);
    }

    /** Without a terminal the one progress display is a line per experiment start and end (and per minute). */
    @Test
    void allReportsEveryExperimentOnOneProgressLineAndSumsUp() {
        assertEquals(0, sweep.exitCode(), sweep.err() + sweep.out());
        List<String> ids = ids().toList();
        for (int i = 0; i < ids.size(); i++) {
            String counter = "all [" + (i + 1) + "/" + ids.size() + "] ";
            assertTrue(sweep.out().contains(counter + ids.get(i) + ": "), counter + " missing from\n" + sweep.out());
            assertTrue(sweep.out().contains(counter + ids.get(i) + " done: "), sweep.out());
        }
        assertTrue(sweep.out().contains("ETA 0 s"), "the last line leaves nothing:\n" + sweep.out());
        String closing = sweep.out().substring(sweep.out().indexOf("all experiments:"));
        ids.forEach(id -> assertTrue(closing.contains("  " + id + ": "), id + " missing from\n" + closing));
    }

    /** An experiment that fails does not stop the others; the sweep then ends with one error line and exit 2. */
    @Test
    void allGoesOnPastAFailedExperimentAndExitsWithTheCount() {
        System.setProperty(MemoryLimit.PROPERTY, "100");
        try {
            CliRunner r = CliRunner.run("experiment", "all", "--scale", "quick", "--out", dir.toString());
            assertEquals(LaeCommand.EXIT_USAGE, r.exitCode(), r.err());
            int count = Experiments.ALL.size();
            ids().forEach(id -> assertTrue(r.out().contains("  " + id + ": FAILED: not enough memory"),
                    id + " in\n" + r.out()));
            assertEquals(1, r.errLines().length, r.err());
            assertTrue(r.err().contains(count + " of " + count + " experiments failed"), r.err());
        } finally {
            System.clearProperty(MemoryLimit.PROPERTY);
        }
    }

    /** The README's main command: at full scale (about 30 s) every claim of Oftadeh's Fig. 1 must hold. */
    @Test
    void oftadehFigureOneHoldsAtFullScale() throws IOException {
        Path out = dir.resolve("full");
        CliRunner r = CliRunner.run("experiment", "oftadeh-fig1", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        for (JsonNode claim : summary.get("claims")) {
            assertTrue(claim.get("holds").asBoolean(), claim.toString());
        }
    }

    @Test
    void secondRunReadsFinishedRunsBack() {
        Path out = dir.resolve("again");
        assertEquals(0, CliRunner.run("experiment", "oftadeh-fig1", "--scale", "quick", "--out", out.toString())
                .exitCode());
        CliRunner again = CliRunner.run("experiment", "oftadeh-fig1", "--scale", "quick", "--out", out.toString());
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("already done"), again.out());
    }

    /** An experiment's directory is its own: another experiment, other options or other files are refused. */
    @Test
    void aDirectoryHoldingSomethingElseIsRefusedUnlessForced() throws IOException {
        Path out = dir.resolve("taken");
        assertEquals(0, CliRunner.run("experiment", "oftadeh-fig1", "--scale", "quick", "--out", out.toString())
                .exitCode());
        String summary = Files.readString(out.resolve("summary.json"));
        String[][] cases = {
            {"kunin-fig3-6", "--scale", "quick", "holds the experiment oftadeh-fig1"},
            {"oftadeh-fig1", "--scale", "quick", "--seed", "5", "holds oftadeh-fig1 with other options"},
        };
        for (String[] c : cases) {
            List<String> args = new java.util.ArrayList<>(List.of("experiment"));
            args.addAll(List.of(c).subList(0, c.length - 1));
            args.addAll(List.of("--out", out.toString()));
            CliRunner r = CliRunner.run(args.toArray(String[]::new));
            assertEquals(LaeCommand.EXIT_USAGE, r.exitCode(), r.err());
            assertEquals(1, r.errLines().length, r.err());
            assertTrue(r.err().contains(c[c.length - 1]) && r.err().contains("--force"), r.err());
        }
        assertEquals(summary, Files.readString(out.resolve("summary.json")), "nothing touched");
        Path foreign = Files.createDirectories(dir.resolve("foreign"));
        Files.writeString(foreign.resolve("notes.txt"), "mine");
        CliRunner r = CliRunner.run("experiment", "oftadeh-fig1", "--scale", "quick", "--out", foreign.toString());
        assertEquals(LaeCommand.EXIT_USAGE, r.exitCode(), r.err());
        assertTrue(r.err().contains("holds files that are not this experiment's runs"), r.err());
        CliRunner forced = CliRunner.run("experiment", "oftadeh-fig1", "--scale", "quick", "--seed", "5", "--force",
                "--out", out.toString());
        assertEquals(0, forced.exitCode(), forced.err());
        assertTrue(Files.exists(dir.resolve("taken.previous").resolve("summary.json")), "the old one is kept beside");
    }

    @Test
    void listNamesEveryExperiment() {
        CliRunner r = CliRunner.run("experiment", "--list");
        assertEquals(0, r.exitCode());
        ids().forEach(id -> assertTrue(r.out().contains(id), id + " missing from\n" + r.out()));
    }

    @Test
    void unknownIdIsAOneLineUsageError() {
        CliRunner r = CliRunner.run("experiment", "kunin-fig99");
        assertEquals(LaeCommand.EXIT_USAGE, r.exitCode());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().contains("kunin-fig3-6"), r.err());
    }
}
