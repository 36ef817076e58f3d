package io.lae.optim;

import io.lae.LaeException;
import io.lae.linalg.HostMemory;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * PyTorch {@code SGD(momentum=μ, dampening=0, nesterov=…)}, with one buffer
 * {@code "<parameter>/velocity"}:
 * <ul>
 *   <li>heavy ball ({@code "momentum"}): v ← μ v + g; θ ← θ − α v;</li>
 *   <li>Nesterov ({@code "nesterov"}): v ← μ v + g; θ ← θ − α (g + μ v).</li>
 * </ul>
 * With μ = 0 both are {@link Sgd}, bit for bit. On the CPU backend each parameter's update is one plain-Java
 * pass computing the same bits as the ND4J ops ({@link HostUpdates#momentum}).
 *
 * @param momentum μ ∈ [0, 1)
 * @param nesterov whether to step along g + μ v (Nesterov) instead of v
 */
public record Momentum(double momentum, boolean nesterov) implements Optimizer {

    private static final String VELOCITY = "velocity";

    /** @throws LaeException if μ is outside [0, 1) */
    public Momentum {
        Optimizers.MOMENTUM.check().check(momentum);
    }

    @Override
    public String name() {
        return (nesterov ? Optimizers.NESTEROV : Optimizers.MOMENTUM_SGD).name();
    }

    @Override
    public OptimizerState init(Map<String, INDArray> params) {
        return OptimizerState.zeros(params, VELOCITY);
    }

    @Override
    public void apply(Map<String, INDArray> params, Map<String, INDArray> directions, OptimizerState state,
            double learningRate) {
        Updates.validate(params, directions, state, learningRate, VELOCITY);
        params.forEach((name, param) -> {
            INDArray g = directions.get(name);
            INDArray v = state.buffer(name, VELOCITY);
            if (HostMemory.flat(param, g, v)) {
                HostUpdates.momentum(g, v, param, momentum, nesterov, learningRate);
                return;
            }
            Nd4j.exec(new Axpy(v, g, v, momentum));             // v ← μ v + g
            if (nesterov) {
                Nd4j.exec(new Axpy(v, g, g, momentum));         // g ← g + μ v
            }
            Updates.descend(param, nesterov ? g : v, learningRate);
        });
        state.advance();
    }
}
