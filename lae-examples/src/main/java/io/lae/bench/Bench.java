package io.lae.bench;

import io.lae.Precision;
import io.lae.linalg.HostBlas;
import io.lae.loss.StackedWeights;
import io.lae.runs.Environment;
import io.lae.runs.TrainingConfig;
import io.lae.stats.Statistics;
import io.lae.stats.StatisticsAccumulator;
import io.lae.train.Initialization;
import io.lae.train.MiniBatches;
import io.lae.train.Model;
import io.lae.train.NestedDropoutDraw;
import io.lae.train.RotationAugmentedRule;
import io.lae.train.TrainingStep;
import java.util.function.Consumer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The measurements of {@code lae bench}. Every time is a median over repeated calls after warm-up,
 * and every step is compared with a GEMM timed in the same process right before it, so the
 * ratios, not the absolute times, are what carries over between machines.
 */
public final class Bench {

    private static final long SEED = 7;
    /** Small enough that thousands of steps stay finite on any Σ with any optimizer. */
    private static final double LEARNING_RATE = 1e-7;
    private static final int STATISTICS_ROWS_PER_DIM = 10;
    private static final int MINI_BATCH_ROWS = 8192;
    private static final int EARLY_STEPS = 100;
    /** MNIST's training set, the rows of bao-fig2-3's per-sample nested-dropout steps. */
    private static final int PER_SAMPLE_ROWS = 60_000;
    /** Rounds of lae's step and NumPy's in turn, of which the medians are reported. */
    private static final int PEER_ROUNDS = 3;

    private final BenchPlan plan;
    private final Timing timing;
    private final Consumer<String> console;

    /**
     * @param plan    what to measure
     * @param console receives one line per measurement as it completes
     */
    public Bench(BenchPlan plan, Consumer<String> console) {
        this.plan = plan;
        this.timing = new Timing(plan.secondsPerMeasurement());
        this.console = console;
    }

    /** @return every measurement of the plan */
    public BenchReport run() {
        BenchReport report = BenchReport.on(Environment.describe());
        BenchPlan.Size first = plan.sizes().get(0);
        report.memory().add(memory(first, plan.dtypes().get(0), plan.memorySteps()));
        NumpyPeer peer = startPeer();
        try {
            console.accept(String.format("%6s %5s %-8s %-14s %9s %9s %7s %9s", "n", "p", "dtype", "loss", "step ms",
                    "GEMM ms", "ratio", "GFLOP/s") + (peer == null ? "" : String.format(" %9s %9s %9s", "NumPy ms",
                    "its GEMM", "lae/NumPy")));
            for (BenchPlan.Size size : plan.sizes()) {
                Statistics stats = randomStatistics(size.n());
                for (Precision dtype : plan.dtypes()) {
                    Statistics typed = stats.as(dtype.dataType());
                    Runnable gemm = gemm(size.n(), size.p(), typed.dataType());
                    for (Method method : plan.methods()) {
                        BenchReport.StepResult r = step(size, dtype, typed, method, gemm, peer);
                        report.results().add(r);
                        console.accept(String.format("%6d %5d %-8s %-14s %9.3f %9.3f %7.2f %9.1f", r.n(), r.p(),
                                r.dtype(), r.loss(), r.stepSeconds() * 1e3, r.gemmSeconds() * 1e3, r.ratio(), r.gflops())
                                + (peer == null ? "" : String.format(" %9.3f %9.3f %9.2f", r.numpyStepSeconds() * 1e3,
                                r.numpyGemmSeconds() * 1e3, r.laeOverNumpy())));
                        if (plan.breakdown()) {
                            report.breakdown().add(breakdown(size, dtype, typed, method));
                        }
                    }
                }
            }
        } finally {
            if (peer != null) {
                peer.close();
            }
        }
        report.statistics().add(statistics(first.n()));
        for (Precision dtype : plan.dtypes()) {
            report.perSample().add(perSample(first, dtype));
        }
        for (Precision dtype : plan.dtypes()) {
            for (int batch : plan.batchSizes()) {
                report.minibatch().add(miniBatch(first, dtype, batch));
            }
        }
        return report;
    }

    /** @return the NumPy peer, or null (with one line saying why) where python3 with NumPy is absent */
    private NumpyPeer startPeer() {
        try {
            NumpyPeer peer = NumpyPeer.start();
            console.accept("NumPy peer: " + peer.description() + "; lae and NumPy step in turn, " + PEER_ROUNDS
                    + " rounds, medians");
            return peer;
        } catch (NumpyPeer.Unavailable e) {
            console.accept("NumPy peer: not run (" + e.getMessage() + "); lae / NumPy not measured");
            return null;
        }
    }

