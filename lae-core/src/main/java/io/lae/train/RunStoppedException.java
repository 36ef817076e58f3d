package io.lae.train;

import io.lae.LaeException;

/**
 * A run that ended before its last step, at a known step, with its run directory saying why: it
 * diverged ({@link TrainingDivergedException}) or was stopped from outside ({@link TrainingInterruptedException}).
 */
public abstract class RunStoppedException extends LaeException {

    private final long step;

    /**
     * @param step    the step at which the run ended
     * @param message one line: where it ended and what to do
     */
    protected RunStoppedException(long step, String message) {
        super(message);
        this.step = step;
    }

    /** @return the step at which the run ended */
    public long step() {
        return step;
    }
}
