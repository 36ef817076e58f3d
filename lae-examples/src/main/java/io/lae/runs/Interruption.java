package io.lae.runs;

import io.lae.platform.ProcessExit;
import io.lae.train.MetricsRow;
import io.lae.train.TrainingInterruptedException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;

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
    /** 128 plus the number of the signal that began the shutdown, or 0 when none did. */
    private static volatile int signalStatus;
    private static final CountDownLatch SETTLED = new CountDownLatch(1);
    private static boolean installed;

    private Interruption() {
    }

    /**
     * Installs the shutdown hook and the handlers of SIGINT and SIGTERM (once per JVM). A signal exits with 128 plus
     * its number, as the JVM's own handlers do; once the hook has done its part, the process ends without the native
     * libraries' exit handlers ({@link ProcessExit}), one of which (OpenBLAS's) can wait forever for a BLAS call
     * the signal came in the middle of.
     */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    signalStatus = 128 + signal.getNumber();
                    System.exit(signalStatus);
                });
            } catch (IllegalArgumentException e) {
                // a signal this OS does not have, or one the JVM was told to leave alone (-Xrs)
            }
        }
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
            if (signalStatus != 0) {
                System.out.flush();
                System.err.flush();
                ProcessExit.immediately(signalStatus);
            }
        }, "lae-interrupt"));
    }

    /**
     * Names what the command is doing outside a training run, for the line printed if Ctrl-C or SIGTERM ends it;
     * the JVM's exit after an error is no interruption, so the name is dropped however the work ends.
     *
     * @param what e.g. "while computing the statistics of x.npy; x.npz was not written"
     * @return closes when the work is over, done or failed (try-with-resources)
     */
    public static Activity during(String what) {
        activity = what;
        return () -> activity = null;
    }

    /** Work that Ctrl-C or SIGTERM would interrupt, until it is closed. */
    @FunctionalInterface
    public interface Activity extends AutoCloseable {
        @Override
        void close();
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
