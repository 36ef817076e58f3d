package io.lae.optim;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Plain gradient descent, PyTorch {@code SGD} without momentum: θ ← θ − α g. No buffers. */
public record Sgd() implements Optimizer {

    @Override
    public String name() {
        return Optimizers.SGD.name();
    }

    @Override
    public OptimizerState init(Map<String, INDArray> params) {
        return OptimizerState.zeros(params);
    }

    @Override
    public void apply(Map<String, INDArray> params, Map<String, INDArray> directions, OptimizerState state,
            double learningRate) {
        Updates.validate(params, directions, state, learningRate);
        params.forEach((name, param) -> Updates.descend(param, directions.get(name), learningRate));
        state.advance();
    }
}
