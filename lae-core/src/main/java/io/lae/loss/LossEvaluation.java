package io.lae.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A loss value with its gradients, computed together so shared products are formed once.
 *
 * @param value        L(B, A)
 * @param gradEncoder  ∇_B L, p×n'
 * @param gradDecoder  ∇_A L, n×p
 */
public record LossEvaluation(double value, INDArray gradEncoder, INDArray gradDecoder) {
}
