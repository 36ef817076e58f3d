package io.lae.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Kunin et al.'s distance from the transpose-symmetric solution, ‖W₁ − W₂ᵀ‖² (Fig. 3), which
 * the sum-regularised LAE drives to 0 (Transpose Theorem).
 */
public final class TransposeGap {

    private TransposeGap() {
    }

    /**
     * The squared Frobenius distance ‖B − Aᵀ‖_F² (Kunin Fig. 3, ‖W₁ − W₂ᵀ‖²), computed in float64.
     *
     * @param encoder B (Kunin W₁), p×n
     * @param decoder A (Kunin W₂), n×p
     * @return Σ_ij (B_ij − A_ji)² ≥ 0; 0 exactly when B = Aᵀ
     * @throws IllegalArgumentException if the encoder's shape is not the decoder's transposed
     */
    public static double of(INDArray encoder, INDArray decoder) {
        INDArray b = Matrices.float64("encoder", encoder);
        INDArray a = Matrices.float64("decoder", decoder);
        if (b.rows() != a.columns() || b.columns() != a.rows()) {
            throw new IllegalArgumentException("encoder " + Matrices.shape(b) + " must have the transposed shape of decoder "
                    + Matrices.shape(a) + ", i.e. [" + a.columns() + ", " + a.rows() + "]");
        }
        return Matrices.squaredNorm(b.sub(a.transpose()));
    }
}
