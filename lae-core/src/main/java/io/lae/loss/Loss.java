package io.lae.loss;

import io.lae.stats.Statistics;
import java.util.OptionalDouble;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A loss L(B, A) of a linear autoencoder with encoder B (p×n') and decoder A (n×p).
 *
 * <p>Every loss exists twice: {@link #evaluate} computes the value and the analytic gradients
 * from the sufficient statistics alone (never from X), and {@link #defineGraph} builds a SameDiff
 * graph of the same value whose autodiff gradients must agree with the analytic ones.
 */
public interface Loss {

    /** @return the loss name of docs/math.md §2 ({@code mse}, {@code ordered}, …) */
    String name();

    /** @return p, the latent size this loss was built for */
    int latentSize();

    /**
     * @param encoder B, p×n'
     * @param decoder A, n×p
     * @param stats   the statistics, in the weights' dtype
     * @return L with ∇_B L and ∇_A L
     */
    LossEvaluation evaluate(INDArray encoder, INDArray decoder, Statistics stats);

    /**
     * The gradients alone, for a training step that is not logged: {@link #evaluate} without the
     * reductions that form the value (each a wait for the device).
     *
     * @param encoder B, p×n'
     * @param decoder A, n×p
     * @param stats   the statistics, in the weights' dtype
     * @return ∇_B L and ∇_A L; the value is NaN
     */
    LossEvaluation gradients(INDArray encoder, INDArray decoder, Statistics stats);

    /**
     * The gradients alone, with the weights of an autoencoder (n = n') stacked as W = [Bᵀ | A]: every
     * loss of docs/math.md §2 in one n×n by n×2p GEMM plus O(p²n) work; a regression falls back to
     * {@link #gradients(INDArray, INDArray, Statistics)}.
     *
     * @param weights W = [Bᵀ | A]
     * @param stats   the statistics, in the weights' dtype
     * @return ∇_B L and ∇_A L, the value NaN, and BΣxxBᵀ when formed; the arrays may be buffers
     *     reused by the next call
     */
    LossEvaluation gradients(StackedWeights weights, Statistics stats);

    /**
     * The loss and its gradients on a mini-batch, computed from the batch directly in O(n·b·p)
     * (the data scale c uses m = b; penalties count in full per batch).
     *
     * @param encoder B, p×n'
     * @param decoder A, n×p
     * @param x       X, n'×b, samples as columns
     * @param y       Y, n×b
     * @return L with ∇_B L and ∇_A L on the batch
     */
    LossEvaluation evaluateBatch(INDArray encoder, INDArray decoder, INDArray x, INDArray y);

    /**
     * {@link #evaluateBatch} without the value, for a training step: no reduction to a number, so
     * the device never waits for the host.
     *
     * @param encoder B, p×n'
     * @param decoder A, n×p
     * @param x       X, n'×b, samples as columns
     * @param y       Y, n×b
     * @return ∇_B L and ∇_A L on the batch; the value is NaN
     */
    LossEvaluation gradientsBatch(INDArray encoder, INDArray decoder, INDArray x, INDArray y);

    /**
     * @param encoder B, p×n'
     * @param decoder A, n×p
     * @param stats   the statistics, in the weights' dtype
     * @return L alone (cheaper than {@link #evaluate})
     */
    double value(INDArray encoder, INDArray decoder, Statistics stats);

    /**
     * The loss by its literal definition on raw data: slow, the reference the statistics form is
     * held against.
     *
     * @param encoder B, p×n'
     * @param decoder A, n×p
     * @param x       X, n'×m, samples as columns
     * @param y       Y, n×m
     * @return L
     */
    double valueFromData(INDArray encoder, INDArray decoder, INDArray x, INDArray y);

    /**
     * Adds the loss to a SameDiff graph, with Σxx, Σyx and tyy as constants (the graph is built
     * from the statistics, like the analytic path, but through independent expressions).
     *
     * @param graph   the graph
     * @param encoder the encoder variable B
     * @param decoder the decoder variable A
     * @param stats   the statistics
     * @return a scalar variable holding L
     */
    SDVariable defineGraph(SameDiff graph, SDVariable encoder, SDVariable decoder, Statistics stats);

    /**
     * @param eigenvalues λ₁ ≥ λ₂ ≥ … of Σ
     * @param stats       the statistics
     * @return the global minimum L*, when it has a closed form known to lae
     */
    OptionalDouble optimalValue(double[] eigenvalues, Statistics stats);
}
