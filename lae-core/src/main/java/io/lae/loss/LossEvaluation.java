package io.lae.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A loss value with its gradients, computed together so shared products are formed once.
 *
 * @param value        L(B, A)
 * @param gradEncoder  ∇_B L, p×n'
 * @param gradDecoder  ∇_A L, n×p
 * @param codeMoment   BΣxxBᵀ (p×p) when the evaluation formed it on the way, else null
 */
public record LossEvaluation(double value, INDArray gradEncoder, INDArray gradDecoder, INDArray codeMoment) {

    /**
     * @param value       L(B, A)
     * @param gradEncoder ∇_B L
     * @param gradDecoder ∇_A L
     */
    public LossEvaluation(double value, INDArray gradEncoder, INDArray gradDecoder) {
        this(value, gradEncoder, gradDecoder, null);
    }
}
