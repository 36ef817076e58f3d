package io.lae.runs;

import java.time.Duration;
import java.util.List;

/**
 * The time left in a sweep of parts run in sequence, each with an expected duration eᵢ (the
 * experiments of {@code lae experiment all}, with the times {@code --list} shows). While part j runs
 * for t, the time left is max(eⱼ − t, r) + Σ_{i>j} eᵢ, where r is the running training run's own
 * measured time left: a part that overruns its estimate is never shown as nearly done while a long run
 * is still going. A part that has ended leaves nothing, however early it ended (e.g. read back from an
 * earlier invocation).
 */
final class SweepEstimate {

    private final List<Duration> expected;
    private int current = -1;
    private long partStart;
    private boolean ended;

    /** @param expected each part's expected duration, in the order they run */
    SweepEstimate(List<Duration> expected) {
        this.expected = List.copyOf(expected);
    }

    /**
     * @param part  the index of the part starting
     * @param nanos the clock now
     */
    void begin(int part, long nanos) {
        if (part < 0 || part >= expected.size()) {
            throw new IllegalArgumentException("part " + part + " of " + expected.size());
        }
        current = part;
        partStart = nanos;
        ended = false;
    }

    /** Marks the running part as ended. */
    void end() {
        ended = true;
    }

    /** @return the number of parts */
    int parts() {
        return expected.size();
    }

    /** @return the index of the part running, or -1 before the first */
    int current() {
        return current;
    }

    /**
     * @param nanos        the clock now
     * @param runRemaining the running training run's own time left (zero between runs)
     * @return max(eⱼ − t, r) + Σ_{i>j} eᵢ; before the first part, Σ eᵢ; once part j has ended, Σ_{i>j} eᵢ
     */
    Duration remaining(long nanos, Duration runRemaining) {
        Duration later = Duration.ZERO;
        for (int i = current + 1; i < expected.size(); i++) {
            later = later.plus(expected.get(i));
        }
        if (current < 0 || ended) {
            return later;
        }
        Duration left = expected.get(current).minusNanos(nanos - partStart);
        Duration thisPart = left.compareTo(runRemaining) >= 0 ? left : runRemaining;
        return (thisPart.isNegative() ? Duration.ZERO : thisPart).plus(later);
    }
}
