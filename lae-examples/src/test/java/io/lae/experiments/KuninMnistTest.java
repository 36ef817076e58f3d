package io.lae.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** The Fig. 7 claim on hand-made numbers: the median 1 − |cos| of sum is below those of mse and product. */
class KuninMnistTest {

    private static final double[] TWO_PAIRS_MIXED = {0.001, 0.002, 0.01, 0.4, 0.4, 0.03, 0.04, 0.3, 0.3};
    private static final double[] RANDOM = {0.6, 0.2, 0.9, 0.01, 0.5, 0.7, 0.3, 0.8, 0.4};

    private static Map<String, double[]> losses(double[] mse, double[] product, double[] sum) {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("mse", mse);
        m.put("product", product);
        m.put("sum", sum);
        return m;
    }

    @Test
    void mismatchIsOneMinusAbsCosPerColumn() {
        double c = Math.cos(0.3);
        double s = Math.sin(0.3);
        var u = Nd4j.createFromArray(new double[][] {{1, 0}, {0, 1}, {0, 0}});
        var v = Nd4j.createFromArray(new double[][] {{-1, 0}, {0, c}, {0, s}});
        assertArrayEquals(new double[] {0, 1 - c}, KuninMnist.mismatch(u, v), 1e-12);
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(0.04, KuninMnist.median(TWO_PAIRS_MIXED), 0);
        assertEquals(2.5, KuninMnist.median(new double[] {4, 1, 3, 2}), 0);
    }

    @Test
    void holdsWhenSumsMedianIsBelowBothOthers() {
        Claim c = KuninMnist.alignmentClaim(losses(RANDOM, RANDOM, TWO_PAIRS_MIXED));
        assertTrue(c.holds(), c.measured());
        assertTrue(c.measured().contains("sum 0.04000, smaller of mse, product 0.5000"), c.measured());
        assertTrue(c.measured().contains("sum [0.001000, 0.002000, 0.01000, 0.4000, 0.4000"), c.measured());
    }

    @Test
    void comparesMediansNotWorstDirections() {
        double[] oneBad = {0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.99};
        assertTrue(KuninMnist.alignmentClaim(losses(RANDOM, RANDOM, oneBad)).holds());
    }

    @Test
    void failsWhenProductIsAsCloseAsSum() {
        double[] product = {0.04, 0.9, 0.02, 0.03, 0.8, 0.01, 0.7, 0.6, 0.005};
        assertEquals(0.04, KuninMnist.median(product), 0);
        assertFalse(KuninMnist.alignmentClaim(losses(RANDOM, product, TWO_PAIRS_MIXED)).holds());
    }

    @Test
    void failsWhenMseIsCloser() {
        assertFalse(KuninMnist.alignmentClaim(losses(TWO_PAIRS_MIXED, RANDOM, RANDOM)).holds());
    }
}
