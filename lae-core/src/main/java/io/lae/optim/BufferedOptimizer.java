package io.lae.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The shared shape of every optimizer here: per parameter, a fixed list of buffers (none for SGD,
 * a velocity for momentum, two moments for Adam), updated parameter by parameter.
 */
abstract class BufferedOptimizer implements Optimizer {

    private final List<String> bufferKinds;

    BufferedOptimizer(List<String> bufferKinds) {
        this.bufferKinds = bufferKinds;
    }

    @Override
    public final OptimizerState init(Map<String, INDArray> params) {
        Map<String, INDArray> buffers = new LinkedHashMap<>();
        params.forEach((name, param) -> bufferKinds.forEach(kind ->
                buffers.put(name + "/" + kind, Nd4j.zeros(param.dataType(), param.shape()))));
        return OptimizerState.restore(0, buffers);
    }

    @Override
    public final void apply(Map<String, INDArray> params, Map<String, INDArray> directions, OptimizerState state,
                            double learningRate) {
        long t = state.step() + 1;
        params.forEach((name, param) -> {
            INDArray g = directions.get(name);
            if (g == null) {
                throw new IllegalArgumentException("no direction for parameter " + name);
            }
            INDArray[] buffers = bufferKinds.stream().map(kind -> state.buffer(name, kind)).toArray(INDArray[]::new);
            update(param, g.castTo(param.dataType()), buffers, learningRate, t);
        });
        state.advance();
    }

    /**
     * @param param     θ, updated in place
     * @param g         the direction, in θ's dtype; may be overwritten
     * @param buffers   this parameter's buffers, in the order given at construction, updated in place
     * @param lr        α
     * @param t         the 1-based number of this update
     */
    abstract void update(INDArray param, INDArray g, INDArray[] buffers, double lr, long t);
}
