package io.lae.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Jobs that may run beside others run side by side; the others alone; results come back in the jobs' order. */
class LocalExecutorTest {

    @Test
    void jobsBesideOthersRunTogetherAndTheOthersAlone() {
        CyclicBarrier both = new CyclicBarrier(2);
        AtomicInteger running = new AtomicInteger();
        List<Integer> aloneSaw = java.util.Collections.synchronizedList(new ArrayList<>());
        List<RunExecutor.Job<String>> jobs = List.of(
                alone("a", running, aloneSaw),
                new RunExecutor.Job<>(() -> {
                    running.incrementAndGet();
                    both.await(60, TimeUnit.SECONDS);          // only returns if the other one runs at the same time
                    running.decrementAndGet();
                    return "b";
                }, true),
                alone("c", running, aloneSaw),
                new RunExecutor.Job<>(() -> {
                    running.incrementAndGet();
                    both.await(60, TimeUnit.SECONDS);
                    running.decrementAndGet();
                    return "d";
                }, true));
        assertEquals(List.of("a", "b", "c", "d"), new LocalExecutor(2).execute(jobs));
        assertEquals(List.of(1, 1), aloneSaw, "nothing ran beside a job that may not run beside others");
    }

    @Test
    void oneWorkerRunsEveryJobInTurn() {
        AtomicInteger running = new AtomicInteger();
        List<Integer> saw = java.util.Collections.synchronizedList(new ArrayList<>());
        List<RunExecutor.Job<String>> jobs = List.of(new RunExecutor.Job<>(() -> step("x", running, saw), true),
                new RunExecutor.Job<>(() -> step("y", running, saw), true), alone("z", running, saw));
        assertEquals(List.of("x", "y", "z"), new LocalExecutor(1).execute(jobs));
        assertEquals(List.of(1, 1, 1), saw);
    }

    @Test
    void aFailureIsThrownAndJobsNotStartedDoNotRun() {
        IllegalStateException failure = new IllegalStateException("run failed");
        AtomicInteger later = new AtomicInteger();
        List<RunExecutor.Job<String>> jobs = List.of(new RunExecutor.Job<>(() -> {
            throw failure;
        }, false), new RunExecutor.Job<>(() -> {
            later.incrementAndGet();
            return "never";
        }, false));
        assertSame(failure, assertThrows(IllegalStateException.class, () -> new LocalExecutor(2).execute(jobs)));
        assertEquals(0, later.get());
    }

    private static RunExecutor.Job<String> alone(String name, AtomicInteger running, List<Integer> saw) {
        return new RunExecutor.Job<>(() -> step(name, running, saw), false);
    }

    private static String step(String name, AtomicInteger running, List<Integer> saw) throws InterruptedException {
        saw.add(running.incrementAndGet());
        Thread.sleep(20);
        running.decrementAndGet();
        return name;
    }
}
