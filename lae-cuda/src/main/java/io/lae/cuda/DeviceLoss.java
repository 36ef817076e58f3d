package io.lae.cuda;

import io.lae.Precision;
import io.lae.loss.LossForm;

/**
 * A loss of docs/math.md §2, given by its {@link LossForm}, computed on the GPU from the statistics:
 * the weights are Bᵀ (n'×p) and A (n×p), column-major, and so are the gradients. With q the tail
 * sums of the nested weights, T = diag(q), S_ij = q_max(i,j) (Oftadeh eq. 8, Prop. 1–2, generalised):
 * <pre>
 *   K₁ = Σxx Bᵀ,  K₂ = Σxy A,  K₃ = Σyx Bᵀ,  M = B Σxx Bᵀ = BK₁,  G = AᵀA
 *   ∇_{Bᵀ} = 2c (K₁ (S∘G) − K₂ T) + 2 Bᵀ Λ + 2λ_π Bᵀ G
 *   ∇_A    = 2c (A (S∘M) − K₃ T) + 2 A Λ  + 2λ_π A (BBᵀ)
 *   L      = c (q₁ tyy − 2 Σ_j q_j (Bᵀ∘K₂)_{:,j} + sum((S∘G)∘M)) + Σ_j λ_j (‖B_{j,:}‖² + ‖A_{:,j}‖²) + λ_π sum(G∘BBᵀ)
 * </pre>
 * For an autoencoder with Bᵀ and A adjacent in memory, K₁ = K₃ and K₂ come from one GEMM Σ·[Bᵀ | A]
 * (n×n by n×2p), the step's only O(n²p) work; with tied weights (Bᵀ = A) from Σ·A alone.
 *
 * <p>On a mini-batch X (n'×b), Y (n×b) the same formulas hold with the batch's moments, formed without them in
 * O(n·b·p): with codes Z = BX and G = AᵀY, K₁ = XZᵀ, K₂ = XGᵀ, K₃ = YZᵀ, M = BK₁ = ZZᵀ, tyy = ‖Y‖², and c
 * uses m = b (the penalties count in full per batch, as on ND4J's engine).
 *
 * <p>Per-sample stochastic nested dropout ({@link #perSampleGradients}; Bao et al. 2020, Fig. 2; lae-core's
 * {@code PerSampleNestedDropout}) has no form over the statistics: sample j keeps its first b_j units, and with
 * the mask K_ij = 1[i ≤ b_j], Z̃ = K∘BX and G = AᵀY,
 * <pre>
 *   ∇_A = 2c (A Z̃Z̃ᵀ − Y Z̃ᵀ),   ∇_{Bᵀ} = 2c X (K∘(AᵀA Z̃ − G))ᵀ
 * </pre>
 * four n×b by p GEMMs and two masks, O(n·b·p).
 */
final class DeviceLoss implements AutoCloseable {

    private final CudaDevice device;
    private final Precision precision;
    private final int p;
    private final double productLambda;
    private final DeviceMatrix tail;
    private final DeviceMatrix lambdas;
    private final DeviceMatrix products;
    private final DeviceMatrix targetCodes;
    private final DeviceMatrix gram;
    private final DeviceMatrix weightedGram;
    private final DeviceMatrix moment;
    private final DeviceMatrix weightedMoment;
    private final DeviceMatrix encoderGram;
    private final DeviceMatrix sums;
    /** Z = BX and G = AᵀY of a mini-batch (p×b each), allocated at the first batch. */
    private DeviceMatrix encoderCodes;
    private DeviceMatrix decoderCodes;
    private final LossForm form;
    private double[] nestedWeights;