    /**
     * A step against the GEMM timed alternately with it; with the peer, {@value #PEER_ROUNDS} rounds of that and
     * of NumPy's same step in turn, and the medians of the rounds.
     */
    private BenchReport.StepResult step(BenchPlan.Size size, Precision dtype, Statistics stats, Method method,
                                        Runnable gemm, NumpyPeer peer) {
        TrainingConfig config = config(method, size.p(), dtype);
        Training run = Training.start(config, stats, size.n());
        NumpyPeer.Form form = NumpyPeer.Form.of(config.lossSpec().form(size.p()), stats.sampleCount(),
                RotationAugmentedRule.NAME.equals(config.rule()));
        int rounds = peer == null ? 1 : PEER_ROUNDS;
        double[][] seconds = new double[4][rounds];
        long[] t = {0};
        for (int r = 0; r < rounds; r++) {
            Timing.Medians lae = timing.interleaved(gemm, () -> run.step(t[0]++, null));
            seconds[0][r] = lae.operation();
            seconds[1][r] = lae.reference();
            if (peer != null) {
                Timing.Medians numpy = peer.time(size.n(), size.p(), dtype, form, plan.optimizer(),
                        plan.secondsPerMeasurement());
                seconds[2][r] = numpy.operation();
                seconds[3][r] = numpy.reference();
            }
        }
        double step = Timing.median(seconds[0]);
        double gemmSeconds = Timing.median(seconds[1]);
        Double numpyStep = peer == null ? null : Timing.median(seconds[2]);
        Double numpyGemm = peer == null ? null : Timing.median(seconds[3]);
        double flops = 4.0 * size.p() * size.n() * (double) size.n();
        return new BenchReport.StepResult(size.n(), size.p(), dtype, method.name(), plan.optimizer(), step, gemmSeconds,
                step / gemmSeconds, flops / step / 1e9, numpyStep, numpyGemm, numpyStep == null ? null : step / numpyStep);
    }

    /**
     * The step split by what it spends: the GEMM Σ·W, the p-sized GEMMs of the loss's kernel (timed alone on
     * arrays of their shapes), the element-wise work (the loss's gradients less both), and the rule and the
     * optimizer (the step less the gradients).
     */
    private BenchReport.Breakdown breakdown(BenchPlan.Size size, Precision dtype, Statistics stats, Method method) {
        TrainingConfig config = config(method, size.p(), dtype);
        Training run = Training.start(config, stats, size.n());
        StackedWeights w = run.model().stacked();
        int n = size.n();
        int p = size.p();
        DataType type = stats.dataType();
        INDArray products = Nd4j.create(type, new long[] {n, 2L * p}, 'f');
        INDArray sigmaBt = products.get(NDArrayIndex.all(), NDArrayIndex.interval(0, p));
        INDArray[] square = {Nd4j.create(type, new long[] {p, p}, 'f'), Nd4j.create(type, new long[] {p, p}, 'f')};
        INDArray[] tall = {Nd4j.create(type, new long[] {n, p}, 'f'), Nd4j.create(type, new long[] {n, p}, 'f')};
        boolean product = config.lossSpec().form(p).productLambda() > 0;
        Runnable big = () -> HostBlas.gemm(stats.sigmaXX(), w.all(), products, false, false, 1.0, 0.0);
        Runnable small = () -> {
            HostBlas.gemm(w.decoder(), w.decoder(), square[0], true, false, 1.0, 0.0);          // AᵀA
            HostBlas.gemm(w.encoderTransposed(), sigmaBt, square[1], true, false, 1.0, 0.0);    // BΣBᵀ
            HostBlas.gemm(sigmaBt, square[0], tall[0], false, false, 1.0, 1.0);                // ΣBᵀ(S∘AᵀA)
            HostBlas.gemm(w.decoder(), square[1], tall[1], false, false, 1.0, 1.0);             // A(S∘BΣBᵀ)
            if (product) {
                HostBlas.gemm(w.encoderTransposed(), square[0], tall[0], false, false, 1.0, 1.0);
                HostBlas.gemm(w.encoderTransposed(), w.encoderTransposed(), square[1], true, false, 1.0, 0.0);
            }
        };
        long[] t = {0};
        big.run();
        double stepSeconds = timing.median(() -> run.step(t[0]++, null));
        double gradientSeconds = timing.median(() -> run.stepper().loss().gradients(w, stats));
        double gemmSeconds = timing.median(big);
        double smallSeconds = timing.median(small);
        BenchReport.Breakdown r = new BenchReport.Breakdown(n, p, dtype, method.name(), plan.optimizer(), stepSeconds,
                gemmSeconds, smallSeconds, gradientSeconds - gemmSeconds - smallSeconds, stepSeconds - gradientSeconds);
        console.accept(String.format("  breakdown: step %.3f ms = GEMM %.3f + small GEMMs %.3f + element-wise %.3f"
                        + " + rule and optimizer %.3f", r.stepSeconds() * 1e3, r.gemmSeconds() * 1e3,
                r.smallGemmSeconds() * 1e3, r.elementWiseSeconds() * 1e3, r.optimizerSeconds() * 1e3));
        return r;
    }

