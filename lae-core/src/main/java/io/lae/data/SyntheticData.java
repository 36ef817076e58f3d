package io.lae.data;

import io.lae.LaeException;
import java.util.Arrays;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Seeded synthetic data sets of README, Commands, generated with {@link Random} (an algorithm the JDK
 * specifies) rather than ND4J's generator, so a spec gives the same data on every backend.
 */
public final class SyntheticData {

    private SyntheticData() {
    }

    /**
     * {@code synthetic:diag}: m Gaussian samples with covariance diag(1, 2, …, n) (Oftadeh §5):
     * feature i (1-based) is √i · z.
     */
    static DataSource diagonal(int n, int m, long seed) {
        Random random = new Random(seed);
        double[][] rows = new double[m][n];
        for (double[] row : rows) {
            for (int i = 0; i < n; i++) {
                row[i] = Math.sqrt(i + 1.0) * random.nextGaussian();
            }
        }
        return new InMemorySource("synthetic:diag (" + m + "×" + n + ", covariance diag(1..n), seed " + seed + ")",
                Nd4j.createFromArray(rows), null, null);
    }

    /**
     * m samples of N(0, U diag(v) Uᵀ) with U Haar-random (or the identity): each row is
     * U diag(√v) z for z ~ N(0, I), drawn with {@link Random#nextGaussian()} (Bao §7 Fig. 4 data;
     * Oftadeh Fig. 1 with U = I).
     *
     * @param m         the number of samples
     * @param variances v, the population covariance's eigenvalues (n of them), positive
     * @param rotate    whether U is Haar-random (else the covariance is diagonal)
     * @param seed      the seed
     * @return the samples as rows (m×n), float64, with a description
     */
    public static DataSource gaussian(int m, double[] variances, boolean rotate, long seed) {
        int n = variances.length;
        if (Arrays.stream(variances).anyMatch(v -> !(v > 0) || Double.isInfinite(v))) {
            throw new LaeException("Gaussian samples need positive, finite variances");
        }
        Random random = new Random(seed);
        double[][] z = new double[m][n];
        for (double[] row : z) {
            for (int i = 0; i < n; i++) {
                row[i] = Math.sqrt(variances[i]) * random.nextGaussian();
            }
        }
        var rows = Nd4j.createFromArray(z);
        if (rotate) {
            rows = rows.mmul(Nd4j.createFromArray(orthonormalColumns(n, n, false, random)).transpose());
        }
        return new InMemorySource("Gaussian (" + m + "×" + n + ", covariance " + (rotate ? "U diag(v) Uᵀ, Haar U"
                : "diag(v)") + ", seed " + seed + ")", rows, null, null);
    }

    /**
     * {@code synthetic:bao}: Bao et al. 2020's synthetic set as their code builds it (§7, Fig. 4;
     * {@code configs/synth.py}, {@code models/data_generators.py}): population variances
     * vᵢ = 1 + 99·(1 − (i − 1)/(n − 1)), i = 1..n, from 100 down to 1, drawn as {@link #authorsPca} draws them.
     *
     * @param n    the dimension, at least 2
     * @param m    the number of samples
     * @param seed NumPy's global seed (the authors' is 1234)
     * @return the samples as rows (m×n), float64 holding float32 values, uncentred
     */
    public static DataSource bao(int n, int m, long seed) {
        if (n < 2) {
            throw new LaeException("synthetic:bao needs n ≥ 2 (its variances run from 100 down to 1), got n = " + n);
        }
        double[] variances = new double[n];
        for (int i = 0; i < n; i++) {
            variances[i] = 1 + 99 * (1 - (double) i / (n - 1));
        }
        return authorsPca(m, variances, seed);
    }

