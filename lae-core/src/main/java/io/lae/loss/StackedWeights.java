package io.lae.loss;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The weights of a linear autoencoder with n = n', held as one column-major n×2p matrix
 * W = [Bᵀ | A]. Then Σ·W = [ΣBᵀ | ΣA] is a single GEMM, the one product a full-batch step needs
 * (docs/performance.md), and both halves are contiguous: the encoder B is a row-major p×n view of the first
 * half, the decoder A a column-major n×p view of the second.
 */
public final class StackedWeights {

    private final INDArray all;
    private final INDArray encoderTransposed;
    private final INDArray encoder;
    private final INDArray decoder;
    private final int latent;

    private StackedWeights(INDArray all, int latent) {
        this.all = all;
        this.latent = latent;
        this.encoderTransposed = columns(all, 0, latent);
        this.encoder = encoderTransposed.transpose();
        this.decoder = columns(all, latent, 2 * latent);
    }

    /**
     * @param encoder B, p×n (copied)
     * @param decoder A, n×p (copied)
     * @return the weights stacked as [Bᵀ | A]
     * @throws IllegalArgumentException unless B is p×n, A is n×p and both have one dtype
     */
    public static StackedWeights of(INDArray encoder, INDArray decoder) {
        int p = (int) decoder.columns();
        long n = decoder.rows();
        if (encoder.rows() != p || encoder.columns() != n || encoder.dataType() != decoder.dataType()) {
            throw new IllegalArgumentException("stacking needs B p×n and A n×p of one dtype, got "
                    + encoder.shapeInfoToString() + " and " + decoder.shapeInfoToString());
        }
        StackedWeights w = new StackedWeights(Nd4j.create(decoder.dataType(), new long[] {n, 2L * p}, 'f'), p);
        w.encoderTransposed.assign(encoder.transpose());
        w.decoder.assign(decoder);
        return w;
    }

    /**
     * @param n    the rows
     * @param p    half the columns
     * @param type the dtype
     * @return zeros in the stacked layout (e.g. for gradients)
     */
    static StackedWeights zeros(long n, int p, DataType type) {
        return new StackedWeights(Nd4j.create(type, new long[] {n, 2L * p}, 'f'), p);
    }

    /** @return W = [Bᵀ | A], n×2p, column-major: updating it updates both views */
    public INDArray all() {
        return all;
    }

    /** @return B, p×n, a row-major view */
    public INDArray encoder() {
        return encoder;
    }

    /** @return Bᵀ, n×p, a column-major view */
    public INDArray encoderTransposed() {
        return encoderTransposed;
    }

    /** @return A, n×p, a column-major view */
    public INDArray decoder() {
        return decoder;
    }

    /** @return p */
    public int latentSize() {
        return latent;
    }

    /** @return n */
    public long dimension() {
        return all.rows();
    }

    static INDArray columns(INDArray matrix, int from, int to) {
        return matrix.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to));
    }
}
