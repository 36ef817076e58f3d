package io.lae.train;

import io.lae.LaeException;
import io.lae.loss.Loss;
import io.lae.loss.NestedDropoutLoss;
import io.lae.loss.PerSampleNestedDropout;
import java.util.SplittableRandom;

/**
 * Stochastic nested dropout as a training mode (Rippel et al.; Bao Fig. 2): b ~ p_B is drawn
 * {@link NestedDropoutDraw#PER_SAMPLE per sample} (the authors' method; the step needs the rows) or
 * {@link NestedDropoutDraw#PER_STEP once per step} (the step descends c‖Y − A I_{b;p} B X‖² over the
 * statistics). The draws of step t come from a {@link SplittableRandom} seeded with (seed, t) (it
 * mixes its seed, so consecutive steps' draws are independent): a resumed run draws the same indices.
 * Per sample, the j-th sample of step t's rows takes the j-th draw.
 */
public final class StochasticNestedDropout {

    private final double[] cumulative;
    private final Loss[] truncated;
    private final PerSampleNestedDropout perSample;
    private final long seed;

    /**
     * @param draw how b is drawn
     * @param loss the nested-dropout loss whose prior and scale apply
     * @param seed the run's seed
     * @throws LaeException unless the loss is {@code nested-dropout}
     */
    public StochasticNestedDropout(NestedDropoutDraw draw, Loss loss, long seed) {
        if (!(loss instanceof NestedDropoutLoss nested)) {
            throw new LaeException("--stochastic samples the nested-dropout index: use it with --loss nested-dropout");
        }
        double[] prior = nested.prior();
        int p = prior.length;
        this.cumulative = new double[p];
        double sum = 0;
        for (int b = 0; b < p; b++) {
            sum += prior[b];
            cumulative[b] = sum;
        }
        this.truncated = draw == NestedDropoutDraw.PER_STEP
                ? NestedDropoutLoss.truncations(p, nested.reconstruction().scale()) : null;
        this.perSample = draw == NestedDropoutDraw.PER_SAMPLE
                ? new PerSampleNestedDropout(p, nested.reconstruction().scale()) : null;
        this.seed = seed;
    }

    /** @return whether each step needs the rows (the per-sample draw) */
    public boolean needsRows() {
        return perSample != null;
    }

    /**
     * @param step t
     * @return the truncated loss of step t, its index b drawn from p_B (per-step draw only)
     */
    Loss lossAt(long step) {
        return truncated[truncationAt(step) - 1];
    }

    /**
     * @param step    t
     * @param samples m, the rows of step t
     * @return step t's per-sample loss with its m draws (per-sample draw only)
     */
    PerSampleStep perSampleAt(long step, int samples) {
        return new PerSampleStep(perSample, truncationsAt(step, samples));
    }

    /**
     * @param step t
     * @return the index b ∈ 1..p of step t (per-step draw): the step descends the nested term with w = e_b
     */
    public int truncationAt(long step) {
        return truncationsAt(step, 1)[0];
    }

    /** @return the first {@code count} draws b ∈ 1..p of step t */
    int[] truncationsAt(long step, int count) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + step);
        double total = cumulative[cumulative.length - 1];
        int[] b = new int[count];
        for (int j = 0; j < count; j++) {
            b[j] = index(random.nextDouble() * total);
        }
        return b;
    }

    /** @return the smallest b (1-based) with P(B ≤ b) > u */
    private int index(double u) {
        for (int b = 0; b < cumulative.length; b++) {
            if (u < cumulative[b]) {
                return b + 1;
            }
        }
        return cumulative.length;
    }
}
