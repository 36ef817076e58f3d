package io.lae.device;

import io.lae.LaeException;
import io.lae.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The memory a training run needs, counted from the buffers lae allocates, before it starts. With
 * W = p·n' + n·p weight entries (n·p when tied; 2np for an autoencoder, held as one n×2p matrix), s the
 * bytes of the run's dtype, k the optimizer's buffers per weight (sgd 0, momentum and nesterov 1,
 * adam 2) and [r] = 1 for a regression (Y ≠ X: Σyx is a matrix of its own), else 0:
 * <pre>
 *   bytes = 8·(n'² + [r]·n·n')                 statistics Σxx, Σyx, accumulated in float64
 *         + 8·(n² + n)                         ground truth: eigenvectors and eigenvalues of Σ (if computed)
 *         + (s ≠ 8) s·(n'² + [r]·n·n')         the statistics cast to the run's dtype
 *         + s·(1 + k)·W                        weights and optimizer state
 *         + s·(2W + n·p + 8p²)                 a step's gradients and Σ·W products (both n×2p), the
 *                                              penalty's n×p scratch, its p×p matrices (Gram, moments, masks)
 *         + 8·5W + [s ≠ 8]·s·W                 a log step's temporaries (loss products, metrics in float64,
 *                                              and a copy of the weights in the run's dtype when that is not float64)
 *   runs that step over the rows (batch b, m samples; b = m for per-sample nested dropout at full batch) add
 *         + (8 + s)·m·(n' + [r]·n)             the samples as loaded (float64) and centred in the run's dtype
 *         + 1.3·s·(b·(n' + 2n + 4p) + 2W + n·p) a batch step's temporaries (X, Y, Y∘Y, codes, gradients),
 *                                              in a workspace ND4J sizes 30% above its first use
 * </pre>
 * A run fits when bytes × {@link #MARGIN} is at most the memory available to it. The statistics, the
 * ground truth and the float64 samples are loaded before the check ({@link #loadedBytes()}): memory
 * they hold is part of what the run may use.
 *
 * @param outputDim      n
 * @param inputDim       n'
 * @param samples        m
 * @param latent         p
 * @param batch          b, or 0 for full-batch training over the statistics
 * @param width          s, the bytes of an entry in the run's dtype (4 or 8)
 * @param optimizerSlots k
 * @param regression     whether Y ≠ X
 * @param tied           whether B = Aᵀ is one parameter
 * @param groundTruth    whether the eigendecomposition of Σ is computed
 */
public record MemoryPlan(int outputDim, int inputDim, long samples, int latent, int batch, int width,
                         int optimizerSlots, boolean regression, boolean tied, boolean groundTruth) {

    /**
     * The safety factor on the count: transient copies (dtype casts, centring, the products a step
     * discards) are freed only when the Java GC runs, allocators round and fragment, and cuBLAS and
     * cuSOLVER take workspaces of their own. The count itself is at least the buffers a run holds, measured
     * (MemoryPlanTest), and exceeds them by 1–5% on full-batch runs.
     */
    public static final double MARGIN = 1.25;
    private static final int DOUBLE = 8;
    private static final double WORKSPACE_OVERALLOCATION = 1.3;
    private static final int LOG_STEP_WEIGHTS = 5;
    private static final int SMALL_MATRICES = 8;
    /** Copies of a product while statistics are built: the sum, the centring correction, the centred and symmetric results. */
    private static final int STATISTICS_COPIES = 4;

    /**
     * k, counted from the buffers the optimizer's own init gives a single-entry parameter.
     *
     * @param optimizer the run's optimizer
     * @return the optimizer's buffers per weight
     */
    public static int optimizerSlots(Optimizer optimizer) {
        return optimizer.init(Map.of("w", Nd4j.create(DataType.FLOAT, 1, 1))).buffers().size();
    }

    /**
     * One line of the count.
     *
     * @param what   the buffers
     * @param bytes  their size
     * @param loaded whether they are in memory before training starts
     */
    public record Term(String what, long bytes, boolean loaded) {
    }

    /** @return the terms of the formula above that apply to this run */
    public List<Term> terms() {
        long weights = tied ? (long) outputDim * latent : (long) latent * inputDim + (long) outputDim * latent;
        long statistics = (long) inputDim * inputDim + (regression ? (long) outputDim * inputDim : 0);
        long p2 = (long) latent * latent;
        long np = (long) outputDim * latent;
        List<Term> terms = new ArrayList<>();
        terms.add(new Term("statistics (float64)", DOUBLE * statistics, true));
        if (groundTruth) {
            terms.add(new Term("ground truth", DOUBLE * ((long) outputDim * outputDim + outputDim), true));
        }
        if (width != DOUBLE) {
            terms.add(new Term("statistics in the run's dtype", width * statistics, false));
        }
        terms.add(new Term("weights and optimizer state", width * (1L + optimizerSlots) * weights, false));
        terms.add(new Term("step buffers", width * (2 * weights + np + SMALL_MATRICES * p2), false));
        terms.add(new Term("log step", (long) DOUBLE * LOG_STEP_WEIGHTS * weights + (width != DOUBLE ? width * weights : 0),
                false));
        if (batch > 0) {
            long rows = samples * (inputDim + (regression ? outputDim : 0));
            terms.add(new Term("samples (float64)", DOUBLE * rows, true));
            terms.add(new Term("centred samples", width * rows, false));
            long temporaries = (long) batch * (inputDim + 2L * outputDim + 4L * latent) + 2 * weights + np;
            terms.add(new Term("batch step", (long) Math.ceil(WORKSPACE_OVERALLOCATION * width * temporaries), false));
        }
        return terms;
    }

    /** @return the sum of {@link #terms()} */
    public long bytes() {
        return terms().stream().mapToLong(Term::bytes).sum();
    }

    /** @return the bytes of the terms in memory before training starts (statistics, ground truth, samples) */
    public long loadedBytes() {
        return terms().stream().filter(Term::loaded).mapToLong(Term::bytes).sum();
    }

    /** @return bytes × {@link #MARGIN}, what the run must have available */
    public long requiredBytes() {
        return (long) Math.ceil(bytes() * MARGIN);
    }

    /** @return whether {@link #requiredBytes()} is at most {@code available} */
    public boolean fits(long available) {
        return requiredBytes() <= available;
    }

    /**
     * @param device the active device
     * @return what the run may use: the {@link MemoryLimit} if one is set, else the device's free memory
     *     plus {@link #loadedBytes()} (the loaded data is part of the plan and already off the free memory)
     */
    public long availableOn(DeviceInfo device) {
        return MemoryLimit.configured().orElse(device.freeBytes() + loadedBytes());
    }

    /**
     * Checks the run against the active device before it starts.
     *
     * @param device the active device
     * @throws LaeException if it does not fit (see {@link #requireFits(long, String)})
     */
    public void requireFits(DeviceInfo device) {
        requireFits(availableOn(device), device.name());
    }

    /**
     * Checks the run against the active device before its data are read, so that a run too large for
     * it fails at once, not after (or while) streaming the data into statistics.
     *
     * @param device the active device
     * @throws LaeException if it does not fit (see {@link #requireFits(long, String)})
     */
    public void requireFitsBeforeLoading(DeviceInfo device) {
        requireFits(MemoryLimit.configured().orElse(device.freeBytes()), device.name());
    }

    /**
     * @param available the bytes the run may use
     * @param device    the device, for the message
     * @throws LaeException naming what the run needs, what is available, the largest latent size (or,
     *     when even p = 1 does not fit, the largest dimension) that fits, and float32 when it would fit
     */
    public void requireFits(long available, String device) {
        if (fits(available)) {
            return;
        }
        StringBuilder fix = new StringBuilder();
        int p = largestLatent(available);
        if (p > 0) {
            fix.append("use --latent ").append(p).append(" or less");
        } else {
            fix.append("even --latent 1 does not fit: reduce the data's dimension to n = ")
                    .append(largestDimension(available)).append(" or less");
        }
        MemoryPlan single = withWidth(Float.BYTES);
        if (width != Float.BYTES && single.fits(available)) {
            fix.append(", or use --dtype float32 (needs ").append(gib(single.requiredBytes())).append(')');
        }
        throw new LaeException(String.format(Locale.ROOT,
                "not enough memory: the run (n = %d, p = %d, %s) needs %s with a %.0f%% margin, but %s has %s "
                        + "available: %s", outputDim, latent, width == DOUBLE ? "float64" : "float32",
                gib(requiredBytes()), 100 * (MARGIN - 1), device, gib(available), fix));
    }

    /** @return the largest p ≤ this p that fits (bytes grow with p), or 0 if none */
    int largestLatent(long available) {
        int lo = 0;
        int hi = latent;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (withLatent(mid).fits(available)) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** @return the largest n = n' ≤ max(n, n') at which p = 1 fits, or 0 if none */
    int largestDimension(long available) {
        int lo = 0;
        int hi = Math.max(outputDim, inputDim);
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (withDimension(mid).withLatent(1).fits(available)) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private MemoryPlan withLatent(int p) {
        return new MemoryPlan(outputDim, inputDim, samples, p, batch, width, optimizerSlots, regression, tied,
                groundTruth);
    }

    private MemoryPlan withDimension(int n) {
        return new MemoryPlan(n, n, samples, latent, batch, width, optimizerSlots, regression, tied, groundTruth);
    }

    private MemoryPlan withWidth(int bytes) {
        return new MemoryPlan(outputDim, inputDim, samples, latent, batch, bytes, optimizerSlots, regression, tied,
                groundTruth);
    }

    /**
     * The memory of computing statistics alone ({@code lae stats}): the float64 products Σxx (n'×n') and, for a
     * regression, Σyx (n×n') and the rows (read whole to pair them), each product held {@value #STATISTICS_COPIES}
     * times while it is centred and symmetrised, with the {@link #MARGIN}.
     *
     * @param outputDim n
     * @param inputDim  n'
     * @param samples   m
     * @param regression whether Y ≠ X
     * @return the bytes needed
     */
    public static long statisticsBytes(int outputDim, int inputDim, long samples, boolean regression) {
        double products = (double) inputDim * inputDim + (regression ? (double) outputDim * inputDim : 0);
        double rows = regression ? (double) samples * (inputDim + outputDim) : 0;
        return (long) Math.ceil(MARGIN * DOUBLE * (STATISTICS_COPIES * products + rows));
    }

    /**
     * @param outputDim  n
     * @param inputDim   n'
     * @param samples    m
     * @param regression whether Y ≠ X
     * @param device     where the statistics are computed
     * @throws LaeException if {@link #statisticsBytes} exceeds what the device has (or {@link MemoryLimit})
     */
    public static void requireStatisticsFit(int outputDim, int inputDim, long samples, boolean regression,
                                            DeviceInfo device) {
        long needed = statisticsBytes(outputDim, inputDim, samples, regression);
        long available = MemoryLimit.configured().orElse(device.freeBytes());
        if (needed > available) {
            throw new LaeException(String.format(Locale.ROOT, "not enough memory: the statistics (n' = %d%s) need %s "
                            + "with a %.0f%% margin, but %s has %s available: use fewer columns, or a machine with more "
                            + "memory", inputDim, regression ? ", n = " + outputDim : "", gib(needed), 100 * (MARGIN - 1),
                    device.name(), gib(available)));
        }
    }

    /**
     * Refuses a latent size no data can have room for, before anything of size p is allocated: a run needs
     * n ≥ p, so its encoder and decoder alone hold at least 2p² float64 values.
     *
     * @param latent p
     * @throws LaeException when 16p² bytes exceed the memory available ({@link #requireAvailable})
     */
    public static void requireLatentCanFit(int latent) {
        long available = available();
        int largest = (int) Math.floor(Math.sqrt(available / (2.0 * DOUBLE)));
        requireAvailable(2.0 * DOUBLE * latent * latent, "--latent " + latent + ": the encoder and decoder alone (n ≥ p)",
                "use --latent " + largest + " or less");
    }

    /**
     * Refuses a size a user gave before anything of that size is allocated.
     *
     * @param bytes what it needs at the least
     * @param what  what needs it, e.g. "--latent 1000000000: the encoder and decoder alone"
     * @param fix   what to do instead
     * @throws LaeException when {@code bytes} exceed the host's available memory (or {@link MemoryLimit})
     */
    public static void requireAvailable(double bytes, String what, String fix) {
        long available = available();
        if (bytes > available) {
            throw new LaeException("not enough memory: " + what + " need at least "
                    + gib((long) Math.min(bytes, Long.MAX_VALUE)) + ", but " + gib(available) + " is available: " + fix);
        }
    }

    private static long available() {
        return MemoryLimit.configured().orElse(Host.current().availableBytes());
    }

    /**
     * @param bytes a size
     * @return it in GiB, MiB or KiB (whichever keeps the number at least 1), for messages
     */
    public static String gib(long bytes) {
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes / 1024.0;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, unit >= 2 ? "%.2f %s" : "%.1f %s", value, units[unit]);
    }
}
