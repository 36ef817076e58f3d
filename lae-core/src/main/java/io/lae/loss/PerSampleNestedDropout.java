package io.lae.loss;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Stochastic nested dropout with one truncation per sample (Rippel et al. 2014; Bao et al. 2020,
 * Fig. 2, as the authors' {@code linear_ae_nested_dropout.py} draws it): sample j keeps its first
 * b_j latent units,
 * <pre>  L = c Σ_j ‖y_j − A I_{b_j;p} B x_j‖²,</pre>
 * with c the data-term scale over the m samples given. With Z = BX, the mask K_ij = 1[i ≤ b_j]
 * (p×m), Z̃ = K∘Z and G = AᵀY:
 * <pre>  L = c [‖Y‖² − 2 sum(Z̃∘G) + sum(AᵀA ∘ Z̃Z̃ᵀ)],
 *  ∇_A = 2c (A Z̃Z̃ᵀ − Y Z̃ᵀ),   ∇_B = 2c (K∘(AᵀA Z̃ − G)) Xᵀ.</pre>
 * Four n×m by p GEMMs, O(m·n·p) like the authors' code, and no n×m temporary; for an autoencoder
 * (Y = X) they are two, [B; Aᵀ]X and [Z̃; K∘(AᵀA Z̃ − G)]Xᵀ, each reading the rows once. The draws are not a
 * function of the statistics: weighting Σxx by how often each b was drawn would give the loss's
 * expectation given those counts, not the loss of the samples that drew them.
 *
 * <p>Not thread-safe: one instance per training run.
 */
public final class PerSampleNestedDropout {

    private final int latent;
    private final Scale scale;
    private final Buffers buffers = new Buffers();

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
        buffers.fit(x.columns(), encoder.dataType());
        INDArray mask = buffers.mask(truncations);
        INDArray stacked = codesAndProjections(encoder, decoder, x, y);            // [BX; AᵀY], 2p×m
        INDArray kept = rows(stacked, 0).muli(mask);                                // Z̃ = K∘BX
        INDArray g = rows(stacked, latent);                                         // G = AᵀY
        INDArray gram = Nd4j.gemm(decoder, decoder, true, false);                   // AᵀA, p×p
        INDArray codeGram = Nd4j.gemm(kept, kept, false, true);                     // Z̃Z̃ᵀ, p×p
        double value = withValue ? c * (y.mul(y).sumNumber().doubleValue()
                - 2 * kept.mul(g).sumNumber().doubleValue()
                + gram.mul(codeGram).sumNumber().doubleValue()) : Double.NaN;
        g.rsubi(Nd4j.gemm(gram, kept, buffers.product, false, false, 1.0, 0.0)).muli(mask);  // G ← K∘(AᵀA Z̃ − G)
        INDArray[] products = timesTransposed(stacked, x, y);                        // Y Z̃ᵀ and K∘(AᵀA Z̃ − G) Xᵀ
        INDArray gradDecoder = Nd4j.gemm(decoder, codeGram, false, false).subi(products[0]);
        return new LossEvaluation(value, products[1].muli(2 * c), gradDecoder.muli(2 * c));
    }

    /**
     * @return [BX; AᵀY], 2p×m: for an autoencoder (y is x) one GEMM of the stacked weights
     *         [B; Aᵀ] with X, which reads the n×m rows once instead of twice
     */
    private INDArray codesAndProjections(INDArray encoder, INDArray decoder, INDArray x, INDArray y) {
        INDArray stacked = buffers.stacked;
        if (y == x) {
            return Nd4j.gemm(Nd4j.vstack(encoder, decoder.transpose()), x, stacked, false, false, 1.0, 0.0);
        }
        rows(stacked, 0).assign(Nd4j.gemm(encoder, x, false, false));              // GEMM outputs cannot be views
        rows(stacked, latent).assign(Nd4j.gemm(decoder, y, true, false));
        return stacked;
    }

    /**
     * @param stacked [Z̃; R], 2p×m
     * @return Y Z̃ᵀ (n×p) and R Xᵀ (p×n'): for an autoencoder both from the one GEMM [Z̃; R] Xᵀ
     */
    private INDArray[] timesTransposed(INDArray stacked, INDArray x, INDArray y) {
        if (y == x) {
            INDArray both = Nd4j.gemm(stacked, x, false, true);                    // [Z̃Xᵀ; RXᵀ], 2p×n
            return new INDArray[] {rows(both, 0).transpose(), rows(both, latent)};
        }
        return new INDArray[] {Nd4j.gemm(y, rows(stacked, 0), false, true),
                Nd4j.gemm(rows(stacked, latent), x, false, true)};
    }

    /** @return rows first..first+p of a 2p-row matrix, a view */
    private INDArray rows(INDArray stacked, int first) {
        return stacked.get(NDArrayIndex.interval(first, first + latent), NDArrayIndex.all());
    }

    /**
     * The step's m-sized arrays, allocated once per batch size and dtype outside any workspace: a step
     * over all 60 000 MNIST rows would otherwise have the kernel map and zero some 50 MB of fresh pages
     * (the mask, [Z̃; R] and AᵀA·Z̃) every step. {@code stacked} and {@code product} are in f order, the
     * order {@code Nd4j.gemm} gives a new result, so that the GEMMs round as they did without them.
     */
    private final class Buffers {

        private DataType type;
        private long samples = -1;
        private double[] values;
        private INDArray maskValues;
        private INDArray mask;
        INDArray stacked;
        INDArray product;

        void fit(long m, DataType wanted) {
            if (m == samples && wanted == type) {
                return;
            }
            try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                type = wanted;
                samples = m;
                values = new double[Math.toIntExact(latent * m)];
                maskValues = Nd4j.create(DataType.DOUBLE, new long[] {latent, m}, 'c');
                mask = wanted == DataType.DOUBLE ? maskValues : Nd4j.create(wanted, new long[] {latent, m}, 'c');
                stacked = Nd4j.create(wanted, new long[] {2L * latent, m}, 'f');
                product = Nd4j.create(wanted, new long[] {latent, m}, 'f');
            }
        }

        /**
         * @param truncations b_j in 1..p
         * @return K, p×m in the weights' dtype, K_ij = 1 for i ≤ b_j (1-based i), else 0
         */
        INDArray mask(int[] truncations) {
            int m = truncations.length;
            for (int j = 0; j < m; j++) {
                if (truncations[j] < 1 || truncations[j] > latent) {
                    throw new IllegalArgumentException("truncation " + truncations[j] + " of sample " + j
                            + " is outside 1.." + latent);
                }
            }
            for (int i = 0; i < latent; i++) {        // row by row: K is p×m in c order
                for (int j = 0; j < m; j++) {
                    values[i * m + j] = truncations[j] > i ? 1 : 0;
                }
            }
            maskValues.data().setData(values);
            return mask == maskValues ? mask : mask.assign(maskValues);
        }
    }
}
