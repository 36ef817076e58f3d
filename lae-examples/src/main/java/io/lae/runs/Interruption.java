package io.lae.runs;

import io.lae.train.MetricsRow;
import io.lae.train.TrainingInterruptedException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C and SIGTERM during a training run: the JVM's shutdown hook asks the run to stop, the run
 * stops after its current step (the trainer checkpoints that step and marks run.json
 * {@code interrupted}), the command prints where it stopped and how to resume, and only then does the
 * hook let the JVM exit (with 130 for SIGINT, 143 for SIGTERM, as the shell expects). Outside a run
 * the JVM exits at once, saying what it was doing ({@link #during}) when a command said so.
 */
public final class Interruption {

    /** How long the hook waits for a run to reach the end of its step and write its checkpoint. */
    private static final long GRACE_SECONDS = 60;

    private static volatile boolean requested;
    private static volatile boolean training;
    private static volatile String activity;
    private static final CountDownLatch SETTLED = new CountDownLatch(1);
    private static boolean installed;

    private Interruption() {
    }

    /** Installs the shutdown hook (once per JVM). */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            requested = true;
            String interrupted = activity;
            if (!training && interrupted != null) {
                System.err.println("lae: interrupted " + interrupted);
                System.err.flush();
            }
            if (training) {
                try {
                    SETTLED.await(GRACE_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "lae-interrupt"));
    }

    /**
     * Names what the command is doing outside a training run, for the line printed if Ctrl-C or SIGTERM ends it.
     *
     * @param what e.g. "while computing the statistics of x.npy; x.npz was not written", or null once it is done
     */
    public static void during(String what) {
        activity = what;
    }

    /**
     * @param progress the run's own display
     * @param dir      its directory, for the message
     * @return the display, which also stops the run after the step in which an interruption came
     */
    static RunProgress watching(RunProgress progress, Path dir) {
        training = true;
        return new RunProgress() {
            @Override
            public void started(long firstStep, long lastStep) {
                progress.started(firstStep, lastStep);
            }

            @Override
            public void stepped(long done) {
                progress.stepped(done);
                if (requested) {
                    throw new TrainingInterruptedException(done, "interrupted at step " + done + "; resume with "
                            + "'lae train --resume " + dir + "'");
                }
            }

            @Override
            public void logged(MetricsRow row) {
                progress.logged(row);
            }

            @Override
            public void finished() {
                progress.finished();
            }

            @Override
            public void close() {
                progress.close();
            }
        };
    }

    /** Tells the hook that the command has written what it keeps and said where it stopped: the JVM may exit. */
    public static void settled() {
        SETTLED.countDown();
    }
}
