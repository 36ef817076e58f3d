package io.lae.train;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Everything needed to continue a run exactly: parameters, optimizer state and position. Random
 * draws are derived from (seed, step), so no generator state needs saving.
 *
 * @param step             steps done
 * @param seconds          training time so far
 * @param parameters       the parameters by name: {@code encoder} B and {@code decoder} A for an
 *                         autoencoder ({@link Model#parameters()}), more for the linear VAE
 * @param optimizerStep    the optimizer's own step count
 * @param optimizerBuffers the optimizer's buffers by name
 */
public record Checkpoint(long step, double seconds, Map<String, INDArray> parameters, long optimizerStep,
                         Map<String, INDArray> optimizerBuffers) {

    /** @return B, or null when the checkpoint holds a tied model (A only) */
    public INDArray encoder() {
        return parameters.get(Model.ENCODER);
    }

    /** @return A */
    public INDArray decoder() {
        return parameters.get(Model.DECODER);
    }
}
