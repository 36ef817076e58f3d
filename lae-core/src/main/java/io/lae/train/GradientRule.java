package io.lae.train;

import io.lae.loss.LossEvaluation;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@code gradient}: the plain loss gradient (∇_B L, ∇_A L). */
public final class GradientRule extends DirectionRule {

    /** The name on the command line. */
    public static final String NAME = "gradient";

    /** Its registry entry. */
    public static final RuleMethod METHOD = RuleMethod.of(NAME, "the loss's gradient (∇_B L, ∇_A L), fed to the "
            + "optimizer", GradientRule::new);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    Map<String, INDArray> directions(Model model, LossEvaluation eval, StepContext context) {
        return Map.of(Model.ENCODER, eval.gradEncoder(), Model.DECODER, eval.gradDecoder());
    }
}
