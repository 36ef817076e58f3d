package io.lae.loss;

import io.lae.method.Hyperparameter;
import java.util.List;

/**
 * {@code product} (Kunin's L_π, §2): c‖Y − ABX‖² + λ‖AB‖² (default scale {@code sum}).
 * Its minima shrink the principal subspace like ridge regression but keep the GL_p symmetry.
 */
public final class ProductL2Loss extends CompositeLoss {

    /** The name used on the command line. */
    public static final String NAME = "product";

    /** λ. */
    public static final Hyperparameter<Double> LAMBDA = Penalty.WEIGHT;

    /** Its registry entry. */
    public static final LossMethod METHOD = new LossMethod(NAME, "c‖Y − ABX‖² + λ‖AB‖²: ridge-like shrinkage of the "
            + "principal subspace (Kunin et al. 2019, L_π)", Scale.SUM, List.of(LAMBDA),
            (p, c, settings) -> new LossForm(NAME, LossForm.lastUnit(p), c, new double[p], settings.get(LAMBDA)),
            form -> new ProductL2Loss(form.latentSize(), form.productLambda(), form.scale()));

    /**
     * @param p      the latent size
     * @param lambda λ ≥ 0
     * @param scale  the data-term scale c
     */
    public ProductL2Loss(int p, double lambda, Scale scale) {
        super(NAME, NestedReconstruction.mse(p, scale), new ProductPenalty(lambda));
    }
}
