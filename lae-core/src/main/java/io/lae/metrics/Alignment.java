package io.lae.metrics;

import io.lae.platform.LapackCheck;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bao et al.'s distances of a decoder W₂ = A (n×p) to the ordered, axis-aligned PCA solution
 * (Definition 7.1) and to the principal subspace (Definition 7.2), with k = p and U restricted to
 * its first p columns.
 */
public final class Alignment {

    private Alignment() {
    }

    /**
     * Distance to the axis-aligned solution (Bao Def. 7.1):
     * d_align = 1 − (1/k) Σ_{i=1..k} max_j (U_iᵀ A_j)² / (‖U_i‖² ‖A_j‖²), k = p.
     * Squared cosine, best decoder column per eigenvector, no one-to-one matching (as in the
     * authors' code); equivalently 1 − mean_i max_j ACS_ij². Computed in float64.
     *
     * @param decoder     A, n×p
     * @param groundTruth U, n×k (k ≥ p), true principal directions in descending eigenvalue order
     * @return d_align in [0, 1]; 0 when every one of the first p directions is a decoder column up to scale
     * @throws IllegalArgumentException if the row counts differ or U has fewer than p columns
     */
    public static double dAlign(INDArray decoder, INDArray groundTruth) {
        INDArray best = AbsoluteCosineSimilarity.matrix(groundTruth, decoder).max(1);
        return 1 - Matrices.squaredNorm(best) / best.length();
    }

    /**
     * Distance to the optimal subspace (Bao Def. 7.2): d_sub = 1 − (1/k) Tr(U Uᵀ U_W U_Wᵀ), k = p,
     * U_W the k left singular vectors of the decoder. Computed without n×n matrices as
     * 1 − ‖Uᵀ Q‖_F² / k, where Q (n×k) is the orthonormal factor of a Householder QR of the decoder
     * (LAPACK geqrf): U_W = Q·U_R for the left singular vectors U_R of the k×k factor R, and the
     * orthogonal U_R does not change the norm (the n×k thin SVD, never the n×n one). Computed in float64.
     *
     * @param decoder     A, n×p with p ≤ n (the subspace is only defined when A has full column rank)
     * @param groundTruth U, n×k (k ≥ p), true principal directions in descending eigenvalue order
     * @return d_sub in [0, 1]; 0 when the decoder spans the top-p principal subspace
     * @throws IllegalArgumentException if the row counts differ, U has fewer than p columns, or p &gt; n
     */
    public static double dSub(INDArray decoder, INDArray groundTruth) {
        INDArray a = Matrices.float64("decoder", decoder);
        INDArray u = Matrices.leadingDirections(groundTruth, a);
        if (a.columns() > a.rows()) {
            throw new IllegalArgumentException("decoder " + Matrices.shape(a)
                    + " has more columns than rows: it has no " + a.columns() + " left singular vectors");
        }
        // clamped: rounding can put a spanned subspace a few ulps below 0
        return Math.max(0, 1 - Matrices.squaredNorm(u.transpose().mmul(orthonormalColumnBasis(a))) / a.columns());
    }

    /** @return Q (n×p, f-order) of the thin QR decomposition A = QR, computed on a copy of {@code a} */
    private static INDArray orthonormalColumnBasis(INDArray a) {
        LapackCheck.verify();
        INDArray q = a.dup('f');
        INDArray r = Nd4j.create(DataType.DOUBLE, new long[] {a.columns(), a.columns()}, 'f');
        Nd4j.getBlasWrapper().lapack().geqrf(q, r);
        return q;
    }
}
