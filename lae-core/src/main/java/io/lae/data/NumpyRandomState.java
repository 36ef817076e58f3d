package io.lae.data;

/**
 * NumPy's legacy global generator as the authors' code of Bao et al. 2020 (XuchanBao/linear-ae) used
 * it: after {@code np.random.seed(seed)}, {@code np.random.normal} (the polar Box–Muller of
 * {@code legacy_gauss}, which keeps the second deviate of each pair) and SciPy's
 * {@code ortho_group.rvs} of SciPy 1.3 to 1.8 (a product of Householder reflections, later replaced
 * by a QR of a Gaussian matrix that draws different numbers). With it, lae draws the authors' very
 * samples, not only samples of the same distribution.
 */
public final class NumpyRandomState {

    private final Mt19937 engine;
    private double spare;
    private boolean hasSpare;

    /** @param seed as {@code np.random.seed(seed)}, 0 ≤ seed &lt; 2³² */
    public NumpyRandomState(long seed) {
        if (seed < 0 || seed > 0xffffffffL) {
            throw new IllegalArgumentException("a NumPy seed must be in [0, 2^32), got " + seed);
        }
        engine = new Mt19937(seed);
    }

    /** @return {@code np.random.random_sample()}: 53 random bits in [0, 1) from two 32-bit outputs */
    public double nextDouble() {
        long a = engine.nextUnsigned() >>> 5;
        long b = engine.nextUnsigned() >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /** @return {@code np.random.normal()}: a standard normal deviate (NumPy's {@code legacy_gauss}) */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double x1;
        double x2;
        double r2;
        do {
            x1 = 2 * nextDouble() - 1;
            x2 = 2 * nextDouble() - 1;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1 || r2 == 0);
        double f = Math.sqrt(-2 * Math.log(r2) / r2);
        spare = f * x1;
        hasSpare = true;
        return f * x2;
    }

    /**
     * {@code scipy.stats.ortho_group.rvs(dim)} of SciPy 1.3 to 1.8 on this generator: a Haar-random
     * orthogonal matrix H = ∏ₙ (−Dₙ)(I − vₙvₙᵀ), each reflection from a fresh Gaussian vector of
     * length dim − n (dim(dim + 1)/2 deviates in all), Dₙ the sign of its first entry.
     *
     * @param dim the size
     * @return H, dim×dim, row-major ({@code h[i][j]} is row i, column j)
     */
    public double[][] orthoGroup(int dim) {
        double[][] h = new double[dim][dim];
        for (int i = 0; i < dim; i++) {
            h[i][i] = 1;
        }
        double[] hx = new double[dim];
        for (int n = 0; n < dim; n++) {
            int len = dim - n;
            double[] x = new double[len];
            double norm2 = 0;
            for (int i = 0; i < len; i++) {
                x[i] = nextGaussian();
                norm2 += x[i] * x[i];
            }
            double x0 = x[0];
            double d = x[0] != 0 ? Math.signum(x[0]) : 1;
            x[0] += d * Math.sqrt(norm2);
            double scale = Math.sqrt((norm2 - x0 * x0 + x[0] * x[0]) / 2);
            for (int i = 0; i < len; i++) {
                x[i] /= scale;
            }
            // H[:, n:] = −D (H[:, n:] − (H[:, n:] x) xᵀ)
            for (int r = 0; r < dim; r++) {
                double s = 0;
                double[] row = h[r];
                for (int i = 0; i < len; i++) {
                    s += row[n + i] * x[i];
                }
                hx[r] = s;
            }
            for (int r = 0; r < dim; r++) {
                double[] row = h[r];
                for (int i = 0; i < len; i++) {
                    row[n + i] = -d * (row[n + i] - hx[r] * x[i]);
                }
            }
        }
        return h;
    }
}
