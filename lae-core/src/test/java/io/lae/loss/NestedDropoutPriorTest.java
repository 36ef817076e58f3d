package io.lae.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The keep probabilities q_i = P(B ≥ i) that the deterministic nested-dropout loss weights unit i by:
 * lae's geometric prior keeps the true ρ^i, the prior as Bao et al.'s code rounds it cancels to 0.
 */
class NestedDropoutPriorTest {

    private static double[] keep(double[] prior) {
        return new NestedReconstruction(prior, Scale.MEAN).tailWeights();
    }

    private static long zeros(double[] q) {
        return Arrays.stream(q).filter(v -> v == 0).count();
    }

    @Test
    void laesGeometricPriorKeepsTheTrueTinyProbabilities() {
        double[] q = keep(NestedDropoutLoss.geometricPrior(500, 0.9));
        for (int i = 0; i < 500; i++) {
            assertEquals(Math.pow(0.9, i), q[i], 1e-12 * Math.pow(0.9, i), "q_" + i);
        }
    }

    /** The counts of the analysis and a value of the authors' Python expression, cum_probs[299] at k = 300. */
    @Test
    void theCodesPriorCancelsToZeroFromUnit333On() {
        double[] q400 = keep(NestedDropoutLoss.geometricPriorAsBaoCode(400, 0.9));
        double[] q500 = keep(NestedDropoutLoss.geometricPriorAsBaoCode(500, 0.9));
        assertEquals(67, zeros(q400));
        assertEquals(167, zeros(q500));
        assertTrue(q400[332] > 0 && q400[333] == 0, q400[332] + ", " + q400[333]);
        double[] q300 = keep(NestedDropoutLoss.geometricPriorAsBaoCode(300, 0.9));
        assertEquals(0, zeros(q300));
        assertEquals(2.0317081350640365e-14, q300[299], 1e-12 * q300[299]);
        assertEquals(1, q300[0], 1e-15);
        assertTrue(Math.abs(q300[299] / Math.pow(0.9, 299) - 1) > 1e-3, "the code's rounding shows at i = 299");
    }
}
