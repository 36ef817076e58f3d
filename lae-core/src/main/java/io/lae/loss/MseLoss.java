package io.lae.loss;

/**
 * {@code mse}: c‖Y − ABX‖² (default scale {@code sum}). Its minima are every (A G⁻¹, G B) with A
 * spanning the top-p principal subspace (Baldi–Hornik): the subspace, not the directions.
 */
public final class MseLoss extends CompositeLoss {

    /** The name used on the command line. */
    public static final String NAME = "mse";

    /**
     * @param p     the latent size
     * @param scale the data-term scale c
     */
    public MseLoss(int p, Scale scale) {
        super(NAME, NestedReconstruction.mse(p, scale), null);
    }
}
