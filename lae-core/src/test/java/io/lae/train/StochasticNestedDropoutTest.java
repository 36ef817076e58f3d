package io.lae.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.lae.loss.CompositeLoss;
import io.lae.loss.Loss;
import io.lae.loss.LossSpec;
import io.lae.loss.NestedDropoutLoss;
import io.lae.loss.NestedReconstruction;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Stochastic nested dropout's draws, per step and per sample: they follow the prior p_B and depend on (seed, step) alone. */
class StochasticNestedDropoutTest {

    static final int P = 3;

    @Test
    void stochasticNestedDropoutDrawsIndicesFromThePrior() {
        Loss loss = LossSpec.named("nested-dropout").create(P);
        StochasticNestedDropout sampler = new StochasticNestedDropout(NestedDropoutDraw.PER_STEP, loss, 5);
        double[] prior = ((NestedDropoutLoss) loss).prior();
        int[] counts = new int[P];
        int draws = 30000;
        for (long t = 0; t < draws; t++) {
            NestedReconstruction term = ((CompositeLoss) sampler.lossAt(t)).reconstruction();
            double[] w = term.weights();
            for (int b = 0; b < P; b++) {
                counts[b] += (int) w[b];
            }
        }
        for (int b = 0; b < P; b++) {
            assertEquals(prior[b], counts[b] / (double) draws, 0.01, "p_B(" + (b + 1) + ")");
        }
        for (long t = 0; t < 50; t++) {
            assertArrayEquals(
                    ((CompositeLoss) sampler.lossAt(t)).reconstruction().weights(),
                    ((CompositeLoss) new StochasticNestedDropout(NestedDropoutDraw.PER_STEP, loss, 5).lossAt(t)).reconstruction().weights(),
                    "same seed and step, same draw");
        }
    }

    @Test
    void perSampleDrawsFollowThePriorAndDependOnlyOnSeedAndStep() {
        Loss loss = LossSpec.named("nested-dropout").create(P);
        double[] prior = ((NestedDropoutLoss) loss).prior();
        StochasticNestedDropout sampler = new StochasticNestedDropout(NestedDropoutDraw.PER_SAMPLE, loss, 5);
        int draws = 30000;
        int[] counts = new int[P];
        for (int b : sampler.truncationsAt(17, draws)) {
            counts[b - 1]++;
        }
        for (int b = 0; b < P; b++) {
            assertEquals(prior[b], counts[b] / (double) draws, 0.01, "p_B(" + (b + 1) + ")");
        }
        assertArrayEquals(sampler.truncationsAt(17, 500),
                new StochasticNestedDropout(NestedDropoutDraw.PER_SAMPLE, loss, 5).truncationsAt(17, 500));
        assertFalse(Arrays.equals(sampler.truncationsAt(17, 500), sampler.truncationsAt(18, 500)),
                "each step draws anew");
    }
}
