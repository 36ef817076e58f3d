package io.lae.spark;

import org.apache.spark.TaskContext;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A task computes on the cores Spark gives it, {@code spark.task.cpus} (default 1): ND4J's and OpenBLAS's threads
 * are capped to that before a task's first GEMM. Otherwise every task running at once spreads its GEMM over all of
 * the machine's cores and they contend (10⁶×256 on 2 cores, local[2]: 14 s with 2 OpenBLAS threads a task, 10 s
 * with 1). The cap is per JVM: with a local master it holds in the caller's JVM afterwards too.
 */
final class TaskThreads {

    private TaskThreads() {
    }

    /** Caps ND4J's and OpenBLAS's threads to the running task's cores (nothing outside a task). */
    static void limit() {
        TaskContext task = TaskContext.get();
        if (task == null) {
            return;
        }
        int cores = Math.max(1, task.cpus());
        if (Nd4j.factory().blas().getMaxThreads() != cores || Nd4j.getEnvironment().maxThreads() != cores) {
            Nd4j.factory().blas().setMaxThreads(cores);
            Nd4j.getEnvironment().setMaxThreads(cores);
        }
    }
}
