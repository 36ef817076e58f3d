package io.lae.train;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/** Where a run stands, as {@code run.json} says it ({@code "status"}). */
public enum RunStatus {
    /** Training, or killed without a word (its checkpoint continues it). */
    RUNNING("running"),
    /** All its steps done. */
    FINISHED("finished"),
    /** Ended early at its {@code --until} target. */
    STOPPED("stopped"),
    /** Its loss or weights stopped being finite; the last finite checkpoint is kept. */
    DIVERGED("diverged"),
    /** Stopped by Ctrl-C or SIGTERM after a step, with a checkpoint there. */
    INTERRUPTED("interrupted");

    private final String label;

    RunStatus(String label) {
        this.label = label;
    }

    /** @return the word in run.json */
    @JsonValue
    public String label() {
        return label;
    }

    /** @return whether the run is complete: finished, or stopped at its target */
    public boolean done() {
        return this == FINISHED || this == STOPPED;
    }

    /**
     * @param label a word from run.json
     * @return its status, or empty for a word lae does not write
     */
    public static Optional<RunStatus> fromLabel(String label) {
        for (RunStatus s : values()) {
            if (s.label.equals(label)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return label;
    }
}
