package io.lae.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.lae.LaeException;
import java.util.List;

/**
 * An early stop ({@code --until}): a metric and the value that ends the run once reached — at or
 * above it for the ratios and for {@code step} (stop at step S while the learning-rate schedule
 * still spans --steps), at or below it for the distances and the loss ratio.
 *
 * @param metric the metric column name
 * @param target the value
 */
public record StopTarget(String metric, double target) {

    private static final List<String> RISING = List.of("ratio_tp", "ratio_total", "longest_streak", "step");
    private static final List<String> FALLING = List.of("d_align", "d_sub", "loss_ratio", "transpose_gap");

    /** Requires a metric it can watch. */
    public StopTarget {
        if (!(RISING.contains(metric) || FALLING.contains(metric))) {
            throw new LaeException("--until: '" + metric + "' is not a metric to stop at: use one of "
                    + String.join(", ", RISING) + ", " + String.join(", ", FALLING));
        }
    }

    /**
     * @param text {@code metric=value}, e.g. {@code ratio_tp=1} or {@code d_align=0.3}, as on the command line
     *             and in run.json
     * @return the target
     * @throws LaeException if the metric is unknown or the value is not a number
     */
    @JsonCreator
    public static StopTarget parse(String text) {
        String[] parts = text.split("=", 2);
        String metric = parts[0].strip();
        if (parts.length != 2 || !(RISING.contains(metric) || FALLING.contains(metric))) {
            throw new LaeException("--until '" + text + "' is not METRIC=VALUE with METRIC one of "
                    + String.join(", ", RISING) + ", " + String.join(", ", FALLING) + " (e.g. --until ratio_tp=1 or --until step=5000)");
        }
        try {
            return new StopTarget(metric, Double.parseDouble(parts[1].strip()));
        } catch (NumberFormatException e) {
            throw new LaeException("--until '" + text + "': '" + parts[1] + "' is not a number");
        }
    }

    /**
     * @param row the latest metrics
     * @return whether the target is reached (never, while the metric is unknown)
     */
    public boolean reachedBy(MetricsRow row) {
        double value = row.get(metric);
        if (Double.isNaN(value)) {
            return false;
        }
        return RISING.contains(metric) ? value >= target : value <= target;
    }

    @JsonValue
    @Override
    public String toString() {
        return metric + "=" + target;
    }
}
