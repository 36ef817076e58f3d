package io.lae.loss;

import io.lae.LaeException;
import io.lae.method.Hyperparameter;
import java.util.List;

/**
 * {@code nonuniform} (Bao eq. 3): c‖Y − ABX‖² + ‖Λ^{1/2}B‖² + ‖AΛ^{1/2}‖², Λ = diag(λ₁ < … < λ_p)
 * (default scale {@code mean}). At its minimum A = Bᵀ = U_p(I − ΛS⁻²)^{1/2}: ordered,
 * axis-aligned principal directions (Bao Theorems 2–3).
 */
public final class NonUniformL2Loss extends CompositeLoss {

    /** The name used on the command line. */
    public static final String NAME = "nonuniform";

    /** λ₁..λ_p. */
    public static final Hyperparameter<double[]> LAMBDAS = Hyperparameter.perUnit("lambdas",
            "λ₁..λ_p of Bao eq. 3, e.g. 0.1,0.2,…", null, p -> squaredLinspace(0.1, 0.9, p),
            LossForm::requireIncreasing);

    /** Its registry entry. */
    public static final LossMethod METHOD = new LossMethod(NAME, "c‖Y − ABX‖² + ‖Λ^{1/2}B‖² + ‖AΛ^{1/2}‖², "
            + "λ₁ < … < λ_p: the ordered, axis-aligned principal directions (Bao et al. 2020, eq. 3)", Scale.MEAN,
            List.of(LAMBDAS),
            (p, c, settings) -> new LossForm(NAME, LossForm.lastUnit(p), c, settings.get(LAMBDAS), 0),
            form -> new NonUniformL2Loss(form.diagonalLambdas(), form.scale()));

    /**
     * @param lambdas λ₁..λ_p with 0 < λ₁ < … < λ_p (p is their count)
     * @param scale   the data-term scale c
     * @throws LaeException if the λ_i are not positive and strictly increasing
     */
    public NonUniformL2Loss(double[] lambdas, Scale scale) {
        super(NAME, NestedReconstruction.mse(LossForm.requireIncreasing(lambdas).length, scale),
                new DiagonalPenalty(lambdas));
    }

    /**
     * The λ of Bao et al.'s code: λᵢ = xᵢ² with x = linspace(from, to, p) (their configs give the
     * endpoints of x: 0.1 and 0.9 on MNIST, 0.1 and 10 on the synthetic data).
     *
     * @param from x₁ &gt; 0
     * @param to   x_p &gt; x₁
     * @param p    the latent size
     * @return λ₁..λ_p, strictly increasing (λ₁ = from² when p = 1)
     */
    public static double[] squaredLinspace(double from, double to, int p) {
        double[] lambdas = new double[p];
        for (int i = 0; i < p; i++) {
            double x = p == 1 ? from : from + (to - from) * i / (p - 1);
            lambdas[i] = x * x;
        }
        return lambdas;
    }
}
