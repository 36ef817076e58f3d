package io.lae.closedform;

import io.lae.LaeException;
import io.lae.linalg.CholeskySolver;
import io.lae.linalg.SymmetricEigen;
import io.lae.stats.Statistics;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The eigenpairs (λ_i, u_i) of Σ = Σyx Σxx⁻¹ Σxy (docs/math.md §1; Σ = Σxx for an autoencoder),
 * λ₁ ≥ … ≥ λₙ, with the sign convention of {@link SymmetricEigen}: the principal directions every
 * metric and theorem is measured against.
 *
 * @param eigen the sorted decomposition of Σ
 */
public record GroundTruth(SymmetricEigen eigen) {

    /**
     * Decomposes Σ in float64. For a regression Σ is formed as W Wᵀ with W = Σyx L⁻ᵀ, Σxx = L Lᵀ,
     * so it is symmetric by construction.
     *
     * @param stats the statistics; Σxx must be positive definite for a regression
     * @return the ground truth
     */
    public static GroundTruth of(Statistics stats) {
        return new GroundTruth(SymmetricEigen.of(sigma(stats)));
    }

    /**
     * @param stats the statistics
     * @return Σ = Σyx Σxx⁻¹ Σxy in float64 (Σxx itself for an autoencoder)
     */
    public static INDArray sigma(Statistics stats) {
        INDArray sxx = stats.sigmaXX().castTo(DataType.DOUBLE);
        if (stats.isAutoencoder()) {
            return sxx;
        }
        CholeskySolver cholesky;
        try {
            cholesky = CholeskySolver.factor(sxx);
        } catch (IllegalArgumentException e) {
            throw new LaeException("the inputs' Σxx is not positive definite (" + e.getMessage() + "): a regression's "
                    + "ground truth Σyx Σxx⁻¹ Σxy needs inputs without constant or linearly dependent features; drop "
                    + "those columns", e);
        }
        INDArray whitened = cholesky.solveLower(stats.sigmaXY().castTo(DataType.DOUBLE));
        return whitened.transpose().mmul(whitened);
    }

    /** @return λ₁ ≥ λ₂ ≥ … as a Java array */
    public double[] eigenvalues() {
        return eigen.valueArray();
    }

    /**
     * @param p how many
     * @return U_p, the first p principal directions as columns (n×p, float64)
     */
    public INDArray directions(int p) {
        return eigen.leading(p);
    }
}
