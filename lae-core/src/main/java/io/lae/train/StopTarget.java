package io.lae.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.lae.LaeException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An early stop ({@code --until}): one or more thresholds on the logged metrics, and the run ends at the first
 * logged row that reaches all of them, e.g. {@code d_align=0.01,longest_streak=20}. A threshold is reached at or
 * above its value for the ratios, the longest streak and {@code step} (stop at step S while the learning-rate
 * schedule still spans --steps), at or below it for the distances and the loss ratio.
 *
 * @param thresholds what a row must reach, at least one, each metric once
 */
public record StopTarget(List<Threshold> thresholds) {

    private static final List<String> RISING = List.of("ratio_tp", "ratio_total", "longest_streak", "step");
    private static final List<String> FALLING = List.of("d_align", "d_sub", "loss_ratio", "transpose_gap");

    /** Copies the thresholds and requires at least one, each metric once. */
    public StopTarget {
        thresholds = List.copyOf(thresholds);
        if (thresholds.isEmpty()) {
            throw new IllegalArgumentException("a stop target needs at least one threshold");
        }
        if (thresholds.stream().map(Threshold::metric).distinct().count() < thresholds.size()) {
            throw new LaeException("--until '" + text(thresholds) + "' names a metric twice: give each metric once");
        }
    }

    /**
     * One metric and the value that reaches it.
     *
     * @param metric the metric column name
     * @param value  the value
     */
    public record Threshold(String metric, double value) {

        /** Requires a metric it can watch. */
        public Threshold {
            if (!(RISING.contains(metric) || FALLING.contains(metric))) {
                throw new LaeException("--until: '" + metric + "' is not a metric to stop at: use one of "
                        + String.join(", ", RISING) + ", " + String.join(", ", FALLING));
            }
        }

        /**
         * @param row the latest metrics
         * @return whether the row reaches this value (never, while the metric is unknown)
         */
        public boolean reachedBy(MetricsRow row) {
            double v = row.get(metric);
            if (Double.isNaN(v)) {
                return false;
            }
            return RISING.contains(metric) ? v >= value : v <= value;
        }

        @Override
        public String toString() {
            return metric + "=" + value;
        }
    }

    /**
     * @param text {@code metric=value}, or several joined by commas, all of which must be reached, e.g.
     *             {@code ratio_tp=1} or {@code d_align=0.01,longest_streak=20}, as on the command line and in
     *             run.json
     * @return the target
     * @throws LaeException if a metric is unknown or named twice, or a value is not a number
     */
    @JsonCreator
    public static StopTarget parse(String text) {
        List<Threshold> thresholds = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String[] pair = part.split("=", 2);
            String metric = pair[0].strip();
            if (pair.length != 2 || !(RISING.contains(metric) || FALLING.contains(metric))) {
                throw new LaeException("--until '" + text + "' is not METRIC=VALUE[,METRIC=VALUE…] with METRIC one of "
                        + String.join(", ", RISING) + ", " + String.join(", ", FALLING)
                        + " (e.g. --until ratio_tp=1, --until step=5000 or --until d_align=0.01,longest_streak=20)");
            }
            try {
                thresholds.add(new Threshold(metric, Double.parseDouble(pair[1].strip())));
            } catch (NumberFormatException e) {
                throw new LaeException("--until '" + text + "': '" + pair[1] + "' is not a number");
            }
        }
        return new StopTarget(thresholds);
    }

    /**
     * @param row the latest metrics
     * @return whether the row reaches every threshold
     */
    public boolean reachedBy(MetricsRow row) {
        return thresholds.stream().allMatch(t -> t.reachedBy(row));
    }

    @JsonValue
    @Override
    public String toString() {
        return text(thresholds);
    }

    private static String text(List<Threshold> thresholds) {
        return thresholds.stream().map(Threshold::toString).collect(Collectors.joining(","));
    }
}
