package io.lae.train;

import io.lae.LaeException;
import io.lae.loss.Loss;
import io.lae.loss.NestedDropoutLoss;
import io.lae.loss.PerSampleNestedDropout;

/**
 * Stochastic nested dropout as a training mode (Rippel et al.; Bao Fig. 2): b ~ p_B is drawn
 * {@link NestedDropoutDraw#PER_SAMPLE per sample} (the authors' method; the step needs the rows) or
 * {@link NestedDropoutDraw#PER_STEP once per step} (the step descends c‖Y − A I_{b;p} B X‖² over the
 * statistics). The draws are {@link TruncationDraws}' (a resumed run draws the same indices); per sample, the
 * j-th sample of step t's rows takes the j-th draw.
 */
public final class StochasticNestedDropout {

    private final TruncationDraws draws;
    private final Loss[] truncated;
    private final PerSampleNestedDropout perSample;

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
        int p = nested.prior().length;
        this.draws = new TruncationDraws(nested.prior(), seed);
        this.truncated = draw == NestedDropoutDraw.PER_STEP
                ? NestedDropoutLoss.truncations(p, nested.reconstruction().scale()) : null;
        this.perSample = draw == NestedDropoutDraw.PER_SAMPLE
                ? new PerSampleNestedDropout(p, nested.reconstruction().scale()) : null;
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

    /** @return the draws of b, step by step (another engine's per-sample steps draw these) */
    public TruncationDraws draws() {
        return draws;
    }

    /** @return the first {@code count} draws b ∈ 1..p of step t (per sample: one for each of the step's rows) */
    int[] truncationsAt(long step, int count) {
        return draws.at(step, count);
    }
}
