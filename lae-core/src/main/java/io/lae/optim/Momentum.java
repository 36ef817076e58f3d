package io.lae.optim;

import io.lae.LaeException;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code momentum} and {@code nesterov}, as PyTorch's SGD with momentum μ and no dampening:
 * v ← μv + g, then θ ← θ − α v (heavy ball) or θ ← θ − α(g + μv) (Nesterov).
 */
public final class Momentum extends BufferedOptimizer {

    private final double mu;
    private final boolean nesterov;

    /**
     * @param mu       μ in [0, 1)
     * @param nesterov whether to use Nesterov's look-ahead form
     */
    public Momentum(double mu, boolean nesterov) {
        super(List.of("velocity"));
        if (!(mu >= 0 && mu < 1)) {
            throw new LaeException("--momentum must be in [0, 1), got " + mu);
        }
        this.mu = mu;
        this.nesterov = nesterov;
    }

    @Override
    public String name() {
        return nesterov ? "nesterov" : "momentum";
    }

    @Override
    void update(INDArray param, INDArray g, INDArray[] buffers, double lr, long t) {
        INDArray v = buffers[0];
        v.muli(mu).addi(g);
        if (nesterov) {
            param.subi(g.addi(v.mul(mu)).muli(lr));
        } else {
            param.subi(v.mul(lr));
        }
    }
}
