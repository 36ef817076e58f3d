package io.lae.train;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Everything needed to continue a run exactly: weights, optimizer state and position. Random
 * draws are derived from (seed, step), so no generator state needs saving.
 *
 * @param step             steps done
 * @param seconds          training time so far
 * @param encoder          B
 * @param decoder          A
 * @param optimizerStep    the optimizer's own step count
 * @param optimizerBuffers the optimizer's buffers by name
 */
public record Checkpoint(long step, double seconds, INDArray encoder, INDArray decoder, long optimizerStep,
                         Map<String, INDArray> optimizerBuffers) {
}