    /** One (2p×n)·(n×n) GEMM into a preallocated f-order output: the bound a full-batch step is held to. */
    private static Runnable gemm(int n, int p, DataType type) {
        INDArray left = Nd4j.rand(type, 2L * p, n).dup('f');
        INDArray sigma = Nd4j.rand(type, n, n).dup('f');
        INDArray out = Nd4j.create(type, new long[] {2L * p, n}, 'f');
        return () -> Nd4j.gemm(left, sigma, out, false, false, 1.0, 0.0);
    }

    private BenchReport.StatisticsResult statistics(int n) {
        long m = (long) STATISTICS_ROWS_PER_DIM * n;
        Nd4j.getRandom().setSeed(SEED);
        INDArray rows = Nd4j.rand(DataType.DOUBLE, m, n);
        INDArray out = Nd4j.create(DataType.DOUBLE, new long[] {n, n}, 'f');
        Timing.Medians medians = timing.interleaved(() -> Nd4j.gemm(rows, rows, out, true, false, 1.0, 0.0),
                () -> StatisticsAccumulator.of(rows, true));
        double flops = 2.0 * m * n * (double) n;
        BenchReport.StatisticsResult r = new BenchReport.StatisticsResult(n, m, medians.operation(),
                medians.reference(), medians.ratio(), flops / medians.operation() / 1e9);
        console.accept(String.format("statistics: n = %d, m = %d rows (float64): %.3f s, GEMM %.3f s, ratio %.2f",
                n, m, r.seconds(), r.gemmSeconds(), r.ratio()));
        return r;
    }

    /**
     * A full-batch step of per-sample stochastic nested dropout over m rows against one (2p×n)·(n×m)
     * GEMM: the whole batch at once is two such GEMMs ([B; Aᵀ]X and [Z̃; R]Xᵀ); over the rows sorted by their
     * truncation the step uses only the units each row keeps.
     */
    private BenchReport.PerSampleResult perSample(BenchPlan.Size size, Precision dtype) {
        Nd4j.getRandom().setSeed(SEED);
        DataType type = dtype.dataType();
        INDArray rows = Nd4j.rand(type, PER_SAMPLE_ROWS, size.n());
        TrainingConfig config = builder(size.p(), dtype).loss("nested-dropout").stochastic(NestedDropoutDraw.PER_SAMPLE)
                .build();
        Statistics stats = StatisticsAccumulator.of(rows, true).as(type);
        MiniBatches all = MiniBatches.allRows(rows, null, stats, type);
        Training run = Training.start(config, stats, size.n());
        INDArray weights = Nd4j.rand(type, 2L * size.p(), size.n());
        INDArray out = Nd4j.create(type, new long[] {2L * size.p(), PER_SAMPLE_ROWS}, 'c');
        INDArray x = rows.transpose();
        long[] t = {0};
        Timing.Medians medians = timing.interleaved(() -> Nd4j.gemm(weights, x, out, false, false, 1.0, 0.0),
                () -> run.step(t[0]++, all));
        double flops = 8.0 * size.p() * size.n() * (double) PER_SAMPLE_ROWS;
        BenchReport.PerSampleResult r = new BenchReport.PerSampleResult(size.n(), size.p(), PER_SAMPLE_ROWS, dtype,
                medians.operation(), medians.reference(), medians.ratio(), flops / medians.operation() / 1e9);
        console.accept(String.format("per-sample nested dropout: n = %d, p = %d, m = %d, %s: step %.1f ms, "
                        + "(2p×n)·(n×m) GEMM %.1f ms, ratio %.2f (the whole batch at once: 2)", r.n(), r.p(), r.m(), dtype,
                r.stepSeconds() * 1e3, r.gemmSeconds() * 1e3, r.ratio()));
        return r;
    }