    /**
     * The authors' own draw of Bao et al. 2020's Fig. 4 data ({@code DataGeneratorPCA} in
     * {@code models/data_generators.py} of XuchanBao/linear-ae, as {@code mains/train_synth.py} calls it
     * after {@code np.random.seed(seed)}): U = {@code ortho_group.rvs(n)} (SciPy 1.3–1.8), then
     * Z = {@code np.random.normal(size=(m, n))}, X = (U diag(√v) Zᵀ)ᵀ rounded to float32, uncentred.
     * The same distribution as {@link #gaussian} with rotate, but the very samples: small-k results
     * hinge on the sample's eigengaps (with n = 1000 and m = 5000 the top variances v are 0.1 apart and
     * the sample's are a few units apart at random), which one draw fixes.
     *
     * @param m         the number of samples
     * @param variances v, the population covariance's eigenvalues (n of them), positive
     * @param seed      NumPy's global seed, 0 ≤ seed &lt; 2³²
     * @return the samples as rows (m×n), float64 holding float32 values, with a description
     */
    public static DataSource authorsPca(int m, double[] variances, long seed) {
        int n = variances.length;
        if (Arrays.stream(variances).anyMatch(v -> !(v > 0) || Double.isInfinite(v))) {
            throw new LaeException("Gaussian samples need positive, finite variances");
        }
        NumpyRandomState numpy = new NumpyRandomState(seed);
        double[][] u = numpy.orthoGroup(n);
        double[][] z = new double[m][n];
        for (double[] row : z) {
            for (int i = 0; i < n; i++) {
                row[i] = numpy.nextGaussian();
            }
        }
        double[] sd = Arrays.stream(variances).map(Math::sqrt).toArray();
        var rows = Nd4j.createFromArray(z).mulRowVector(Nd4j.createFromArray(sd))
                .mmul(Nd4j.createFromArray(u).transpose());                           // Z diag(√v) Uᵀ
        return new InMemorySource("Gaussian (" + m + "×" + n + ", covariance U diag(v) Uᵀ, the authors' NumPy draw"
                + " with seed " + seed + ", float32)", rows.castTo(DataType.FLOAT).castTo(DataType.DOUBLE), null, null);
    }

    /**
     * {@code synthetic:haar}: X = U diag(sv) Vᵀ ∈ ℝ^{n×m} (Kunin §5, Bao §7) with Haar-random U (n×k
     * columns of an n×n Haar matrix) and V (m×k orthonormal), k = len(sv); the rows are the columns
     * of X. When m > k, V is drawn orthogonal to the all-ones vector so X is exactly centred and XXᵀ
     * has eigenvalues exactly sv².
     */
    static DataSource haar(int n, int m, double[] sv, long seed) {
        int k = sv.length;
        if (k > Math.min(n, m) || Arrays.stream(sv).anyMatch(s -> !(s > 0) || Double.isInfinite(s))) {
            throw new LaeException("synthetic:haar needs 1 to min(n, m) = " + Math.min(n, m)
                    + " positive singular values, got " + k);
        }
        Random random = new Random(seed);
        double[][] u = orthonormalColumns(n, k, false, random);
        boolean centred = m > k;
        double[][] v = orthonormalColumns(m, k, centred, random);
        double[][] rows = new double[m][n];
        for (int s = 0; s < m; s++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int i = 0; i < k; i++) {
                    sum += v[s][i] * sv[i] * u[j][i];
                }
                rows[s][j] = sum;
            }
        }
        return new InMemorySource("synthetic:haar (" + m + "×" + n + ", " + k + " singular values, "
                + (centred ? "exactly centred" : "not centred") + ", seed " + seed + ")", Nd4j.createFromArray(rows), null, null);
    }

    /**
     * The first k columns of a Haar-distributed orthogonal matrix: Gram–Schmidt (twice, for
     * orthogonality to rounding) of a Gaussian matrix, which yields the Q of a QR with R's diagonal
     * positive — the sign fix that makes Q exactly Haar (Mezzadri 2007).
     *
     * @param orthogonalToOnes also orthogonalise against the all-ones vector (k &lt; rows needed)
     */
    static double[][] orthonormalColumns(int rows, int k, boolean orthogonalToOnes, Random random) {
        double[][] q = new double[k][rows];
        double[] ones = new double[rows];
        Arrays.fill(ones, 1 / Math.sqrt(rows));
        for (int c = 0; c < k; c++) {
            double[] col = q[c];
            for (int r = 0; r < rows; r++) {
                col[r] = random.nextGaussian();
            }
            for (int pass = 0; pass < 2; pass++) {
                if (orthogonalToOnes) {
                    subtractProjection(col, ones);
                }
                for (int prev = 0; prev < c; prev++) {
                    subtractProjection(col, q[prev]);
                }
            }
            double norm = Math.sqrt(dot(col, col));
            for (int r = 0; r < rows; r++) {
                col[r] /= norm;
            }
        }
        double[][] byRow = new double[rows][k];
        for (int c = 0; c < k; c++) {
            for (int r = 0; r < rows; r++) {
                byRow[r][c] = q[c][r];
            }
        }
        return byRow;
    }

    private static void subtractProjection(double[] col, double[] unit) {
        double d = dot(col, unit);
        for (int r = 0; r < col.length; r++) {
            col[r] -= d * unit[r];
        }
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
