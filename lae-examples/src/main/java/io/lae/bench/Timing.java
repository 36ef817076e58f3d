package io.lae.bench;

import java.util.Arrays;

/**
 * Medians of repeated timings after warm-up. An operation and its reference (the GEMM it is held
 * to) are timed alternately, so that a change of load on a shared machine hits both medians alike.
 */
final class Timing {

    private static final int WARM_UP = 3;
    private static final int MIN_REPEATS = 5;
    private static final int MAX_REPEATS = 500;

    private final double budgetSeconds;

    /** @param budgetSeconds roughly how long to spend timing one operation with its reference (after warm-up) */
    Timing(double budgetSeconds) {
        this.budgetSeconds = budgetSeconds;
    }

    /**
     * @param reference the operation's yardstick (e.g. one GEMM)
     * @param operation what to time; each call must do the same work
     * @return the median seconds of one call of each
     */
    Medians interleaved(Runnable reference, Runnable operation) {
        for (int i = 0; i < WARM_UP; i++) {
            reference.run();
            operation.run();
        }
        double[] references = new double[MAX_REPEATS];
        double[] operations = new double[MAX_REPEATS];
        int count = 0;
        double spent = 0;
        while (count < MAX_REPEATS && (count < MIN_REPEATS || spent < budgetSeconds)) {
            references[count] = seconds(reference);
            operations[count] = seconds(operation);
            spent += references[count] + operations[count];
            count++;
        }
        return new Medians(median(references, count), median(operations, count));
    }

    /**
     * @param operation what to time
     * @return the median seconds of one call
     */
    double median(Runnable operation) {
        return interleaved(() -> { }, operation).operation();
    }

    /**
     * @param reference the median seconds of the reference
     * @param operation the median seconds of the operation
     */
    record Medians(double reference, double operation) {
        /** @return operation / reference */
        double ratio() {
            return operation / reference;
        }
    }

    private static double seconds(Runnable r) {
        long start = System.nanoTime();
        r.run();
        return (System.nanoTime() - start) * 1e-9;
    }

    /** @return the median of the values */
    static double median(double[] values) {
        return median(values, values.length);
    }

    private static double median(double[] values, int count) {
        double[] used = Arrays.copyOf(values, count);
        Arrays.sort(used);
        return count % 2 == 1 ? used[count / 2] : 0.5 * (used[count / 2 - 1] + used[count / 2]);
    }
}
