package io.lae.loss;

import io.lae.method.Hyperparameter;
import io.lae.stats.Statistics;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A loss term on the weights alone (the L2 penalties): it is the same over the statistics and over
 * a mini-batch, where it counts in full per batch.
 */
abstract class Penalty implements LossTerm {

    /** λ, the weight of a uniform L2 penalty ({@code product}'s λ‖AB‖², {@code sum}'s λ(‖A‖² + ‖B‖²)). */
    static final Hyperparameter<Double> WEIGHT = Hyperparameter.number("lambda", "the L2 weight λ, e.g. --lambda 10",
            null, 0.7, v -> v >= 0 && !Double.isInfinite(v), "finite and non-negative");

    @Override
    public final double accumulate(INDArray encoder, INDArray decoder, INDArray decoderGram, Statistics stats,
                                   INDArray gradEncoder, INDArray gradDecoder, boolean withValue) {
        return penalty(encoder, decoder, decoderGram, gradEncoder, gradDecoder, withValue);
    }

    @Override
    public final double accumulateBatch(INDArray encoder, INDArray decoder, INDArray decoderGram, INDArray x,
                                        INDArray y, INDArray gradEncoder, INDArray gradDecoder, boolean withValue) {
        return penalty(encoder, decoder, decoderGram, gradEncoder, gradDecoder, withValue);
    }

    /**
     * @param encoder     B
     * @param decoder     A
     * @param decoderGram AᵀA
     * @param gradEncoder ∇_B accumulator, or null
     * @param gradDecoder ∇_A accumulator, or null
     * @param withValue   whether to form the value
     * @return the penalty's value (NaN without {@code withValue}), its gradients added to the accumulators
     */
    abstract double penalty(INDArray encoder, INDArray decoder, INDArray decoderGram, INDArray gradEncoder,
                            INDArray gradDecoder, boolean withValue);
}
