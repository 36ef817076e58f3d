package io.lae.experiments;

import io.lae.LaeException;
import java.util.Locale;

/** How large an experiment runs: the paper's sizes, or a shrunken version that runs in seconds (tests, CI). */
public enum ExperimentScale {
    /** Seconds: small sizes and few steps, to check the pipeline; claims that need the paper's sizes are not evaluated. */
    QUICK,
    /** The paper's sizes and step counts (README, Experiments). */
    FULL;

    /** @return the label on the command line */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param label quick or full
     * @return the scale
     * @throws LaeException for any other label
     */
    public static ExperimentScale parse(String label) {
        for (ExperimentScale s : values()) {
            if (s.label().equals(label)) {
                return s;
            }
        }
        throw new LaeException("--scale must be quick or full, got '" + label + "'");
    }
}
