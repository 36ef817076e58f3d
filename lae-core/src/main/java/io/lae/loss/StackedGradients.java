package io.lae.loss;

import io.lae.linalg.HostBlas;
import io.lae.linalg.HostMemory;
import io.lae.stats.Statistics;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The gradients of c Σ_b w_b ‖X − A I_{b;p} B X‖² + Σ_i λ_i (‖B_{i,:}‖² + ‖A_{:,i}‖²) + λ_π‖AB‖² (a
 * nested reconstruction term with an optional diagonal and product penalty; every loss of docs/math.md
 * §2) for an autoencoder, from Σ = Σxx and the stacked weights W = [Bᵀ | A], in the fewest products and
 * element-wise passes (docs/performance.md):
 * <pre>
 *   [ΣBᵀ | ΣA] = Σ W                                            one n×n by n×2p GEMM (4pn² flops)
 *   ∇_Bᵀ = 2c (ΣBᵀ (S∘AᵀA) − ΣA T) + 2BᵀΛ + 2λ_π Bᵀ AᵀA         (NestedReconstruction's ∇_B, transposed)
 *   ∇_A  = 2c (A (S∘BΣBᵀ + Λ/c + (λ_π/c) BBᵀ) − ΣBᵀ T)
 * </pre>
 * with AᵀA and BΣBᵀ = Bᵀᵀ(ΣBᵀ): four p×p-sized GEMMs of 2p²n flops each, so a step costs
 * 4pn² + 8p²n flops; the product penalty adds two more (BBᵀ and Bᵀ·AᵀA), 4pn² + 12p²n in all. For {@code mse} (T = qI, S = q·1) the Hadamard products and the T scaling drop
 * out and q joins c. The value is not formed (a step that is not logged needs none); BΣBᵀ is handed
 * back for the rotation of {@code rag}. Every product and pass writes into buffers allocated once
 * per shape, outside any workspace ({@link StackedBuffers}, which kernels never used in the same step
 * may share). On the CPU backend the products are direct BLAS calls ({@link HostBlas}) and the element-wise work
 * three plain-Java passes ({@link HostPasses}: the T scaling of both gradients, the p×p work of every term, the
 * diagonal penalty), with the same bits as ND4J's ops.
 */
final class StackedGradients {

    private final NestedReconstruction reconstruction;
    private final double[] lambdas;
    private final double productLambda;
    /** Whether every q_i is equal (mse): then S = q·1 and T = q·I, and the Hadamard products drop out. */
    private final boolean plain;

    private final StackedBuffers buffers;
    /** Whether the step runs on the host when the arrays allow it ({@link HostBlas}, {@link HostPasses}). */
    private final boolean onHost;
    /** T's diagonal q_i, and S_ij = q_max(i,j) in column-major order (S is symmetric). */
    private final double[] tailWeights;
    private final HostPasses.Coefficients sColumnMajor;
    private double scale;
    private INDArray lambdaOverScale;
    private INDArray twiceLambdaRow;
    private INDArray penaltyScratch;
    private HostPasses.Coefficients lambdaOverScaleValues;
    private double[] twiceLambda;

    /**
     * @param reconstruction the nested reconstruction term
     * @param lambdas        the diagonal penalty's λ_i, or null for none
     * @param productLambda  the product penalty's λ_π, 0 for none
     * @param buffers        the arrays to write into (shared with kernels that never run in the same step)
     * @param onHost         whether to step on the host when ND4J runs on the CPU (false: ND4J's ops throughout,
     *                       the reference the host passes are held to)
     */
    StackedGradients(NestedReconstruction reconstruction, double[] lambdas, double productLambda,
                     StackedBuffers buffers, boolean onHost) {
        this.reconstruction = reconstruction;
        this.buffers = buffers;
        this.lambdas = lambdas == null ? null : lambdas.clone();
        this.productLambda = productLambda;
        this.onHost = onHost;
        double[] q = reconstruction.tailWeights();
        this.plain = Arrays.stream(q).allMatch(v -> v == q[0]);
        this.tailWeights = q;
        int p = q.length;
        double[] s = new double[p * p];
        for (int j = 0; j < p; j++) {
            for (int i = 0; i < p; i++) {
                s[i + j * p] = q[Math.max(i, j)];
            }
        }
        this.sColumnMajor = HostPasses.Coefficients.of(s);
    }

    /**
     * @param weights W = [Bᵀ | A]
     * @param stats   autoencoder statistics in the weights' dtype
     * @return NaN for the value, ∇_B (a p×n view), ∇_A and BΣBᵀ; valid until the next call
     */
    LossEvaluation compute(StackedWeights weights, Statistics stats) {
        double f = factor(stats);
        prepare(weights, f);
        INDArray sigmaBt = buffers.sigmaBt;
        INDArray gram = buffers.gram;
        INDArray codeMoment = buffers.codeMoment;
        StackedWeights gradients = buffers.gradients;
        INDArray bt = weights.encoderTransposed();
        INDArray a = weights.decoder();
        INDArray gradBt = gradients.encoderTransposed();
        INDArray gradA = gradients.decoder();
        boolean host = onHost && HostMemory.columnMajor(bt, a, gradBt, gradA, sigmaBt, buffers.sigmaA);
        gemm(host, stats.sigmaXX(), weights.all(), buffers.products, false, false, 1.0, 0.0);
        gemm(host, a, a, gram, true, false, 1.0, 0.0);
        gemm(host, bt, sigmaBt, codeMoment, true, false, 1.0, 0.0);
        timesT(host, gradBt, gradA);                                              // ΣA T and ΣBᵀ T
        double gradBtScale = -2 * f;
        if (productLambda > 0) {
            // 2λ_π Bᵀ AᵀA − 2c ΣA T, while AᵀA is not yet weighted by S; and (λ_π/c) BBᵀ
            gemm(host, bt, gram, gradBt, false, false, 2 * productLambda, gradBtScale);
            gemm(host, bt, bt, buffers.encoderGram, true, false, productLambda / f, 0.0);
            gradBtScale = 1;
        }
        INDArray decoderMoment = weightMoments(host);
        gemm(host, sigmaBt, gram, gradBt, false, false, 2 * f, gradBtScale);
        if (lambdas != null) {
            if (host) {
                HostPasses.addScaledColumns(bt, twiceLambda, gradBt);
            } else {
                Nd4j.exec(new BroadcastMulOp(bt, twiceLambdaRow, penaltyScratch, 1));
                Nd4j.exec(new Axpy(penaltyScratch, gradBt, gradBt, 1.0));
            }
        }
        gemm(host, a, decoderMoment, gradA, false, false, 2 * f, -2 * f);
        return new LossEvaluation(Double.NaN, gradients.encoder(), gradA, codeMoment);
    }

    /**
     * AᵀA ← S∘AᵀA and the p×p matrix on A's side, (S∘BΣBᵀ + Λ/c) + (λ_π/c) BBᵀ, each part present only for the
     * losses that have it: one pass on the host, up to four ND4J ops otherwise.
     *
     * @return the matrix on A's side (BΣBᵀ itself for mse without penalty)
     */
    private INDArray weightMoments(boolean host) {
        INDArray codeMoment = buffers.codeMoment;
        INDArray weighted = buffers.weightedMoment;
        INDArray encoderGram = productLambda > 0 ? buffers.encoderGram : null;
        if (plain && lambdas == null && encoderGram == null) {
            return codeMoment;
        }
        if (host) {
            HostPasses.weightMoments(buffers.gram, codeMoment, weighted, plain ? null : sColumnMajor, lambdaOverScaleValues,
                    encoderGram);
            return weighted;
        }
        INDArray decoderMoment = codeMoment;
        if (!plain) {
            DataType type = codeMoment.dataType();
            buffers.gram.muli(reconstruction.sMatrix(type));
            Nd4j.exec(new MulOp(codeMoment, reconstruction.sMatrix(type), weighted));
            decoderMoment = weighted;
        }
        if (lambdas != null) {
            Nd4j.exec(new AddOp(decoderMoment, lambdaOverScale, weighted));
            decoderMoment = weighted;
        }
        if (encoderGram != null) {
            Nd4j.exec(new AddOp(decoderMoment, encoderGram, weighted));
        }
        return weighted;
    }

    /** ∇_Bᵀ ← ΣA·T and ∇_A ← ΣBᵀ·T; copies when T = qI, as q is folded into the scale f. */
    private void timesT(boolean host, INDArray gradBt, INDArray gradA) {
        if (host) {
            HostPasses.scaleColumns(buffers.sigmaA, gradBt, buffers.sigmaBt, gradA, plain ? null : tailWeights);
        } else if (plain) {
            gradBt.assign(buffers.sigmaA);
            gradA.assign(buffers.sigmaBt);
        } else {
            DataType type = gradA.dataType();
            Nd4j.exec(new BroadcastMulOp(buffers.sigmaA, reconstruction.tRow(type), gradBt, 1));
            Nd4j.exec(new BroadcastMulOp(buffers.sigmaBt, reconstruction.tRow(type), gradA, 1));
        }
    }

    /** C = α op(A) op(B) + β C, in one direct BLAS call on the host, through ND4J otherwise. */
    private static void gemm(boolean host, INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB,
                             double alpha, double beta) {
        if (host) {
            HostBlas.gemm(a, b, c, transposeA, transposeB, alpha, beta);
        } else {
            Nd4j.gemm(a, b, c, transposeA, transposeB, alpha, beta);
        }
    }

    /** @return the data-term scale c, times q when T = qI (mse) */
    private double factor(Statistics stats) {
        double c = reconstruction.scale().factor(stats.sampleCount());
        return plain ? c * reconstruction.tailWeights()[0] : c;
    }

    /** Fits the buffers to the weights; allocates the penalty's arrays for this dtype and scale factor f, once. */
    private void prepare(StackedWeights weights, double f) {
        buffers.fit(weights);
        DataType type = weights.all().dataType();
        if (lambdas == null || (penaltyScratch != null && penaltyScratch.dataType() == type && f == scale
                && penaltyScratch.rows() == weights.dimension())) {
            return;
        }
        int p = weights.latentSize();
        try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            scale = f;
            INDArray lambda = Nd4j.createFromArray(lambdas).castTo(type);
            lambdaOverScale = Nd4j.diag(lambda.div(f)).dup('f');
            twiceLambdaRow = lambda.mul(2).reshape(1, p);
            penaltyScratch = Nd4j.create(type, new long[] {weights.dimension(), p}, 'f');
        }
        lambdaOverScaleValues = HostPasses.Coefficients.of(lambdaOverScale.castTo(DataType.DOUBLE).data().asDouble());
        twiceLambda = twiceLambdaRow.castTo(DataType.DOUBLE).data().asDouble();
    }
}
