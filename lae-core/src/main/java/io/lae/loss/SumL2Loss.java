package io.lae.loss;

import io.lae.method.Hyperparameter;
import java.util.Arrays;
import java.util.List;

/**
 * {@code sum} (Kunin's L_σ, §2): c‖Y − ABX‖² + λ(‖A‖² + ‖B‖²) (default scale {@code sum}). At every
 * critical point B = Aᵀ (Kunin Theorem 2.1); at the minimum A = U_p (I − λΣ_p⁻²)^{1/2} Oᵀ
 * (Kunin eq. 2), so the decoder's squared singular values are 1 − λ/σ_i².
 */
public final class SumL2Loss extends CompositeLoss {

    /** The name used on the command line. */
    public static final String NAME = "sum";

    /** λ. */
    public static final Hyperparameter<Double> LAMBDA = Penalty.WEIGHT;

    /** Its registry entry. */
    public static final LossMethod METHOD = new LossMethod(NAME, "c‖Y − ABX‖² + λ(‖A‖² + ‖B‖²): the principal "
            + "subspace with B = Aᵀ at every critical point (Kunin et al. 2019, L_σ)", Scale.SUM, List.of(LAMBDA),
            (p, c, settings) -> {
                double[] uniform = new double[p];
                Arrays.fill(uniform, settings.get(LAMBDA));
                return new LossForm(NAME, LossForm.lastUnit(p), c, uniform, 0);
            },
            form -> new SumL2Loss(form.latentSize(), form.diagonalLambdas()[0], form.scale()));

    /**
     * @param p      the latent size
     * @param lambda λ ≥ 0
     * @param scale  the data-term scale c
     */
    public SumL2Loss(int p, double lambda, Scale scale) {
        super(NAME, NestedReconstruction.mse(p, scale), DiagonalPenalty.uniform(p, lambda));
    }
}
