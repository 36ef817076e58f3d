package io.lae.loss;

/**
 * {@code sum} (Kunin's L_σ, §2): c‖Y − ABX‖² + λ(‖A‖² + ‖B‖²) (default scale {@code sum}). At every
 * critical point B = Aᵀ (Kunin Theorem 2.1); at the minimum A = U_p (I − λΣ_p⁻²)^{1/2} Oᵀ
 * (Kunin eq. 2), so the decoder's squared singular values are 1 − λ/σ_i².
 */
public final class SumL2Loss extends CompositeLoss {

    /** The name used on the command line. */
    public static final String NAME = "sum";

    /**
     * @param p      the latent size
     * @param lambda λ ≥ 0
     * @param scale  the data-term scale c
     */
    public SumL2Loss(int p, double lambda, Scale scale) {
        super(NAME, NestedReconstruction.mse(p, scale), DiagonalPenalty.uniform(p, lambda));
    }
}
