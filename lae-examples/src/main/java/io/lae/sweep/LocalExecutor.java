package io.lae.sweep;

import io.lae.train.TrainingInterruptedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a study's jobs on this machine: first those that may run beside others, {@code workers} at a time, each on a
 * thread of its own, then the others one at a time. A job runs beside others only when each of its runs trains with
 * OpenBLAS on one thread, whose bits do not depend on what else runs; a run that uses OpenBLAS's threads would both
 * contend for the cores with its neighbours (measured on 2 cores: two p = 50 runs at n = 784 took over 100 times as
 * long per step as one alone) and, on fewer threads, differ from {@code lae train} in the last bits.
 */
public final class LocalExecutor implements RunExecutor {

    private final int workers;

    /**
     * @param workers how many jobs that may run beside others run at once, at least 1
     * @throws IllegalArgumentException if it is less than 1
     */
    public LocalExecutor(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers " + workers);
        }
        this.workers = workers;
    }

    /** @return an executor with one worker per core the JVM may use */
    public static LocalExecutor perCore() {
        return new LocalExecutor(Runtime.getRuntime().availableProcessors());
    }

    /** @return how many jobs that may run beside others run at once */
    public int workers() {
        return workers;
    }

    @Override
    public <T> List<T> execute(List<Job<T>> jobs) {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Object[] results = new Object[jobs.size()];
        List<Integer> beside = new ArrayList<>();
        List<Integer> alone = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            (jobs.get(i).beside() ? beside : alone).add(i);
        }
        int threads = Math.min(workers, beside.size());
        if (threads > 1) {
            sideBySide(jobs, beside, threads, results, failure);
        } else {
            alone.addAll(0, beside);
        }
        for (int i : alone) {
            if (failure.get() != null) {
                break;
            }
            results[i] = guarded(jobs.get(i).work(), failure);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        @SuppressWarnings("unchecked")
        List<T> list = (List<T>) Arrays.asList(results);
        return list;
    }

    private static <T> void sideBySide(List<Job<T>> jobs, List<Integer> which, int threads, Object[] results,
                                       AtomicReference<RuntimeException> failure) {
        AtomicInteger counter = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "lae-sweep-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i : which) {
                Callable<T> work = jobs.get(i).work();
                futures.add(pool.submit(() -> {
                    if (failure.get() == null) {
                        results[i] = guarded(work, failure);
                    }
                }));
            }
            futures.forEach(LocalExecutor::await);
        } finally {
            pool.shutdownNow();
        }
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

    private static void await(Future<?> future) {
        try {
            future.get();
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
