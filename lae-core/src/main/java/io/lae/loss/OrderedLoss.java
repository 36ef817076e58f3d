package io.lae.loss;

import java.util.List;

/**
 * {@code ordered} (Oftadeh eq. 1): c Σ_{i=1..p} ‖Y − A I_{i;p} B X‖², the sum of p nested MSEs
 * (default scale {@code sum}). Its minimum is unique up to column signs: A's columns are the
 * ordered principal directions, with L* = c(p·tyy − Σ_i (p−i+1)λ_i) (Oftadeh eq. 5).
 */
public final class OrderedLoss extends CompositeLoss {

    /** The name used on the command line. */
    public static final String NAME = "ordered";

    /** Its registry entry. */
    public static final LossMethod METHOD = new LossMethod(NAME, "c Σ_i ‖Y − A I_{i;p} B X‖², the sum of the p nested "
            + "reconstruction errors: the ordered principal directions (Oftadeh et al. 2020, eq. 1)", Scale.SUM,
            List.of(), (p, c, settings) -> new LossForm(NAME, LossForm.allUnits(p), c, new double[p], 0),
            form -> new OrderedLoss(form.latentSize(), form.scale()));

    /**
     * @param p     the latent size
     * @param scale the data-term scale c
     */
    public OrderedLoss(int p, Scale scale) {
        super(NAME, NestedReconstruction.ordered(p, scale), null);
    }
}
