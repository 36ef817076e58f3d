package io.lae.check;

/**
 * The sizes of one gradient check.
 *
 * @param outputDim n, the output features
 * @param inputDim  n', the input features (= n for an autoencoder)
 * @param latent    p
 * @param samples   m
 * @param autoencoder whether Y = X (then n = n')
 */
public record CheckShape(int outputDim, int inputDim, int latent, int samples, boolean autoencoder) {

    /** Checks that an autoencoder shape has n = n'. */
    public CheckShape {
        if (autoencoder && outputDim != inputDim) {
            throw new IllegalArgumentException("an autoencoder has n = n'");
        }
    }

    /**
     * @param n features
     * @param p latent size
     * @param m samples
     * @return an autoencoder shape
     */
    public static CheckShape autoencoder(int n, int p, int m) {
        return new CheckShape(n, n, p, m, true);
    }

    /**
     * @param n  output features
     * @param nIn input features
     * @param p  latent size
     * @param m  samples
     * @return a regression shape, Y ≠ X
     */
    public static CheckShape regression(int n, int nIn, int p, int m) {
        return new CheckShape(n, nIn, p, m, false);
    }

    @Override
    public String toString() {
        return (autoencoder ? "AE" : "reg") + " n=" + outputDim + " n'=" + inputDim + " p=" + latent + " m=" + samples;
    }
}
