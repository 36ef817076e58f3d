package io.lae.sweep;

import io.lae.runs.ProgressReporter;
import io.lae.runs.RunProgress;
import io.lae.train.MetricsRow;
import java.io.PrintWriter;
import java.util.Map;

/**
 * One progress display over a whole study, counting the steps of all its runs: a {@link ProgressReporter} (a bar
 * with ETA on a terminal, lines on a pipe) fed by every run at once. A run counts its planned steps in full once it
 * ends, however early it stopped; a skipped run counts them when it is skipped, and a run read back from an earlier
 * invocation counts from the start.
 */
public final class StepsProgress implements AutoCloseable {

    private final ProgressReporter reporter;
    private final Map<String, Long> planned;
    private long done;

    /**
     * @param task    the display's label
     * @param planned each run's planned steps, by name
     * @param ended   the steps of the runs that ended in an earlier invocation
     * @param console where the lines go
     */
    StepsProgress(String task, Map<String, Long> planned, long ended, PrintWriter console) {
        this.reporter = new ProgressReporter(task, "step", console);
        this.planned = Map.copyOf(planned);
        long total = planned.values().stream().mapToLong(Long::longValue).sum();
        this.done = ended;
        reporter.started(ended, Math.max(1, total));
    }

    /**
     * @param task    the display's label
     * @param study   the study
     * @param sweep   its sweep, its data loaded
     * @param console where the lines go
     * @return the display over all the study's steps, those of the runs that ended in an earlier invocation done
     */
    public static StepsProgress of(String task, Study study, Sweep sweep, PrintWriter console) {
        Map<String, Long> planned = new java.util.LinkedHashMap<>();
        long ended = 0;
        for (PlannedRun run : study.runs()) {
            planned.put(run.name(), sweep.plannedSteps(run));
            if (sweep.ended(run)) {
                ended += sweep.plannedSteps(run);
            }
        }
        return new StepsProgress(task, planned, ended, console);
    }

    /**
     * @param name a run's name
     * @return the display of that run, feeding this one
     */
    public RunProgress forRun(String name) {
        return new RunProgress() {
            private long seen;

            @Override
            public void started(long firstStep, long lastStep) {
                stepped(firstStep);
            }

            @Override
            public void stepped(long step) {
                add(step - seen);
                seen = step;
            }

            @Override
            public void logged(MetricsRow row) {
                synchronized (StepsProgress.this) {
                    reporter.logged(row);
                }
            }

            @Override
            public void close() {
                add(planned.getOrDefault(name, seen) - seen);
                seen = planned.getOrDefault(name, seen);
            }
        };
    }

    private synchronized void add(long steps) {
        if (steps > 0) {
            done += steps;
            reporter.stepped(done);
        }
    }

    @Override
    public synchronized void close() {
        reporter.close();
    }
}
