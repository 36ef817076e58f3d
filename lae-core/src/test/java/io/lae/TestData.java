package io.lae;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Shared test fixtures: seeded random data with a known structure (a prescribed spectrum, a noisy
 * linear regression, SPD and symmetric matrices) and plain-Java {@code double[][]} arithmetic, the
 * independent reference that ND4J results are held against. Samples are rows (m×n), as on disk.
 */
public final class TestData {

    /** Set {@code -Dlae.observe=true} to print every error a test {@linkplain #observe observes}. */
    private static final boolean OBSERVE = Boolean.getBoolean("lae.observe");

    private TestData() {
    }

    /** Makes float64 the default dtype, so that every array a test creates is float64. */
    public static void useFloat64() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    /**
     * Records a measured error for the test report (printed with {@code -Dlae.observe=true}).
     *
     * @param label what was measured
     * @param value the measurement
     * @return {@code value}, so that the call can wrap the expression being asserted
     */
    public static double observe(String label, double value) {
        if (OBSERVE) {
            System.out.printf("OBSERVED %-70s %.3e%n", label, value);
        }
        return value;
    }

    // ----- data with a known structure -----

    /**
     * Samples as rows whose Gram matrix Σ_k x_k x_kᵀ = XXᵀ is exactly U diag(λ) Uᵀ (up to rounding):
     * X = U diag(σ) Vᵀ with Haar-like U (n×n) and V (m×n), so the rows are V diag(σ) Uᵀ (Kunin §5).
     *
     * @param rows        m×n, one sample per row; not centred
     * @param directions  U, n×n, orthonormal columns: the principal directions in order
     * @param eigenvalues λ_i = σ_i², descending
     */
    public record Spectral(double[][] rows, double[][] directions, double[] eigenvalues) {

        /** @return the samples as an m×n float64 array */
        public INDArray rowArray() {
            return nd(rows);
        }

        /** @return U_p, the first p principal directions (n×p) */
        public INDArray leading(int p) {
            return nd(columns(directions, 0, p));
        }

        /** @return tyy = ‖X‖² = Σ_i λ_i */
        public double totalVariance() {
            double sum = 0;
            for (double lambda : eigenvalues) {
                sum += lambda;
            }
            return sum;
        }
    }

