package io.lae.optim;

import io.lae.LaeException;
import io.lae.linalg.HostMemory;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adam (Kingma and Ba 2015) exactly as PyTorch {@code torch.optim.Adam} computes it, with buffers
 * {@code "<parameter>/m"} and {@code "<parameter>/v"}; t = step + 1 is 1-based:
 * <pre>
 *   m ← β₁ m + (1 − β₁) g
 *   v ← β₂ v + (1 − β₂) g²
 *   θ ← θ − α m̂ / (√v̂ + ε),   m̂ = m / (1 − β₁ᵗ),   v̂ = v / (1 − β₂ᵗ)
 * </pre>
 * ε is added to the bias-corrected √v̂, as PyTorch does; ND4J's fused {@code AdamUpdater} op, which adds
 * it to √v, is given ε√(1 − β₂ᵗ) to compute exactly that. On the CPU backend the step is one plain-Java pass
 * over each parameter that computes the same bits ({@link HostUpdates#adam}).
 *
 * @param beta1   β₁ ∈ [0, 1), decay of the first moment m
 * @param beta2   β₂ ∈ [0, 1), decay of the second moment v
 * @param epsilon ε &gt; 0, added to √v̂
 */
public record Adam(double beta1, double beta2, double epsilon) implements Optimizer {

    private static final String M = "m";
    private static final String V = "v";

    /** @throws LaeException if a β is outside [0, 1) or ε is not positive and finite */
    public Adam {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new LaeException("Adam betas must be in [0, 1), got " + LearningRates.format(beta1) + " and "
                    + LearningRates.format(beta2));
        }
        LearningRates.require(epsilon, "Adam epsilon");
    }

    /** PyTorch's defaults: β₁ = 0.9, β₂ = 0.999, ε = 1e-8. */
    public Adam() {
        this(0.9, 0.999, 1e-8);
    }

    @Override
    public String name() {
        return Optimizers.ADAM.name();
    }

    @Override
    public OptimizerState init(Map<String, INDArray> params) {
        return OptimizerState.zeros(params, M, V);
    }

    @Override
    public void apply(Map<String, INDArray> params, Map<String, INDArray> directions, OptimizerState state,
            double learningRate) {
        Updates.validate(params, directions, state, learningRate, M, V);
        long t = state.step() + 1;
        // ND4J's fused AdamUpdater computes m and v as above and u = α √(1 − β₂ᵗ)/(1 − β₁ᵗ) · m / (√v + ε'),
        // one pass instead of ten; with ε' = ε √(1 − β₂ᵗ) that is α m̂ / (√v̂ + ε), PyTorch's step.
        double epsilonPrime = epsilon * Math.sqrt(1 - Math.pow(beta2, t));
        params.forEach((name, param) -> {
            INDArray g = directions.get(name);
            INDArray m = state.buffer(name, M);
            INDArray v = state.buffer(name, V);
            if (HostMemory.flat(param, g, m, v)) {
                HostUpdates.adam(g, m, v, param, learningRate, beta1, beta2, epsilonPrime, t);
            } else {
                Nd4j.exec(new AdamUpdater(g, v, m, g, v, m, learningRate, beta1, beta2, epsilonPrime,
                        (int) Math.min(Integer.MAX_VALUE, t - 1)));              // g ← u (g is spent)
                Updates.descend(param, g, 1.0);
            }
        });
        state.advance();
    }
}
