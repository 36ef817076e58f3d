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
    private final double loss;

    /**
     * @param step    the step at which the loss or the weights stopped being finite
     * @param loss    the loss there (NaN when the weights were found non-finite before a checkpoint)
     * @param message one line: what happened and what to change
     */
    public TrainingDivergedException(long step, double loss, String message) {
        super(step, message);
        this.loss = loss;
    }

    /** @return the loss at the step the run diverged (NaN or infinite, or NaN when only the weights were checked) */
    public double loss() {
        return loss;
    }
}
