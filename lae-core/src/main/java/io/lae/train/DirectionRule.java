package io.lae.train;

import io.lae.loss.LossEvaluation;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A rule that turns the loss gradient into a search direction per parameter and hands it to the
 * optimizer, as the authors' code does (e.g. RAG then SGD with Nesterov momentum, or Adam).
 */
abstract class DirectionRule implements UpdateRule {

    @Override
    public final void step(Model model, StepContext context) {
        LossEvaluation eval = context.lossGradients(model);
        Map<String, INDArray> directions = directions(model, eval, context);
        context.optimizer().apply(model.parameters(), directions, context.state(), context.learningRate());
    }

    /**
     * @param model   the weights
     * @param eval    the loss value and gradients at them
     * @param context the step's context
     * @return one direction per entry of {@link Model#parameters()} (descent: θ ← θ − α·direction)
     */
    abstract Map<String, INDArray> directions(Model model, LossEvaluation eval, StepContext context);
}
