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
     * with the columns scaled to unit length (Â, the same span), Gram matrix G = ÂᵀÂ = LLᵀ (Cholesky) and Q = ÂL⁻ᵀ,
     * ‖Uᵀ Q‖_F² = ‖L⁻¹ ÂᵀU‖_F² — two n×k products and k×k work, in plain Java (ND4J's LAPACK QR took about ten
     * times as long at n = 784 and k ≤ 50, and 1.5–3 times as long at n = 1000 and k = 128 or 300). Q is the
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
        double[][] unit = columns(a);
        double[] norms = new double[unit.length];
        for (int j = 0; j < unit.length; j++) {
            norms[j] = Math.sqrt(dot(unit[j], unit[j]));
            for (int r = 0; r < unit[j].length; r++) {
                unit[j][r] /= norms[j];
            }
        }
        double[][] gram = new double[unit.length][unit.length];
        for (int i = 0; i < unit.length; i++) {
            for (int j = 0; j <= i; j++) {
                gram[i][j] = dot(unit[i], unit[j]);
                gram[j][i] = gram[i][j];
            }
        }
        double captured = cholesky(gram).map(l -> {
            double[][] cross = new double[unit.length][unit.length];                  // ÂᵀU, p×p
            double[] column = new double[unit[0].length];
            for (int j = 0; j < unit.length; j++) {
                for (int r = 0; r < column.length; r++) {
                    column[r] = u.getDouble(r, j);
                }
                for (int i = 0; i < unit.length; i++) {
                    cross[i][j] = dot(unit[i], column);
                }
            }
            return squaredNorm(solveLower(l, cross));
        }).orElseGet(() -> Matrices.squaredNorm(u.transpose().mmul(orthonormalColumnBasis(a))));
        // clamped: rounding can put a spanned subspace a few ulps below 0
        return Math.max(0, 1 - captured / a.columns());
    }

    /** @return the columns of x, each as one array */
    private static double[][] columns(INDArray x) {
        int n = (int) x.rows();
        int p = (int) x.columns();
        double[] flat = x.dup('f').data().asDouble();
        double[][] columns = new double[p][];
        for (int j = 0; j < p; j++) {
            columns[j] = java.util.Arrays.copyOfRange(flat, j * n, (j + 1) * n);
        }
        return columns;
    }

    private static double dot(double[] x, double[] y) {
        double sum = 0;
        for (int r = 0; r < x.length; r++) {
            sum += x[r] * y[r];
        }
        return sum;
    }

    /** The smallest Cholesky pivot of a unit-column Gram matrix taken as well conditioned: sin² of 0.57°. */
    private static final double SMALLEST_PIVOT = 1e-4;

    /** @return L, lower triangular with LLᵀ = G, or empty when a pivot is below {@link #SMALLEST_PIVOT} or not finite */
    private static java.util.Optional<double[][]> cholesky(double[][] g) {
        int p = g.length;
        double[][] l = new double[p][p];
        for (int j = 0; j < p; j++) {
            double pivot = g[j][j];
            for (int k = 0; k < j; k++) {
                pivot -= l[j][k] * l[j][k];
            }
            if (!(pivot >= SMALLEST_PIVOT) || Double.isInfinite(pivot)) {
                return java.util.Optional.empty();
            }
            l[j][j] = Math.sqrt(pivot);
            for (int i = j + 1; i < p; i++) {
                double v = g[i][j];
                for (int k = 0; k < j; k++) {
                    v -= l[i][k] * l[j][k];
                }
                l[i][j] = v / l[j][j];
            }
        }
        return java.util.Optional.of(l);
    }

    /** @return X with LX = C, by forward substitution, column by column */
    private static double[][] solveLower(double[][] l, double[][] c) {
        int p = l.length;
        int columns = c[0].length;
        double[][] x = new double[p][columns];
        for (int col = 0; col < columns; col++) {
            for (int i = 0; i < p; i++) {
                double v = c[i][col];
                for (int k = 0; k < i; k++) {
                    v -= l[i][k] * x[k][col];
                }
                x[i][col] = v / l[i][i];
            }
        }
        return x;
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
