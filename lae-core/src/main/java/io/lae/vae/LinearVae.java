package io.lae.vae;

import io.lae.stats.Statistics;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The loss of the linear VAE (Lucas et al. 2019) with a shared diagonal posterior covariance: the
 * mean over the m samples of the analytic negative ELBO, with μ = W₁x, D = diag(exp(log_variance)),
 * σ² = exp(log_noise):
 * <pre>
 *   ℓ(x) = n/2·log 2π + n/2·log σ² + 1/(2σ²)·[‖x − W₂μ‖² + Σᵢ Dᵢ‖W₂[:,i]‖²]
 *          + ½ Σᵢ (Dᵢ + μᵢ² − 1 − log Dᵢ),
 * </pre>
 * the expected Gaussian reconstruction negative log-likelihood E_q[−log p(x|z)] plus
 * KL(q(z|x) ‖ N(0, I)). As in the authors' code ({@code models/linear_vae.py} of
 * XuchanBao/linear-ae, {@code use_analytic_elbo=True}) the expectation is exact, not sampled, and
 * both terms are means over the samples, summed over coordinates.
 *
 * <p>From the statistics Σxx = XXᵀ, tyy = Tr(XXᵀ) and m, with c = 1/m, H = W₁Σxx, F = W₂ᵀΣxx,
 * G = W₂ᵀW₂, M = HW₁ᵀ = W₁ΣxxW₁ᵀ and gᵢ = Gᵢᵢ = ‖W₂[:,i]‖²:
 * <pre>
 *   R = (1/m)Σ‖x − W₂W₁x‖² = c[tyy − 2Tr(W₂W₁Σxx) + Tr(W₁ᵀGW₁Σxx)] = c[tyy − 2Tr(FW₁ᵀ) + sum(G∘M)]
 *   (1/m)Σ‖μ‖² = c·Tr(W₁ΣxxW₁ᵀ) = c·Tr(M)
 *   L = n/2·log 2π + n/2·log σ² + (R + Σᵢ Dᵢgᵢ)/(2σ²) + ½(Σᵢ Dᵢ + c·Tr(M) − p − Σᵢ log Dᵢ)
 *   ∇_W₁ L = c[(G/σ² + I)H − F/σ²]
 *   ∇_W₂ L = [c(W₂M − Hᵀ) + W₂D]/σ²
 *   ∂L/∂log Dᵢ = ½[Dᵢ(gᵢ/σ² + 1) − 1]
 *   ∂L/∂log σ² = n/2 − (R + Σᵢ Dᵢgᵢ)/(2σ²)
 * </pre>
 * A step costs the two GEMMs W₁Σxx and W₂ᵀΣxx, O(n²p), plus O(np²), whatever m is. The last two
 * vanish at the optimal variances for fixed weights: Dᵢ = σ²/(σ² + gᵢ) and σ² = (R + Σᵢ Dᵢgᵢ)/n.
 */
public final class LinearVae {

    /** log 2π. */
    static final double LOG_2_PI = Math.log(2 * Math.PI);

    private LinearVae() {
    }

