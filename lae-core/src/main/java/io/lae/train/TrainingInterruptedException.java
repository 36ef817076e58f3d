package io.lae.train;

import io.lae.LaeException;

/**
 * A run stopped from outside (Ctrl-C, SIGTERM) between two steps: a {@link TrainingListener} throws it
 * from {@link TrainingListener#stepped}. The trainer then checkpoints the step reached and marks
 * {@code run.json} {@code "status": "interrupted"}, so {@code --resume} continues exactly there.
 */
public final class TrainingInterruptedException extends LaeException {

    private final long step;

    /**
     * @param step    the steps done when the run stopped
     * @param message one line: where it stopped and how to continue
     */
    public TrainingInterruptedException(long step, String message) {
        super(message);
        this.step = step;
    }

    /** @return the steps done when the run stopped */
    public long step() {
        return step;
    }
}
