package io.lae.loss;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * What a {@link LossTerm} needs to add itself to a SameDiff graph: the weights as variables and
 * the statistics as constants.
 *
 * @param graph       the graph being built
 * @param encoder     B, p×n'
 * @param decoder     A, n×p
 * @param sigmaXX     Σxx as a constant
 * @param sigmaYX     Σyx as a constant
 * @param tyy         Tr(YYᵀ)
 * @param sampleCount m
 */
public record GraphInputs(SameDiff graph, SDVariable encoder, SDVariable decoder,
                          SDVariable sigmaXX, SDVariable sigmaYX, double tyy, long sampleCount) {
}
