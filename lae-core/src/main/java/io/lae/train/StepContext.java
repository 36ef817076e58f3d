package io.lae.train;

import io.lae.loss.Loss;
import io.lae.loss.LossEvaluation;
import io.lae.optim.Optimizer;
import io.lae.optim.OptimizerState;
import io.lae.stats.Statistics;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What one training step needs besides the model.
 *
 * @param loss         the loss being minimised
 * @param stats        the statistics, in the model's dtype
 * @param optimizer    the optimizer that applies a direction
 * @param state        its state, advanced by the step
 * @param learningRate α for this step
 * @param batch        the step's mini-batch (all rows for a full-batch step over the rows), or null for a
 *                     full-batch step over the statistics
 * @param perSample    the step's per-sample nested-dropout draws over the batch's rows, or null
 */
public record StepContext(Loss loss, Statistics stats, Optimizer optimizer, OptimizerState state, double learningRate,
                          MiniBatches.Batch batch, PerSampleStep perSample) {

    /**
     * The gradients of the step's loss at the model, without the value: over the per-sample draws,
     * the batch, the stacked weights of an autoencoder or the statistics, whichever applies.
     *
     * @param model the weights
     * @return ∇_B L and ∇_A L
     */
    LossEvaluation lossGradients(Model model) {
        if (perSample != null) {
            return perSample.gradients(model.encoder(), model.decoder(), batch);
        }
        if (batch != null) {
            return loss.gradientsBatch(model.encoder(), model.decoder(), batch.x(), batch.y());
        }
        if (model.stacked() != null) {
            return loss.gradients(model.stacked(), stats);
        }
        return loss.gradients(model.encoder(), model.decoder(), stats);
    }

    /**
     * @param encoder B
     * @return the codes' second moment and its sample count: (BΣxxBᵀ, m) over the statistics, (ZZᵀ, b)
     *     with Z = BX over a batch
     */
    CodeMoment codeMoment(INDArray encoder) {
        if (batch == null) {
            return new CodeMoment(encoder.mmul(stats.sigmaXX()).mmul(encoder.transpose()), stats.sampleCount());
        }
        INDArray z = encoder.mmul(batch.x());
        return new CodeMoment(z.mmul(z.transpose()), batch.size());
    }

    /**
     * @param a A (n'×p for the Hebbian rules, where n = n')
     * @return Σxx A over the statistics, X(XᵀA) over a batch
     */
    INDArray inputMomentTimes(INDArray a) {
        return batch == null ? stats.sigmaXX().mmul(a) : batch.x().mmul(batch.x().transpose().mmul(a));
    }

    /** @return m over the statistics, b over a batch */
    long sampleCount() {
        return batch == null ? stats.sampleCount() : batch.size();
    }

    /**
     * @param moment YYᵀ of the codes
     * @param count  the samples it sums over
     */
    record CodeMoment(INDArray moment, long count) {
    }
}
