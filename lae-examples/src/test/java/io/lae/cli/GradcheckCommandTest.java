package io.lae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code lae gradcheck} prints its table and signals disagreement through its exit code. */
class GradcheckCommandTest {

    @Test
    void passesAndPrintsEveryShape() {
        CliRunner r = CliRunner.run("gradcheck", "--loss", "ordered");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("all passed"), r.out());
        assertEquals(io.lae.check.GradientCheck.STANDARD_SHAPES.size(),
                r.out().lines().filter(l -> l.startsWith("ordered ")).count(), r.out());
    }

    @Test
    void exitsOneWhenAToleranceCannotBeMet() {
        CliRunner r = CliRunner.run("gradcheck", "--loss", "mse", "--tolerance", "1e-300");
        assertEquals(1, r.exitCode(), r.out());
        assertTrue(r.out().contains("FAILED"), r.out());
    }
}
