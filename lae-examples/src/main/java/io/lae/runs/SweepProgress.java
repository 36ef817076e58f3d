package io.lae.runs;

import io.lae.train.MetricsRow;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * One progress bar over a sweep of parts run in sequence (the experiments of {@code lae experiment all}),
 * fed by every training run inside them. The bar counts seconds: the time elapsed out of the elapsed
 * time plus the {@link SweepEstimate} of the time left; its message names the part, the run and its
 * step with the latest metrics. On a terminal it is a bar with ETA; on a pipe or log file, a line a
 * minute and one as each part starts and ends.
 */
public final class SweepProgress implements AutoCloseable {

    private static final long LINE_INTERVAL_NANOS = 60_000_000_000L;
    private static final long UPDATE_INTERVAL_NANOS = 250_000_000L;

    private final String task;
    private final List<String> labels;
    private final SweepEstimate estimate;
    private final PrintWriter out;
    private final LongSupplier clock;
    private final long start;
    private final ProgressBar bar;
    private volatile Duration remaining;
    private long lastLine;
    private long lastUpdate;
    private String run = "";
    private Duration runRemaining = Duration.ZERO;

    /**
     * @param task     the bar's label, e.g. {@code all}
     * @param labels   each part's name
     * @param expected each part's expected duration
     * @param out      where the lines go when there is no bar
     * @param terminal whether to draw a bar (on standard error) instead of lines
     * @param clock    nanoseconds, e.g. {@code System::nanoTime}
     */
    public SweepProgress(String task, List<String> labels, List<Duration> expected, PrintWriter out, boolean terminal,
                         LongSupplier clock) {
        if (labels.size() != expected.size()) {
            throw new IllegalArgumentException(labels.size() + " labels for " + expected.size() + " parts");
        }
        this.task = task;
        this.labels = List.copyOf(labels);
        this.estimate = new SweepEstimate(expected);
        this.out = out;
        this.clock = clock;
        this.start = clock.getAsLong();
        this.lastLine = start;
        this.remaining = estimate.remaining(start, Duration.ZERO);
        this.bar = terminal ? new ProgressBarBuilder().setTaskName(task).setInitialMax(Math.max(1, remaining.toSeconds()))
                .setUnit(" s", 1).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500)
                .setEtaFunction(state -> Optional.of(remaining)).build() : null;
    }

    /**
     * @param task     the bar's label
     * @param labels   each part's name
     * @param expected each part's expected duration
     * @param console  where the lines go when standard output is not a terminal
     * @return a sweep that draws a bar when there is a terminal, else writes lines to the console
     */
    public static SweepProgress onConsole(String task, List<String> labels, List<Duration> expected,
                                          PrintWriter console) {
        return new SweepProgress(task, labels, expected, console, System.console() != null, System::nanoTime);
    }

    /** @param part the index of the part starting */
    public void begin(int part) {
        estimate.begin(part, clock.getAsLong());
        run = "";
        runRemaining = Duration.ZERO;
        update(true);
    }

    /** Marks the running part as done. */
    public void end() {
        estimate.end();
        run = labels.get(estimate.current()) + " done";
        runRemaining = Duration.ZERO;
        update(true);
    }

    /**
     * @param runTask the run's label, e.g. {@code bao-fig4/rag-adam/k-100}
     * @return a listener that shows the run's step and metrics on this sweep's bar
     */
    public RunProgress forRun(String runTask) {
        return new RunProgress() {
            private long first;
            private long last;
            private long runStart;
            private String metrics = "";

            @Override
            public void started(long firstStep, long lastStep) {
                first = firstStep;
                last = lastStep;
                runStart = clock.getAsLong();
                stepped(firstStep);
            }

            @Override
            public void stepped(long done) {
                long now = clock.getAsLong();
                if (done != first && done != last && now - lastUpdate < UPDATE_INTERVAL_NANOS) {
                    return; // steps can come thousands a second: the display changes at most four times a second
                }
                double perStep = done > first ? (double) (now - runStart) / (done - first) : 0;
                runRemaining = Duration.ofNanos((long) (perStep * (last - done)));
                run = String.format(Locale.ROOT, "%s step %d/%d%s", runTask, done, last, metrics);
                update(false);
            }

            @Override
            public void logged(MetricsRow row) {
                metrics = ProgressReporter.summary(row);
            }

            @Override
            public void close() {
                runRemaining = Duration.ZERO;
            }
        };
    }

    private void update(boolean partBoundary) {
        long now = clock.getAsLong();
        lastUpdate = now;
        remaining = estimate.remaining(now, runRemaining);
        String message = message();
        if (bar != null) {
            long elapsed = Duration.ofNanos(now - start).toSeconds();
            bar.maxHint(Math.max(1, elapsed + remaining.toSeconds()));
            bar.stepTo(elapsed);
            bar.setExtraMessage(message);
        } else if (partBoundary || now - lastLine >= LINE_INTERVAL_NANOS) {
            double elapsed = (now - start) * 1e-9;
            double left = remaining.toNanos() * 1e-9;
            out.printf(Locale.ROOT, "%s %s: %.0f%%, %s elapsed, ETA %s%n", task, message,
                    100 * elapsed / Math.max(1e-9, elapsed + left), TimeText.approximate(Duration.ofNanos(now - start)),
                    TimeText.approximate(remaining));
            out.flush();
            lastLine = now;
        }
    }

    private String message() {
        int part = estimate.current();
        if (part < 0) {
            return "";
        }
        String counter = String.format(Locale.ROOT, "[%d/%d] ", part + 1, estimate.parts());
        return counter + (run.isEmpty() ? labels.get(part) : run);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
