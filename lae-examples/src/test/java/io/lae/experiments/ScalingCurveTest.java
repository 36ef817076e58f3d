package io.lae.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Bao Fig. 4's statements on hand-made sweeps (the paper's own readings where they apply). */
class ScalingCurveTest {

    private static ScalingCurve curve(long... epochsAtK) {
        int[] ks = {2, 5, 10, 20, 50, 100, 200, 300, 400, 500};
        Map<Integer, Long> byK = new LinkedHashMap<>();
        for (int i = 0; i < epochsAtK.length; i++) {
            byK.put(ks[i], epochsAtK[i]);
        }
        return ScalingCurve.of(byK);
    }

    @Test
    void lastSuccessIsTheKBeforeTheFirstFailure() {
        ScalingCurve c = curve(100, 750, 5300, 10200, 39400, -1);
        assertEquals(Optional.of(50), c.lastSuccess());
        assertEquals(Optional.of(100), c.firstFailure());
        assertEquals(Optional.empty(), curve(-1).lastSuccess());
        assertEquals(Optional.empty(), curve(100, 200).firstFailure());
    }

    @Test
    void aModelWithoutAPointMustFailAtItsFirstK() {
        // Fig. 4's linear VAE with Nesterov: no marker (its one cross, at k = 2, is Adam's)
        assertTrue(curve(-1).failsBeyond("linear VAE (nesterov)", 0, 500).holds());
        assertFalse(curve(1960, -1).failsBeyond("linear VAE (nesterov)", 0, 500).holds(), "reached it at k = 2");
        assertFalse(curve().failsBeyond("linear VAE (nesterov)", 0, 500).holds(), "nothing run");
        assertTrue(curve(1960, -1).failsBeyond("linear VAE (adam)", 2, 500).holds());
    }

    @Test
    void failsBeyondHoldsOnlyAtTheFiguresCross() {
        ScalingCurve c = curve(100, 750, 5300, 10200, 39400, -1);
        assertTrue(c.failsBeyond("non-uniform", 50, 500).holds());
        assertFalse(c.failsBeyond("non-uniform", 100, 500).holds(), "fails one k early");
        assertFalse(c.failsBeyond("non-uniform", 20, 500).holds(), "fails one k late");
        assertFalse(curve(100, 750, 5300).failsBeyond("unfinished", 10, 500).holds(), "no failure seen yet");
        assertTrue(curve(100, 750).failsBeyond("quick", 50, 5).holds(), "a cross beyond the sweep: every k reached");
        assertFalse(curve(100, -1).failsBeyond("quick", 50, 5).holds());
        assertTrue(curve(850, 3100, 3400, 3700, 4000, 7000, 12000, 15500, 18000, 16500)
                .failsBeyond("RAG", Integer.MAX_VALUE, 500).holds());
    }

    @Test
    void ragIsFasterFromKOnWhereTheOthersAreSlowerOrHaveFailed() {
        // the paper's Fig. 4 (Nesterov), read off the figure
        ScalingCurve rag = curve(850, 3100, 3400, 3700, 4000, 7000, 12000, 15500, 18000, 16500);
        Map<String, ScalingCurve> others = Map.of("non-uniform", curve(120, 800, 3000, 11000, 32000, -1),
                "deterministic", curve(100, 560, 3500, 3060, 24000, -1));
        Claim from50 = rag.fasterFrom(50, others, "");
        assertTrue(from50.holds(), from50.measured());
        assertFalse(rag.fasterFrom(20, others, "").holds(), "deterministic nested dropout is ahead at k = 20");
        assertFalse(rag.fasterFrom(1000, others, "").holds(), "nothing compared");
        assertFalse(curve(850, 3100, 3400, 3700, -1).fasterFrom(50, others, "").holds(), "RAG itself failed");
    }

    @Test
    void ragGrowsSlowerWhenItsRatioOverTheOthersRangeIsSmaller() {
        ScalingCurve rag = curve(850, 3100, 3400, 3700, 4000, 7000);
        Claim paper = rag.growsSlowerThan(Map.of("non-uniform", curve(120, 800, 3000, 11000, 32000, -1)), "");
        assertTrue(paper.holds(), paper.measured());
        assertFalse(rag.growsSlowerThan(Map.of("flat", curve(100, 120, 130, 140, 150, -1)), "").holds());
        assertFalse(rag.growsSlowerThan(Map.of("failed at once", curve(-1)), "").holds());
    }
}
