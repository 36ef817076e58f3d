package io.lae.loss;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Stochastic nested dropout with one truncation per sample (Rippel et al. 2014; Bao et al. 2020,
 * Fig. 2, as the authors' {@code linear_ae_nested_dropout.py} draws it): sample j keeps its first
 * b_j latent units,
 * <pre>  L = c Σ_j ‖y_j − A I_{b_j;p} B x_j‖²,</pre>
 * with c the data-term scale over the m samples given. With Z = BX, the mask K_ij = 1[i ≤ b_j]
 * (p×m), Z̃ = K∘Z and G = AᵀY:
 * <pre>  L = c [‖Y‖² − 2 sum(Z̃∘G) + sum(AᵀA ∘ Z̃Z̃ᵀ)],
 *  ∇_A = 2c (A Z̃Z̃ᵀ − Y Z̃ᵀ),   ∇_B = 2c (K∘(AᵀA Z̃ − G)) Xᵀ.</pre>
 * Four n×m by p GEMMs, O(m·n·p) like the authors' code, and no n×m temporary. The draws are not a
 * function of the statistics: weighting Σxx by how often each b was drawn would give the loss's
 * expectation given those counts, not the loss of the samples that drew them.
 *
 * <p>Not thread-safe: one instance per training run.
 */
public final class PerSampleNestedDropout {

    private final int latent;
    private final Scale scale;

    /**
     * @param latent p
     * @param scale  the data-term scale c (it counts the samples of each call)
     */
    public PerSampleNestedDropout(int latent, Scale scale) {
        this.latent = latent;
        this.scale = scale;
    }

    /**
     * @param encoder     B, p×n'
     * @param decoder     A, n×p
     * @param x           X, n'×m, samples as columns
     * @param y           Y, n×m (the same array as x for an autoencoder)
     * @param truncations b_j in 1..p for each of the m samples
     * @param withValue   whether to form L (a reduction; a training step needs none)
     * @return L (NaN unless wanted) with ∇_B L and ∇_A L
     */
    public LossEvaluation evaluate(INDArray encoder, INDArray decoder, INDArray x, INDArray y, int[] truncations,
                                   boolean withValue) {
        if (truncations.length != x.columns()) {
            throw new IllegalArgumentException(truncations.length + " truncations for " + x.columns() + " samples");
        }
        double c = scale.factor(x.columns());
        INDArray mask = mask(truncations, encoder.dataType());
        INDArray kept = Nd4j.gemm(encoder, x, false, false).muli(mask);            // Z̃ = K∘BX, p×m
        INDArray g = Nd4j.gemm(decoder, y, true, false);                            // G = AᵀY, p×m
        INDArray gram = Nd4j.gemm(decoder, decoder, true, false);                   // AᵀA, p×p
        INDArray codeGram = Nd4j.gemm(kept, kept, false, true);                     // Z̃Z̃ᵀ, p×p
        double value = withValue ? c * (y.mul(y).sumNumber().doubleValue()
                - 2 * kept.mul(g).sumNumber().doubleValue()
                + gram.mul(codeGram).sumNumber().doubleValue()) : Double.NaN;
        INDArray gradDecoder = Nd4j.gemm(decoder, codeGram, false, false);
        Nd4j.gemm(y, kept, gradDecoder, false, true, -1.0, 1.0);                    // A Z̃Z̃ᵀ − Y Z̃ᵀ
        INDArray residualCodes = Nd4j.gemm(gram, kept, false, false).subi(g).muli(mask);  // K∘(AᵀA Z̃ − G)
        INDArray gradEncoder = Nd4j.gemm(residualCodes, x, false, true);
        return new LossEvaluation(value, gradEncoder.muli(2 * c), gradDecoder.muli(2 * c));
    }

    /**
     * @param truncations b_j in 1..p
     * @param type        the weights' dtype
     * @return K, p×m, K_ij = 1 for i ≤ b_j (1-based i), else 0
     */
    INDArray mask(int[] truncations, DataType type) {
        int m = truncations.length;
        double[] k = new double[latent * m];
        for (int j = 0; j < m; j++) {
            int b = truncations[j];
            if (b < 1 || b > latent) {
                throw new IllegalArgumentException("truncation " + b + " of sample " + j + " is outside 1.." + latent);
            }
            for (int i = 0; i < b; i++) {
                k[i * m + j] = 1;
            }
        }
        return Nd4j.createFromArray(k).reshape(latent, m).castTo(type);
    }
}
