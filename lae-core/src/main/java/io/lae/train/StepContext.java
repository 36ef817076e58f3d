package io.lae.train;

import io.lae.loss.Loss;
import io.lae.optim.Optimizer;
import io.lae.optim.OptimizerState;
import io.lae.stats.Statistics;

/**
 * What one training step needs besides the model.
 *
 * @param loss         the loss being minimised
 * @param stats        the statistics, in the model's dtype
 * @param optimizer    the optimizer that applies a direction
 * @param state        its state, advanced by the step
 * @param learningRate α for this step
 */
public record StepContext(Loss loss, Statistics stats, Optimizer optimizer, OptimizerState state, double learningRate) {
}
