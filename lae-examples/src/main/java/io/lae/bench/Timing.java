package io.lae.bench;

import java.util.Arrays;

/** Medians of repeated timings: warm up, then repeat until a time budget or a repetition cap is reached. */
final class Timing {

    private static final int WARM_UP = 3;
    private static final int MIN_REPEATS = 5;
    private static final int MAX_REPEATS = 500;

    private final double budgetSeconds;

    /** @param budgetSeconds roughly how long to spend timing one operation (after warm-up) */
    Timing(double budgetSeconds) {
        this.budgetSeconds = budgetSeconds;
    }

    /**
     * @param operation what to time; each call must do the same work
     * @return the median seconds of one call
     */
    double median(Runnable operation) {
        for (int i = 0; i < WARM_UP; i++) {
            operation.run();
        }
        double[] times = new double[MAX_REPEATS];
        int count = 0;
        double spent = 0;
        while (count < MAX_REPEATS && (count < MIN_REPEATS || spent < budgetSeconds)) {
            long start = System.nanoTime();
            operation.run();
            times[count] = (System.nanoTime() - start) * 1e-9;
            spent += times[count++];
        }
        double[] used = Arrays.copyOf(times, count);
        Arrays.sort(used);
        return count % 2 == 1 ? used[count / 2] : 0.5 * (used[count / 2 - 1] + used[count / 2]);
    }
}
