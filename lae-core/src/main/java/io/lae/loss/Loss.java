package io.lae.loss;

import io.lae.LaeException;
import io.lae.stats.Statistics;
import java.util.OptionalDouble;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A loss L(B, A) of a linear autoencoder with encoder B (p×n') and decoder A (n×p), as training needs
 * it: the value and the gradients, from the sufficient statistics (full batch) or from a mini-batch.
 * A loss of one's own needs only {@link #name}, {@link #latentSize} and {@link #evaluate}; the other
 * methods default to it (and a loss without {@link #evaluateBatch} trains full batch only). lae's own
 * losses are also {@link CheckableLoss}: a literal definition and a SameDiff graph to check them against.
 *
 * <p>lae's losses keep per-dtype caches and reused buffers: use one instance from one thread at a time.
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
     * @return ∇_B L and ∇_A L; the value may be NaN
     */
    default LossEvaluation gradients(INDArray encoder, INDArray decoder, Statistics stats) {
        return evaluate(encoder, decoder, stats);
    }

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
    default LossEvaluation gradients(StackedWeights weights, Statistics stats) {
        return gradients(weights.encoder(), weights.decoder(), stats);
    }

    /**
     * The loss and its gradients on a mini-batch, computed from the batch directly in O(n·b·p)
     * (the data scale c uses m = b; penalties count in full per batch).
     *
     * @param encoder B, p×n'
     * @param decoder A, n×p
     * @param x       X, n'×b, samples as columns
     * @param y       Y, n×b
     * @return L with ∇_B L and ∇_A L on the batch
     * @throws LaeException for a loss without a mini-batch form
     */
    default LossEvaluation evaluateBatch(INDArray encoder, INDArray decoder, INDArray x, INDArray y) {
        throw new LaeException("loss '" + name() + "' has no mini-batch form: train it full batch (without --epochs)");
    }

    /**
     * {@link #evaluateBatch} without the value, for a training step: no reduction to a number, so
     * the device never waits for the host.
     *
     * @param encoder B, p×n'
     * @param decoder A, n×p
     * @param x       X, n'×b, samples as columns
     * @param y       Y, n×b
     * @return ∇_B L and ∇_A L on the batch; the value may be NaN
     */
    default LossEvaluation gradientsBatch(INDArray encoder, INDArray decoder, INDArray x, INDArray y) {
        return evaluateBatch(encoder, decoder, x, y);
    }

    /**
     * @param encoder B, p×n'
     * @param decoder A, n×p
     * @param stats   the statistics, in the weights' dtype
     * @return L alone (cheaper than {@link #evaluate} for lae's losses)
     */
    default double value(INDArray encoder, INDArray decoder, Statistics stats) {
        return evaluate(encoder, decoder, stats).value();
    }

    /**
     * @param eigenvalues λ₁ ≥ λ₂ ≥ … of Σ
     * @param stats       the statistics
     * @return the global minimum L*, when it has a closed form known to lae (empty by default)
     */
    default OptionalDouble optimalValue(double[] eigenvalues, Statistics stats) {
        return OptionalDouble.empty();
    }
}
