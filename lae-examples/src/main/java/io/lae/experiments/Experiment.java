package io.lae.experiments;

/**
 * One figure (or group of figures) of a paper, replayed (SPEC section 6). An experiment trains its
 * runs through the {@link ExperimentContext}, draws its figures and records each claim of the paper's
 * figure as a computed check.
 */
public interface Experiment {

    /** @return the id of SPEC section 6, e.g. {@code kunin-fig3-6} */
    String id();

    /** @return one line: the paper, the figure and what it shows */
    String title();

    /** @return the expected wall time at full scale on a 2-core laptop-class CPU, e.g. "1 min" */
    String expectedTime();

    /**
     * Runs the experiment: trains, draws figures, adds claims and choices to the context's summary.
     *
     * @param context the scale, output directory, seed, dtype and console
     */
    void run(ExperimentContext context);
}
