package io.lae.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepEstimateTest {

    private static final long SECOND = 1_000_000_000L;

    private final SweepEstimate estimate = new SweepEstimate(
            List.of(Duration.ofSeconds(10), Duration.ofSeconds(100), Duration.ofSeconds(1000)));

    @Test
    void beforeTheFirstPartEverythingIsLeft() {
        assertEquals(Duration.ofSeconds(1110), estimate.remaining(0, Duration.ZERO));
    }

    @Test
    void aRunningPartLeavesItsEstimateLessItsElapsedTimePlusTheLaterParts() {
        estimate.begin(1, 5 * SECOND);
        assertEquals(Duration.ofSeconds(100 - 30 + 1000), estimate.remaining(35 * SECOND, Duration.ZERO));
    }

    @Test
    void anOverrunningPartLeavesTheRunningRunsOwnTimeLeft() {
        estimate.begin(1, 0);
        assertEquals(Duration.ofSeconds(1000), estimate.remaining(150 * SECOND, Duration.ZERO));
        assertEquals(Duration.ofSeconds(1040), estimate.remaining(150 * SECOND, Duration.ofSeconds(40)));
        assertEquals(Duration.ofSeconds(90 + 1000), estimate.remaining(10 * SECOND, Duration.ofSeconds(40)),
                "a run ending before the part's estimate does not shorten it");
    }

    @Test
    void anEndedPartLeavesOnlyTheLaterOnesHoweverEarlyItEnded() {
        estimate.begin(0, 0);
        estimate.end();
        assertEquals(Duration.ofSeconds(1100), estimate.remaining(SECOND, Duration.ZERO));
        estimate.begin(2, 2 * SECOND);
        estimate.end();
        assertEquals(Duration.ZERO, estimate.remaining(3 * SECOND, Duration.ZERO));
    }

    @Test
    void aPartOutsideTheSweepIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> estimate.begin(3, 0));
    }
}
