package io.lae.contract;

import static io.lae.TestData.multiply;
import static io.lae.TestData.transpose;

/**
 * The non-gradient update rules of docs/math.md §3 written out in plain Java doubles from the raw
 * data X (n×m, samples as columns): the backend contract's reference for {@code rag} and {@code gha}.
 */
final class ReferenceRules {

    private ReferenceRules() {
    }

    /**
     * RAG's directions (Bao Algorithm 1): g_B = ∇_B − ΓB, g_A = ∇_A + AΓ with Γ = (1/m)·½(U − Uᵀ),
     * U the strict upper triangle of YYᵀ, Y = BX.
     *
     * @param b        B, p×n
     * @param a        A, n×p
     * @param x        X, n×m
     * @param gradient the loss gradients at (B, A)
     * @return {g_B, g_A}
     */
    static double[][][] ragDirections(double[][] b, double[][] a, double[][] x, ReferenceLoss.Evaluation gradient) {
        double[][] codes = multiply(b, x);
        double[][] yyt = multiply(codes, transpose(codes));
        int p = yyt.length;
        double[][] gamma = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = i + 1; j < p; j++) {
                gamma[i][j] = 0.5 * yyt[i][j] / x[0].length;
                gamma[j][i] = -gamma[i][j];
            }
        }
        return new double[][][] {
            plus(gradient.gradEncoder(), multiply(gamma, b), -1),
            plus(gradient.gradDecoder(), multiply(a, gamma), 1)};
    }

    /**
     * One step of Sanger's rule on W = B = Aᵀ: W ← W + (α/m)(YXᵀ − LT(YYᵀ)W), Y = WX, LT the lower
     * triangle with the diagonal.
     *
     * @param a     A, n×p
     * @param x     X, n×m
     * @param alpha the learning rate α
     * @return the new A = Wᵀ
     */
    static double[][] ghaStep(double[][] a, double[][] x, double alpha) {
        double[][] w = transpose(a);
        double[][] y = multiply(w, x);
        double[][] lower = multiply(y, transpose(y));
        for (int i = 0; i < lower.length; i++) {
            for (int j = i + 1; j < lower.length; j++) {
                lower[i][j] = 0;
            }
        }
        double[][] hebbian = plus(multiply(y, transpose(x)), multiply(lower, w), -1);
        return transpose(plus(w, hebbian, alpha / x[0].length));
    }

    /** @return a + factor · b */
    static double[][] plus(double[][] a, double[][] b, double factor) {
        double[][] sum = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                sum[i][j] = a[i][j] + factor * b[i][j];
            }
        }
        return sum;
    }
}
