package io.lae.experiments;

import io.lae.figures.LineFigure;
import io.lae.figures.Palette;
import io.lae.figures.Panels;
import io.lae.optim.Optimizers;
import io.lae.runs.TrainingData;
import io.lae.sweep.RunRecord;
import io.lae.train.EigenGameRule;
import io.lae.train.HebbianRule;
import io.lae.train.MetricsRow;
import io.lae.train.OjaQrRule;
import io.lae.train.StopTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.LongStream;

/**
 * {@code gemp-mnist}: the MNIST comparison of "EigenGame Unloaded: When playing games is better than optimizing"
 * (Gemp, McWilliams, Vernade, Graepel; ICLR 2022, arXiv 2102.04152; read in its OpenReview submission text), Fig. 3
 * and §5, which extends the MNIST comparison of "EigenGame: PCA as a Nash equilibrium" (ICLR 2021, arXiv
 * 2010.00554; read in its ICLR 2021 text, OpenReview NzTU59SYbNq), Fig. 3b and §6: μ-EigenGame against
 * α-EigenGame, GHA and Oja's algorithm on the 60 000 × 784 training images, the longest streak of leading
 * eigenvectors within π/8 and the normalised subspace distance against iterations, one column per mini-batch size
 * (1024, 256, 32), each method at its best learning rate chosen on held-out runs, means over trials.
 */
final class GempMnist extends Experiment {

    static final String ID = "gemp-mnist";
    /** The methods in the figure's legend order, by their registry names. */
    private static final List<String> METHODS = List.of(EigenGameRule.MU_METHOD.name(), EigenGameRule.ALPHA_METHOD.name(),
            HebbianRule.GHA_METHOD.name(), OjaQrRule.METHOD.name());
    private static final String MU = EigenGameRule.MU_METHOD.name();
    private static final String ALPHA = EigenGameRule.ALPHA_METHOD.name();
    private static final String OJA = OjaQrRule.METHOD.name();
    private static final long HELD_OUT_SEED = 100;

    GempMnist() {
        super(ID, "Gemp et al. 2022, Fig. 3 (and 2021, Fig. 3b): μ-EigenGame, α-EigenGame, GHA and Oja's algorithm on "
                + "MNIST, longest streak and subspace distance against iterations at mini-batch sizes 1024, 256, 32",
                Duration.ofMinutes(22), Duration.ofSeconds(35));
    }

