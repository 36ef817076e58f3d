package io.lae.train;

/**
 * A run stopped from outside (Ctrl-C, SIGTERM) between two steps: a {@link TrainingListener} throws it
 * from {@link TrainingListener#stepped}. The trainer then checkpoints the step reached and marks
 * {@code run.json} {@code "status": "interrupted"}, so {@code --resume} continues exactly there.
 */
public final class TrainingInterruptedException extends RunStoppedException {

    /**
     * @param step    the steps done when the run stopped
     * @param message one line: where it stopped and how to continue
     */
    public TrainingInterruptedException(long step, String message) {
        super(step, message);
    }
}
