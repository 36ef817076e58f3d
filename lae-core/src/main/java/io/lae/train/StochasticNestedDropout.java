package io.lae.train;

import io.lae.LaeException;
import io.lae.loss.Loss;
import io.lae.loss.NestedDropoutLoss;
import java.util.SplittableRandom;

/**
 * Stochastic nested dropout as a training mode (Rippel et al.; SPEC section 2): each step samples
 * b ~ p_B and descends c‖Y − A I_{b;p} B X‖². The draw of step t comes from a {@link SplittableRandom}
 * seeded with (seed, t) (it mixes its seed, so consecutive steps' draws are independent), so a resumed
 * run draws the same indices.
 */
final class StochasticNestedDropout {

    private final double[] cumulative;
    private final Loss[] truncated;
    private final long seed;

    StochasticNestedDropout(Loss loss, long seed) {
        if (!(loss instanceof NestedDropoutLoss nested)) {
            throw new LaeException("--stochastic samples the nested-dropout index: use it with --loss nested-dropout");
        }
        double[] prior = nested.prior();
        int p = prior.length;
        this.cumulative = new double[p];
        this.truncated = NestedDropoutLoss.truncations(p, nested.reconstruction().scale());
        double sum = 0;
        for (int b = 0; b < p; b++) {
            sum += prior[b];
            cumulative[b] = sum;
        }
        this.seed = seed;
    }

    /**
     * @param step t
     * @return the loss of step t, with its index b drawn from p_B
     */
    Loss lossAt(long step) {
        double u = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + step).nextDouble() * cumulative[cumulative.length - 1];
        for (int b = 0; b < cumulative.length; b++) {
            if (u < cumulative[b]) {
                return truncated[b];
            }
        }
        return truncated[truncated.length - 1];
    }
}
