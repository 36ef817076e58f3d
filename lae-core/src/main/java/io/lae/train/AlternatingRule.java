package io.lae.train;

import io.lae.LaeException;
import io.lae.loss.CompositeLoss;
import io.lae.loss.Loss;
import io.lae.loss.NestedReconstruction;
import io.lae.stats.Statistics;

/**
 * {@code alternating}: per step the exact minimiser in B for fixed A, then in A for fixed B, by
 * linear solves (Oftadeh eq. 10–11, Kunin §6.1 "second order"): B ← (S∘AᵀA)⁻¹ T AᵀΣyxΣxx⁻¹,
 * A ← ΣyxBᵀT (S∘BΣxxBᵀ)⁻¹. For the penalty-free losses {@code mse}, {@code ordered} and
 * {@code nested-dropout}; no optimizer or learning rate is used.
 */
public final class AlternatingRule implements UpdateRule {

    /** The name on the command line. */
    public static final String NAME = "alternating";

    /** Its registry entry. */
    public static final RuleMethod METHOD = RuleMethod.of(NAME, "exact minimisation in B, then in A, by linear "
            + "solves, for mse, ordered and nested-dropout (Oftadeh et al. 2020, eq. 10–11)", AlternatingRule::new);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void validate(Loss loss, Statistics stats, int p) {
        reconstruction(loss);
    }

    @Override
    public boolean supportsMiniBatch() {
        return false;
    }

    @Override
    public void step(Model model, StepContext context) {
        NestedReconstruction term = reconstruction(context.loss());
        model.encoder().assign(term.optimalEncoder(model.decoder(), context.stats()));
        model.decoder().assign(term.optimalDecoder(model.encoder(), context.stats()));
    }

    private static NestedReconstruction reconstruction(Loss loss) {
        if (loss instanceof CompositeLoss composite && !composite.hasPenalty()) {
            return composite.reconstruction();
        }
        throw new LaeException("--rule alternating solves for the exact minimiser of a loss without penalty: "
                + "use --loss mse, ordered or nested-dropout (not " + loss.name() + ")");
    }
}
