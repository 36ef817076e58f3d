package io.lae.train;

import io.lae.loss.LossEvaluation;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code tied}: one parameter A with B = Aᵀ (Kunin §6.1); the direction is the gradient of
 * L(Aᵀ, A), i.e. ∇_A L + (∇_B L)ᵀ.
 */
public final class TiedRule extends DirectionRule {

    /** The name on the command line. */
    public static final String NAME = "tied";

    /** Its registry entry. */
    public static final RuleMethod METHOD = RuleMethod.of(NAME, "one matrix A with B = Aᵀ, stepped along "
            + "∇_A L + (∇_B L)ᵀ (Kunin et al. 2019, §6.1)", TiedRule::new);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean tiesWeights() {
        return true;
    }

    @Override
    Map<String, INDArray> directions(Model model, LossEvaluation eval, StepContext context) {
        return Map.of(Model.DECODER, eval.gradDecoder().addi(eval.gradEncoder().transpose()));
    }
}
