package io.lae.train;

import io.lae.loss.LossEvaluation;
import io.lae.loss.PerSampleNestedDropout;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One step's per-sample nested dropout: the loss with the truncation each of the step's rows drew.
 *
 * @param loss        the per-sample loss
 * @param truncations b_j for the j-th row of the step's batch
 */
record PerSampleStep(PerSampleNestedDropout loss, int[] truncations) {

    /**
     * @param encoder B
     * @param decoder A
     * @param batch   the step's rows (all of them in full-batch mode)
     * @return ∇_B L and ∇_A L of this step's draws; the value is NaN
     */
    LossEvaluation gradients(INDArray encoder, INDArray decoder, MiniBatches.Batch batch) {
        return loss.evaluate(encoder, decoder, batch.x(), batch.y(), truncations, false);
    }
}
