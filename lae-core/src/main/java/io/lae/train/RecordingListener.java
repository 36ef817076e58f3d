package io.lae.train;

import java.util.function.Consumer;

/**
 * Hands every logged metrics row to a recorder (a metrics file, a history), then passes every event on.
 * A subclass may do more at an event (write a run's status as it starts) and call up.
 */
public class RecordingListener implements TrainingListener {

    private final Consumer<MetricsRow> recorder;
    private final TrainingListener next;
    private MetricsRow last;

    /**
     * @param recorder receives each logged row first
     * @param next     receives every event after it
     */
    public RecordingListener(Consumer<MetricsRow> recorder, TrainingListener next) {
        this.recorder = recorder;
        this.next = next;
    }

    /** @return the last row logged (finite: a non-finite one ends the loop before it is logged), or null */
    public MetricsRow last() {
        return last;
    }

    @Override
    public void started(long firstStep, long lastStep) {
        next.started(firstStep, lastStep);
    }

    @Override
    public void stepped(long done) {
        next.stepped(done);
    }

    @Override
    public void logged(MetricsRow row) {
        last = row;
        recorder.accept(row);
        next.logged(row);
    }

    @Override
    public void finished() {
        next.finished();
    }
}
