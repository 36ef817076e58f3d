package io.lae.cuda.check;

import java.util.SplittableRandom;

/** A Haar-distributed orthogonal matrix in plain Java: Gram–Schmidt, twice, on Gaussian columns. */
final class Haar {

    private Haar() {
    }

    /**
     * @param n    the size
     * @param seed the seed
     * @return U, n×n column-major, orthogonal, Haar-distributed (QR of a Gaussian matrix with R's diagonal positive)
     */
    static double[] orthogonal(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] q = new double[n * n];
        for (int k = 0; k < q.length; k++) {
            q[k] = random.nextGaussian();
        }
        for (int j = 0; j < n; j++) {
            for (int pass = 0; pass < 2; pass++) {
                for (int k = 0; k < j; k++) {
                    double dot = 0;
                    for (int i = 0; i < n; i++) {
                        dot += q[i + k * n] * q[i + j * n];
                    }
                    for (int i = 0; i < n; i++) {
                        q[i + j * n] -= dot * q[i + k * n];
                    }
                }
            }
            double norm = 0;
            for (int i = 0; i < n; i++) {
                norm += q[i + j * n] * q[i + j * n];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                q[i + j * n] /= norm;
            }
        }
        return q;
    }
}