    /**
     * @param device      the GPU
     * @param form        the loss
     * @param outputDim   n
     * @param inputDim    n'
     * @param autoencoder whether Y = X (a regression needs K₃ of its own, even when n = n')
     * @param precision   the training precision
     */
    DeviceLoss(CudaDevice device, LossForm form, int outputDim, int inputDim, boolean autoencoder,
               Precision precision) {
        this.device = device;
        this.precision = precision;
        this.form = form;
        this.p = form.latentSize();
        this.productLambda = form.productLambda();
        this.tail = device.zeros(p, 1, precision);
        this.lambdas = form.hasDiagonalPenalty() ? device.upload(form.diagonalLambdas(), p, 1, precision) : null;
        this.products = device.zeros(inputDim, 2 * p, precision);
        this.targetCodes = autoencoder ? null : device.zeros(outputDim, p, precision);
        this.gram = device.zeros(p, p, precision);
        this.weightedGram = device.zeros(p, p, precision);
        this.moment = device.zeros(p, p, precision);
        this.weightedMoment = device.zeros(p, p, precision);
        this.encoderGram = productLambda > 0 ? device.zeros(p, p, precision) : null;
        this.sums = device.zeros(5, 1, Precision.FLOAT64);
        setNestedWeights(form.nestedWeights());
    }

    /** @return the form this loss computes (with its original nested weights) */
    LossForm form() {
        return form;
    }

    /**
     * Replaces the nested weights w (a stochastic nested-dropout step's e_b); uploads q only when it changes.
     *
     * @param weights w_1..w_p
     */
    void setNestedWeights(double[] weights) {
        if (nestedWeights == null || !java.util.Arrays.equals(weights, nestedWeights)) {
            nestedWeights = weights.clone();
            tail.upload(LossForm.tailSums(weights));
        }
    }

    /** @return B Σxx Bᵀ (p×p) as the last {@link #gradients} formed it: RAG's code moment, m·YYᵀ/m */
    DeviceMatrix codeMoment() {
        return moment;
    }

    /** The products K₁, K₂ and K₃ (K₃ = K₁ for an autoencoder). */
    private DeviceMatrix[] products(DeviceMatrix encoderT, DeviceMatrix decoder, DeviceStatistics stats) {
        DeviceMatrix k1 = products.columns(0, p);
        DeviceMatrix k2 = products.columns(p, p);
        boolean tied = encoderT.pointer().address() == decoder.pointer().address();
        if (stats.isAutoencoder() && tied) {
            device.gemm(false, false, 1, stats.sigmaXX(), decoder, 0, k1);
            return new DeviceMatrix[] {k1, k1, k1};
        }
        if (stats.isAutoencoder() && encoderT.isFollowedBy(decoder)) {
            DeviceMatrix stacked = encoderT.block(0, encoderT.rows(), 2 * p);
            device.gemm(false, false, 1, stats.sigmaXX(), stacked, 0, products);
            return new DeviceMatrix[] {k1, k2, k1};
        }
        device.gemm(false, false, 1, stats.sigmaXX(), encoderT, 0, k1);
        device.gemm(true, false, 1, stats.sigmaYX(), decoder, 0, k2);
        if (stats.isAutoencoder()) {
            return new DeviceMatrix[] {k1, k2, k1};
        }
        device.gemm(false, false, 1, stats.sigmaYX(), encoderT, 0, targetCodes);
        return new DeviceMatrix[] {k1, k2, targetCodes};
    }

    /** The products over a mini-batch: K₁ = XZᵀ, K₂ = XGᵀ, K₃ = YZᵀ with Z = BX, G = AᵀY (G = Z when tied). */
    private DeviceMatrix[] products(DeviceMatrix encoderT, DeviceMatrix decoder, DeviceBatch batch) {
        int b = batch.size();
        allocateCodes(b);
        DeviceMatrix k1 = products.columns(0, p);
        DeviceMatrix k2 = products.columns(p, p);
        DeviceMatrix z = encoderCodes.block(0, p, b);
        device.gemm(true, false, 1, encoderT, batch.x(), 0, z);                                // Z = BX
        device.gemm(false, true, 1, batch.x(), z, 0, k1);                                      // K₁ = XZᵀ
        if (encoderT.pointer().address() == decoder.pointer().address()) {
            return new DeviceMatrix[] {k1, k1, k1};
        }
        DeviceMatrix g = decoderCodes.block(0, p, b);
        device.gemm(true, false, 1, decoder, batch.y(), 0, g);                                 // G = AᵀY
        device.gemm(false, true, 1, batch.x(), g, 0, k2);                                      // K₂ = XGᵀ
        if (batch.isAutoencoder()) {
            return new DeviceMatrix[] {k1, k2, k1};
        }
        device.gemm(false, true, 1, batch.y(), z, 0, targetCodes);                             // K₃ = YZᵀ
        return new DeviceMatrix[] {k1, k2, targetCodes};
    }

