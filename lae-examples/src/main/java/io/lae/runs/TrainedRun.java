package io.lae.runs;

import io.lae.train.MetricsRow;
import io.lae.train.Model;
import io.lae.train.RunStatus;
import java.nio.file.Path;
import java.util.List;

/**
 * A finished training run.
 *
 * @param dir     its directory
 * @param config  its configuration
 * @param model   the final weights
 * @param metrics every logged row, first to last
 * @param status  {@code finished} or {@code stopped} (the --until target was reached)
 * @param plots   the plots' files written (PNG, SVG, PDF)
 */
public record TrainedRun(Path dir, TrainingConfig config, Model model, List<MetricsRow> metrics, RunStatus status,
                         List<Path> plots) {

    /** @return the last logged metrics */
    public MetricsRow last() {
        return metrics.get(metrics.size() - 1);
    }
}
