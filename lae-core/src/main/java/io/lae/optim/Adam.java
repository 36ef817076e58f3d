package io.lae.optim;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code adam} (Kingma and Ba; PyTorch's form): m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g²,
 * θ ← θ − α m̂ / (√v̂ + ε) with m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ), t the 1-based step.
 */
public final class Adam extends BufferedOptimizer {

    private final double beta1;
    private final double beta2;
    private final double epsilon;

    /** β₁ = 0.9, β₂ = 0.999, ε = 1e-8. */
    public Adam() {
        this(0.9, 0.999, 1e-8);
    }

    /**
     * @param beta1   β₁ in [0, 1)
     * @param beta2   β₂ in [0, 1)
     * @param epsilon ε &gt; 0
     */
    public Adam(double beta1, double beta2, double epsilon) {
        super(List.of("m", "v"));
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1 && epsilon > 0)) {
            throw new IllegalArgumentException("Adam needs β₁, β₂ in [0, 1) and ε > 0");
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    public String name() {
        return "adam";
    }

    @Override
    void update(INDArray param, INDArray g, INDArray[] buffers, double lr, long t) {
        INDArray m = buffers[0];
        INDArray v = buffers[1];
        m.muli(beta1).addi(g.mul(1 - beta1));
        v.muli(beta2).addi(g.muli(g).muli(1 - beta2));
        double mHatScale = 1 / (1 - Math.pow(beta1, t));
        double vHatScale = 1 / (1 - Math.pow(beta2, t));
        // g's storage is reused for the denominator √v̂ + ε
        INDArray denominator = Transforms.sqrt(g.assign(v).muli(vHatScale), false).addi(epsilon);
        param.subi(m.div(denominator).muli(lr * mHatScale));
    }
}
