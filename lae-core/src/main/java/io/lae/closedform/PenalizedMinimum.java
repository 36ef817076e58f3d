package io.lae.closedform;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The global minimum of an autoencoder loss c‖X − ABX‖² + Σ_i d_i(‖B_{i,:}‖² + ‖A_{:,i}‖²):
 * A = Bᵀ = U_p diag(√max(0, 1 − d_i/(c λ_i))), where λ_i are the eigenvalues of Σxx.
 * With d_i = λ this is Kunin's Landscape Theorem for {@code sum} (Kunin eq. 2, O = I); with
 * increasing d_i it is Bao's Theorem 2–3 for {@code nonuniform}, ordered and axis-aligned.
 */
public final class PenalizedMinimum {

    private PenalizedMinimum() {
    }

    /**
     * @param truth     the ground truth of Σxx
     * @param penalties d_1..d_p (λ for every unit in the {@code sum} loss)
     * @param scale     the data-term factor c
     * @return the minimising decoder A, n×p (the encoder is Aᵀ)
     */
    public static INDArray decoder(GroundTruth truth, double[] penalties, double scale) {
        double[] lambda = truth.eigenvalues();
        double[] tau = new double[penalties.length];
        for (int i = 0; i < penalties.length; i++) {
            tau[i] = Math.sqrt(Math.max(0, 1 - penalties[i] / (scale * lambda[i])));
        }
        return truth.directions(penalties.length).mulRowVector(Nd4j.createFromArray(tau));
    }

    /**
     * LAE-PCA read-out (Kunin Algorithm 1): from a decoder singular value τ of a trained {@code sum}
     * model, the data eigenvalue σ² = λ / (c(1 − τ²)).
     *
     * @param tauSquared τ², in [0, 1)
     * @param lambda     the penalty λ
     * @param scale      the data-term factor c
     * @return the eigenvalue of Σxx the unit has learned
     */
    public static double eigenvalueFromSingularValue(double tauSquared, double lambda, double scale) {
        return lambda / (scale * (1 - tauSquared));
    }
}
