package io.lae.train;

import java.util.SplittableRandom;

/**
 * The order in which mini-batches visit the rows, in plain Java so that every engine (and a reference)
 * steps over the same batches: epoch e shuffles the m rows by Fisher–Yates with a generator seeded with
 * (seed, e), and step t reads batch t mod k of epoch ⌊t/k⌋, k = ⌈m/b⌉ batches per epoch, the last one
 * possibly smaller. Any step's batch is known without replaying the run, so resuming needs no generator
 * state.
 *
 * @param rows      m
 * @param batchSize b
 * @param seed      the shuffling seed
 */
public record BatchOrder(int rows, int batchSize, long seed) {

    /** Checks m ≥ 1 and 1 ≤ b. */
    public BatchOrder {
        if (rows < 1 || batchSize < 1) {
            throw new IllegalArgumentException("mini-batches need m ≥ 1 rows and a batch size b ≥ 1, got m = " + rows
                    + ", b = " + batchSize);
        }
    }

    /**
     * Where a step's batch lies in its epoch's order.
     *
     * @param epoch ⌊t/k⌋
     * @param start the batch's first position in the epoch's permutation
     * @param size  its rows: b, or fewer for an epoch's last batch
     */
    public record Window(long epoch, int start, int size) {
    }

    /** @return k = ⌈m/b⌉ */
    public long batchesPerEpoch() {
        return batchesPerEpoch(rows, batchSize);
    }

    /**
     * @param rows      m
     * @param batchSize b
     * @return k = ⌈m/b⌉, the steps of an epoch
     */
    public static long batchesPerEpoch(long rows, int batchSize) {
        return (rows + batchSize - 1) / batchSize;
    }

    /**
     * @param step t, 0-based
     * @return where step t's batch lies
     */
    public Window window(long step) {
        long k = batchesPerEpoch();
        int start = (int) ((step % k) * batchSize);
        return new Window(step / k, start, Math.min(batchSize, rows - start));
    }

    /**
     * @param epoch e
     * @return the epoch's order of the rows (Fisher–Yates)
     */
    public int[] permutation(long epoch) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
        int[] p = new int[rows];
        for (int i = 0; i < rows; i++) {
            p[i] = i;
        }
        for (int i = rows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /**
     * @param step t, 0-based
     * @return the rows of step t's batch, in order (recomputes the epoch's permutation: for checks, not steps)
     */
    public int[] rowsAt(long step) {
        Window w = window(step);
        return java.util.Arrays.copyOfRange(permutation(w.epoch()), w.start(), w.start() + w.size());
    }
}
