package io.lae.optim;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@code sgd}: θ ← θ − α g. */
public final class Sgd extends BufferedOptimizer {

    /** Plain gradient descent. */
    public Sgd() {
        super(List.of());
    }

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    void update(INDArray param, INDArray g, INDArray[] buffers, double lr, long t) {
        param.subi(g.muli(lr));
    }
}