    @Override
    public void run(ExperimentContext ctx) {
        int k = ctx.pick(4, 16);
        long iterations = ctx.pick(200L, 10_000L);
        long logEvery = ctx.pick(10L, 100L);
        List<Integer> batches = ctx.pick(List.of(64, 16), List.of(1024, 256, 32));
        List<Long> seeds = ctx.pick(List.of(1L, 2L), List.of(1L, 2L, 3L));
        List<Double> rates = ctx.pick(List.of(1.0, 0.1), List.of(1.0, 0.1, 0.01, 0.001));
        LabelledSamples mnist = LabelledSamples.open("mnist", ctx.pick(1000, null));
        TrainingData data = TrainingData.of(mnist.description(), mnist.rows(), null, true, ctx.console());
        long m = data.stats().sampleCount();
        double lambda1 = data.truth().eigenvalues()[0] / m;
        ctx.choose("Data: the " + m + " MNIST training images flattened to 784 pixels in [0, 1], centred (the texts say "
                + "\"flatten each image … to obtain a 60,000 × 784 dimensional matrix\" and neither how the pixels were "
                + "scaled nor whether they were centred); the ground truth is the eigendecomposition of their covariance.");
        ctx.choose("k = " + k + " and " + iterations + " iterations: the texts give neither. Methods by lae's registry "
                + "names, all with plain SGD and every player at once: `mu-eigengame`, `eigengame` (α-EigenGame with "
                + "the gradient projected on the sphere's tangent space, the 2021 paper's EigenGameᴿ; the 2022 paper's "
                + "runs omit that projection), `gha` and "
                + "`oja-qr` (Oja's algorithm, V ← QR(V + ηMV)). Matrix Krasulina is not a rule of lae and is left out.");
        ctx.choose("Learning rates: the papers choose from {1e-3, …, 1e-6} (four decades) on 10 held-out runs with "
                + "data of unstated scale; lae takes four decades of the scale-free η·λ₁ ∈ " + rates + ", λ₁ = "
                + String.format(Locale.ROOT, "%.4g", lambda1) + " the top eigenvalue of the covariance, and picks per "
                + "method and batch size the rate whose held-out run (seed " + HELD_OUT_SEED + ") ends with the longest "
                + "streak, then the smallest subspace distance; the figure and tables are means over " + seeds.size()
                + " trials (seeds " + seeds + ") where the papers average 10.");
        Map<Integer, List<RunRecord>> byBatch = new LinkedHashMap<>();
        for (int b : batches) {
            long perEpoch = Math.ceilDiv(m, b);
            Map<String, Object> shared = new LinkedHashMap<>();
            shared.put("data", data.description());
            shared.put("latent", (long) k);
            shared.put("epochs", Math.ceilDiv(iterations, perEpoch));
            shared.put("batch", (long) b);
            shared.put("log-every", logEvery);
            shared.put("checkpoint-every", 0L);
            shared.put("until", "step=" + iterations);
            RateSearch search = new RateSearch(shared, config -> data);
            List<Double> scaled = rates.stream().map(c -> c / lambda1).toList();
            List<RateSearch.Contender> contenders = METHODS.stream().map(rule -> new RateSearch.Contender(rule,
                    Map.of("rule", rule, "optimizer", Optimizers.SGD.name()), scaled)).toList();
            String dir = "batch-" + b;
            Map<String, Double> best = search.bestRates(ctx, dir + "/tune", contenders, HELD_OUT_SEED, longestStreak());
            List<RunRecord> records = search.report(ctx, dir + "/trials", contenders, best, seeds,
                    List.of("longest_streak=" + k));
            byBatch.put(b, records);
            ctx.summary().table("mini-batch " + b + ", k = " + k + ", means over " + seeds.size() + " trials",
                    rows(records, lambda1, k));
        }
        claims(ctx, byBatch, batches, k);
        draw(ctx, byBatch, k);
    }

    /** The run that ends with the longest streak, then with the smallest subspace distance; a diverged run last. */
    static Comparator<RunRecord> longestStreak() {
        ToDoubleFunction<RunRecord> streak = r -> r.state() == RunRecord.State.DIVERGED ? -1
                : r.last().map(MetricsRow::longestStreak).orElse(-1.0);
        ToDoubleFunction<RunRecord> distance = r -> r.state() == RunRecord.State.DIVERGED ? Double.POSITIVE_INFINITY
                : r.last().map(MetricsRow::dSub).filter(Double::isFinite).orElse(Double.POSITIVE_INFINITY);
        return Comparator.comparingDouble(streak).reversed().thenComparingDouble(distance);
    }

    /** @return each method's runs of a batch size, in the methods' order */
    private static Map<String, List<RunRecord>> byMethod(List<RunRecord> records) {
        Map<String, List<RunRecord>> runs = new LinkedHashMap<>();
        METHODS.forEach(method -> runs.put(method, new ArrayList<>()));
        records.forEach(r -> runs.get(RateSearch.contender(r)).add(r));
        return runs;
    }

    /** @return the mean over a method's trials of a metric of their last rows (NaN when one diverged) */
    private static double meanFinal(List<RunRecord> trials, ToDoubleFunction<MetricsRow> metric) {
        return trials.stream().mapToDouble(r -> r.state() == RunRecord.State.DIVERGED ? Double.NaN
                : r.last().map(metric::applyAsDouble).orElse(Double.NaN)).average().orElse(Double.NaN);
    }

