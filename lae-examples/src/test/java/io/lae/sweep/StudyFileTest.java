package io.lae.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.LaeException;
import io.lae.loss.NestedDropoutLoss;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading a study file: the runs it plans, their names, overrides and series, and its refusals. */
class StudyFileTest {

    private static final String MODELS = """
            data = "synthetic:diag:n=20,m=100"
            steps = 50
            until = "d_align=0.3"
            [grid]
            latent = [2, 5, 10]
            optimizer = ["nesterov", "adam"]
            [stop]
            axis = "latent"
            [[runs]]
            name = "rag"
            loss = "mse"
            rule = "rag"
            [[runs]]
            loss = "nested-dropout"
            prior = "bao-code"
            [[set]]
            when = { run = "rag", optimizer = "adam", latent = [5, 10] }
            lr = 3e-4
            [[set]]
            when = { optimizer = "nesterov" }
            momentum = 0.95
            """;

    @Test
    void listedCombinationsAreCrossedWithTheGridAndOverriddenWhereTheyMatch() {
        Study study = StudyFile.parse(MODELS, "models.toml");
        assertEquals(List.of(Study.RUN_AXIS, "latent", "optimizer"), study.axes());
        assertEquals(12, study.runs().size());
        PlannedRun first = study.runs().getFirst();
        assertEquals("rag_latent-2_optimizer-nesterov", first.name());
        assertEquals(Map.of("run", "rag", "latent", "2", "optimizer", "nesterov"), first.settings());
        assertEquals("loss-nested-dropout_prior-bao-code_latent-10_optimizer-adam", study.runs().getLast().name(),
                "a combination without a name is named by its settings");
        assertEquals(0.95, first.config().momentum());
        assertEquals(0.02, study.run("rag_latent-2_optimizer-adam").config().lr(), "the default rate where no override");
        assertEquals(3e-4, study.run("rag_latent-5_optimizer-adam").config().lr());
        assertEquals(3e-4, study.run("rag_latent-10_optimizer-adam").config().lr());
        assertEquals(0.02, study.run("loss-nested-dropout_prior-bao-code_latent-5_optimizer-adam").config().lr());
        assertArrayEquals(NestedDropoutLoss.geometricPriorAsBaoCode(5, NestedDropoutLoss.DEFAULT_KEEP),
                study.run("loss-nested-dropout_prior-bao-code_latent-5_optimizer-adam").config().prior(),
                "bao-code is the authors' prior at each run's latent size");
    }

    @Test
    void aSeriesRunsAlongTheStopAxis() {
        List<List<PlannedRun>> series = StudyFile.parse(MODELS, "models.toml").series();
        assertEquals(4, series.size(), "two combinations × two optimizers");
        for (List<PlannedRun> s : series) {
            assertEquals(List.of(2, 5, 10), s.stream().map(r -> r.config().latent()).toList());
            assertEquals(1, s.stream().map(r -> r.config().optimizer() + r.settings().get("run")).distinct().count());
        }
        Study grid = StudyFile.parse(MODELS.replace("[stop]\naxis = \"latent\"\n", ""), "models.toml");
        assertNull(grid.stopAxis());
        assertEquals(12, grid.series().size(), "without a stop axis every run is a series of its own");
    }

    @Test
    void numbersReadAsTheyAreWritten() {
        Study study = StudyFile.parse("""
                [grid]
                lr = [1e-4, 0.003, 2, 2.5]
                """, "rates.toml");
        assertEquals(List.of("lr-1e-4", "lr-0.003", "lr-2", "lr-2.5"), study.runs().stream().map(PlannedRun::name)
                .toList());
        assertEquals(1e-4, study.runs().getFirst().config().lr());
    }

    @Test
    void refusalsNameTheKey() {
        String[][] cases = {
                {MODELS.replace("lr = 3e-4", "lr = 3e-4\nlatent = 3"), "latent"},
                {MODELS + "[[set]]\nwhen = { optimizer = \"sgd\" }\nlr = 1\n", "matches no run"},
                {MODELS + "[[set]]\nlr = 1\n", "when"},
                {MODELS.replace("axis = \"latent\"", "axis = \"seed\""), "seed"},
                {MODELS.replace("name = \"rag\"", "name = \"rag\"\nout = \"x\""), "out"},
                {"stats = \"s.csv\"\n", "stats"},
                {"latent = [2, 3]\n", "[grid]"},
                {"[grid]\nlambdas = [0.1, 0.2]\n", "lambdas"},
                {"[grid]\nlatent = [2, 2]\n", "twice"},
                {"latent = 2\n[fixed]\nlatent = 3\n", "twice"},
                {"[summary]\nmetric = \"speed\"\n", "metric"},
                {"steps = \n", "TOML"},
        };
        for (String[] c : cases) {
            LaeException e = assertThrows(LaeException.class, () -> StudyFile.parse(c[0], "s.toml"), c[1]);
            assertTrue(e.getMessage().startsWith("s.toml: ") && e.getMessage().contains(c[1]), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
    }
}
