package io.lae.train;

import io.lae.closedform.GroundTruth;
import io.lae.loss.Loss;
import io.lae.metrics.AbsoluteCosineSimilarity;
import io.lae.metrics.AcsRatios;
import io.lae.metrics.Alignment;
import io.lae.metrics.LongestStreak;
import io.lae.metrics.TransposeGap;
import io.lae.stats.Statistics;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Computes the metrics of docs/math.md §4 at a log step, against a ground truth decomposed once per
 * run (an eigendecomposition costs far more than a step).
 */
public final class Evaluator {

    private final Loss loss;
    private final Statistics stats;
    private final INDArray directions;
    private final double optimum;

    /**
     * @param loss  the loss being trained
     * @param stats the statistics, in the model's dtype
     * @param truth the ground truth, or null when it was skipped (then only loss metrics)
     */
    public Evaluator(Loss loss, Statistics stats, GroundTruth truth) {
        this.loss = loss;
        this.stats = stats;
        this.directions = truth == null ? null : truth.directions(loss.latentSize());
        this.optimum = truth == null ? Double.NaN
                : loss.optimalValue(truth.eigenvalues(), stats).orElse(Double.NaN);
    }

    /** @return L*, or NaN when the loss has no closed-form optimum or there is no ground truth */
    public double optimum() {
        return optimum;
    }

    /**
     * @param step    steps done
     * @param model   the weights
     * @param lr      the learning rate of the last step
     * @param seconds training time so far
     * @return the metrics row
     */
    public MetricsRow evaluate(long step, Model model, double lr, double seconds) {
        double value = loss.value(model.encoder(), model.decoder(), stats);
        INDArray decoder = model.decoder().castTo(DataType.DOUBLE);
        // ‖B − Aᵀ‖² needs B and Aᵀ of one shape: n = n' (not a regression to fewer or more outputs)
        double gap = stats.inputDim() == stats.outputDim()
                ? TransposeGap.of(model.encoder().castTo(DataType.DOUBLE), decoder) : Double.NaN;
        if (directions == null || !model.isFinite()) {
            return new MetricsRow(step, value, value / optimum, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, gap, lr, seconds);
        }
        INDArray acs = AbsoluteCosineSimilarity.matrix(directions, decoder);      // once for three metrics
        AcsRatios ratios = AbsoluteCosineSimilarity.ratios(acs, AbsoluteCosineSimilarity.DEFAULT_EPSILON);
        return new MetricsRow(step, value, value / optimum, ratios.tp(), ratios.fp(), ratios.total(),
                Alignment.dAlign(acs), Alignment.dSub(decoder, directions), LongestStreak.of(acs), gap, lr, seconds);
    }
}
