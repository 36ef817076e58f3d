package io.lae.loss;

import io.lae.stats.Statistics;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The gradients of c Σ_b w_b ‖X − A I_{b;p} B X‖² + Σ_i λ_i (‖B_{i,:}‖² + ‖A_{:,i}‖²) (a nested
 * reconstruction term with an optional diagonal penalty; {@code mse}, {@code ordered}, {@code sum},
 * {@code nonuniform}, {@code nested-dropout}) for an autoencoder, from Σ = Σxx and the stacked
 * weights W = [Bᵀ | A], in the fewest products and element-wise passes (issue 5):
 * <pre>
 *   [ΣBᵀ | ΣA] = Σ W                                            one n×n by n×2p GEMM (4pn² flops)
 *   ∇_Bᵀ = 2c (ΣBᵀ (S∘AᵀA) − ΣA T) + 2BᵀΛ                       (NestedReconstruction's ∇_B, transposed)
 *   ∇_A  = 2c (A (S∘BΣBᵀ + Λ/c) − ΣBᵀ T)
 * </pre>
 * with AᵀA and BΣBᵀ = Bᵀᵀ(ΣBᵀ): four p×p-sized GEMMs of 2p²n flops each, so a step costs
 * 4pn² + 8p²n flops. The value is not formed (a step that is not logged needs none); BΣBᵀ is handed
 * back for the rotation of {@code rag}. Every product and pass writes into buffers allocated once
 * per shape, outside any workspace.
 */
final class StackedGradients {

    private final NestedReconstruction reconstruction;
    private final double[] lambdas;

    private DataType type;
    private long n;
    private double scale;
    private INDArray products;
    private INDArray sigmaBt;
    private INDArray sigmaA;
    private StackedWeights gradients;
    private INDArray gram;
    private INDArray codeMoment;
    private INDArray weightedMoment;
    private INDArray lambdaOverScale;
    private INDArray twiceLambdaRow;
    private INDArray penaltyScratch;

    /**
     * @param reconstruction the nested reconstruction term
     * @param lambdas        the diagonal penalty's λ_i, or null for none
     */
    StackedGradients(NestedReconstruction reconstruction, double[] lambdas) {
        this.reconstruction = reconstruction;
        this.lambdas = lambdas == null ? null : lambdas.clone();
    }

    /**
     * @param weights W = [Bᵀ | A]
     * @param stats   autoencoder statistics in the weights' dtype
     * @return NaN for the value, ∇_B (a p×n view), ∇_A and BΣBᵀ; valid until the next call
     */
    LossEvaluation compute(StackedWeights weights, Statistics stats) {
        double c = reconstruction.scale().factor(stats.sampleCount());
        prepare(weights, c);
        INDArray s = reconstruction.sMatrix(type);
        INDArray t = reconstruction.tRow(type);
        Nd4j.gemm(stats.sigmaXX(), weights.all(), products, false, false, 1.0, 0.0);
        INDArray a = weights.decoder();
        Nd4j.gemm(a, a, gram, true, false, 1.0, 0.0);
        Nd4j.gemm(weights.encoderTransposed(), sigmaBt, codeMoment, true, false, 1.0, 0.0);
        gram.muli(s);
        Nd4j.exec(new MulOp(codeMoment, s, weightedMoment));
        INDArray gradBt = gradients.encoderTransposed();
        INDArray gradA = gradients.decoder();
        Nd4j.exec(new BroadcastMulOp(sigmaA, t, gradBt, 1));
        Nd4j.gemm(sigmaBt, gram, gradBt, false, false, 2 * c, -2 * c);
        Nd4j.exec(new BroadcastMulOp(sigmaBt, t, gradA, 1));
        if (lambdas != null) {
            weightedMoment.addi(lambdaOverScale);
            Nd4j.exec(new BroadcastMulOp(weights.encoderTransposed(), twiceLambdaRow, penaltyScratch, 1));
            Nd4j.exec(new Axpy(penaltyScratch, gradBt, gradBt, 1.0));
        }
        Nd4j.gemm(a, weightedMoment, gradA, false, false, 2 * c, -2 * c);
        return new LossEvaluation(Double.NaN, gradients.encoder(), gradA, codeMoment);
    }

    /** Allocates the buffers for this shape, dtype and scale, once. */
    private void prepare(StackedWeights weights, double c) {
        DataType wanted = weights.all().dataType();
        if (wanted == type && weights.dimension() == n && c == scale) {
            return;
        }
        int p = weights.latentSize();
        try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            type = wanted;
            n = weights.dimension();
            scale = c;
            products = Nd4j.create(type, new long[] {n, 2L * p}, 'f');
            sigmaBt = StackedWeights.columns(products, 0, p);
            sigmaA = StackedWeights.columns(products, p, 2 * p);
            gradients = StackedWeights.zeros(n, p, type);
            gram = Nd4j.create(type, new long[] {p, p}, 'f');
            codeMoment = Nd4j.create(type, new long[] {p, p}, 'f');
            weightedMoment = Nd4j.create(type, new long[] {p, p}, 'f');
            if (lambdas != null) {
                INDArray lambda = Nd4j.createFromArray(lambdas).castTo(type);
                lambdaOverScale = Nd4j.diag(lambda.div(c)).dup('f');
                twiceLambdaRow = lambda.mul(2).reshape(1, p);
                penaltyScratch = Nd4j.create(type, new long[] {n, p}, 'f');
            }
        }
    }
}
