package io.lae.cuda.check;

import io.lae.Precision;
import io.lae.cuda.CudaDevice;
import io.lae.cuda.DeviceMatrix;
import io.lae.cuda.DeviceOptimizer;
import io.lae.cuda.DeviceRows;
import io.lae.cuda.DeviceRule;
import io.lae.cuda.DeviceStatistics;
import io.lae.cuda.DeviceStatisticsAccumulator;
import io.lae.cuda.DeviceTraining;
import io.lae.cuda.GpuTimer;
import io.lae.loss.LossForm;
import io.lae.loss.LossMethod;
import io.lae.loss.Losses;
import io.lae.loss.MseLoss;
import io.lae.loss.NestedDropoutLoss;
import io.lae.loss.NonUniformL2Loss;
import io.lae.loss.OrderedLoss;
import io.lae.train.BatchOrder;
import io.lae.train.TruncationDraws;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The GPU bench ({@code lae bench --backend cuda}, and part of the device check): the full-batch step of
 * every loss (and {@code rag}) against the bare GEMM Σ·[Bᵀ | A] of the same size, timed by CUDA events
 * (the median of several batches of steps), at the GPU targets' sizes (docs/gpu.md) and at Bao's Fig. 4 sizes (n = 1000,
 * k = 2 … 500), mini-batch steps over rows in device memory (samples/s, the CPU bench's measure), and the
 * statistics' throughput on float32 rows held in memory.
 */
public final class Bench {

    /**
     * Runs the bench's four parts.
     *
     * @param device the GPU
     * @param quick  only the two small sizes, k = 2 and 20, and 10⁵ statistics rows
     * @param part   runs one named part and keeps its result (the device check records a failure and goes on)
     */
    public static void run(CudaDevice device, boolean quick, BiConsumer<String, Supplier<Object>> part) {
        Bench bench = new Bench(device);
        part.accept("bench_steps", () -> {
            System.out.println("bench: step vs the bare GEMM Σ·[Bᵀ | A] (CUDA events, median of 5 batches)");
            return bench.steps(quick ? new int[][] {SIZES[0], SIZES[1]} : SIZES, CONFIGS);
        });
        part.accept("bench_bao_fig4", () -> {
            System.out.println("bench: bao-fig4 sizes (n = 1000, k = latent size)");
            int[] ks = quick ? new int[] {2, 20} : new int[] {2, 5, 10, 20, 50, 100, 200, 300, 400, 500};
            int[][] sizes = new int[ks.length][];
            for (int i = 0; i < ks.length; i++) {
                sizes[i] = new int[] {1000, ks[i]};
            }
            List<Map<String, Object>> rows = new ArrayList<>(bench.steps(sizes, List.of(
                    new Config(NonUniformL2Loss.METHOD, DeviceRule.GRADIENT), new Config(MseLoss.METHOD, DeviceRule.RAG),
                    new Config(NestedDropoutLoss.METHOD, DeviceRule.GRADIENT))));
            rows.addAll(bench.perSample(quick ? 1000 : 5000, 1000, ks));
            return Map.of("rows", rows, "projection", projection(rows));
        });
        part.accept("bench_mini_batches", () -> {
            System.out.println("bench: mini-batch steps over rows in device memory (n = 784, p = 20, MNIST's shape)");
            int m = quick ? 10_000 : 60_000;
            List<Map<String, Object>> rows = new ArrayList<>(bench.miniBatches(m, 784, 20, new int[] {32, 256}));
            System.out.println("bench: per-sample nested dropout over all rows (bao-fig2-3's step)");
            rows.addAll(bench.perSample(m, 784, new int[] {20}));
            return rows;
        });
        part.accept("bench_statistics", () -> {
            System.out.println("bench: statistics");
            return bench.statistics(quick ? 100_000 : 1_000_000, 1000, 8192);
        });
    }

    /** The (n, p) of the GPU targets (docs/gpu.md). */
    static final int[][] SIZES = {{1000, 100}, {2048, 256}, {10_000, 1000}, {20_000, 2000}};

    private final CudaDevice device;

    Bench(CudaDevice device) {
        this.device = device;
    }

    /** A step configuration: a loss with a rule. */
    record Config(LossMethod loss, DeviceRule rule) {
        String label() {
            return rule == DeviceRule.GRADIENT ? loss.name() : loss.name() + "+" + rule;
        }
    }

    /** Every loss with the gradient, and mse with RAG. */
    static final List<Config> CONFIGS = Stream.concat(
            Losses.REGISTRY.methods().stream().map(loss -> new Config(loss, DeviceRule.GRADIENT)),
            Stream.of(new Config(MseLoss.METHOD, DeviceRule.RAG))).toList();

    /** Full-batch epochs per run of the bao-fig4 sweep (its cap: a run that does not reach d_align 0.3 uses them all). */
    static final long BAO_EPOCHS = 50_000;

    /**
     * The bao-fig4 grid's projected time on this GPU: every run of the four models lae-cuda steps
     * (non-uniform L2, RAG, deterministic and per-sample stochastic nested dropout) at every k, for both
     * optimizers (Nesterov and Adam, whose steps cost the same), each taking the full {@value #BAO_EPOCHS} epochs:
     * an upper bound for the sweep, which stops each model after its first failing k and stops a run at d_align 0.3.
     */
    static Map<String, Object> projection(List<Map<String, Object>> rows) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Precision precision : Precision.values()) {
            double seconds = rows.stream().filter(r -> r.get("dtype").equals(precision.toString()))
                    .mapToDouble(r -> 2 * BAO_EPOCHS * (Double) r.get("step_ms") / 1e3).sum();
            out.put("full_grid_minutes_" + precision, seconds / 60);
            System.out.printf("  bao-fig4 grid (%d model × k runs × 2 optimizers × %d epochs), %s: %.1f minutes%n",
                    rows.size() / Precision.values().length, BAO_EPOCHS, precision, seconds / 60);
        }
        out.put("note", "the linear VAE is not on lae-cuda (CPU only)");
        return out;
    }

    /** @return a symmetric positive definite n×n matrix with a spread spectrum: I + (1/n) GGᵀ-like, cheaply */
    private DeviceStatistics syntheticStatistics(int n, Precision precision) {
        double[] sigma = new double[n * n];
        SplittableRandom random = new SplittableRandom(n);
        for (int j = 0; j < n; j++) {
            for (int i = j; i < n; i++) {
                double v = i == j ? 1 + 10.0 / (1 + i) : (random.nextDouble() - 0.5) / n;
                sigma[i + j * n] = v;
                sigma[j + i * n] = v;
            }
        }
        return DeviceStatistics.upload(device, sigma, null, n, n, 10 * n, precision);
    }

    /** @return the median of {@code batches} timings of {@code reps} runs of {@code work}, in milliseconds per run */
    private double time(Runnable work, int reps, int batches) {
        for (int i = 0; i < 3; i++) {
            work.run();
        }
        device.synchronize();
        double[] perRun = new double[batches];
        try (GpuTimer timer = device.timer()) {
            for (int b = 0; b < batches; b++) {
                timer.start();
                for (int r = 0; r < reps; r++) {
                    work.run();
                }
                perRun[b] = timer.stopMillis() / reps;
            }
        }
        Arrays.sort(perRun);
        return perRun[batches / 2];
    }

    /**
     * @param sizes (n, p) pairs
     * @param configs the steps to time
     * @return one row per size, precision and config: step and GEMM milliseconds, their ratio, the flop floor
     */
    List<Map<String, Object>> steps(int[][] sizes, List<Config> configs) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int[] size : sizes) {
            int n = size[0];
            int p = size[1];
            for (Precision precision : Precision.values()) {
                try (DeviceStatistics stats = syntheticStatistics(n, precision);
                     DeviceMatrix w = device.zeros(n, 2 * p, precision);
                     DeviceMatrix k = device.zeros(n, 2 * p, precision)) {
                    int reps = Math.max(3, (int) Math.min(200, 2e11 / ((double) n * n * p)));
                    double gemm = time(() -> gemm(stats, w, k), reps, 5);
                    for (Config config : configs) {
                        LossForm form = ContractCases.form(config.loss(), p);
                        double[] encoder = weights(p * n, 1);
                        double[] decoder = encoder.clone();
                        try (DeviceTraining training = new DeviceTraining(device, stats, form, config.rule(),
                                DeviceOptimizer.adam(), encoder, decoder)) {
                            double step = time(() -> training.step(1e-7), reps, 5);
                            Map<String, Object> row = new LinkedHashMap<>();
                            row.put("n", n);
                            row.put("p", p);
                            row.put("dtype", precision.toString());
                            row.put("step", config.label());
                            row.put("step_ms", step);
                            row.put("gemm_ms", gemm);
                            row.put("step_over_gemm", step / gemm);
                            row.put("flop_floor", 1 + 2.0 * p / n);
                            row.put("target", 1.3 * (1 + 2.0 * p / n));
                            row.put("gemm_tflops", 4.0 * n * n * p / (gemm * 1e-3) / 1e12);
                            rows.add(row);
                            System.out.printf("  %-22s n=%-6d p=%-5d %-7s step %9.4f ms  GEMM %9.4f ms  ratio %.2f"
                                    + " (floor %.2f)%n", config.label(), n, p, precision, step, gemm, step / gemm,
                                    1 + 2.0 * p / n);
                        }
                    }
                }
            }
        }
        return rows;
    }

    private void gemm(DeviceStatistics stats, DeviceMatrix w, DeviceMatrix k) {
        device.gemm(false, false, 1, stats.sigmaXX(), w, 0, k);
    }

    private static double[] weights(int length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] w = new double[length];
        for (int i = 0; i < length; i++) {
            w[i] = random.nextGaussian() * 0.01;
        }
        return w;
    }

    /**
     * Mini-batch steps of {@code ordered} and {@code nested-dropout} over m random rows held on the device.
     *
     * @return one row per batch size, precision and loss: milliseconds per step and samples per second
     */
    List<Map<String, Object>> miniBatches(int m, int n, int p, int[] batchSizes) {
        double[] data = weights(m * n, 7);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Precision precision : Precision.values()) {
            try (DeviceStatistics stats = syntheticStatistics(n, precision)) {
                for (int b : batchSizes) {
                    try (DeviceRows batches = new DeviceRows(device, data, n, null, n, m, new BatchOrder(m, b, 1),
                            precision)) {
                        for (LossMethod loss : List.of(OrderedLoss.METHOD, NestedDropoutLoss.METHOD)) {
                            try (DeviceTraining training = new DeviceTraining(device, stats,
                                    ContractCases.form(loss, p), DeviceRule.GRADIENT, DeviceOptimizer.adam(),
                                    weights(p * n, 1), weights(n * p, 2))) {
                                double step = time(() -> training.step(1e-7, batches), 200, 5);
                                Map<String, Object> row = new LinkedHashMap<>();
                                row.put("m", m);
                                row.put("n", n);
                                row.put("p", p);
                                row.put("batch", b);
                                row.put("dtype", precision.toString());
                                row.put("loss", loss.name());
                                row.put("step_ms", step);
                                row.put("samples_per_s", b / (step * 1e-3));
                                rows.add(row);
                                System.out.printf("  %-15s b=%-4d %-7s step %8.4f ms  %,.0f samples/s%n", loss.name(), b,
                                        precision, step, b / (step * 1e-3));
                            }
                        }
                    }
                }
            }
        }
        return rows;
    }

    /**
     * Full-batch steps of per-sample stochastic nested dropout (Adam) over m random rows held on the device, as
     * bao-fig4 takes them: each step draws one truncation per row.
     *
     * @param ks the latent sizes
     * @return one row per k and precision, in {@link #steps}' terms (n, p, dtype, step, step_ms)
     */
    List<Map<String, Object>> perSample(int m, int n, int[] ks) {
        double[] data = weights(m * n, 7);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Precision precision : Precision.values()) {
            try (DeviceStatistics stats = syntheticStatistics(n, precision);
                 DeviceRows all = new DeviceRows(device, data, n, null, n, m, null, precision)) {
                for (int p : ks) {
                    LossForm form = ContractCases.form(NestedDropoutLoss.METHOD, p);
                    TruncationDraws draws = new TruncationDraws(form.nestedWeights(), 1);
                    try (DeviceTraining training = new DeviceTraining(device, stats, form, DeviceRule.GRADIENT,
                            DeviceOptimizer.adam(), weights(p * n, 1), weights(n * p, 2))) {
                        double step = time(() -> training.step(1e-7, all, draws), 20, 5);
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("m", m);
                        row.put("n", n);
                        row.put("p", p);
                        row.put("dtype", precision.toString());
                        row.put("step", "nested-dropout per-sample");
                        row.put("step_ms", step);
                        rows.add(row);
                        System.out.printf("  %-26s m=%-6d n=%-5d p=%-4d %-7s step %9.4f ms%n", "nested-dropout per-sample",
                                m, n, p, precision, step);
                    }
                }
            }
        }
        return rows;
    }

    /**
     * Σ of m×n float32 rows held in memory in chunks.
     *
     * @return rows, seconds, GB/s of rows and the precision of the sums
     */
    List<Map<String, Object>> statistics(int m, int n, int chunkRows) {
        int chunks = (m + chunkRows - 1) / chunkRows;
        float[][] data = new float[chunks][];
        IntStream.range(0, chunks).parallel().forEach(c -> {
            SplittableRandom random = new SplittableRandom(c);
            int rows = Math.min(chunkRows, m - c * chunkRows);
            float[] chunk = new float[rows * n];
            for (int i = 0; i < chunk.length; i++) {
                chunk[i] = (float) (random.nextDouble() - 0.5);
            }
            data[c] = chunk;
        });
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Precision accumulation : new Precision[] {Precision.FLOAT64, Precision.FLOAT32}) {
            for (int repeat = 0; repeat < 2; repeat++) {                               // the first warms up
                double seconds = accumulate(data, n, chunkRows, accumulation);
                if (repeat == 1) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("rows", m);
                    row.put("n", n);
                    row.put("accumulation", accumulation.toString());
                    row.put("seconds", seconds);
                    row.put("rows_gb_per_s", (double) m * n * 4 / seconds / 1e9);
                    rows.add(row);
                    System.out.printf("  statistics of %d×%d float32 rows, sums in %s: %.3f s (%.1f GB/s)%n", m, n,
                            accumulation, seconds, (double) m * n * 4 / seconds / 1e9);
                }
            }
        }
        return rows;
    }

    private double accumulate(float[][] data, int n, int chunkRows, Precision accumulation) {
        long start = System.nanoTime();
        try (DeviceStatisticsAccumulator acc = new DeviceStatisticsAccumulator(device, n, chunkRows, true,
                accumulation)) {
            for (float[] chunk : data) {
                acc.add(chunk, chunk.length / n);
            }
            try (DeviceStatistics stats = acc.build(true, accumulation)) {
                device.synchronize();
                return (System.nanoTime() - start) / 1e9;
            }
        }
    }
}
