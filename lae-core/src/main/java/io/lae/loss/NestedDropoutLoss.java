package io.lae.loss;

import io.lae.LaeException;
import io.lae.method.Hyperparameter;
import java.util.List;

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

    /** p_B(1..p); by default the geometric prior with ρ = {@link #DEFAULT_KEEP}. */
    public static final Hyperparameter<double[]> PRIOR = Hyperparameter.perUnit("prior",
            "p_B(1..p), a distribution over the nested-dropout index; default geometric with ρ = 0.9",
            p -> geometricPrior(p, DEFAULT_KEEP), p -> geometricPrior(p, DEFAULT_KEEP), LossForm::requireDistribution);

    /** Its registry entry. */
    public static final LossMethod METHOD = new LossMethod(NAME, "Σ_b p_B(b) c‖Y − A I_{b;p} B X‖², the expectation "
            + "of nested dropout over its index b: the ordered principal directions (Bao et al. 2020, eq. 6)",
            Scale.HALF_MEAN, List.of(PRIOR),
            (p, c, settings) -> new LossForm(NAME, settings.get(PRIOR), c, new double[p], 0),
            form -> new NestedDropoutLoss(form.nestedWeights(), form.scale()));

    /**
     * @param prior p_B(1..p): non-negative, summing to 1 (p is their count)
     * @param scale the data-term scale c
     * @throws LaeException if the prior is not a distribution
     */
    public NestedDropoutLoss(double[] prior, Scale scale) {
        super(NAME, new NestedReconstruction(LossForm.requireDistribution(prior), scale), null);
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
     * The geometric prior as Bao et al.'s code builds it ({@code linear_ae_nested_dropout.py}, lines
     * 22–33), rounding included: p(b) = ρ^b (1 − ρ) for b = 0..p−2, p(p−1) = 1 − Σ p(b), and unit i's
     * keep probability q_i = 1 − Σ_{b&lt;i} p(b), summed left to right in float64. Once the partial sums
     * round to 1 (from i = 333 on for ρ = 0.9), q_i is exactly 0, where the true value ρ^i is merely
     * tiny: 67 units at p = 400, 167 at p = 500 get no gradient at all. {@link #geometricPrior} sums
     * the tail instead and keeps the tiny true values.
     *
     * @param p    the latent size
     * @param keep ρ in (0, 1)
     * @return the prior whose tail sums Σ_{b≥i} p_B(b) are the code's q_i (w_b = q_b − q_{b+1}, w_p = q_p)
     */
    public static double[] geometricPriorAsBaoCode(int p, double keep) {
        double[] code = new double[p];
        double sum = 0;
        for (int b = 0; b < p - 1; b++) {
            code[b] = Math.pow(keep, b) * (1 - keep);
            sum += code[b];
        }
        code[p - 1] = 1.0 - sum;
        double[] q = new double[p];
        double partial = 0;
        for (int i = 0; i < p; i++) {
            q[i] = 1.0 - partial;
            partial += code[i];
        }
        double[] prior = new double[p];
        for (int b = 0; b < p; b++) {
            prior[b] = b + 1 < p ? q[b] - q[b + 1] : q[b];
        }
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
            losses[b - 1] = new Truncated(new NestedReconstruction(LossForm.unit(p, b), scale), shared);
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
}
