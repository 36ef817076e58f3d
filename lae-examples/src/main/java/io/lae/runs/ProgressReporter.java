package io.lae.runs;

import io.lae.train.MetricsRow;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows training progress: a progress bar with ETA on a terminal, and on a pipe or log file plain
 * lines about every tenth of the run (or every 30 s), each with the latest metrics and an ETA.
 */
public final class ProgressReporter implements RunProgress {

    private final String task;
    private final String unit;
    private final PrintWriter out;
    private final boolean terminal = System.console() != null;
    private ProgressBar bar;
    private long first;
    private long last;
    private long started;
    private long lastLine;
    private long lastLineStep;
    private MetricsRow latest;

    /**
     * @param task what runs, for the bar and the lines
     * @param out  where they go
     */
    public ProgressReporter(String task, PrintWriter out) {
        this(task, "step", out);
    }

    /**
     * @param task what runs, for the bar and the lines
     * @param unit what is counted ({@code step}, {@code row}), for the lines
     * @param out  where they go
     */
    public ProgressReporter(String task, String unit, PrintWriter out) {
        this.task = task;
        this.unit = unit;
        this.out = out;
    }

    @Override
    public void started(long firstStep, long lastStep) {
        first = firstStep;
        last = lastStep;
        started = System.nanoTime();
        lastLine = started;
        lastLineStep = firstStep;
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(lastStep).startsFrom(firstStep, Duration.ZERO)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).showSpeed().build();
        }
    }

    @Override
    public void stepped(long done) {
        if (bar != null) {
            bar.stepTo(done);
            return;
        }
        long now = System.nanoTime();
        boolean tenth = (done - lastLineStep) * 10 >= (last - first);
        if (tenth || now - lastLine > 30e9 || done == last) {
            double elapsed = (now - started) * 1e-9;
            double eta = elapsed / Math.max(1, done - first) * (last - done);
            out.printf(Locale.ROOT, "%s: %s %d/%d (%.0f%%), %.1f s elapsed, ETA %.1f s%s%n", task, unit, done, last,
                    100.0 * done / last, elapsed, eta, latest == null ? "" : summary(latest));
            out.flush();
            lastLine = now;
            lastLineStep = done;
        }
    }

    @Override
    public void logged(MetricsRow row) {
        latest = row;
        if (bar != null) {
            bar.setExtraMessage(summary(row));
        }
    }

    /** @return " loss …", with Ratio_TP and d_align when the run has a ground truth */
    static String summary(MetricsRow row) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, " loss %.4g", row.loss()));
        if (!Double.isNaN(row.ratioTp())) {
            s.append(String.format(Locale.ROOT, " TP %.2f d_align %.3g", row.ratioTp(), row.dAlign()));
        }
        return s.toString();
    }

    @Override
    public void finished() {
        close();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