    private BenchReport.MiniBatchResult miniBatch(BenchPlan.Size size, Precision dtype, int batch) {
        Nd4j.getRandom().setSeed(SEED);
        INDArray rows = Nd4j.rand(DataType.DOUBLE, MINI_BATCH_ROWS, size.n());
        Method method = plan.methods().get(0);
        TrainingConfig config = config(method, size.p(), dtype).toBuilder().miniBatches(1, batch).build();
        Statistics stats = StatisticsAccumulator.of(rows, true).as(config.dataType());
        MiniBatches batches = new MiniBatches(rows, null, stats, batch, SEED, config.dataType());
        Training run = Training.start(config, stats, size.n());
        long[] t = {0};
        double seconds = timing.median(() -> run.step(t[0]++, batches));
        BenchReport.MiniBatchResult r = new BenchReport.MiniBatchResult(size.n(), size.p(), batch, dtype,
                method.name(), seconds, batch / seconds);
        console.accept(String.format("mini-batch: n = %d, p = %d, b = %d, %s, %s: %.0f samples/s",
                size.n(), size.p(), batch, dtype, method.name(), r.samplesPerSecond()));
        return r;
    }

    private BenchReport.MemoryResult memory(BenchPlan.Size size, Precision dtype, long steps) {
        Method method = plan.methods().get(0);
        TrainingConfig config = config(method, size.p(), dtype);
        Training run = Training.start(config, randomStatistics(size.n()).as(config.dataType()), size.n());
        long early = Math.min(EARLY_STEPS, steps);
        for (long t = 0; t < early; t++) {
            run.step(t, null);
        }
        System.gc(); // frees the set-up's native buffers, so that only the steps' growth is measured
        double earlyMiB = ResidentMemory.mebibytes();
        double earlyHeap = ResidentMemory.committedHeapMebibytes();
        for (long t = early; t < steps; t++) {
            run.step(t, null);
        }
        double lateMiB = ResidentMemory.mebibytes();
        double lateHeap = ResidentMemory.committedHeapMebibytes();
        BenchReport.MemoryResult r = new BenchReport.MemoryResult(size.n(), size.p(), dtype, method.name(),
                early, earlyMiB, earlyHeap, steps, lateMiB, lateHeap, lateMiB / earlyMiB - 1,
                (lateMiB - lateHeap) / (earlyMiB - earlyHeap) - 1);
        console.accept(String.format("memory: %s at n = %d, p = %d, %s: resident %.0f MiB after %d steps, %.0f MiB after"
                        + " %d (%+.1f%%); outside the Java heap (committed %.0f → %.0f MiB) %+.1f%%",
                method.name(), size.n(), size.p(), dtype, earlyMiB, early, lateMiB, steps, 100 * r.growth(),
                earlyHeap, lateHeap, 100 * r.nativeGrowth()));
        return r;
    }

    private TrainingConfig config(Method method, int p, Precision dtype) {
        return method.settings().apply(builder(p, dtype), p).build();
    }

    /** @return the bench's settings of every step: its optimizer at the fixed rate, seed and start */
    private TrainingConfig.Builder builder(int p, Precision dtype) {
        return TrainingConfig.builder().latent(p).optimizer(plan.optimizer(), LEARNING_RATE).seed(SEED).dtype(dtype)
                .init(Initialization.Kind.NORMAL, 0.01);
    }

    /** A model with its configured step, stepped at the bench's fixed learning rate. */
    private record Training(Model model, TrainingStep stepper) {

        static Training start(TrainingConfig config, Statistics stats, int n) {
            Model model = config.initialModel(n, n, false);
            return new Training(model, TrainingStep.fresh(config.stepSettings(), stats, model));
        }

        void step(long t, MiniBatches batches) {
            stepper.apply(model, t, LEARNING_RATE, batches);
        }
    }

    /** Σ = GᵀG/n for a Gaussian n×n G: symmetric positive definite with probability one. */
    private static Statistics randomStatistics(int n) {
        Nd4j.getRandom().setSeed(SEED);
        INDArray g = Nd4j.randn(DataType.DOUBLE, n, n);
        INDArray sigma = Nd4j.gemm(g, g, true, false).divi(n);
        double trace = Nd4j.diag(sigma).sumNumber().doubleValue();
        return new Statistics(sigma, sigma, trace, n, Nd4j.zeros(DataType.DOUBLE, n), Nd4j.zeros(DataType.DOUBLE, n),
                true);
    }

}
