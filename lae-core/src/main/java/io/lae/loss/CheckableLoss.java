package io.lae.loss;

import io.lae.stats.Statistics;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A loss with the two independent forms its fast path is checked against ({@code lae gradcheck},
 * {@link io.lae.check.GradientCheck}): the literal definition on raw data and a SameDiff graph whose
 * autodiff gradients must agree with {@link #evaluate}'s analytic ones. Every loss lae builds is one.
 */
public interface CheckableLoss extends Loss {

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
}
