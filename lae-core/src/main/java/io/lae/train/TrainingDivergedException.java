package io.lae.train;

/**
 * A run whose loss or weights stopped being finite. The run directory then says {@code "status":
 * "diverged"} in {@code run.json}, with the last finite metrics as its final row, so that a sweep can
 * record the run as a data point and go on.
 */
public final class TrainingDivergedException extends RunStoppedException {

    /**
     * @param step    the step at which the divergence was seen
     * @param message one line: where it diverged and what to change
     */
    public TrainingDivergedException(long step, String message) {
        super(step, message);
    }
}
