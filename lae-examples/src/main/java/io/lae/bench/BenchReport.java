package io.lae.bench;

import io.lae.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything one {@code lae bench} run measured, in the shape of its JSON file.
 *
 * @param results    step time against the GEMM bound and NumPy's same step, one per (n, p, dtype, loss)
 * @param breakdown  with {@code --breakdown}, where each step's time goes
 * @param statistics statistics accumulation against a GEMM of the same flops
 * @param perSample  per-sample nested-dropout steps over the rows against a GEMM of the rows
 * @param minibatch  mini-batch throughput
 * @param memory     resident memory early and late in a long run
 * @param machine    backend, BLAS, threads and CPU
 */
public record BenchReport(List<StepResult> results, List<Breakdown> breakdown, List<StatisticsResult> statistics,
                          List<PerSampleResult> perSample, List<MiniBatchResult> minibatch, List<MemoryResult> memory, Map<String, Object> machine) {

    /** @return an empty report for {@code machine}, filled by the bench as it goes */
    static BenchReport on(Map<String, Object> machine) {
        return new BenchReport(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>(), new ArrayList<>(), machine);
    }

    /**
     * A full-batch training step against one (2p×n)·(n×n) GEMM timed just before it, and against NumPy's same
     * step ({@code numpy_peer.py}) timed in turn with it; with the peer, each time is the median of three rounds.
     *
     * @param n                the data dimension
     * @param p                the latent size
     * @param dtype            float32 or float64
     * @param loss             the method ({@code ordered}, {@code mse}, {@code sum}, {@code rag})
     * @param optimizer        the optimizer the step applies
     * @param stepSeconds      the median seconds of one step (a step that is not logged)
     * @param gemmSeconds      the median seconds of the GEMM into a preallocated output
     * @param ratio            stepSeconds / gemmSeconds
     * @param gflops           4pn² / stepSeconds / 1e9, the step's rate counted in the GEMM's flops
     * @param numpyStepSeconds NumPy's step, or null where python3 with NumPy is absent
     * @param numpyGemmSeconds NumPy's GEMM W·Σ, or null
     * @param laeOverNumpy     stepSeconds / numpyStepSeconds, or null
     */
    public record StepResult(int n, int p, Precision dtype, String loss, String optimizer, double stepSeconds, double gemmSeconds,
                             double ratio, double gflops, Double numpyStepSeconds, Double numpyGemmSeconds,
                             Double laeOverNumpy) {
    }

    /**
     * Where a full-batch step's time goes ({@code --breakdown}); the last two parts are differences of medians, so
     * on a loaded machine one can come out slightly negative.
     *
     * @param n                  the data dimension
     * @param p                  the latent size
     * @param dtype              float32 or float64
     * @param loss               the method
     * @param optimizer          the optimizer
     * @param stepSeconds        the whole step
     * @param gemmSeconds        the GEMM Σ·[Bᵀ | A]
     * @param smallGemmSeconds   the loss kernel's p-sized GEMMs (AᵀA, BΣBᵀ and the two products with the p×p
     *                           matrices; two more for {@code product}), timed alone
     * @param elementWiseSeconds the loss's gradients less both GEMM parts: its element-wise passes and dispatch
     * @param optimizerSeconds   the step less the loss's gradients: the rule (RAG's rotation) and the optimizer
     */
    public record Breakdown(int n, int p, Precision dtype, String loss, String optimizer, double stepSeconds,
                            double gemmSeconds, double smallGemmSeconds, double elementWiseSeconds,
                            double optimizerSeconds) {
    }

    /**
     * Σxx from m raw rows (float64, centred, checked for NaN, streamed in chunks) against one
     * (n×m)·(m×n) GEMM of all rows.
     *
     * @param n           the data dimension
     * @param m           the number of rows
     * @param seconds     the median accumulation time
     * @param gemmSeconds the median GEMM time
     * @param ratio       seconds / gemmSeconds
     * @param gflops      2mn² / seconds / 1e9
     */
    public record StatisticsResult(int n, long m, double seconds, double gemmSeconds, double ratio, double gflops) {
    }

    /**
     * A full-batch step of per-sample stochastic nested dropout over m rows (an autoencoder, one
     * truncation per row) against one (2p×n)·(n×m) GEMM of the same rows. The whole batch at once is two
     * such GEMMs; over the rows sorted by their truncation (the CPU's path) the step uses only the units
     * each row keeps, and so can take less than one.
     *
     * @param n           the data dimension
     * @param p           the latent size
     * @param m           the number of rows
     * @param dtype       float32 or float64
     * @param stepSeconds the median seconds of one step
     * @param gemmSeconds the median GEMM time
     * @param ratio       stepSeconds / gemmSeconds
     * @param gflops      8mnp / stepSeconds / 1e9: the whole batch's flops, so a rate that counts the skipped units
     */
    public record PerSampleResult(int n, int p, int m, Precision dtype, double stepSeconds, double gemmSeconds,
                                  double ratio, double gflops) {
    }

    /**
     * Mini-batch training steps over raw rows.
     *
     * @param n                 the data dimension
     * @param p                 the latent size
     * @param batch             the batch size b
     * @param dtype             float32 or float64
     * @param loss              the method
     * @param stepSeconds       the median seconds of one step
     * @param samplesPerSecond  b / stepSeconds
     */
    public record MiniBatchResult(int n, int p, int batch, Precision dtype, String loss, double stepSeconds,
                                  double samplesPerSecond) {
    }

    /**
     * Resident memory after a few and after many full-batch steps. The JVM grows its heap to the
     * allocation rate it sees (up to -Xmx), which RSS includes; what steps must not grow is the rest,
     * RSS minus the committed heap (ND4J's native buffers).
     *
     * @param n              the data dimension
     * @param p              the latent size
     * @param dtype          float32 or float64
     * @param loss           the method
     * @param earlySteps     steps before the first reading
     * @param earlyMib       VmRSS then
     * @param earlyHeapMib   the committed Java heap then
     * @param lateSteps      steps before the second reading
     * @param lateMib        VmRSS then
     * @param lateHeapMib    the committed Java heap then
     * @param growth         lateMib / earlyMib − 1
     * @param nativeGrowth   (lateMib − lateHeapMib) / (earlyMib − earlyHeapMib) − 1
     */
    public record MemoryResult(int n, int p, Precision dtype, String loss, long earlySteps, double earlyMib,
                               double earlyHeapMib, long lateSteps, double lateMib, double lateHeapMib,
                               double growth, double nativeGrowth) {
    }
}
