package io.lae.linalg;

import io.lae.platform.LapackCheck;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.custom.TriangularSolve;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Solves S x = b for a symmetric positive-definite S through its Cholesky factor S = L Lᵀ
 * (LAPACK {@code potrf}, then two triangular solves).
 *
 * <p>Used instead of {@code InvertMatrix}, which in ND4J M2.1 rejects well-conditioned matrices
 * whose determinant is merely small, and instead of BLAS {@code trsm}, which the CPU backend
 * silently leaves undone. Works in the dtype of S (float32 or float64).
 */
public final class CholeskySolver {

    private final INDArray lower;

    private CholeskySolver(INDArray lower) {
        this.lower = lower;
    }

    /**
     * Factors S = L Lᵀ.
     *
     * @param spd a symmetric positive-definite matrix; it is not modified
     * @return the solver holding L
     * @throws IllegalArgumentException if S is not square or not positive definite
     * @throws io.lae.LaeException when LAPACK's results are wrong on this machine ({@link LapackCheck})
     */
    public static CholeskySolver factor(INDArray spd) {
        LapackCheck.verify();
        if (spd.rank() != 2 || spd.rows() != spd.columns()) {
            throw new IllegalArgumentException("Cholesky needs a square matrix, got shape "
                    + java.util.Arrays.toString(spd.shape()));
        }
        INDArray l = spd.dup('f');
        try {
            Nd4j.getBlasWrapper().lapack().potrf(l, true);
        } catch (RuntimeException | Error e) {
            // ND4J reports a failed potrf (INFO > 0: not positive definite) as an Error
            // (BlasException on the CPU backend, a plain Error in BaseLapack), not an exception.
            if (e instanceof VirtualMachineError) {
                throw e;
            }
            throw new IllegalArgumentException("matrix is not positive definite ("
                    + e.getMessage() + ")", e);
        }
        INDArray diagonal = Nd4j.diag(l);
        double smallest = diagonal.minNumber().doubleValue();
        if (!(smallest > 0) || !Double.isFinite(diagonal.sumNumber().doubleValue())) {
            throw new IllegalArgumentException(
                    "matrix is not positive definite (Cholesky pivot " + smallest + ")");
        }
        return new CholeskySolver(l);
    }

    /** @return S⁻¹ b for a right-hand side b with as many rows as S */
    public INDArray solve(INDArray rhs) {
        INDArray y = Nd4j.exec(new TriangularSolve(lower, rhs, true, false))[0];
        return Nd4j.exec(new TriangularSolve(lower, y, true, true))[0];
    }

    /** @return b S⁻¹ for a left-hand side b with as many columns as S (S is symmetric) */
    public INDArray solveRight(INDArray lhs) {
        return solve(lhs.transpose()).transpose();
    }

    /** @return L⁻¹ b, so that ‖L⁻¹ b‖² = bᵀ S⁻¹ b (the "whitening" half of a solve) */
    public INDArray solveLower(INDArray rhs) {
        return Nd4j.exec(new TriangularSolve(lower, rhs, true, false))[0];
    }
}
