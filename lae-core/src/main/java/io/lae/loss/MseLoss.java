package io.lae.loss;

import java.util.List;

/**
 * {@code mse}: c‖Y − ABX‖² (default scale {@code sum}). Its minima are every (A G⁻¹, G B) with A
 * spanning the top-p principal subspace (Baldi–Hornik): the subspace, not the directions.
 */
public final class MseLoss extends CompositeLoss {

    /** The name used on the command line. */
    public static final String NAME = "mse";

    /** Its registry entry. */
    public static final LossMethod METHOD = new LossMethod(NAME, "c‖Y − ABX‖², the reconstruction error: finds the "
            + "principal subspace, not the directions (Baldi–Hornik)", Scale.SUM, List.of(),
            (p, c, settings) -> new LossForm(NAME, LossForm.lastUnit(p), c, new double[p], 0),
            form -> new MseLoss(form.latentSize(), form.scale()));

    /**
     * @param p     the latent size
     * @param scale the data-term scale c
     */
    public MseLoss(int p, Scale scale) {
        super(NAME, NestedReconstruction.mse(p, scale), null);
    }
}
