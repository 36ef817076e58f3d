package io.lae.experiments;

import io.lae.loss.LossSpec;
import io.lae.loss.Scale;
import io.lae.stats.Statistics;
import io.lae.train.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Reconstructions through the first k latent units: x̂ = A I_{k;p} B x, the read-out of an ordered decoder. */
final class Reconstruction {

    private Reconstruction() {
    }

    /**
     * @param model the weights
     * @param k     how many leading units to keep
     * @param stats the data's statistics (float64)
     * @return ‖Y − A_k B_k X‖² over the whole data set, from the statistics
     */
    static double error(Model model, int k, Statistics stats) {
        INDArray a = model.decoder().castTo(DataType.DOUBLE).get(NDArrayIndex.all(), NDArrayIndex.interval(0, k));
        INDArray b = model.encoder().castTo(DataType.DOUBLE).get(NDArrayIndex.interval(0, k), NDArrayIndex.all());
        return LossSpec.named("mse").withScale(Scale.SUM).create(k).value(b.dup(), a.dup(), stats);
    }

    /**
     * @param eigenvalues λ₁ ≥ λ₂ ≥ … of Σxx
     * @param k           the rank
     * @param stats       the statistics
     * @return the smallest rank-k error, tyy − Σ_{i≤k} λᵢ (Eckart–Young)
     */
    static double optimalError(double[] eigenvalues, int k, Statistics stats) {
        double kept = 0;
        for (int i = 0; i < k; i++) {
            kept += eigenvalues[i];
        }
        return stats.tyy() - kept;
    }

    /**
     * @param model   the weights
     * @param k       how many leading units to keep
     * @param samples samples as rows (uncentred)
     * @param mean    the mean the model was trained around (length n)
     * @return mean + A_k B_k (x − mean) for each row
     */
    static INDArray images(Model model, int k, INDArray samples, INDArray mean) {
        INDArray a = model.decoder().castTo(DataType.DOUBLE).get(NDArrayIndex.all(), NDArrayIndex.interval(0, k));
        INDArray b = model.encoder().castTo(DataType.DOUBLE).get(NDArrayIndex.interval(0, k), NDArrayIndex.all());
        INDArray centred = samples.subRowVector(mean.reshape(1, -1));
        return centred.mmul(b.transpose()).mmul(a.transpose()).addRowVector(mean.reshape(1, -1));
    }
}