    /**
     * Writes ∇_{Bᵀ} L and ∇_A L over the statistics (and leaves M = BΣxxBᵀ in {@link #codeMoment}), all queued on
     * the stream.
     */
    void gradients(DeviceMatrix encoderT, DeviceMatrix decoder, DeviceStatistics stats, DeviceMatrix gradEncoderT,
                   DeviceMatrix gradDecoder) {
        gradients(form.scale().factor(stats.sampleCount()), products(encoderT, decoder, stats), encoderT, decoder,
                gradEncoderT, gradDecoder);
    }

    /** The same over a mini-batch (M = ZZᵀ is left in {@link #codeMoment}). */
    void gradients(DeviceMatrix encoderT, DeviceMatrix decoder, DeviceBatch batch, DeviceMatrix gradEncoderT,
                   DeviceMatrix gradDecoder) {
        gradients(form.scale().factor(batch.size()), products(encoderT, decoder, batch), encoderT, decoder,
                gradEncoderT, gradDecoder);
    }

    /**
     * Writes the per-sample nested-dropout gradients over a batch (Z̃Z̃ᵀ is left in {@link #codeMoment}).
     *
     * @param truncations b_j of the batch's samples (as doubles, at least b of them)
     */
    void perSampleGradients(DeviceMatrix encoderT, DeviceMatrix decoder, DeviceBatch batch, DeviceMatrix truncations,
                            DeviceMatrix gradEncoderT, DeviceMatrix gradDecoder) {
        int b = batch.size();
        double c = form.scale().factor(b);
        allocateCodes(b);
        DeviceMatrix kept = encoderCodes.block(0, p, b);
        DeviceMatrix residual = decoderCodes.block(0, p, b);
        device.gemm(true, false, 1, encoderT, batch.x(), 0, kept);                             // BX
        device.launch(new Kernel.KeepFirstUnits(p, b, truncations, kept), precision);        // Z̃ = K∘BX
        device.gemm(true, false, 1, decoder, batch.y(), 0, residual);                          // G = AᵀY
        device.gemm(true, false, 1, decoder, decoder, 0, gram);                               // AᵀA
        device.gemm(false, true, 1, kept, kept, 0, moment);                                    // Z̃Z̃ᵀ
        device.gemm(false, false, 2 * c, decoder, moment, 0, gradDecoder);                    // 2c A Z̃Z̃ᵀ
        device.gemm(false, true, -2 * c, batch.y(), kept, 1, gradDecoder);                    // − 2c Y Z̃ᵀ
        device.gemm(false, false, 1, gram, kept, -1, residual);                               // AᵀA Z̃ − G
        device.launch(new Kernel.KeepFirstUnits(p, b, truncations, residual), precision);
        device.gemm(false, true, 2 * c, batch.x(), residual, 0, gradEncoderT);                // 2c X (K∘(…))ᵀ
    }

    /** The gradients from the products k = {K₁, K₂, K₃} and the data term's factor c. */
    private void gradients(double c, DeviceMatrix[] k, DeviceMatrix encoderT, DeviceMatrix decoder,
                           DeviceMatrix gradEncoderT, DeviceMatrix gradDecoder) {
        device.gemm(true, false, 1, encoderT, k[0], 0, moment);                               // M = B K₁
        device.gemm(true, false, 1, decoder, decoder, 0, gram);                               // G = AᵀA
        device.launch(new Kernel.NestedWeight(p, tail, gram, weightedGram), precision);
        device.launch(new Kernel.NestedWeight(p, tail, moment, weightedMoment), precision);
        device.gemm(false, false, 2 * c, k[0], weightedGram, 0, gradEncoderT);               // 2c K₁(S∘G)
        device.gemm(false, false, 2 * c, decoder, weightedMoment, 0, gradDecoder);           // 2c A(S∘M)
        if (productLambda > 0) {
            device.gemm(true, false, 1, encoderT, encoderT, 0, encoderGram);                  // BBᵀ
            device.gemm(false, false, 2 * productLambda, encoderT, gram, 1, gradEncoderT);
            device.gemm(false, false, 2 * productLambda, decoder, encoderGram, 1, gradDecoder);
        }
        addColumns(gradEncoderT, -2 * c, tail, k[1]);                                        // − 2c K₂T
        addColumns(gradDecoder, -2 * c, tail, k[2]);                                         // − 2c K₃T
        if (lambdas != null) {
            addColumns(gradEncoderT, 2, lambdas, encoderT);                                   // + 2BᵀΛ
            addColumns(gradDecoder, 2, lambdas, decoder);                                     // + 2AΛ
        }
    }

