package io.lae.runs;

import io.lae.train.TrainingListener;

/**
 * Where one training run's progress is shown: a {@link TrainingListener} that is closed when the run
 * ends. A run of its own draws its own bar ({@link ProgressReporter}); a run inside
 * {@code lae experiment all} feeds the sweep's one bar ({@link SweepProgress#forRun}).
 */
public interface RunProgress extends TrainingListener, AutoCloseable {

    /** Ends the display of this run; never throws. */
    @Override
    void close();
}
