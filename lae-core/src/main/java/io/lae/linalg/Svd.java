package io.lae.linalg;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Singular value decomposition M = U diag(s) Vᵀ of an r×c matrix in float64, through the symmetric
 * eigendecompositions MMᵀ = U diag(s²) Uᵀ and MᵀM = V diag(s²) Vᵀ, with V's signs matched to U
 * (vᵢ ∥ Mᵀuᵢ/sᵢ) for every singular value above a relative 1e-10. Accurate to about ε·s₁²/sᵢ for
 * sᵢ, enough for the read-outs and figures it serves (decoder spectra, Kunin Fig. 4–6); within a
 * repeated singular value the vectors are any orthonormal basis.
 *
 * @param u      U, r×r, left singular vectors as columns
 * @param values s₁ ≥ s₂ ≥ … ≥ 0, length min(r, c)
 * @param v      V, c×c, right singular vectors as columns
 */
public record Svd(INDArray u, double[] values, INDArray v) {

    private static final double RANK_TOLERANCE = 1e-10;

    /**
     * @param matrix M; not modified
     * @return its decomposition
     */
    public static Svd of(INDArray matrix) {
        INDArray m = matrix.castTo(DataType.DOUBLE);
        SymmetricEigen left = SymmetricEigen.of(m.mmul(m.transpose()));
        SymmetricEigen right = SymmetricEigen.of(m.transpose().mmul(m));
        int k = (int) Math.min(m.rows(), m.columns());
        double[] squares = left.valueArray();
        double[] values = new double[k];
        INDArray v = right.vectors().dup();
        for (int i = 0; i < k; i++) {
            values[i] = Math.sqrt(Math.max(squares[i], 0));
        }
        for (int i = 0; i < k && values[i] > RANK_TOLERANCE * values[0]; i++) {
            INDArray direction = m.transpose().mmul(left.vectors().getColumn(i).reshape(m.rows(), 1));
            double sign = Math.signum(direction.reshape(-1).mul(v.getColumn(i)).sumNumber().doubleValue());
            if (sign < 0) {
                v.getColumn(i).negi();
            }
        }
        return new Svd(left.vectors(), values, v);
    }

    /**
     * @param k how many leading triplets
     * @return U_k diag(s_k) V_kᵀ, the best rank-k approximation
     */
    public INDArray truncated(int k) {
        INDArray s = Nd4j.createFromArray(java.util.Arrays.copyOf(values, k));
        INDArray uk = u.getColumns(range(k));
        INDArray vk = v.getColumns(range(k));
        return uk.mulRowVector(s).mmul(vk.transpose());
    }

    private static int[] range(int k) {
        int[] r = new int[k];
        for (int i = 0; i < k; i++) {
            r[i] = i;
        }
        return r;
    }
}
