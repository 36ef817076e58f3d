package io.lae.stats;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The sufficient statistics of a data set for every full-batch loss of lae (docs/math.md §1):
 * Σxx = XXᵀ (n'×n'), Σyx = YXᵀ (n×n'), tyy = Tr(YYᵀ) and the sample count m, where the columns
 * of X (n'×m) and Y (n×m) are the samples, after centring if it was asked for.
 *
 * <p>For an autoencoder (Y = X) {@code sigmaYX} is the same array as {@code sigmaXX}.
 *
 * @param sigmaXX     Σxx, n'×n', symmetric positive semi-definite
 * @param sigmaYX     Σyx, n×n'
 * @param tyy         Tr(YYᵀ) = ‖Y‖²
 * @param sampleCount m
 * @param meanX       the mean input (length n'), whether or not it was subtracted
 * @param meanY       the mean output (length n), whether or not it was subtracted
 * @param centered    whether the means were subtracted before forming the products
 */
public record Statistics(INDArray sigmaXX, INDArray sigmaYX, double tyy, long sampleCount,
                         INDArray meanX, INDArray meanY, boolean centered) {

    /** Checks shapes and that m is positive. */
    public Statistics {
        if (sigmaXX.rank() != 2 || sigmaXX.rows() != sigmaXX.columns()) {
            throw new IllegalArgumentException("Σxx must be square");
        }
        if (sigmaYX.rank() != 2 || sigmaYX.columns() != sigmaXX.rows()) {
            throw new IllegalArgumentException("Σyx must have n' = " + sigmaXX.rows() + " columns");
        }
        if (sampleCount <= 0) {
            throw new IllegalArgumentException("statistics need at least one sample");
        }
        if (sigmaYX != sigmaXX && java.util.Arrays.equals(sigmaYX.shape(), sigmaXX.shape())
                && sigmaYX.dataType() == sigmaXX.dataType() && sigmaYX.equalsWithEps(sigmaXX, 0.0)) {
            // an autoencoder's Σyx read back from a file or copied: the same matrix, so the same object
            // (the fused kernel and the Hebbian rules recognise an autoencoder by it)
            sigmaYX = sigmaXX;
        }
    }

    /** @return n', the input dimension */
    public int inputDim() {
        return (int) sigmaXX.rows();
    }

    /** @return n, the output dimension */
    public int outputDim() {
        return (int) sigmaYX.rows();
    }

    /** @return true when Y = X: Σyx is Σxx (equal matrices are made one object on construction) */
    public boolean isAutoencoder() {
        return sigmaYX == sigmaXX;
    }

    /** @return Σxy = Σyxᵀ (a view) */
    public INDArray sigmaXY() {
        return sigmaYX.transpose();
    }

    /** @return the dtype of the matrices */
    public DataType dataType() {
        return sigmaXX.dataType();
    }

    /**
     * @param type the dtype the training runs in
     * @return these statistics with Σxx and Σyx cast to {@code type} (this object if already so);
     *     accumulate in float64, then cast once for a float32 run
     */
    public Statistics as(DataType type) {
        if (type == dataType()) {
            return this;
        }
        INDArray xx = sigmaXX.castTo(type);
        INDArray yx = isAutoencoder() ? xx : sigmaYX.castTo(type);
        return new Statistics(xx, yx, tyy, sampleCount, meanX, meanY, centered);
    }
}
