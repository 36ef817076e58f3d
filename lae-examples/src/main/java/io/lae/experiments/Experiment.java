package io.lae.experiments;

import java.time.Duration;

/**
 * One figure (or group of figures) of a paper, replayed (README, Experiments). An experiment trains its
 * runs through the {@link ExperimentContext}, draws its figures and records each claim of the paper's
 * figure as a computed check.
 */
public abstract class Experiment {

    private final String id;
    private final String title;
    private final Duration fullScale;
    private final Duration quickScale;

    /**
     * @param id         the id of README, Experiments, e.g. {@code kunin-fig3-6}
     * @param title      one line: the paper, the figure and what it shows
     * @param fullScale  the wall time at full scale on a 2-core laptop-class CPU, as measured
     * @param quickScale the wall time at quick scale there
     */
    protected Experiment(String id, String title, Duration fullScale, Duration quickScale) {
        this.id = id;
        this.title = title;
        this.fullScale = fullScale;
        this.quickScale = quickScale;
    }

    /** @return the id of README, Experiments */
    public final String id() {
        return id;
    }

    /** @return one line: the paper, the figure and what it shows */
    public final String title() {
        return title;
    }

    /**
     * @param scale quick or full
     * @return the expected wall time at that scale on a 2-core laptop-class CPU
     */
    public final Duration expectedTime(ExperimentScale scale) {
        return scale == ExperimentScale.QUICK ? quickScale : fullScale;
    }

    /**
     * Runs the experiment: trains, draws figures, adds claims and choices to the context's summary.
     *
     * @param context the scale, output directory, seed, dtype and console
     */
    public abstract void run(ExperimentContext context);
}
