package io.lae.loss;

import io.lae.LaeException;
import java.util.Arrays;

/**
 * What every loss of docs/math.md §2 is, as plain numbers: the nested reconstruction term
 * c Σ_b w_b ‖Y − A I_{b;p} B X‖² (weights w, scale c) plus the per-unit penalty
 * Σ_i λ_i (‖B_{i,:}‖² + ‖A_{:,i}‖²) and the product penalty λ_π ‖AB‖². Engines other than ND4J's
 * (lae-cuda's) compute a loss from this form; {@link LossSpec#form} builds it from a loss's name and
 * hyperparameters, {@link LossSpec#create} the ND4J loss of the same form. It holds no array of any
 * engine, so it loads without ND4J.
 *
 * @param name            the loss name ({@code mse}, {@code ordered}, …)
 * @param nestedWeights   w_1..w_p ≥ 0, not all 0 ({@code mse}: e_p; {@code ordered}: all 1;
 *                        {@code nested-dropout}: p_B)
 * @param scale           the data-term scale c
 * @param diagonalLambdas λ_1..λ_p ≥ 0 of the per-unit penalty (all 0 for none)
 * @param productLambda   λ_π ≥ 0 of the product penalty (0 for none)
 */
public record LossForm(String name, double[] nestedWeights, Scale scale, double[] diagonalLambdas,
                       double productLambda) {

    /** Checks lengths; copies the arrays. */
    public LossForm {
        nestedWeights = nestedWeights.clone();
        diagonalLambdas = diagonalLambdas.clone();
        if (diagonalLambdas.length != nestedWeights.length) {
            throw new IllegalArgumentException("the penalty has " + diagonalLambdas.length + " weights for p = "
                    + nestedWeights.length);
        }
    }

    /** @return p */
    public int latentSize() {
        return nestedWeights.length;
    }

    /** @return w_1..w_p (a copy) */
    @Override
    public double[] nestedWeights() {
        return nestedWeights.clone();
    }

    /** @return λ_1..λ_p (a copy) */
    @Override
    public double[] diagonalLambdas() {
        return diagonalLambdas.clone();
    }

    /** @return q_i = Σ_{b≥i} w_b, the diagonal of T (docs/math.md §2) */
    public double[] tailWeights() {
        return tailSums(nestedWeights);
    }

    /** @return whether any λ_i is positive */
    public boolean hasDiagonalPenalty() {
        return Arrays.stream(diagonalLambdas).anyMatch(l -> l > 0);
    }

    /**
     * @param weights w_1..w_p
     * @return q_i = Σ_{b≥i} w_b, summed from the end
     */
    public static double[] tailSums(double[] weights) {
        double[] tail = new double[weights.length];
        double running = 0;
        for (int i = weights.length - 1; i >= 0; i--) {
            running += weights[i];
            tail[i] = running;
        }
        return tail;
    }

    /** @return w = e_p: the plain reconstruction error ({@code mse}) */
    public static double[] lastUnit(int p) {
        return unit(p, p);
    }

    /** @return w = e_b: the reconstruction through units 1..b alone (a stochastic nested-dropout step) */
    public static double[] unit(int p, int b) {
        double[] w = new double[p];
        w[b - 1] = 1;
        return w;
    }

    /** @return w = (1, …, 1): Oftadeh's ordered loss */
    public static double[] allUnits(int p) {
        double[] w = new double[p];
        Arrays.fill(w, 1.0);
        return w;
    }

    /**
     * @param prior p_B(1..p)
     * @return the prior
     * @throws LaeException unless it is non-negative and sums to 1
     */
    static double[] requireDistribution(double[] prior) {
        double sum = Arrays.stream(prior).sum();
        if (Arrays.stream(prior).anyMatch(v -> !(v >= 0)) || Math.abs(sum - 1) > 1e-9) {
            throw new LaeException("--prior must be a distribution over b = 1.." + prior.length
                    + " (non-negative, summing to 1); it sums to " + sum);
        }
        return prior;
    }

    /**
     * @param lambdas λ₁..λ_p of {@code nonuniform}
     * @return the λ
     * @throws LaeException unless they are positive and strictly increasing (Bao eq. 3)
     */
    static double[] requireIncreasing(double[] lambdas) {
        for (int i = 0; i < lambdas.length; i++) {
            boolean increasing = i == 0 || lambdas[i] > lambdas[i - 1];
            if (!(lambdas[i] > 0) || Double.isInfinite(lambdas[i]) || !increasing) {
                throw new LaeException("--lambdas must be positive and strictly increasing "
                        + "(Bao eq. 3: 0 < λ₁ < … < λ_p); entry " + (i + 1) + " is " + lambdas[i]);
            }
        }
        return lambdas;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LossForm f && name.equals(f.name) && Arrays.equals(nestedWeights, f.nestedWeights)
                && scale == f.scale && Arrays.equals(diagonalLambdas, f.diagonalLambdas)
                && Double.compare(productLambda, f.productLambda) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + Arrays.hashCode(nestedWeights)) + Arrays.hashCode(diagonalLambdas);
    }

    @Override
    public String toString() {
        return name + " (p = " + latentSize() + ", " + scale + ")";
    }
}
