package io.lae.sweep;

import io.lae.train.TrainingInterruptedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a study's jobs on this machine: {@code workers} of them at a time, each on a thread of its own. ND4J's and
 * OpenBLAS's thread counts are left as they are: they are the process's, and a run computed with fewer BLAS threads
 * than {@code lae train} uses differs from it in the last bits (measured: n = 784, p = 50, one OpenBLAS thread
 * instead of two gave weights up to 1e-14 apart), while runs side by side with the same thread counts equal it bit
 * for bit. On a machine whose cores one run's BLAS already uses, runs side by side contend for them (measured on
 * 2 cores: two p = 50 runs at n = 784 took over 100 times as long per step as one alone), so one worker is the
 * default of {@code lae sweep} and of the experiments.
 */
public final class LocalExecutor implements RunExecutor {

    private final int workers;

    /**
     * @param workers how many jobs run at once, at least 1
     * @throws IllegalArgumentException if it is less than 1
     */
    public LocalExecutor(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers " + workers);
        }
        this.workers = workers;
    }

    @Override
    public <T> List<T> execute(List<Callable<T>> jobs) {
        int threads = Math.min(workers, jobs.size());
        if (threads <= 1) {
            return sequentially(jobs);
        }
        AtomicInteger counter = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "lae-sweep-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> job : jobs) {
                futures.add(pool.submit(() -> failure.get() != null ? null : guarded(job, failure)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(await(f));
            }
            if (failure.get() != null) {
                throw failure.get();
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> List<T> sequentially(List<Callable<T>> jobs) {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<T> results = new ArrayList<>();
        for (Callable<T> job : jobs) {
            results.add(guarded(job, failure));
            if (failure.get() != null) {
                throw failure.get();
            }
        }
        return results;
    }

    /** Runs a job, noting its failure (an interruption wins over any other) instead of throwing it. */
    private static <T> T guarded(Callable<T> job, AtomicReference<RuntimeException> failure) {
        try {
            return job.call();
        } catch (TrainingInterruptedException e) {
            failure.getAndUpdate(f -> f instanceof TrainingInterruptedException ? f : e);
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        } catch (Exception e) {
            failure.compareAndSet(null, new IllegalStateException(e));
        }
        return null;
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the study's runs", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
