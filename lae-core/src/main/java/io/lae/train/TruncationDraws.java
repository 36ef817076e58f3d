package io.lae.train;

import java.util.SplittableRandom;

/**
 * The nested-dropout indices b ~ p_B of each step, in plain Java so that every engine (and a reference) draws
 * the same ones: step t's draws come from a {@link SplittableRandom} seeded with (seed, t) (it mixes its seed, so
 * consecutive steps' draws are independent), each the smallest b with P(B ≤ b) > u for u uniform on
 * [0, P(B ≤ p)). Any step's draws are known without replaying the run, so resuming needs no generator state.
 */
public final class TruncationDraws {

    private final double[] cumulative;
    private final long seed;

    /**
     * @param prior p_B(1..p)
     * @param seed  the run's seed
     */
    public TruncationDraws(double[] prior, long seed) {
        this.cumulative = new double[prior.length];
        double sum = 0;
        for (int b = 0; b < prior.length; b++) {
            sum += prior[b];
            cumulative[b] = sum;
        }
        this.seed = seed;
    }

    /** @return p, the largest index */
    public int latent() {
        return cumulative.length;
    }

    /**
     * @param step  t
     * @param count how many
     * @return the first {@code count} draws b ∈ 1..p of step t (per sample: the j-th row of the step takes the j-th)
     */
    public int[] at(long step, int count) {
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
