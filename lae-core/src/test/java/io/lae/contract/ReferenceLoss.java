package io.lae.contract;

import static io.lae.TestData.multiply;
import static io.lae.TestData.squaredNorm;
import static io.lae.TestData.transpose;

import io.lae.loss.LossSpec;
import io.lae.loss.NestedDropoutLoss;
import io.lae.loss.NonUniformL2Loss;
import io.lae.loss.ProductL2Loss;
import java.util.Arrays;

/**
 * The six losses of docs/math.md §2 by their literal definitions on raw data, with gradients by the
 * chain rule, in plain Java doubles: independent of ND4J and of lae's statistics form. With
 * Z = BX and R_b = Y − A I_b Z,
 * <pre>
 *   L = c Σ_b w_b ‖R_b‖² + λ‖AB‖² + Σ_i λ_i (‖B_{i,:}‖² + ‖A_{:,i}‖²)
 *   ∇_A = −2c Σ_b w_b R_b Zᵀ I_b + 2λ AB Bᵀ + 2AΛ,   ∇_Bᵀ = −2c Σ_b w_b X R_bᵀ A I_b + 2λ (AB)ᵀA + 2BᵀΛ.
 * </pre>
 *
 * @param nested   w_1..w_p
 * @param scale    the data-term scale c
 * @param product  λ of the product penalty (0 for none)
 * @param diagonal λ_1..λ_p of the diagonal penalty (zeros for none)
 */
record ReferenceLoss(double[] nested, double scale, double product, double[] diagonal) {

    /** A value with its gradients. */
    record Evaluation(double value, double[][] gradEncoder, double[][] gradDecoder) {
    }

    /**
     * @param spec a loss at its default scale (docs/math.md §2)
     * @param p    the latent size
     * @param m    the number of samples
     * @return that loss, written out
     */
    static ReferenceLoss of(LossSpec spec, int p, int m) {
        double[] last = new double[p];
        last[p - 1] = 1;
        double[] none = new double[p];
        return switch (spec.name()) {
            case "mse" -> new ReferenceLoss(last, 1, 0, none);
            case "ordered" -> new ReferenceLoss(filled(p, 1), 1, 0, none);
            case "product" -> new ReferenceLoss(last, 1, spec.get(ProductL2Loss.LAMBDA), none);
            case "sum" -> new ReferenceLoss(last, 1, 0, filled(p, spec.get(ProductL2Loss.LAMBDA)));
            case "nonuniform" -> new ReferenceLoss(last, 1.0 / m, 0, spec.get(NonUniformL2Loss.LAMBDAS));
            // the default prior's formula is checked on its own in LossSpecTest
            case "nested-dropout" -> new ReferenceLoss(spec.get(NestedDropoutLoss.PRIOR) != null ? spec.get(NestedDropoutLoss.PRIOR)
                    : NestedDropoutLoss.geometricPrior(p, NestedDropoutLoss.DEFAULT_KEEP), 0.5 / m, 0, none);
            default -> throw new IllegalArgumentException("no reference for " + spec.name());
        };
    }

    /**
     * @param b B, p×n'
     * @param a A, n×p
     * @param x X, n'×m, samples as columns
     * @param y Y, n×m
     * @return L, ∇_B L and ∇_A L
     */
    Evaluation evaluate(double[][] b, double[][] a, double[][] x, double[][] y) {
        int p = nested.length;
        double[][] z = multiply(b, x);
        double[][] gradBt = new double[x.length][p];
        double[][] gradA = new double[a.length][p];
        double value = 0;
        for (int k = 1; k <= p; k++) {
            double w = nested[k - 1];
            if (w == 0) {
                continue;
            }
            double[][] r = new double[y.length][y[0].length];
            for (int i = 0; i < y.length; i++) {
                for (int s = 0; s < y[0].length; s++) {
                    r[i][s] = y[i][s];
                    for (int j = 0; j < k; j++) {
                        r[i][s] -= a[i][j] * z[j][s];
                    }
                }
            }
            value += scale * w * squaredNorm(r);
            addColumns(gradA, multiply(r, transpose(z)), -2 * scale * w, k);
            addColumns(gradBt, multiply(multiply(x, transpose(r)), a), -2 * scale * w, k);
        }
        double[][] ab = multiply(a, b);
        value += product * squaredNorm(ab);
        addColumns(gradA, multiply(ab, transpose(b)), 2 * product, p);
        addColumns(gradBt, multiply(transpose(ab), a), 2 * product, p);
        for (int i = 0; i < p; i++) {
            for (int l = 0; l < b[0].length; l++) {
                gradBt[l][i] += 2 * diagonal[i] * b[i][l];
                value += diagonal[i] * b[i][l] * b[i][l];
            }
            for (int r = 0; r < a.length; r++) {
                gradA[r][i] += 2 * diagonal[i] * a[r][i];
                value += diagonal[i] * a[r][i] * a[r][i];
            }
        }
        return new Evaluation(value, transpose(gradBt), gradA);
    }

    /** target[:, j] += factor · term[:, j] for j &lt; k. */
    private static void addColumns(double[][] target, double[][] term, double factor, int k) {
        for (int i = 0; i < target.length; i++) {
            for (int j = 0; j < k; j++) {
                target[i][j] += factor * term[i][j];
            }
        }
    }

    private static double[] filled(int p, double value) {
        double[] v = new double[p];
        Arrays.fill(v, value);
        return v;
    }
}
