package io.lae.runs;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test hook that stops the process as {@code kill -9} would ({@link Runtime#halt}: no shutdown hooks, no
 * finally blocks, locks and temporary files left behind) at a chosen point of a run, so that the tests can
 * resume a run from every window in which a crash may leave it. It does nothing unless the system property
 * {@value #PROPERTY} is set, to {@code WINDOW:N}: halt the N-th time (from 1) the run reaches that window,
 * e.g. {@code checkpoint-renames:3}.
 */
public final class CrashPoint {

    /** The system property that arms the hook. */
    public static final String PROPERTY = "lae.test.crashAt";
    /** The exit status of a halted process, that of a process killed by SIGKILL. */
    public static final int EXIT_STATUS = 137;

    /** Where a run may be killed. */
    public enum Window {
        /** After a step, before the next. */
        STEP,
        /** Inside a checkpoint: some of its parts written, the rest not. */
        CHECKPOINT_PART,
        /** Between the checkpoint's two renames: the old one moved away, the new one not yet in place. */
        CHECKPOINT_RENAMES,
        /** Inside the final weights: encoder.npy written, decoder.npy not. */
        FINAL_WEIGHTS,
        /** Inside a metrics.csv append: part of the row written. */
        METRICS_APPEND;

        /** @return the name used in {@value #PROPERTY}, e.g. {@code checkpoint-renames} */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private static final AtomicLong REACHED = new AtomicLong();

    private CrashPoint() {
    }

    /**
     * @param window the window the run is in
     * @return whether the process is to stop here (call {@link #halt} after doing the part of the work
     *     a crash would have done)
     */
    public static boolean due(Window window) {
        String armed = System.getProperty(PROPERTY);
        if (armed == null || !armed.startsWith(window.label() + ":")) {
            return false;
        }
        return REACHED.incrementAndGet() == Long.parseLong(armed.substring(window.label().length() + 1));
    }

    /** Stops the process at once, as SIGKILL would. */
    public static void halt() {
        Runtime.getRuntime().halt(EXIT_STATUS);
    }

    /**
     * Stops the process here when the hook is armed for this window and this is the chosen time.
     *
     * @param window the window the run is in
     */
    public static void at(Window window) {
        if (due(window)) {
            halt();
        }
    }
}
