package io.lae.loss;

import io.lae.LaeException;

/**
 * {@code nonuniform} (Bao eq. 3): c‖Y − ABX‖² + ‖Λ^{1/2}B‖² + ‖AΛ^{1/2}‖², Λ = diag(λ₁ < … < λ_p)
 * (default scale {@code mean}). At its minimum A = Bᵀ = U_p(I − ΛS⁻²)^{1/2}: ordered,
 * axis-aligned principal directions (Bao Theorems 2–3).
 */
public final class NonUniformL2Loss extends CompositeLoss {

    /** The name used on the command line. */
    public static final String NAME = "nonuniform";

    /**
     * @param lambdas λ₁..λ_p with 0 < λ₁ < … < λ_p (p is their count)
     * @param scale   the data-term scale c
     * @throws LaeException if the λ_i are not positive and strictly increasing
     */
    public NonUniformL2Loss(double[] lambdas, Scale scale) {
        super(NAME, NestedReconstruction.mse(checked(lambdas).length, scale), new DiagonalPenalty(lambdas));
    }

    private static double[] checked(double[] lambdas) {
        for (int i = 0; i < lambdas.length; i++) {
            boolean increasing = i == 0 || lambdas[i] > lambdas[i - 1];
            if (!(lambdas[i] > 0) || Double.isInfinite(lambdas[i]) || !increasing) {
                throw new LaeException("--lambdas must be positive and strictly increasing "
                        + "(Bao eq. 3: 0 < λ₁ < … < λ_p); entry " + (i + 1) + " is " + lambdas[i]);
            }
        }
        return lambdas;
    }
}
