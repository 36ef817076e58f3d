package io.lae.optim;

import io.lae.LaeException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Everything an {@link Optimizer} remembers between steps: the number of updates applied and its
 * named buffers ({@code "encoder/velocity"}, {@code "decoder/m"}, {@code "decoder/v"}, …).
 * Checkpoint {@link #step()} and {@link #buffers()}; {@link #restore} them to continue
 * bit-identically. The buffers are updated in place by {@link Optimizer#apply}.
 */
public final class OptimizerState {

    private long step;
    private final Map<String, INDArray> buffers;

    private OptimizerState(long step, Map<String, INDArray> buffers) {
        this.step = step;
        this.buffers = Collections.unmodifiableMap(buffers);
    }

    /**
     * A state at step 0 with one zero buffer per parameter and slot, named
     * {@code "<parameter>/<slot>"}, shaped, typed and ordered like the parameter.
     */
    public static OptimizerState zeros(Map<String, INDArray> params, String... slots) {
        Map<String, INDArray> buffers = new LinkedHashMap<>();
        params.forEach((name, param) -> {
            for (String slot : slots) {
                buffers.put(bufferName(name, slot), Nd4j.create(param.dataType(), param.shape(), param.ordering()));
            }
        });
        return new OptimizerState(0, buffers);
    }

    /**
     * Rebuilds a state from a checkpoint. The arrays are used as they are (not copied) and are
     * updated in place by later steps: pass copies if the originals must stay unchanged. Whether
     * they fit the model is checked by the next {@link Optimizer#apply}.
     *
     * @param step    the number of updates applied before the checkpoint, ≥ 0
     * @param buffers the buffers as returned by {@link #buffers()}
     * @return the restored state
     * @throws LaeException if the step is negative
     */
    public static OptimizerState restore(long step, Map<String, INDArray> buffers) {
        if (step < 0) {
            throw new LaeException("the checkpoint's optimizer step is " + step + ": it must be at least 0");
        }
        return new OptimizerState(step, new LinkedHashMap<>(buffers));
    }

    /** @return the number of updates applied so far (0 for a fresh state) */
    public long step() {
        return step;
    }

    /** @return the buffers by name, in parameter order; the map is unmodifiable, the arrays are live */
    public Map<String, INDArray> buffers() {
        return buffers;
    }

    /** @return a deep copy: same step, duplicated buffers (same order in memory) */
    public OptimizerState copy() {
        Map<String, INDArray> copies = new LinkedHashMap<>();
        buffers.forEach((name, buffer) -> copies.put(name, buffer.dup(buffer.ordering())));
        return new OptimizerState(step, copies);
    }

    /** The buffer of a parameter's slot; present once {@link Updates#validate} has passed. */
    public INDArray buffer(String param, String slot) {
        return buffers.get(bufferName(param, slot));
    }

    /** Counts one more applied update. */
    public void advance() {
        step++;
    }

    /**
     * @param param the parameter's name ({@code encoder}, {@code decoder})
     * @param slot  the optimizer's buffer ({@code m}, {@code v}, {@code velocity})
     * @return the buffer's name in the state and in checkpoints, {@code param/slot}
     */
    public static String bufferName(String param, String slot) {
        return param + "/" + slot;
    }
}
