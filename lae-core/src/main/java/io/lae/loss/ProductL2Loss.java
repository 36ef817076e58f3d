package io.lae.loss;

/**
 * {@code product} (Kunin's L_π, §2): c‖Y − ABX‖² + λ‖AB‖² (default scale {@code sum}).
 * Its minima shrink the principal subspace like ridge regression but keep the GL_p symmetry.
 */
public final class ProductL2Loss extends CompositeLoss {

    /** The name used on the command line. */
    public static final String NAME = "product";

    /**
     * @param p      the latent size
     * @param lambda λ ≥ 0
     * @param scale  the data-term scale c
     */
    public ProductL2Loss(int p, double lambda, Scale scale) {
        super(NAME, NestedReconstruction.mse(p, scale), new ProductPenalty(lambda));
    }
}