    /**
     * @param params the parameters
     * @param stats  the statistics of an autoencoder (cast to the parameters' dtype here)
     * @return the mean negative ELBO L and its gradients with respect to all four parameters
     * @throws IllegalArgumentException if the statistics are not an autoencoder's or their n differs
     */
    public static VaeEvaluation evaluate(VaeParameters params, Statistics stats) {
        DataType type = params.dataType();
        INDArray sxx = checked(params, stats).as(type).sigmaXX();
        INDArray w1 = params.encoder();
        INDArray w2 = params.decoder();
        int n = params.inputDim();
        int p = params.latentSize();
        double c = 1.0 / stats.sampleCount();
        double logNoise = params.logNoise().getDouble(0);
        double inverseNoise = Math.exp(-logNoise);

        INDArray h = Nd4j.gemm(w1, sxx, false, false);                          // H = W₁Σxx, p×n
        INDArray f = Nd4j.gemm(w2, sxx, true, false);                           // F = W₂ᵀΣxx, p×n
        INDArray gram = Nd4j.gemm(w2, w2, true, false);                         // G, p×p
        INDArray codeGram = Nd4j.gemm(h, w1, false, true);                      // M, p×p
        INDArray d = Transforms.exp(params.logVariance(), true);                // D, 1×p
        INDArray columnNorms = Nd4j.diag(gram).reshape(1, p);                  // g, 1×p
        double cross = trace(Nd4j.gemm(f, w1, false, true));                   // Tr(W₂ᵀΣxxW₁ᵀ) = Tr(W₂W₁Σxx)
        double residual = c * (stats.tyy() - 2 * cross + sum(gram.mul(codeGram)));
        double expectedResidual = residual + sum(d.mul(columnNorms));          // R + Σ Dᵢgᵢ
        double value = 0.5 * n * (LOG_2_PI + logNoise) + 0.5 * inverseNoise * expectedResidual
                + 0.5 * (sum(d) + c * trace(codeGram) - p - sum(params.logVariance()));

        Map<String, INDArray> gradients = new LinkedHashMap<>();
        double scaled = c * inverseNoise;
        INDArray shiftedGram = Nd4j.eye(p).castTo(type).addi(gram.muli(inverseNoise));       // G/σ² + I
        gradients.put(VaeParameters.ENCODER, Nd4j.gemm(shiftedGram, h, f, false, false, c, -scaled));
        INDArray kernel = codeGram.muli(scaled).addi(Nd4j.diag(d.reshape(p)).muli(inverseNoise)); // (cM + D)/σ²
        gradients.put(VaeParameters.DECODER, Nd4j.gemm(w2, kernel, false, false).subi(h.transpose().muli(scaled)));
        gradients.put(VaeParameters.LOG_VARIANCE, columnNorms.muli(inverseNoise).addi(1).muli(d).subi(1).muli(0.5));
        gradients.put(VaeParameters.LOG_NOISE,
                Nd4j.scalar(type, 0.5 * (n - inverseNoise * expectedResidual)).reshape(1, 1));
        return new VaeEvaluation(value, gradients);
    }

    /**
     * @param params the parameters
     * @param stats  the statistics of an autoencoder
     * @return the mean negative ELBO L (see {@link #evaluate})
     */
    public static double value(VaeParameters params, Statistics stats) {
        return evaluate(params, stats).value();
    }

    /**
     * The loss by its definition: (1/m) Σ_k ℓ(x_k), one sample at a time (slow; a reference for
     * tests, not a training path).
     *
     * @param params the parameters
     * @param x      X, n×m, one sample per column, used as given (no centring)
     * @return the mean negative ELBO
     */
    public static double valueFromData(VaeParameters params, INDArray x) {
        int p = params.latentSize();
        double logNoise = params.logNoise().getDouble(0);
        double noise = Math.exp(logNoise);
        double[] logVariance = params.logVariance().toDoubleVector();
        double total = 0;
        for (int k = 0; k < x.columns(); k++) {
            INDArray sample = x.getColumn(k, true);
            INDArray mean = params.encoder().mmul(sample);                                    // μ = W₁x
            INDArray residual = sample.sub(params.decoder().mmul(mean));                      // x − W₂μ
            double reconstruction = sum(residual.mul(residual));
            double kl = 0;
            for (int i = 0; i < p; i++) {
                double variance = Math.exp(logVariance[i]);
                INDArray column = params.decoder().getColumn(i);
                reconstruction += variance * sum(column.mul(column));
                kl += variance + mean.getDouble(i) * mean.getDouble(i) - 1 - logVariance[i];
            }
            total += 0.5 * x.rows() * (LOG_2_PI + logNoise) + reconstruction / (2 * noise) + 0.5 * kl;
        }
        return total / x.columns();
    }

    /** @return {@code stats}, after checking that they are an autoencoder's of the parameters' n */
    static Statistics checked(VaeParameters params, Statistics stats) {
        if (!stats.isAutoencoder() || stats.inputDim() != params.inputDim()) {
            throw new IllegalArgumentException("the linear VAE needs autoencoder statistics of n = "
                    + params.inputDim() + " features");
        }
        return stats;
    }

    private static double trace(INDArray square) {
        return sum(Nd4j.diag(square));
    }

    private static double sum(INDArray a) {
        return a.sumNumber().doubleValue();
    }
}