    /**
     * @param singularValues σ₁ &gt; σ₂ &gt; … &gt; σ_n &gt; 0
     * @param m              the number of samples, at least n
     * @param rng            the random source
     * @return data whose principal directions and eigenvalues are known by construction
     */
    public static Spectral withSpectrum(double[] singularValues, int m, Random rng) {
        int n = singularValues.length;
        double[][] u = orthonormalColumns(n, n, rng);
        double[][] v = orthonormalColumns(m, n, rng);
        double[][] rows = new double[m][n];
        for (int k = 0; k < m; k++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += v[k][i] * singularValues[i] * u[j][i];
                }
                rows[k][j] = sum;
            }
        }
        double[] eigenvalues = new double[n];
        for (int i = 0; i < n; i++) {
            eigenvalues[i] = singularValues[i] * singularValues[i];
        }
        return new Spectral(rows, u, eigenvalues);
    }

    /**
     * @param n   how many
     * @param rng the random source
     * @return σ_i = n + 1 − i + 0.5·u_i with u_i uniform in [0, 1): descending, gaps of at least 0.5
     */
    public static double[] distinctSingularValues(int n, Random rng) {
        double[] sv = new double[n];
        for (int i = 0; i < n; i++) {
            sv[i] = n - i + 0.5 * rng.nextDouble();
        }
        return sv;
    }

    /**
     * @return m×n rows with entries offset + (1 + j/n)·N(0, 1): independent features of distinct spread
     */
    public static double[][] anisotropic(int m, int n, double offset, Random rng) {
        double[][] rows = new double[m][n];
        for (int k = 0; k < m; k++) {
            for (int j = 0; j < n; j++) {
                rows[k][j] = offset + (1 + (double) j / n) * rng.nextGaussian();
            }
        }
        return rows;
    }

    /** @return targets Y = X Wᵀ + 0.1·noise (m×n) for input rows X (m×n') and a Gaussian W */
    public static double[][] linearTargets(double[][] inputRows, int n, Random rng) {
        double[][] w = gaussian(n, inputRows[0].length, 1 / Math.sqrt(inputRows[0].length), rng);
        double[][] y = multiply(inputRows, transpose(w));
        for (double[] row : y) {
            for (int j = 0; j < n; j++) {
                row[j] += 0.1 * rng.nextGaussian();
            }
        }
        return y;
    }

    /** @return a rows×cols matrix of independent N(0, std²) entries */
    public static double[][] gaussian(int rows, int cols, double std, Random rng) {
        double[][] a = new double[rows][cols];
        for (double[] row : a) {
            for (int j = 0; j < cols; j++) {
                row[j] = std * rng.nextGaussian();
            }
        }
        return a;
    }

    /** @return n×k with orthonormal columns: Gram–Schmidt, applied twice, on a Gaussian matrix */
    public static double[][] orthonormalColumns(int n, int k, Random rng) {
        double[][] q = gaussian(n, k, 1, rng);
        for (int j = 0; j < k; j++) {
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < j; i++) {
                    double projection = columnDot(q, i, j);
                    for (int r = 0; r < n; r++) {
                        q[r][j] -= projection * q[r][i];
                    }
                }
            }
            double norm = Math.sqrt(columnDot(q, j, j));
            for (int r = 0; r < n; r++) {
                q[r][j] /= norm;
            }
        }
        return q;
    }

    /** @return (G + Gᵀ)/2 for a Gaussian G: symmetric, indefinite */
    public static double[][] symmetric(int n, Random rng) {
        double[][] g = gaussian(n, n, 1, rng);
        double[][] s = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                s[i][j] = 0.5 * (g[i][j] + g[j][i]);
            }
        }
        return s;
    }

    /** @return G Gᵀ / n + 0.1·I for a Gaussian G: symmetric positive definite, moderately conditioned */
    public static double[][] positiveDefinite(int n, Random rng) {
        double[][] g = gaussian(n, n, 1, rng);
        double[][] s = multiply(g, transpose(g));
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                s[i][j] = s[i][j] / n + (i == j ? 0.1 : 0);
            }
        }
        return s;
    }

    // ----- plain-Java reference arithmetic -----

    /** @return the float64 ND4J copy of a */
    public static INDArray nd(double[][] a) {
        return Nd4j.createFromArray(a).castTo(DataType.DOUBLE);
    }

    /** @return the entries of a matrix as a Java array */
    public static double[][] array(INDArray a) {
        return a.castTo(DataType.DOUBLE).toDoubleMatrix();
    }

    /** @return a b */
    public static double[][] multiply(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < b.length; k++) {
                double aik = a[i][k];
                for (int j = 0; j < b[0].length; j++) {
                    c[i][j] += aik * b[k][j];
                }
            }
        }
        return c;
    }

    /** @return aᵀ */
    public static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    /** @return the inverse of a square matrix by Gauss–Jordan elimination with partial pivoting */
    public static double[][] inverse(double[][] a) {
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

    /** @return the columns from (inclusive) to to (exclusive) */
    public static double[][] columns(double[][] a, int from, int to) {
        double[][] c = new double[a.length][to - from];
        for (int r = 0; r < a.length; r++) {
            System.arraycopy(a[r], from, c[r], 0, to - from);
        }
        return c;
    }

    /** @return ‖a‖², the sum of squared entries */
    public static double squaredNorm(double[][] a) {
        double sum = 0;
        for (double[] row : a) {
            for (double v : row) {
                sum += v * v;
            }
        }
        return sum;
    }

    /** @return max |a_ij| */
    public static double maxAbs(double[][] a) {
        double max = 0;
        for (double[] row : a) {
            for (double v : row) {
                max = Math.max(max, Math.abs(v));
            }
        }
        return max;
    }

    /** @return max |expected − actual| / max |expected|; the shapes must agree */
    public static double relativeError(double[][] expected, double[][] actual) {
        if (expected.length != actual.length || expected[0].length != actual[0].length) {
            throw new AssertionError("shapes differ: " + expected.length + "×" + expected[0].length
                    + " vs " + actual.length + "×" + actual[0].length);
        }
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[0].length; j++) {
                max = Math.max(max, Math.abs(expected[i][j] - actual[i][j]));
            }
        }
        return max / maxAbs(expected);
    }

    /** @return max |expected − actual| / max |expected| for matrices of the same shape */
    public static double relativeError(INDArray expected, INDArray actual) {
        return relativeError(array(expected), array(actual));
    }

    /** @return |expected − actual| / |expected| */
    public static double relativeError(double expected, double actual) {
        return Math.abs(expected - actual) / Math.abs(expected);
    }

    /** @return the trace of a square matrix */
    public static double trace(double[][] a) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i][i];
        }
        return sum;
    }

    /** @return the inner product of column i of a with column j of b */
    public static double dot(double[][] a, int i, double[][] b, int j) {
        double sum = 0;
        for (int r = 0; r < a.length; r++) {
            sum += a[r][i] * b[r][j];
        }
        return sum;
    }

    private static double columnDot(double[][] a, int i, int j) {
        double sum = 0;
        for (double[] row : a) {
            sum += row[i] * row[j];
        }
        return sum;
    }
}
