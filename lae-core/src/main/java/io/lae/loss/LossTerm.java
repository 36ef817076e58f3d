package io.lae.loss;

import io.lae.stats.Statistics;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One additive term of a loss (a reconstruction term or a penalty), in its three forms: analytic
 * from the statistics, literal from raw data, and as a SameDiff graph.
 */
public interface LossTerm {

    /**
     * Computes the term from the statistics and, when the gradient buffers are given, adds its
     * gradients into them.
     *
     * @param encoder     B, p×n'
     * @param decoder     A, n×p
     * @param decoderGram AᵀA, p×p, shared by the terms of one loss
     * @param stats       the sufficient statistics (same dtype as the weights)
     * @param gradEncoder ∇_B accumulator, p×n', or null for the value alone
     * @param gradDecoder ∇_A accumulator, n×p, or null for the value alone
     * @param withValue   whether to form the value: a training step needs only the gradients, and each
     *                    reduction to a number is a wait for the device
     * @return the value of this term, or NaN without {@code withValue}
     */
    double accumulate(INDArray encoder, INDArray decoder, INDArray decoderGram, Statistics stats,
                      INDArray gradEncoder, INDArray gradDecoder, boolean withValue);

    /**
     * Computes the term on a mini-batch (samples as columns), in O(n·b·p), and adds its gradients.
     *
     * @param encoder     B, p×n'
     * @param decoder     A, n×p
     * @param decoderGram AᵀA, p×p
     * @param x           X, n'×b
     * @param y           Y, n×b
     * @param gradEncoder ∇_B accumulator, or null
     * @param gradDecoder ∇_A accumulator, or null
     * @param withValue   whether to form the value
     * @return the value of this term on the batch (the data scale c uses m = b), or NaN without
     *     {@code withValue}
     */
    double accumulateBatch(INDArray encoder, INDArray decoder, INDArray decoderGram, INDArray x, INDArray y,
                           INDArray gradEncoder, INDArray gradDecoder, boolean withValue);

    /**
     * The term by its literal definition on raw data (slow; a reference, not a training path).
     *
     * @param encoder B, p×n'
     * @param decoder A, n×p
     * @param x       X, n'×m, samples as columns
     * @param y       Y, n×m
     * @return the value
     */
    double valueFromData(INDArray encoder, INDArray decoder, INDArray x, INDArray y);

    /**
     * @param in the graph with the weights and statistics
     * @return a scalar variable holding this term's value
     */
    SDVariable define(GraphInputs in);
}
