package io.lae.sweep;

import io.lae.runs.ResumableRun;
import io.lae.train.MetricsRow;
import io.lae.train.RunStatus;
import io.lae.train.StopTarget;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How one run of a study ended.
 *
 * @param run      the planned run
 * @param state    finished, stopped at its until target, diverged, or skipped after its series' first failure
 * @param metrics  every logged row (none for a skipped run)
 * @param readBack whether it ended in an earlier invocation of the study and was read back
 * @param outcome  the run's outcome (its weights when it did not diverge), or null when it was skipped
 */
public record RunRecord(PlannedRun run, State state, List<MetricsRow> metrics, boolean readBack,
                        ResumableRun.Outcome outcome) {

    /** How a run of a study ended. */
    public enum State {
        /** It ran all its steps. */
        FINISHED,
        /** It reached its until target. */
        STOPPED,
        /** Its loss or weights became non-finite. */
        DIVERGED,
        /** An earlier run of its series along the stop axis failed, so it did not run. */
        SKIPPED;

        /** @return the label in the summary, e.g. {@code finished} */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Copies the rows. */
    public RunRecord {
        metrics = List.copyOf(metrics);
    }

    /**
     * @param run     the planned run
     * @param outcome how it ended
     * @return its record
     */
    static RunRecord of(PlannedRun run, ResumableRun.Outcome outcome) {
        State state = outcome.diverged() ? State.DIVERGED
                : outcome.run().status() == RunStatus.STOPPED ? State.STOPPED : State.FINISHED;
        return new RunRecord(run, state, outcome.metrics(), outcome.readBack(), outcome);
    }

    /**
     * @param run a planned run that does not run
     * @return its record
     */
    static RunRecord skipped(PlannedRun run) {
        return new RunRecord(run, State.SKIPPED, List.of(), false, null);
    }

    /** @return the last logged row, if any */
    public Optional<MetricsRow> last() {
        return metrics.isEmpty() ? Optional.empty() : Optional.of(metrics.getLast());
    }

    /**
     * @return whether the run did not fail: it did not diverge and was not skipped, and its last row reaches its until
     *     target when it has one
     */
    public boolean succeeded() {
        if (state == State.DIVERGED || state == State.SKIPPED) {
            return false;
        }
        StopTarget until = run.config().until();
        return until == null || last().filter(until::reachedBy).isPresent();
    }

    /**
     * @param target a target
     * @return the first logged row that reaches it
     */
    public Optional<MetricsRow> firstReaching(StopTarget target) {
        return state == State.DIVERGED ? Optional.empty()
                : metrics.stream().filter(target::reachedBy).findFirst();
    }

    /**
     * @param target a target
     * @return the step of the first logged row that reaches it, +∞ when none does (so that runs order by it)
     */
    public double stepsTo(StopTarget target) {
        return firstReaching(target).map(m -> (double) m.step()).orElse(Double.POSITIVE_INFINITY);
    }
}
