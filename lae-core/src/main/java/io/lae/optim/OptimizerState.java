package io.lae.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An optimizer's explicit state: the number of updates applied so far and named buffers such as
 * {@code "decoder/m"}. Everything a checkpoint needs to continue the optimizer exactly.
 */
public final class OptimizerState {

    private final Map<String, INDArray> buffers;
    private long step;

    private OptimizerState(long step, Map<String, INDArray> buffers) {
        this.step = step;
        this.buffers = buffers;
    }

    /**
     * @param step    updates applied so far
     * @param buffers the buffers by name (taken as they are, not copied)
     * @return the state, e.g. read back from a checkpoint
     */
    public static OptimizerState restore(long step, Map<String, INDArray> buffers) {
        return new OptimizerState(step, new LinkedHashMap<>(buffers));
    }

    /** @return updates applied so far */
    public long step() {
        return step;
    }

    /** @return the buffers by name (unmodifiable view; the arrays are live) */
    public Map<String, INDArray> buffers() {
        return Collections.unmodifiableMap(buffers);
    }

    /** @return a deep copy */
    public OptimizerState copy() {
        Map<String, INDArray> copies = new LinkedHashMap<>();
        buffers.forEach((name, buffer) -> copies.put(name, buffer.dup()));
        return new OptimizerState(step, copies);
    }

    /**
     * @param parameter a parameter name
     * @param kind      the buffer kind, e.g. "m"
     * @return the buffer {@code parameter/kind}
     */
    INDArray buffer(String parameter, String kind) {
        INDArray b = buffers.get(parameter + "/" + kind);
        if (b == null) {
            throw new IllegalStateException("optimizer state has no buffer " + parameter + "/" + kind
                    + ": it was made for other parameters");
        }
        return b;
    }

    /** Counts one applied update. */
    void advance() {
        step++;
    }
}
