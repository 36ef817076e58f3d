package io.lae.loss;

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
 * element-wise passes (issue 5):
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
 * may share).
 */
final class StackedGradients {

    private final NestedReconstruction reconstruction;
    private final double[] lambdas;
    private final double productLambda;
    /** Whether every q_i is equal (mse): then S = q·1 and T = q·I, and the Hadamard products drop out. */
    private final boolean plain;

    private final StackedBuffers buffers;
    private double scale;
    private INDArray lambdaOverScale;
    private INDArray twiceLambdaRow;
    private INDArray penaltyScratch;

    /**
     * @param reconstruction the nested reconstruction term
     * @param lambdas        the diagonal penalty's λ_i, or null for none
     * @param productLambda  the product penalty's λ_π, 0 for none
     * @param buffers        the arrays to write into (shared with kernels that never run in the same step)
     */
    StackedGradients(NestedReconstruction reconstruction, double[] lambdas, double productLambda,
                     StackedBuffers buffers) {
        this.reconstruction = reconstruction;
        this.buffers = buffers;
        this.lambdas = lambdas == null ? null : lambdas.clone();
        this.productLambda = productLambda;
        double[] q = reconstruction.tailWeights();
        this.plain = Arrays.stream(q).allMatch(v -> v == q[0]);
    }

    /**
     * @param weights W = [Bᵀ | A]
     * @param stats   autoencoder statistics in the weights' dtype
     * @return NaN for the value, ∇_B (a p×n view), ∇_A and BΣBᵀ; valid until the next call
     */
    LossEvaluation compute(StackedWeights weights, Statistics stats) {
        double f = factor(stats);
        DataType type = weights.all().dataType();
        prepare(weights, f);
        INDArray products = buffers.products;
        INDArray sigmaBt = buffers.sigmaBt;
        INDArray sigmaA = buffers.sigmaA;
        INDArray gram = buffers.gram;
        INDArray codeMoment = buffers.codeMoment;
        INDArray weightedMoment = buffers.weightedMoment;
        StackedWeights gradients = buffers.gradients;
        Nd4j.gemm(stats.sigmaXX(), weights.all(), products, false, false, 1.0, 0.0);
        INDArray a = weights.decoder();
        Nd4j.gemm(a, a, gram, true, false, 1.0, 0.0);
        Nd4j.gemm(weights.encoderTransposed(), sigmaBt, codeMoment, true, false, 1.0, 0.0);
        INDArray gradBt = gradients.encoderTransposed();
        INDArray gradA = gradients.decoder();
        timesT(sigmaA, gradBt, type);
        double gradBtScale = -2 * f;
        if (productLambda > 0) {
            // 2λ_π Bᵀ AᵀA − 2c ΣA T, while AᵀA is not yet weighted by S
            Nd4j.gemm(weights.encoderTransposed(), gram, gradBt, false, false, 2 * productLambda, gradBtScale);
            gradBtScale = 1;
        }
        INDArray decoderMoment = plain ? codeMoment : weightedMoment;
        if (!plain) {
            gram.muli(reconstruction.sMatrix(type));
            Nd4j.exec(new MulOp(codeMoment, reconstruction.sMatrix(type), weightedMoment));
        }
        if (lambdas != null) {
            Nd4j.exec(new AddOp(decoderMoment, lambdaOverScale, weightedMoment));
            decoderMoment = weightedMoment;
        }
        if (productLambda > 0) {
            INDArray bt = weights.encoderTransposed();                           // + (λ_π/c) BBᵀ
            Nd4j.gemm(bt, bt, buffers.encoderGram, true, false, productLambda / f, 0.0);
            Nd4j.exec(new AddOp(decoderMoment, buffers.encoderGram, weightedMoment));
            decoderMoment = weightedMoment;
        }
        Nd4j.gemm(sigmaBt, gram, gradBt, false, false, 2 * f, gradBtScale);
        timesT(sigmaBt, gradA, type);
        if (lambdas != null) {
            Nd4j.exec(new BroadcastMulOp(weights.encoderTransposed(), twiceLambdaRow, penaltyScratch, 1));
            Nd4j.exec(new Axpy(penaltyScratch, gradBt, gradBt, 1.0));
        }
        Nd4j.gemm(a, decoderMoment, gradA, false, false, 2 * f, -2 * f);
        return new LossEvaluation(Double.NaN, gradients.encoder(), gradA, codeMoment);
    }

    /** out = in·T; a copy when T = qI, as q is folded into the scale f. */
    private void timesT(INDArray in, INDArray out, DataType type) {
        if (plain) {
            out.assign(in);
        } else {
            Nd4j.exec(new BroadcastMulOp(in, reconstruction.tRow(type), out, 1));
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
    }
}