    private void addColumns(DeviceMatrix out, double alpha, DeviceMatrix columnScales, DeviceMatrix x) {
        device.launch(new Kernel.AddScaledColumns(out.rows(), out.cols(), alpha, columnScales, x, out), precision);
    }

    /** @return L at these weights over the statistics, summed in float64 on the device (waits for the device) */
    double value(DeviceMatrix encoderT, DeviceMatrix decoder, DeviceStatistics stats) {
        return value(form.scale().factor(stats.sampleCount()), products(encoderT, decoder, stats), null, stats.tyy(),
                encoderT, decoder);
    }

    /** @return L at these weights over a mini-batch (waits for the device) */
    double value(DeviceMatrix encoderT, DeviceMatrix decoder, DeviceBatch batch) {
        return value(form.scale().factor(batch.size()), products(encoderT, decoder, batch), batch.y(), Double.NaN,
                encoderT, decoder);
    }

    /**
     * @param targets the batch's Y, whose ‖Y‖² is tyy, or null when {@code tyy} is given
     * @param tyy     ‖Y‖² of the statistics
     */
    private double value(double c, DeviceMatrix[] k, DeviceMatrix targets, double tyy, DeviceMatrix encoderT,
                         DeviceMatrix decoder) {
        device.gemm(true, false, 1, encoderT, k[0], 0, moment);
        device.gemm(true, false, 1, decoder, decoder, 0, gram);
        device.launch(new Kernel.NestedWeight(p, tail, gram, weightedGram), precision);
        sums.zero();
        dot(encoderT.rows(), p, tail, encoderT, k[1], 0);                                    // Σ q_j (Bᵀ∘K₂)
        dot(p, p, null, weightedGram, moment, 1);                                            // sum((S∘G)∘M)
        if (lambdas != null) {
            dot(encoderT.rows(), p, lambdas, encoderT, encoderT, 2);
            dot(decoder.rows(), p, lambdas, decoder, decoder, 2);
        }
        if (productLambda > 0) {
            device.gemm(true, false, 1, encoderT, encoderT, 0, encoderGram);
            dot(p, p, null, gram, encoderGram, 3);
        }
        if (targets != null) {
            device.launch(new Kernel.SumOfSquares(targets.rows(), targets.cols(), targets, sums.block(4, 1, 1)),
                    precision);
        }
        double[] s = sums.download();
        double q1 = LossForm.tailSums(nestedWeights)[0];
        return c * (q1 * (targets == null ? tyy : s[4]) - 2 * s[0] + s[1]) + s[2] + productLambda * s[3];
    }

    private void dot(int rows, int cols, DeviceMatrix scales, DeviceMatrix x, DeviceMatrix y, int slot) {
        device.launch(new Kernel.WeightedDot(rows, cols, scales, x, y, sums.block(slot, 1, 1)), precision);
    }

    /** Makes the p×b code buffers hold at least b columns. */
    private void allocateCodes(int b) {
        if (encoderCodes == null || encoderCodes.cols() < b) {
            closeCodes();
            encoderCodes = device.zeros(p, b, precision);
            decoderCodes = device.zeros(p, b, precision);
        }
    }

    private void closeCodes() {
        if (encoderCodes != null) {
            encoderCodes.close();
            decoderCodes.close();
        }
    }

    @Override
    public void close() {
        closeCodes();
        for (DeviceMatrix m : new DeviceMatrix[] {tail, lambdas, products, targetCodes, gram, weightedGram, moment,
                weightedMoment, encoderGram, sums}) {
            if (m != null) {
                m.close();
            }
        }
    }
}
