package io.lae.metrics;

import io.lae.platform.LapackCheck;
import java.util.Optional;
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
        return dAlign(AbsoluteCosineSimilarity.matrix(groundTruth, decoder));
    }

    /**
     * @param acs the decoder's p×p ACS matrix ({@link AbsoluteCosineSimilarity#matrix}), rows the true directions
     * @return d_align = 1 − mean_i max_j ACS_ij², as {@link #dAlign(INDArray, INDArray)}
     */
    public static double dAlign(INDArray acs) {
        INDArray best = acs.max(1);
        return 1 - Matrices.squaredNorm(best) / best.length();
    }

    /**
     * Distance to the optimal subspace (Bao Def. 7.2): d_sub = 1 − (1/k) Tr(U Uᵀ U_W U_Wᵀ), k = p,
     * U_W the k left singular vectors of the decoder. Computed without n×n matrices as 1 − ‖Uᵀ Q‖_F² / k for any
     * orthonormal basis Q of the decoder's columns (U_W = Q·O for an orthogonal O, which does not change the norm):
     * with the columns scaled to unit length (Â, the same span), Gram matrix G = ÂᵀÂ = RᵀR (Cholesky) and
     * Q = ÂR⁻¹, ‖Uᵀ Q‖_F² = ‖R⁻ᵀ ÂᵀU‖_F². The two n×k products ÂᵀÂ and ÂᵀU are GEMMs; the Cholesky factor and the
     * triangular solve, k³/6 and k³/2 multiply-adds, run in plain Java along contiguous rows. Q is the
     * orthonormal factor of a Householder QR of the decoder (LAPACK geqrf) instead when a column lies within about
     * 0.6° of the span of those before it (a Cholesky pivot below 10⁻⁴), where the Gram matrix loses digits.
     * Computed in float64.
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
        INDArray unit = a.dup('f');
        unit.diviRowVector(unit.norm2(0));
        double captured = cholesky(Matrices.rows(Nd4j.gemm(unit, unit, true, false)))
                .map(r -> squaredNorm(solveTransposed(r, Matrices.rows(Nd4j.gemm(unit, u, true, false)))))
                .orElseGet(() -> Matrices.squaredNorm(u.transpose().mmul(orthonormalColumnBasis(a))));
        // clamped: rounding can put a spanned subspace a few ulps below 0
        return Math.max(0, 1 - captured / a.columns());
    }

    /** The smallest Cholesky pivot of a unit-column Gram matrix taken as well conditioned: sin² of 0.57°. */
    private static final double SMALLEST_PIVOT = 1e-4;

    /**
     * The upper Cholesky factor, row by row: R_ii r_i = g_i − Σ_{k<i} R_ki r_k on the columns from i on.
     *
     * @param g G, symmetric, rows as arrays (overwritten)
     * @return G with R (RᵀR = G) in its upper triangle, or empty when a pivot is below {@link #SMALLEST_PIVOT} or
     *         not finite
     */
    private static Optional<double[][]> cholesky(double[][] g) {
        for (int i = 0; i < g.length; i++) {
            double[] ri = g[i];
            subtractEarlierRows(ri, i, g, g, i);
            double pivot = ri[i];
            if (!(pivot >= SMALLEST_PIVOT) || Double.isInfinite(pivot)) {
                return Optional.empty();
            }
            divide(ri, i, Math.sqrt(pivot));
        }
        return Optional.of(g);
    }

    /**
     * @param r R in the upper triangle
     * @param c C, rows as arrays (overwritten)
     * @return X with RᵀX = C, by forward substitution: R_ii x_i = c_i − Σ_{k<i} R_ki x_k
     */
    private static double[][] solveTransposed(double[][] r, double[][] c) {
        for (int i = 0; i < c.length; i++) {
            subtractEarlierRows(c[i], 0, r, c, i);
            divide(c[i], 0, r[i][i]);
        }
        return c;
    }

    /**
     * target[from..] −= Σ_{k<i} R_ki rows[k][from..], four rows at a time (one pass over the target for four of
     * them, every array read along its contiguous row).
     */
    private static void subtractEarlierRows(double[] target, int from, double[][] r, double[][] rows, int i) {
        int k = 0;
        for (; k + 4 <= i; k += 4) {
            double f0 = r[k][i];
            double f1 = r[k + 1][i];
            double f2 = r[k + 2][i];
            double f3 = r[k + 3][i];
            double[] x0 = rows[k];
            double[] x1 = rows[k + 1];
            double[] x2 = rows[k + 2];
            double[] x3 = rows[k + 3];
            for (int col = from; col < target.length; col++) {
                target[col] -= f0 * x0[col] + f1 * x1[col] + f2 * x2[col] + f3 * x3[col];
            }
        }
        for (; k < i; k++) {
            double f = r[k][i];
            double[] x = rows[k];
            for (int col = from; col < target.length; col++) {
                target[col] -= f * x[col];
            }
        }
    }

    private static void divide(double[] row, int from, double d) {
        for (int col = from; col < row.length; col++) {
            row[col] /= d;
        }
    }

    private static double squaredNorm(double[][] x) {
        double sum = 0;
        for (double[] row : x) {
            for (double v : row) {
                sum += v * v;
            }
        }
        return sum;
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
