package io.lae.linalg;

import io.lae.platform.LapackCheck;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Eigendecomposition S = U diag(λ) Uᵀ of a symmetric matrix, in float64, with eigenvalues in
 * <b>descending</b> order and a fixed sign convention: in each eigenvector the component of
 * largest magnitude is positive. Two runs on the same matrix therefore give the same U.
 *
 * @param values  eigenvalues λ₁ ≥ λ₂ ≥ … ≥ λₙ, a vector of length n
 * @param vectors U, n×n, eigenvector i in column i
 */
public record SymmetricEigen(INDArray values, INDArray vectors) {

    /**
     * Decomposes a symmetric matrix (LAPACK {@code syev} through ND4J, after {@link LapackCheck} has found
     * LAPACK healthy).
     *
     * @param symmetric the matrix; it is not modified, only its lower triangle is read
     * @return the sorted, sign-fixed decomposition
     * @throws io.lae.LaeException when LAPACK's results are wrong on this machine ({@link LapackCheck})
     */
    public static SymmetricEigen of(INDArray symmetric) {
        LapackCheck.verify();
        INDArray work = symmetric.castTo(DataType.DOUBLE).dup('f');
        INDArray ascending = Eigen.symmetricGeneralizedEigenvalues(work, true);
        int n = (int) ascending.length();
        INDArray values = Nd4j.create(DataType.DOUBLE, n);
        INDArray vectors = Nd4j.create(DataType.DOUBLE, new long[] {n, n}, 'f');
        for (int i = 0; i < n; i++) {
            int source = n - 1 - i;
            values.putScalar(i, ascending.getDouble(source));
            INDArray column = work.getColumn(source);
            // Transforms.abs with dup = true: Nd4j.math().abs(x) works in place and would overwrite U
            double largest = column.getDouble(Nd4j.argMax(Transforms.abs(column, true)).getInt(0));
            vectors.getColumn(i).assign(largest < 0 ? column.neg() : column);
        }
        return new SymmetricEigen(values, vectors);
    }

    /** @return the first p eigenvectors U_p as an n×p matrix (a view) */
    public INDArray leading(int p) {
        return vectors.get(NDArrayIndex.all(), NDArrayIndex.interval(0, p));
    }

    /** @return the eigenvalues as a Java array, descending */
    public double[] valueArray() {
        return values.toDoubleVector();
    }

    /**
     * Relative residual max|S U − U diag(λ)| / max|S|; about 1e-15 when LAPACK is healthy and
     * of order 0.1 with OpenBLAS 0.3.19's broken AVX-512 kernels.
     *
     * @param symmetric the matrix that was decomposed
     * @return the relative residual
     */
    public double residual(INDArray symmetric) {
        INDArray s = symmetric.castTo(DataType.DOUBLE);
        INDArray r = s.mmul(vectors).subi(vectors.mulRowVector(values));
        double scale = Math.max(s.amaxNumber().doubleValue(), Double.MIN_NORMAL);
        return r.amaxNumber().doubleValue() / scale;
    }
}
