package io.lae.fit;

import io.lae.closedform.GroundTruth;
import io.lae.stats.Statistics;
import io.lae.train.Model;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a PCA user reads off a fitted model, as scikit-learn's {@code PCA} gives it: each component's explained
 * variance and its share of the total, and the spread of each code, which whitening divides by. With uᵢ the unit
 * i-th decoder column, bᵢ the i-th encoder row, Σ the covariance the components are of (Σxx for an autoencoder,
 * Σyx Σxx⁻¹ Σxy for a regression: docs/math.md §1) and d = m − 1 for centred statistics (the sample variance, as
 * scikit-learn divides), m for uncentred ones (second moments):
 *
 * @param explainedVariance      uᵢᵀ Σ uᵢ / d; NaN for a regression with more than {@link #MAX_REGRESSION_INPUTS}
 *                               inputs, where Σ is not formed
 * @param explainedVarianceRatio uᵢᵀ Σ uᵢ / Tr(YYᵀ): the share of the targets' total variance (the data's, for an
 *                               autoencoder); at the ordered optimum, λᵢ / Σ λ as scikit-learn's ratio
 * @param codeStd                √(bᵢᵀ Σxx bᵢ / d): the standard deviation of code i over the training rows
 */
public record Components(double[] explainedVariance, double[] explainedVarianceRatio, double[] codeStd) {

    /** Above this n', a regression's Σ (a Cholesky solve, O(n'³)) is not formed for the explained variance. */
    public static final int MAX_REGRESSION_INPUTS = 4096;

    /**
     * @param model the fitted weights
     * @param stats the statistics they were fitted to
     * @return their components' variances
     */
    public static Components of(Model model, Statistics stats) {
        INDArray a = model.decoder().castTo(DataType.DOUBLE);
        INDArray b = model.encoder().castTo(DataType.DOUBLE);
        int p = (int) a.columns();
        double dof = stats.centered() ? Math.max(1, stats.sampleCount() - 1) : stats.sampleCount();
        INDArray units = a.divRowVector(a.norm2(0).reshape(1, p).addi(Double.MIN_NORMAL));
        double[] variance = new double[p];
        double[] ratio = new double[p];
        if (stats.isAutoencoder() || stats.inputDim() <= MAX_REGRESSION_INPUTS) {
            INDArray sigma = GroundTruth.sigma(stats).castTo(DataType.DOUBLE);
            double[] quadratic = sigma.mmul(units).muli(units).sum(0).toDoubleVector();
            for (int i = 0; i < p; i++) {
                variance[i] = quadratic[i] / dof;
                ratio[i] = quadratic[i] / stats.tyy();
            }
        } else {
            Arrays.fill(variance, Double.NaN);
            Arrays.fill(ratio, Double.NaN);
        }
        INDArray sxx = stats.sigmaXX().castTo(DataType.DOUBLE);
        double[] codeVariance = b.mmul(sxx).muli(b).sum(1).toDoubleVector();
        double[] codeStd = Arrays.stream(codeVariance).map(v -> Math.sqrt(Math.max(0, v) / dof)).toArray();
        return new Components(variance, ratio, codeStd);
    }
}
