package io.lae.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClaimTest {

    @Test
    void boundsAreCheckedAndNaNNeverHolds() {
        assertTrue(Claim.atMost("c", "p", "d", 1e-7, 1e-6).holds());
        assertFalse(Claim.atMost("c", "p", "d", 2e-6, 1e-6).holds());
        assertFalse(Claim.atMost("c", "p", "d", Double.NaN, 1e-6).holds());
        assertTrue(Claim.atLeast("c", "p", "r", 1, 1).holds());
        assertFalse(Claim.atLeast("c", "p", "r", Double.NaN, 0).holds());
    }

    @Test
    void smallerHoldsOnlyWhenTheFirstIsSmaller() {
        Claim.Measurement sum = new Claim.Measurement("sum", 0.05);
        assertTrue(Claim.smaller("c", "p", "q", sum, new Claim.Measurement("mse", 0.3)).holds());
        assertFalse(Claim.smaller("c", "p", "q", sum, new Claim.Measurement("mse", 0.05)).holds());
        assertFalse(Claim.smaller("c", "p", "q", sum, new Claim.Measurement("mse", 0.01)).holds());
        assertFalse(Claim.smaller("c", "p", "q", sum, new Claim.Measurement("mse", Double.NaN)).holds());
        assertEquals("q: sum 0.05000, mse 0.3000 (needs the first < the second)",
                Claim.smaller("c", "p", "q", sum, new Claim.Measurement("mse", 0.3)).measured());
    }

    @Test
    void measuredTextNamesValueAndBound() {
        Claim c = Claim.atMost("c", "p", "d_align", 3.2e-4, 1e-3);
        assertEquals("d_align = 3.200e-04 (needs ≤ 0.001000)", c.measured());
        assertEquals("12.50", Claim.format(12.5));
    }

    @Test
    void aFullScaleClaimIsNotEvaluatedAtQuickScaleOnly() {
        Claim failing = Claim.atMost("c", "p", "d_align", 0.5, 1e-6);
        Claim fullOnly = failing.atFullScaleOnly();
        assertFalse(fullOnly.holds(), "still computed from the measurement");
        assertEquals(Claim.Verdict.NOT_EVALUATED, fullOnly.verdict(ExperimentScale.QUICK));
        assertEquals(Claim.Verdict.FAILS, fullOnly.verdict(ExperimentScale.FULL));
        assertEquals(Claim.Verdict.FAILS, failing.verdict(ExperimentScale.QUICK), "an everyday claim fails at any scale");
        assertEquals(Claim.Verdict.HOLDS, Claim.atMost("c", "p", "d", 0, 1).atFullScaleOnly().verdict(ExperimentScale.FULL));
        assertEquals("not evaluated at quick scale", Claim.Verdict.NOT_EVALUATED.toString());
    }

    @Test
    void theSummaryCountsWhatQuickScaleEvaluated() {
        Summary summary = new Summary();
        summary.add(Claim.atMost("a", "p", "d", 0, 1));
        summary.add(Claim.atMost("b", "p", "d", 2, 1).atFullScaleOnly());
        summary.add(Claim.atMost("c", "p", "d", 0, 1).atFullScaleOnly());
        assertEquals("1 of 1 claims evaluated at quick scale hold; 2 more need --scale full",
                summary.tally(ExperimentScale.QUICK));
        assertEquals("2 of 3 claims hold", summary.tally(ExperimentScale.FULL));
    }
}
