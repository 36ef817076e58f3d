package io.lae.vae;

import io.lae.closedform.GroundTruth;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The global minimum of the linear VAE's loss (Lucas et al. 2019, as Bao et al. 2020 §2 sum it
 * up): probabilistic PCA's maximum-likelihood solution (Tipping and Bishop 1999), axis-aligned.
 * pPCA's likelihood is maximal at W₂ = U_p(K_p − σ²I)^{1/2}R for every orthogonal R; the ELBO
 * reaches the likelihood only when the diagonal D is the exact posterior covariance
 * σ²(W₂ᵀW₂ + σ²I)⁻¹, so W₂ᵀW₂ must be diagonal and, for distinct eigenvalues, R a signed
 * permutation. With κᵢ = λᵢ/m the eigenvalues of the covariance Σxx/m, descending, U_p its first
 * p principal directions and K_p = diag(κ₁, …, κ_p), the representative with R = I is
 * <pre>
 *   σ² = (1/(n−p)) Σ_{i&gt;p} κᵢ,   W₂ = U_p (K_p − σ²I)^{1/2},   W₁ = K_p⁻¹(K_p − σ²I)^{1/2} U_pᵀ,
 *   Dᵢ = σ²/κᵢ,   L* = ½[n·log 2π + Σ_{i≤p} log κᵢ + (n−p)·log σ² + n],
 * </pre>
 * L* being pPCA's negative log-likelihood per sample.
 *
 * @param parameters the minimiser above
 * @param value      L*
 */
public record VaeOptimum(VaeParameters parameters, double value) {

    /**
     * @param truth       the eigenpairs of Σxx (not divided by m)
     * @param p           the latent size, 1 ≤ p &lt; n
     * @param sampleCount m
     * @param type        the dtype of the parameters
     * @return the optimum
     * @throws IllegalArgumentException unless 1 ≤ p &lt; n and κ_p &gt; σ² (no latent unit collapses)
     */
    public static VaeOptimum of(GroundTruth truth, int p, long sampleCount, DataType type) {
        double[] kappa = Arrays.stream(truth.eigenvalues()).map(lambda -> lambda / sampleCount).toArray();
        int n = kappa.length;
        if (p < 1 || p >= n) {
            throw new IllegalArgumentException("the linear VAE optimum needs 1 ≤ p < n = " + n + ", got p = " + p);
        }
        double noise = Arrays.stream(kappa, p, n).average().orElseThrow();
        if (!(kappa[p - 1] > noise)) {
            throw new IllegalArgumentException("eigenvalue " + p + " of the covariance does not exceed σ² = " + noise
                    + ": the optimum has collapsed latent units, use a smaller p");
        }
        double value = 0.5 * (n * LinearVae.LOG_2_PI + (n - p) * Math.log(noise) + n);
        double[] decoderScale = new double[p];
        double[] encoderScale = new double[p];
        double[] logVariance = new double[p];
        for (int i = 0; i < p; i++) {
            decoderScale[i] = Math.sqrt(kappa[i] - noise);
            encoderScale[i] = decoderScale[i] / kappa[i];
            logVariance[i] = Math.log(noise / kappa[i]);
            value += 0.5 * Math.log(kappa[i]);
        }
        INDArray directions = truth.directions(p);
        INDArray decoder = directions.mulRowVector(Nd4j.createFromArray(decoderScale));
        INDArray encoder = directions.mulRowVector(Nd4j.createFromArray(encoderScale)).transpose();
        VaeParameters parameters = new VaeParameters(encoder.castTo(type).dup('c'), decoder.castTo(type),
                Nd4j.createFromArray(new double[][] {logVariance}).castTo(type),
                Nd4j.createFromArray(new double[][] {{Math.log(noise)}}).castTo(type));
        return new VaeOptimum(parameters, value);
    }
}
