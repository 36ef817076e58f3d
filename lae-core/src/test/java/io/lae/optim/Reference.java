package io.lae.optim;

/**
 * The update rules written out element by element in plain Java doubles, independently of ND4J:
 * the expected values of the optimizer tests and of the backend contract.
 */
@FunctionalInterface
public interface Reference {

    /**
     * One step on one parameter, flattened in C order.
     *
     * @param theta   the parameter, updated
     * @param g       its gradient
     * @param buffers the optimizer's buffers for this parameter (none, velocity, or m and v), updated
     * @param t       the 1-based step number
     * @param lr      the learning rate α
     */
    void step(double[] theta, double[] g, double[][] buffers, long t, double lr);

    /** θ ← θ − α g. */
    static Reference sgd() {
        return (theta, g, buffers, t, lr) -> {
            for (int i = 0; i < theta.length; i++) {
                theta[i] -= lr * g[i];
            }
        };
    }

    /** v ← μ v + g; θ ← θ − α v, or θ ← θ − α (g + μ v) for Nesterov. */
    static Reference momentum(double mu, boolean nesterov) {
        return (theta, g, buffers, t, lr) -> {
            double[] v = buffers[0];
            for (int i = 0; i < theta.length; i++) {
                v[i] = mu * v[i] + g[i];
                theta[i] -= lr * (nesterov ? g[i] + mu * v[i] : v[i]);
            }
        };
    }

    /** Adam with bias correction, ε outside the square root of v̂. */
    static Reference adam(double beta1, double beta2, double eps) {
        return (theta, g, buffers, t, lr) -> {
            double[] m = buffers[0];
            double[] v = buffers[1];
            for (int i = 0; i < theta.length; i++) {
                m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
                double mHat = m[i] / (1 - Math.pow(beta1, t));
                double vHat = v[i] / (1 - Math.pow(beta2, t));
                theta[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
        };
    }
}
