package io.lae.sweep;

import io.lae.train.StopTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A study read from its file ({@link StudyFile}): every run it plans, in the order they are started, and how its
 * summary reads them.
 *
 * @param runs     the runs, in the order of the grid (its first axis outermost), each listed combination innermost
 * @param axes     what varies between runs: {@link #RUN_AXIS} when the study lists combinations, then the grid's axes
 *                 in the file's order
 * @param stopAxis the grid axis along which each series stops at its first failure, or null
 * @param metric   the metric drawn against the step in the summary's figure ({@code d_align} unless the file says)
 * @param targets  the targets whose steps and seconds the summary reports: the file's, else the runs' distinct
 *                 {@code until}
 */
public record Study(List<PlannedRun> runs, List<String> axes, String stopAxis, String metric,
                    List<StopTarget> targets) {

    /** The axis of the listed combinations ({@code [[runs]]}), whose values are their names. */
    public static final String RUN_AXIS = "run";

    /** Copies the lists. */
    public Study {
        runs = List.copyOf(runs);
        axes = List.copyOf(axes);
        targets = List.copyOf(targets);
    }

    /** @return the runs grouped by series, each series in the order of its stop axis, series in the order of their first run */
    public List<List<PlannedRun>> series() {
        Map<String, List<PlannedRun>> bySeries = new LinkedHashMap<>();
        for (PlannedRun run : runs) {
            bySeries.computeIfAbsent(run.series(), s -> new ArrayList<>()).add(run);
        }
        return List.copyOf(bySeries.values());
    }

    /**
     * @param name a run's name
     * @return that run
     * @throws IllegalArgumentException if the study has none of that name
     */
    public PlannedRun run(String name) {
        return runs.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no run " + name));
    }
}
