package io.lae.metrics;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Plain-Java dense linear algebra on double[][], the independent reference for the metric tests. */
final class Dense {

    private Dense() {
    }

    /** Makes float64 the default so that the test arrays are float64 too. */
    static void useFloat64() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    static INDArray nd(double[][] a) {
        return Nd4j.createFromArray(a);
    }

    static double[][] gaussian(int rows, int cols, Random rng) {
        double[][] a = new double[rows][cols];
        for (double[] row : a) {
            for (int j = 0; j < cols; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        return a;
    }

    /** @return n×k with orthonormal columns: Gram–Schmidt, applied twice, on a Gaussian matrix */
    static double[][] orthonormalColumns(int n, int k, Random rng) {
        double[][] q = gaussian(n, k, rng);
        for (int j = 0; j < k; j++) {
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < j; i++) {
                    double projection = dot(q, i, q, j);
                    for (int r = 0; r < n; r++) {
                        q[r][j] -= projection * q[r][i];
                    }
                }
            }
            double norm = Math.sqrt(dot(q, j, q, j));
            for (int r = 0; r < n; r++) {
                q[r][j] /= norm;
            }
        }
        return q;
    }

    /** @return the inner product of column i of a with column j of b */
    static double dot(double[][] a, int i, double[][] b, int j) {
        double sum = 0;
        for (int r = 0; r < a.length; r++) {
            sum += a[r][i] * b[r][j];
        }
        return sum;
    }

    /** @return the columns from (inclusive) to to (exclusive) */
    static double[][] columns(double[][] a, int from, int to) {
        double[][] c = new double[a.length][to - from];
        for (int r = 0; r < a.length; r++) {
            System.arraycopy(a[r], from, c[r], 0, to - from);
        }
        return c;
    }

    static double[][] multiply(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < b.length; k++) {
                for (int j = 0; j < b[0].length; j++) {
                    c[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return c;
    }

    static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    /** @return the inverse of a square matrix by Gauss–Jordan elimination with partial pivoting */
    static double[][] inverse(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n + i] = 1;
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] swap = m[col];
            m[col] = m[pivot];
            m[pivot] = swap;
            double scale = m[col][col];
            for (int j = 0; j < 2 * n; j++) {
                m[col][j] /= scale;
            }
            for (int r = 0; r < n; r++) {
                double factor = m[r][col];
                if (r != col && factor != 0) {
                    for (int j = 0; j < 2 * n; j++) {
                        m[r][j] -= factor * m[col][j];
                    }
                }
            }
        }
        return columns(m, n, 2 * n);
    }

    static double trace(double[][] a) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i][i];
        }
        return sum;
    }
}
