package io.lae.optim;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A first-order update rule with explicit state, in the manner of optax's
 * {@code GradientTransformation}: {@link #init} builds the state, {@link #apply} takes one step.
 * All the memory of an optimizer lives in its {@link OptimizerState}, so saving the state's step
 * and buffers and {@linkplain OptimizerState#restore restoring} them continues training
 * bit-identically.
 *
 * <p>Parameters are keyed by name (any names, e.g. {@code "encoder"}, {@code "decoder"}); each
 * keeps its data type (float32 or float64), and its buffers have that type too.
 */
public interface Optimizer {

    /** @return the name used on the command line, one of {@link Optimizers#NAMES} */
    String name();

    /**
     * Creates the state for a fresh run: step 0 and zero buffers shaped, typed and ordered like
     * the parameters, named {@code "<parameter>/<slot>"} (e.g. {@code "encoder/velocity"},
     * {@code "decoder/m"}).
     *
     * @param params the parameters to be optimized, by name
     * @return a new state at step 0
     */
    OptimizerState init(Map<String, INDArray> params);

    /**
     * Takes one step: θ ← θ − α·u(g), where u is this optimizer's update of the direction g (the
     * loss gradient). Updates the parameters and the state's buffers in place and advances
     * {@link OptimizerState#step()} by 1.
     *
     * @param params       the parameters, updated in place
     * @param directions   the gradient for each parameter, same names, shapes and data types;
     *                     consumed: their contents are unspecified afterwards
     * @param state        the state from {@link #init} or {@link OptimizerState#restore}, updated
     * @param learningRate α, positive and finite
     * @throws io.lae.LaeException if the learning rate is not positive and finite, or the state's
     *                             buffers do not match the parameters (a checkpoint of another
     *                             model or optimizer)
     */
    void apply(Map<String, INDArray> params, Map<String, INDArray> directions, OptimizerState state,
            double learningRate);
}
