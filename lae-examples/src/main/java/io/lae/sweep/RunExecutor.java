package io.lae.sweep;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * Where a study's runs execute: each job is one series of runs (one run, or the runs along a stop axis in order),
 * which the executor runs side by side as far as it can. {@link LocalExecutor} runs them on this machine's cores.
 */
public interface RunExecutor {

    /**
     * Runs every job and returns once all have ended.
     *
     * @param <T>  what a job returns
     * @param jobs the jobs, in the order they should start
     * @return their results, in the jobs' order
     * @throws RuntimeException the first job's failure (an interruption before any other), after the jobs running
     *     then have ended; jobs not yet started are not run
     */
    <T> List<T> execute(List<Callable<T>> jobs);
}