    /** @return the standard error of the mean of the trials' last values */
    private static double standardError(List<RunRecord> trials, ToDoubleFunction<MetricsRow> metric) {
        double[] v = trials.stream().mapToDouble(r -> r.last().map(metric::applyAsDouble).orElse(Double.NaN)).toArray();
        if (v.length < 2) {
            return Double.NaN;
        }
        double mean = java.util.Arrays.stream(v).average().orElseThrow();
        double ss = java.util.Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum();
        return Math.sqrt(ss / (v.length - 1) / v.length);
    }

    /**
     * @return the mean over the trials of the first iteration at which the longest streak was k, +∞ when a trial
     *     never reached it
     */
    private static double meanIterationsToStreak(List<RunRecord> trials, int k) {
        StopTarget full = StopTarget.parse("longest_streak=" + k);
        return trials.stream().mapToDouble(r -> r.stepsTo(full)).average().orElse(Double.NaN);
    }

    private static List<Map<String, String>> rows(List<RunRecord> records, double lambda1, int k) {
        List<Map<String, String>> rows = new ArrayList<>();
        byMethod(records).forEach((method, trials) -> {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("method", method);
            row.put("η·λ₁", String.format(Locale.ROOT, "%.3g", trials.getFirst().run().config().lr() * lambda1));
            double toStreak = meanIterationsToStreak(trials, k);
            row.put("iterations to streak " + k, Double.isInfinite(toStreak) ? "not reached by every trial"
                    : String.format(Locale.ROOT, "%.0f", toStreak));
            row.put("final longest streak", String.format(Locale.ROOT, "%.2f ± %.2f",
                    meanFinal(trials, MetricsRow::longestStreak), standardError(trials, MetricsRow::longestStreak)));
            row.put("final subspace distance", String.format(Locale.ROOT, "%.3g",
                    meanFinal(trials, MetricsRow::dSub)));
            row.put("seconds per run", String.format(Locale.ROOT, "%.3g", trials.stream().mapToDouble(r -> r.last()
                    .map(MetricsRow::seconds).orElse(Double.NaN)).average().orElse(Double.NaN)));
            row.put("diverged", Long.toString(trials.stream().filter(r -> r.state() == RunRecord.State.DIVERGED)
                    .count()));
            rows.add(row);
        });
        return rows;
    }

