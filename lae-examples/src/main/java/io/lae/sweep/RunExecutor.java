package io.lae.sweep;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * Where a study's runs execute: each job is one series of runs (one run, or the runs along a stop axis in order),
 * which the executor runs side by side as far as it can. {@link LocalExecutor} runs them on this machine's cores.
 */
public interface RunExecutor {

    /**
     * A series of runs to execute.
     *
     * @param <T>    what it returns
     * @param work   trains the series' runs in order
     * @param beside whether it may run beside other series: each of its runs trains with OpenBLAS on one thread
     *               ({@link io.lae.fit.LinearAutoencoder#oneBlasThread}), so its bits do not depend on what else
     *               runs; a series that is not runs alone, with the threads {@code lae train} uses
     */
    record Job<T>(Callable<T> work, boolean beside) {
    }

    /**
     * Runs every job and returns once all have ended.
     *
     * @param <T>  what a job returns
     * @param jobs the jobs, in the order they should start
     * @return their results, in the jobs' order
     * @throws RuntimeException the first job's failure (an interruption before any other), after the jobs running
     *     then have ended; jobs not yet started are not run
     */
    <T> List<T> execute(List<Job<T>> jobs);
}
