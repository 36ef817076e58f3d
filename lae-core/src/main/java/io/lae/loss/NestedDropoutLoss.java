package io.lae.loss;

import io.lae.LaeException;
import java.util.Arrays;

/**
 * {@code nested-dropout}, deterministic (Bao eq. 6): Σ_{b=1..p} p_B(b) · c‖Y − A I_{b;p} B X‖², the
 * expectation over the nested-dropout index b (default scale {@code half-mean}, Bao's 1/(2n)).
 * It is the nested family with weights w_b = p_B(b).
 */
public final class NestedDropoutLoss extends CompositeLoss {

    /** The name used on the command line. */
    public static final String NAME = "nested-dropout";

    /** Keep probability ρ of the default geometric prior (Bao's code: unit i kept w.p. 0.9^i). */
    public static final double DEFAULT_KEEP = 0.9;

    /**
     * @param prior p_B(1..p): non-negative, summing to 1 (p is their count)
     * @param scale the data-term scale c
     * @throws LaeException if the prior is not a distribution
     */
    public NestedDropoutLoss(double[] prior, Scale scale) {
        super(NAME, new NestedReconstruction(checked(prior), scale), null);
    }

    /**
     * The truncated geometric prior p_B(b) = (1−ρ)ρ^{b−1} for b < p and p_B(p) = ρ^{p−1}, so that
     * unit i (1-based) is kept with probability P(b ≥ i) = ρ^{i−1}.
     *
     * @param p    the latent size
     * @param keep ρ in (0, 1]
     * @return the prior
     */
    public static double[] geometricPrior(int p, double keep) {
        double[] prior = new double[p];
        for (int b = 0; b < p - 1; b++) {
            prior[b] = (1 - keep) * Math.pow(keep, b);
        }
        prior[p - 1] = Math.pow(keep, p - 1);
        return prior;
    }

    /**
     * The losses of stochastic nested-dropout steps (Rippel et al.; Bao Fig. 2): for each index
     * b = 1..p, c‖Y − A I_{b;p} B X‖², i.e. the nested term with w = e_b (units after b get no gradient).
     * A step uses one of them, so they share the fused kernel's arrays.
     *
     * @param p     the latent size
     * @param scale the data-term scale
     * @return the p truncated losses, index b − 1 for b
     */
    public static Loss[] truncations(int p, Scale scale) {
        StackedBuffers shared = new StackedBuffers();
        Loss[] losses = new Loss[p];
        for (int b = 1; b <= p; b++) {
            double[] w = new double[p];
            w[b - 1] = 1;
            losses[b - 1] = new Truncated(new NestedReconstruction(w, scale), shared);
        }
        return losses;
    }

    /** The one-index loss of a stochastic step. */
    private static final class Truncated extends CompositeLoss {
        Truncated(NestedReconstruction term, StackedBuffers buffers) {
            super(NAME, term, null, buffers);
        }
    }

    /** @return p_B(1..p) */
    public double[] prior() {
        return reconstruction().weights();
    }

    private static double[] checked(double[] prior) {
        double sum = Arrays.stream(prior).sum();
        if (Arrays.stream(prior).anyMatch(v -> !(v >= 0)) || Math.abs(sum - 1) > 1e-9) {
            throw new LaeException("--prior must be a distribution over b = 1.." + prior.length
                    + " (non-negative, summing to 1); it sums to " + sum);
        }
        return prior;
    }
}
