package io.lae.metrics;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Argument checks and small float64 helpers shared by the metrics. */
final class Matrices {

    private Matrices() {
    }

    /**
     * @param name  what the argument is, for the error message
     * @param array a matrix of any floating-point type
     * @return the matrix as float64 (the same instance when it already is)
     * @throws IllegalArgumentException if {@code array} is not a matrix
     */
    static INDArray float64(String name, INDArray array) {
        if (array.rank() != 2) {
            throw new IllegalArgumentException(name + " must be a matrix, got shape " + shape(array));
        }
        return array.castTo(DataType.DOUBLE);
    }

    /**
     * @param groundTruth n×k, columns the true principal directions in descending eigenvalue order
     * @param decoder     n×p float64 decoder
     * @return the first p ground-truth columns, U_p (n×p, float64)
     * @throws IllegalArgumentException if the row counts differ or k &lt; p
     */
    static INDArray leadingDirections(INDArray groundTruth, INDArray decoder) {
        INDArray truth = float64("ground truth", groundTruth);
        if (truth.rows() != decoder.rows()) {
            throw new IllegalArgumentException("ground truth " + shape(truth) + " and decoder " + shape(decoder)
                    + " must have the same number of rows");
        }
        if (truth.columns() < decoder.columns()) {
            throw new IllegalArgumentException("ground truth " + shape(truth) + " has fewer columns than decoder "
                    + shape(decoder) + " has latent units");
        }
        return truth.get(NDArrayIndex.all(), NDArrayIndex.interval(0, decoder.columns()));
    }

    /**
     * @param x a matrix
     * @return its rows as float64 arrays, from one bulk copy ({@code INDArray.toDoubleMatrix} reads element by
     *         element: 45 ms for 500×500)
     */
    static double[][] rows(INDArray x) {
        int rows = (int) x.rows();
        int columns = (int) x.columns();
        double[] flat = x.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[][] out = new double[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = Arrays.copyOfRange(flat, i * columns, (i + 1) * columns);
        }
        return out;
    }

    /** @return ‖x‖_F², the sum of squared entries */
    static double squaredNorm(INDArray x) {
        return x.mul(x).sumNumber().doubleValue();
    }

    /** @return the shape as {@code [rows, columns]} */
    static String shape(INDArray array) {
        return Arrays.toString(array.shape());
    }
}
