package io.lae.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.train.MetricsRow;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The line form of the one progress display of {@code lae experiment all}, on a hand-driven clock. */
class SweepProgressTest {

    private static final long SECOND = 1_000_000_000L;

    private final StringWriter text = new StringWriter();
    private long now;
    private final SweepProgress sweep = new SweepProgress("all", List.of("first", "second"),
            List.of(Duration.ofMinutes(12), Duration.ofHours(3)), new PrintWriter(text), false, () -> now);

    private List<String> lines() {
        return text.toString().lines().toList();
    }

    @Test
    void aLineAtEachPartBoundaryWithTheEstimateLeft() {
        sweep.begin(0);
        now = 4 * 60 * SECOND;
        sweep.end();
        sweep.begin(1);
        assertEquals(List.of(
                "all [1/2] first: 0%, 0 s elapsed, ETA 3.2 h",
                "all [1/2] first done: 2%, 4 min elapsed, ETA 3.0 h",
                "all [2/2] second: 2%, 4 min elapsed, ETA 3.0 h"), lines());
    }

    @Test
    void runsReportTheirStepAndMetricsAtMostOnceAMinute() {
        sweep.begin(0);
        try (RunProgress run = sweep.forRun("first/ordered")) {
            run.started(0, 1000);
            now = 30 * SECOND;
            run.logged(new MetricsRow(100, 2.5, 0, 0.25, 0, 0, 0.5, 0, 0, 0, 1e-3, 30));
            run.stepped(100);
            assertEquals(1, lines().size(), "no line before a minute has passed: " + lines());
            now = 60 * SECOND;
            run.stepped(200);
        }
        assertEquals(2, lines().size(), lines().toString());
        String line = lines().get(1);
        assertTrue(line.startsWith("all [1/2] first/ordered step 200/1000 loss 2.500 TP 0.25 d_align 0.500: "), line);
        // the part's estimate (12 min − 1 min) outlasts the run's own 4 min left: 11 min + 3 h
        assertTrue(line.endsWith(": 1%, 60 s elapsed, ETA 3.2 h"), line);
    }

    @Test
    void aRunOutlastingItsPartsEstimateKeepsTheEtaUp() {
        sweep.begin(0);
        try (RunProgress run = sweep.forRun("first/mse")) {
            run.started(0, 100);
            now = 20 * 60 * SECOND;
            run.stepped(50);
        }
        // 20 min in, past the part's 12 min, the run needs 20 min more: 20 min + 3 h left, not 3 h
        assertTrue(lines().get(1).endsWith("20 min elapsed, ETA 3.3 h"), lines().toString());
    }

    @Test
    void labelsAndEstimatesMustPairUp() {
        assertThrows(IllegalArgumentException.class, () -> new SweepProgress("all", List.of("a"),
                List.of(Duration.ZERO, Duration.ZERO), new PrintWriter(text), false, () -> 0));
    }
}
