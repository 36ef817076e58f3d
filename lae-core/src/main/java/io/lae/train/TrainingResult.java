package io.lae.train;

/**
 * How a run ended.
 *
 * @param model   the final weights
 * @param last    the last logged metrics
 * @param status  {@code finished} (all steps), {@code stopped} (the --until target was reached)
 */
public record TrainingResult(Model model, MetricsRow last, RunStatus status) {
}
