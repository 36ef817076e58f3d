package io.lae.train;

/** Follows a training run, e.g. to draw a progress bar. Every method does nothing by default. */
public interface TrainingListener {

    /**
     * @param firstStep the step the run starts from (non-zero on resume)
     * @param lastStep  the step it ends at unless stopped early
     */
    default void started(long firstStep, long lastStep) {
    }

    /** @param done steps done so far */
    default void stepped(long done) {
    }

    /** @param row the metrics just logged */
    default void logged(MetricsRow row) {
    }

    /** Called once the run has ended, however it ended. */
    default void finished() {
    }
}
