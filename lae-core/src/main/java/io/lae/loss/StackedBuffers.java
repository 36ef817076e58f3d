package io.lae.loss;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The arrays a {@link StackedGradients} kernel writes into, allocated once per shape and dtype outside
 * any workspace: [ΣBᵀ | ΣA] (n×2p), the stacked gradients (n×2p) and four p×p matrices; and those of the
 * mini-batch kernel ({@link Batch}). Kernels that never run in the same step (the p truncations of stochastic
 * nested dropout) share one set, so their memory is that of one kernel, not p.
 */
public final class StackedBuffers {

    private DataType type;
    private long n;
    private int p;
    INDArray products;
    INDArray sigmaBt;
    INDArray sigmaA;
    StackedWeights gradients;
    INDArray gram;
    INDArray codeMoment;
    INDArray weightedMoment;
    INDArray encoderGram;

    /** Allocates the arrays for the shape and dtype of these weights, unless they are already. */
    void fit(StackedWeights weights) {
        DataType wanted = weights.all().dataType();
        if (wanted == type && weights.dimension() == n && weights.latentSize() == p) {
            return;
        }
        try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            type = wanted;
            n = weights.dimension();
            p = weights.latentSize();
            products = Nd4j.create(type, new long[] {n, 2L * p}, 'f');
            sigmaBt = StackedWeights.columns(products, 0, p);
            sigmaA = StackedWeights.columns(products, p, 2 * p);
            gradients = StackedWeights.zeros(n, p, type);
            gram = Nd4j.create(type, new long[] {p, p}, 'f');
            codeMoment = Nd4j.create(type, new long[] {p, p}, 'f');
            weightedMoment = Nd4j.create(type, new long[] {p, p}, 'f');
            encoderGram = Nd4j.create(type, new long[] {p, p}, 'f');
        }
    }

    /** The mini-batch kernel's arrays ({@link BatchGradients}). */
    final Batch batch = new Batch();

    /** Z, AᵀY and TZ (p×b), four p×p matrices and the gradients laid out like B (row-major) and A (column-major). */
    static final class Batch {

        private DataType type;
        private long[] shape = {};
        INDArray z;
        INDArray g;
        INDArray tz;
        INDArray gram;
        INDArray moment;
        INDArray weighted;
        INDArray encoderGram;
        INDArray gradEncoder;
        INDArray gradDecoder;

        /** Allocates the arrays for these weights and batch size b, unless they are already. */
        void fit(INDArray encoder, INDArray decoder, long b) {
            long p = encoder.rows();
            long[] wanted = {encoder.columns(), decoder.rows(), p, b};
            if (encoder.dataType() == type && Arrays.equals(wanted, shape)) {
                return;
            }
            type = encoder.dataType();
            shape = wanted;
            try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                z = Nd4j.create(type, new long[] {p, b}, 'c');
                g = Nd4j.create(type, new long[] {p, b}, 'c');
                tz = Nd4j.create(type, new long[] {p, b}, 'c');
                gram = Nd4j.create(type, new long[] {p, p}, 'f');
                moment = Nd4j.create(type, new long[] {p, p}, 'f');
                weighted = Nd4j.create(type, new long[] {p, p}, 'f');
                encoderGram = Nd4j.create(type, new long[] {p, p}, 'f');
                gradEncoder = Nd4j.create(type, encoder.shape(), 'c');
                gradDecoder = Nd4j.create(type, decoder.shape(), 'f');
            }
        }
    }
}
