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
     * How far below zero, relative to the largest magnitude, Σ's smallest eigenvalue may be from rounding alone: a
     * covariance accumulated in float64 is positive semi-definite up to about n·2⁻⁵³ of its largest eigenvalue.
     */
    private static final double NEGATIVE_TOLERANCE = 1e-9;

    /**
     * Decomposes Σ in float64. For a regression Σ is formed as W Wᵀ with W = Σyx L⁻ᵀ, Σxx = L Lᵀ,
     * so it is symmetric by construction.
     *
     * @param stats the statistics; Σxx must be positive definite for a regression
     * @return the ground truth
     * @throws LaeException when Σ has an eigenvalue below zero beyond rounding (statistics no data has)
     */
    public static GroundTruth of(Statistics stats) {
        SymmetricEigen eigen = SymmetricEigen.of(sigma(stats));
        double[] values = eigen.valueArray();
        double largest = Math.max(Math.abs(values[0]), Math.abs(values[values.length - 1]));
        if (values[values.length - 1] < -NEGATIVE_TOLERANCE * largest) {
            throw new LaeException(String.format(java.util.Locale.ROOT, "Σ is not positive semi-definite: its smallest "
                    + "eigenvalue is %.6g and its largest %.6g, which no data's covariance has; compute the statistics "
                    + "again with lae stats", values[values.length - 1], values[0]));
        }
        return new GroundTruth(eigen);
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
