package io.lae.optim;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A first-order optimizer as a transform with explicit state (optax style): {@link #init} makes the
 * state for a set of named parameters, {@link #apply} performs one update θ ← θ − α·u(g, state).
 */
public interface Optimizer {

    /** @return the name on the command line */
    String name();

    /**
     * @param params the parameters by name
     * @return the initial state: zero buffers shaped and typed like the parameters
     */
    OptimizerState init(Map<String, INDArray> params);

    /**
     * Updates the parameters in place and advances the state by one step.
     *
     * @param params       the parameters, updated in place
     * @param directions   the descent directions (gradients) by parameter name; may be overwritten
     * @param state        the state from {@link #init}, advanced
     * @param learningRate α
     */
    void apply(Map<String, INDArray> params, Map<String, INDArray> directions, OptimizerState state,
               double learningRate);
}