    private static void claims(ExperimentContext ctx, Map<Integer, List<RunRecord>> byBatch, List<Integer> batches,
                               int k) {
        Map<Integer, Map<String, Double>> streak = new LinkedHashMap<>();
        Map<Integer, Map<String, Double>> distance = new LinkedHashMap<>();
        Map<Integer, Map<String, Double>> iterations = new LinkedHashMap<>();
        byBatch.forEach((b, records) -> {
            Map<String, Double> s = new LinkedHashMap<>();
            Map<String, Double> d = new LinkedHashMap<>();
            Map<String, Double> t = new LinkedHashMap<>();
            byMethod(records).forEach((method, trials) -> {
                s.put(method, meanFinal(trials, MetricsRow::longestStreak));
                d.put(method, meanFinal(trials, MetricsRow::dSub));
                t.put(method, meanIterationsToStreak(trials, k));
            });
            streak.put(b, s);
            distance.put(b, d);
            iterations.put(b, t);
        });
        ctx.summary().measure("iterations to the longest streak k, mean over trials (Infinity: a trial never reached "
                + "it), by batch size and method", iterations);
        ctx.summary().measure("final longest streak, mean over trials, by batch size and method", streak);
        ctx.summary().measure("final subspace distance, mean over trials, by batch size and method", distance);
        for (int b : batches) {
            Map<String, Double> s = streak.get(b);
            Map<String, Double> t = iterations.get(b);
            boolean longest = s.entrySet().stream().allMatch(e -> !(e.getValue() > s.get(MU)));
            boolean first = t.values().stream().allMatch(v -> t.get(MU) <= v) && Double.isFinite(t.get(MU));
            ctx.claimAtFullScale(new Claim("b = " + b + ": μ-EigenGame reaches the longest streak " + k + " first of the "
                    + "four (mean iterations over the trials) and ends with no shorter streak than any",
                    "2022 §5, Fig. 3: \"It performs best in the longest streak metric\"",
                    "mean iterations to streak " + k + ": " + String.join(", ", t.entrySet().stream().map(e -> e.getKey()
                            + " " + (Double.isInfinite(e.getValue()) ? "not reached" : Claim.format(e.getValue())))
                            .toList()) + "; mean final streaks: " + String.join(", ", s.entrySet().stream()
                            .map(e -> e.getKey() + " " + Claim.format(e.getValue())).toList()), longest && first));
            ctx.claimAtFullScale(Claim.smaller("b = " + b + ": μ-EigenGame ends closer to the subspace than α-EigenGame",
                    "2022 §5, Fig. 3: \"and better than α-EigenGame in subspace distance\"",
                    "mean final subspace distance", new Claim.Measurement(MU,
                            distance.get(b).get(MU)),
                    new Claim.Measurement(ALPHA, distance.get(b).get(ALPHA))));
        }
        int largest = batches.getFirst();
        int smallest = batches.getLast();
        double muDrop = streak.get(largest).get(MU) - streak.get(smallest).get(MU);
        double alphaDrop = streak.get(largest).get(ALPHA) - streak.get(smallest).get(ALPHA);
        ctx.claimAtFullScale(Claim.atMost("from b = " + largest + " to " + smallest + " μ-EigenGame's streak drops by "
                        + "no more than α-EigenGame's", "2022 §5, Fig. 3: \"μ-EigenGame's robustness to minibatch size\"",
                "drop of μ's mean final streak (" + Claim.format(muDrop) + ") − drop of α's ("
                        + Claim.format(alphaDrop) + ")", muDrop - alphaDrop, 0));
        Map<String, Double> atLargest = streak.get(largest);
        ctx.claimAtFullScale(Claim.atLeast("b = " + largest + ": α-EigenGame is competitive with Oja's algorithm (its "
                        + "streak within 2 of Oja's, or above)",
                "2021 §6, Fig. 3b: \"EigenGame is competitive with Oja's in a high batch size regime (1024 samples per "
                        + "mini-batch)\"", "α's mean final streak − Oja's",
                atLargest.get(ALPHA) - atLargest.get(OJA), -2));
    }

    /** Longest streak (top row) and subspace distance (bottom row) against the iteration, a column per batch size. */
    private static void draw(ExperimentContext ctx, Map<Integer, List<RunRecord>> byBatch, int k) {
        Panels figure = new Panels(byBatch.size()).title("MNIST, k = " + k + ": means over trials, each method at its "
                + "best rate");
        for (boolean streakRow : new boolean[] {true, false}) {
            byBatch.forEach((b, records) -> {
                LineFigure f = new LineFigure("mini-batch " + b, "iteration",
                        streakRow ? "longest streak" : "subspace distance");
                if (!streakRow) {
                    f.logY();
                }
                int i = 0;
                for (var method : byMethod(records).entrySet()) {
                    double[][] curve = meanCurve(method.getValue(), streakRow ? MetricsRow::longestStreak
                            : MetricsRow::dSub);
                    f.add(method.getKey(), curve[0], curve[1], LineFigure.Style.SOLID, Palette.color(i++));
                }
                figure.add(f);
            });
        }
        ctx.figure(figure, "streak-and-distance");
    }

    /** @return the steps and the mean of a metric over the trials, as far as every trial logged */
    private static double[][] meanCurve(List<RunRecord> trials, ToDoubleFunction<MetricsRow> metric) {
        int rows = trials.stream().mapToInt(r -> r.metrics().size()).min().orElse(0);
        double[] steps = LongStream.range(0, rows).mapToDouble(i -> trials.getFirst().metrics().get((int) i).step())
                .toArray();
        double[] mean = new double[rows];
        for (int i = 0; i < rows; i++) {
            int row = i;
            mean[i] = trials.stream().mapToDouble(r -> metric.applyAsDouble(r.metrics().get(row))).average()
                    .orElseThrow();
        }
        return new double[][] {steps, mean};
    }
}
