package io.lae.runs;

import io.lae.LaeException;
import io.lae.stats.Statistics;
import java.io.PrintWriter;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Data that cannot teach a linear autoencoder anything are refused before training: fewer than two
 * samples, or samples without variance. Data whose covariance has rank r below the latent size p get
 * one warning line: only r principal directions exist, so p − r decoder columns are not determined.
 */
public final class DegenerateData {

    private static final double EPS = Math.ulp(1.0);

    private DegenerateData() {
    }

    /**
     * @param data    the loaded data
     * @param p       the latent size
     * @param console where the rank warning goes
     * @throws LaeException for fewer than two samples or zero variance
     */
    public static void check(TrainingData data, int p, PrintWriter console) {
        Statistics stats = data.stats();
        long m = stats.sampleCount();
        if (m < 2) {
            throw new LaeException(data.description() + ": " + m + " sample" + (m == 1 ? "" : "s") + ": a covariance "
                    + "needs at least 2 (give more rows)");
        }
        if (trace(stats.sigmaXX()) == 0 || stats.tyy() == 0) {
            throw new LaeException(data.description() + ": every sample is the same" + (stats.centered()
                    ? " (no variance once the mean is subtracted)" : " (all zero)") + ": there is nothing to learn");
        }
        if (data.truth() == null) {
            return;
        }
        double[] eigenvalues = data.truth().eigenvalues();
        // numerical rank on Σ's eigenvalues, whose rounding error is about λ₁·n·ε: count λᵢ > λ₁ · n · 100ε
        double tolerance = eigenvalues[0] * eigenvalues.length * 100 * EPS;
        int rank = 0;
        while (rank < eigenvalues.length && eigenvalues[rank] > tolerance) {
            rank++;
        }
        if (rank < p) {
            console.printf("warning: %s: the covariance has rank %d < p = %d: only %d principal directions exist, "
                    + "so %d decoder columns are not determined (Ratio_TP counts at most %d of %d)%n",
                    data.description(), rank, p, rank, p - rank, rank, p);
        }
    }

    private static double trace(INDArray sigma) {
        INDArray d = sigma.castTo(DataType.DOUBLE);
        double sum = 0;
        for (int i = 0; i < d.rows(); i++) {
            sum += d.getDouble(i, i);
        }
        return sum;
    }
}
