package io.lae.loss;

import io.lae.linalg.HostBlas;
import io.lae.linalg.HostMemory;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The gradients of c Σ_b w_b ‖Y − A I_{b;p} B X‖² + Σ_i λ_i (‖B_{i,:}‖² + ‖A_{:,i}‖²) + λ_π‖AB‖² on a mini-batch
 * (X n'×b, Y n×b, c for m = b), on the CPU backend, as direct BLAS calls and plain-Java passes into buffers kept
 * between steps instead of some twenty ND4J ops (each 25–150 µs, more than a batch's arithmetic at b ≤ 256):
 * <pre>
 *   Z = BX,  G = AᵀY,  K = AᵀA,  M = ZZᵀ
 *   ∇_B = 2c ((S∘K) Z − T G) Xᵀ + 2ΛB + 2λ_π K B
 *   ∇_A = 2c (A (S∘M + Λ/c + (λ_π/c) BBᵀ) − Y (T Z)ᵀ)
 * </pre>
 * which is {@link NestedReconstruction#accumulateBatch} with the penalties' gradients ({@link DiagonalPenalty},
 * {@link ProductPenalty}) folded in: eight GEMMs (ten with the product penalty) and the passes of
 * {@link HostPasses}. As in {@link StackedGradients}, for {@code mse} (T = qI, S = q·1) q joins c. The sums are
 * grouped differently from the ND4J path, so the gradients agree with it to rounding, not bit for bit. M = ZZᵀ
 * is handed back for the rotation of {@code rag}.
 */
final class BatchGradients {

    private final double[] lambdas;
    private final double productLambda;
    private final boolean plain;
    private final double[] negativeT;
    private final HostPasses.Coefficients sColumnMajor;
    private final Scale scale;
    /** q when T = qI: it joins c, and −T is kept as −1 */
    private final double unitWeight;
    private final StackedBuffers.Batch buffers;

    private HostPasses.Coefficients lambdaOverScale;
    private double[] twiceLambda;
    private double lambdaScale = Double.NaN;

    /**
     * @param reconstruction the nested reconstruction term
     * @param lambdas        the diagonal penalty's λ_i, or null for none
     * @param productLambda  the product penalty's λ_π, 0 for none
     * @param buffers        the arrays to write into (shared with kernels that never run in the same step)
     */
    BatchGradients(NestedReconstruction reconstruction, double[] lambdas, double productLambda,
                   StackedBuffers.Batch buffers) {
        this.buffers = buffers;
        this.lambdas = lambdas == null ? null : lambdas.clone();
        this.productLambda = productLambda;
        this.scale = reconstruction.scale();
        double[] q = reconstruction.tailWeights();
        this.plain = Arrays.stream(q).allMatch(v -> v == q[0]);
        this.unitWeight = plain ? q[0] : 1;
        int p = q.length;
        this.negativeT = new double[p];
        double[] s = new double[p * p];
        for (int j = 0; j < p; j++) {
            negativeT[j] = plain ? -1 : -q[j];
            for (int i = 0; i < p; i++) {
                s[i + j * p] = q[Math.max(i, j)];
            }
        }
        this.sColumnMajor = HostPasses.Coefficients.of(s);
    }

    /**
     * @return whether this kernel computes the batch gradients at these weights: the CPU backend, B dense
     *     row-major and A dense column-major (the stacked weights' halves)
     */
    static boolean takes(INDArray encoder, INDArray decoder) {
        return HostMemory.flat(encoder) && HostMemory.columnMajor(encoder.transpose())
                && HostMemory.columnMajor(decoder) && encoder.dataType() == decoder.dataType();
    }

    /**
     * @param encoder B, p×n', dense row-major ({@link #takes})
     * @param decoder A, n×p, dense column-major
     * @param x       X, n'×b
     * @param y       Y, n×b
     * @return NaN for the value, ∇_B, ∇_A (laid out like B and A) and ZZᵀ; valid until the next call
     */
    LossEvaluation compute(INDArray encoder, INDArray decoder, INDArray x, INDArray y) {
        long b = x.columns();
        double f = scale.factor(b) * unitWeight;
        buffers.fit(encoder, decoder, b);
        fitPenalty((int) encoder.rows(), f);
        INDArray z = buffers.z;
        INDArray g = buffers.g;
        INDArray gram = buffers.gram;
        INDArray moment = buffers.moment;
        INDArray gradEncoder = buffers.gradEncoder;
        INDArray gradDecoder = buffers.gradDecoder;
        HostBlas.gemm(encoder, x, z, false, false, 1.0, 0.0);                       // Z = BX
        HostBlas.gemm(decoder, y, g, true, false, 1.0, 0.0);                        // G = AᵀY
        HostBlas.gemm(decoder, decoder, gram, true, false, 1.0, 0.0);               // K = AᵀA
        HostBlas.gemm(z, z, moment, false, true, 1.0, 0.0);                         // M = ZZᵀ
        HostPasses.scaleColumns(g.transpose(), g.transpose(), z.transpose(), buffers.tz.transpose(), negativeT);
        double gradEncoderBeta = 0;
        INDArray product = null;
        if (productLambda > 0) {
            HostBlas.gemm(gram, encoder, gradEncoder, false, false, 2 * productLambda, 0.0);  // 2λ_π K B
            HostBlas.gemm(encoder, encoder, buffers.encoderGram, false, true, productLambda / f, 0.0); // (λ_π/c) BBᵀ
            gradEncoderBeta = 1;
            product = buffers.encoderGram;
        }
        INDArray decoderMoment = moment;
        if (!plain || lambdas != null || product != null) {
            HostPasses.weightMoments(gram, moment, buffers.weighted, plain ? null : sColumnMajor,
                    lambdas == null ? null : lambdaOverScale, product);
            decoderMoment = buffers.weighted;
        }
        HostBlas.gemm(gram, z, g, false, false, 1.0, 1.0);                          // (S∘K) Z − T G
        HostBlas.gemm(g, x, gradEncoder, false, true, 2 * f, gradEncoderBeta);
        if (lambdas != null) {
            HostPasses.addScaledColumns(encoder.transpose(), twiceLambda, gradEncoder.transpose());   // + 2ΛB
        }
        HostBlas.gemm(y, buffers.tz, gradDecoder, false, true, 2 * f, 0.0);         // −2c Y (TZ)ᵀ
        HostBlas.gemm(decoder, decoderMoment, gradDecoder, false, false, 2 * f, 1.0);
        return new LossEvaluation(Double.NaN, gradEncoder, gradDecoder, moment);
    }

    /** Λ/c (column-major p×p) and 2λ for this c, when c changes. */
    private void fitPenalty(int p, double f) {
        if (lambdas == null || f == lambdaScale) {
            return;
        }
        lambdaScale = f;
        double[] overScale = new double[p * p];
        twiceLambda = new double[p];
        for (int i = 0; i < p; i++) {
            overScale[i + i * p] = lambdas[i] / f;
            twiceLambda[i] = 2 * lambdas[i];
        }
        lambdaOverScale = HostPasses.Coefficients.of(overScale);
    }
}
