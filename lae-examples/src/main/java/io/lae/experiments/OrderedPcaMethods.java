package io.lae.experiments;

import io.lae.figures.LineFigure;
import io.lae.figures.Palette;
import io.lae.figures.Panels;
import io.lae.loss.MseLoss;
import io.lae.loss.NestedDropoutLoss;
import io.lae.loss.NonUniformL2Loss;
import io.lae.loss.OrderedLoss;
import io.lae.loss.Scale;
import io.lae.optim.Optimizers;
import io.lae.runs.TrainingData;
import io.lae.sweep.RunRecord;
import io.lae.train.EigenGameRule;
import io.lae.train.HebbianRule;
import io.lae.train.MetricsRow;
import io.lae.train.OjaQrRule;
import io.lae.train.RotationAugmentedRule;
import io.lae.train.RuleMethod;
import io.lae.train.StopTarget;
import io.lae.train.UpdateRule;
import io.lae.train.UpdateRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ordered-pca-methods}: which method finds the ordered principal directions first? Every method lae has for
 * them — the ordered loss (Oftadeh et al. 2020), non-uniform L2, deterministic nested dropout and RAG (Bao et al.
 * 2020), GHA, Oja's algorithm, α- and μ-EigenGame (Gemp et al. 2021, 2022) — on the same data, with the same metrics,
 * full batch and over mini-batches, each at its own best learning rate from a grid of the same size, chosen on a
 * seed other than the one reported. Reported: steps, flops and seconds to d_align ≤ 10⁻² and to the longest streak
 * k (all k directions within π/8, in order), and the final values.
 */
final class OrderedPcaMethods extends Experiment {

    static final String ID = "ordered-pca-methods";
    /** The rules compared, which follow no loss: the Hebbian ones and the games. */
    static final List<RuleMethod> RULES = List.of(HebbianRule.GHA_METHOD, OjaQrRule.METHOD, EigenGameRule.ALPHA_METHOD,
            EigenGameRule.MU_METHOD);
    private static final double ALIGNED = 1e-2;
    private static final long REPORTED_SEED = 1;
    private static final long TUNING_SEED = 2;
    /** Adam's rates, for the losses. */
    private static final List<Double> ADAM_RATES = List.of(3e-2, 1e-2, 3e-3, 1e-3, 3e-4);
    /** SGD's rates for the Hebbian rules and the games, as multiples of 1/λ₁ of M = Σxx/m. */
    private static final List<Double> SGD_RATES_TIMES_LAMBDA1 = List.of(3.0, 1.0, 0.3, 0.1, 0.03);
    /**
     * Nesterov's rates for RAG, as multiples of 1/λ₁: a decade lower than SGD's, since momentum 0.9 lengthens the step
     * tenfold; Bao et al.'s own 1e-4 on their synthetic set (λ₁ ≈ 145) is 0.015/λ₁.
     */
    private static final List<Double> NESTEROV_RATES_TIMES_LAMBDA1 = List.of(0.3, 0.1, 0.03, 0.01, 0.003);

    /** The two ways of stepping. */
    enum Mode {
        FULL_BATCH("full batch"), MINI_BATCH("mini-batch");

        private final String label;

        Mode(String label) {
            this.label = label;
        }
    }

    /**
     * A data set of the comparison.
     *
     * @param key   its directory, e.g. {@code synthetic}
     * @param title its name in the tables and the figure
     * @param spec  its data source as {@code --data} names it, the study files' {@code data}
     * @param data  its samples, statistics and ground truth, loaded once for every run
     */
    record DataSet(String key, String title, String spec, TrainingData data) {
    }

    OrderedPcaMethods() {
        super(ID, "Every ordered-PCA method of lae on Bao et al.'s synthetic set and on MNIST at k = 20, full batch and "
                + "mini-batch, each at its best learning rate: steps, flops and seconds to d_align ≤ 1e-2 and to the "
                + "longest streak k", Duration.ofMinutes(65), Duration.ofSeconds(60));
    }

    @Override
    public void run(ExperimentContext ctx) {
        int k = ctx.pick(4, 20);
        long cap = ctx.pick(300L, 50_000L);
        long tuningCap = ctx.pick(100L, 5_000L);
        int batch = ctx.pick(64, 256);
        long logEvery = ctx.pick(10L, 100L);
        List<Double> adamRates = ctx.pick(List.of(1e-2, 1e-3), ADAM_RATES);
        List<Double> sgdRates = ctx.pick(List.of(1.0, 0.1), SGD_RATES_TIMES_LAMBDA1);
        List<Double> nesterovRates = ctx.pick(List.of(0.1, 0.01), NESTEROV_RATES_TIMES_LAMBDA1);
        ctx.choose("Methods by their registry names, each with the optimizer its source trains it with: `ordered`, "
                + "`nonuniform` (λᵢ = linspace(0.1, min(0.1(d − k − 1), d/100), k)², Bao et al.'s train_synth.py), "
                + "`nested-dropout` (deterministic, the default geometric prior, ρ = 0.9) with Adam; `rag` (on `mse`, "
                + "scale `mean`) with Nesterov momentum 0.9, since Bao et al. §7 find Adam \"not directly applicable\" "
                + "to RAG (in bao-fig4 RAG with Adam fails beyond k = 5); `gha`, `oja-qr` (Oja's algorithm, V ← QR(V + αMV)), `eigengame` and "
                + "`mu-eigengame` (every player at once) with plain SGD. Every method starts from lae's default "
                + "initialisation with the same seed.");
        ctx.choose("Learning rates: a grid of " + adamRates.size() + " for every method — Adam " + adamRates
                + "; SGD " + sgdRates + " × 1/λ₁ and Nesterov " + nesterovRates + " × 1/λ₁, with λ₁ the top eigenvalue "
                + "of M = Σxx/m (the rules and RAG step along M·V, so their rate is only comparable across data sets "
                + "relative to λ₁). Each method's rate is the one whose run "
                + "on seed " + TUNING_SEED + " (" + tuningCap + " steps) first reached both targets, else the one with "
                + "the smallest final d_align; the runs reported use seed " + REPORTED_SEED + ".");
        ctx.choose("Each reported run stops once d_align ≤ " + ALIGNED + " and the longest streak is k, or after "
                + cap + " steps (a mini-batch run after the epochs that hold that many steps); a target not reached by "
                + "then is \"not reached\". Metrics every " + logEvery + " steps, so a step to a target is a multiple of "
                + logEvery + ". Mini-batches of " + batch + " rows, reshuffled every epoch.");
        ctx.choose("Flops count the products with the data, from their shapes, not measured: a full-batch step "
                + "multiplies Σxx (n×n) by the k columns of V for the tied rules and by the 2k of [Bᵀ | A] for the "
                + "losses (2n² flops per column); a mini-batch step multiplies the b×n batch forth and back "
                + "(4bn per column). Seconds are the runs' own training time (run.json), metrics excluded.");
        List<DataSet> sets = List.of(synthetic(ctx), mnist(ctx));
        Map<String, List<RunRecord>> reported = new LinkedHashMap<>();
        List<String> targets = List.of("d_align=" + ALIGNED, "longest_streak=" + k);
        for (DataSet set : sets) {
            int n = set.data().stats().inputDim();
            long m = set.data().stats().sampleCount();
            double lambda1 = set.data().truth().eigenvalues()[0] / m;
            List<RateSearch.Contender> contenders = contenders(k, n, adamRates,
                    sgdRates.stream().map(c -> c / lambda1).toList(),
                    nesterovRates.stream().map(c -> c / lambda1).toList());
            // quick scale checks each mode on one data set: the synthetic set full batch, MNIST over mini-batches
            List<Mode> modes = ctx.pick(List.of(set == sets.getFirst() ? Mode.FULL_BATCH : Mode.MINI_BATCH),
                    List.of(Mode.values()));
            for (Mode mode : modes) {
                String dir = set.key() + "/" + (mode == Mode.FULL_BATCH ? "full-batch" : "batch-" + batch);
                RateSearch search = new RateSearch(shared(set, k, mode, batch, tuningCap, logEvery, targets),
                        config -> set.data());
                Map<String, Double> rates = search.bestRates(ctx, dir + "/tune", contenders, TUNING_SEED,
                        fastestToTargets(StopTarget.parse(String.join(",", targets))));
                RateSearch report = new RateSearch(shared(set, k, mode, batch, cap, logEvery, targets),
                        config -> set.data());
                List<RunRecord> records = report.report(ctx, dir + "/report", contenders, rates,
                        List.of(REPORTED_SEED), targets);
                String title = title(set, mode, batch);
                reported.put(title, records);
                ctx.summary().table(title, rows(records, k, n, mode, batch, targets));
                winners(ctx, title, records, targets);
            }
        }
        claims(ctx, reported.get(title(sets.getFirst(), Mode.FULL_BATCH, batch)),
                reported.get(title(sets.getLast(), Mode.MINI_BATCH, batch)), k);
        draw(ctx, reported, k);
    }

    /** @return the name of a data set and mode in the tables and the figure, e.g. {@code MNIST, mini-batch (b = 256)} */
    private static String title(DataSet set, Mode mode, int batch) {
        return set.title() + ", " + mode.label + (mode == Mode.MINI_BATCH ? " (b = " + batch + ")" : "");
    }

    /**
     * Two statements of the EigenGame papers, on this comparison's data: Oja's algorithm first among the rules on a
     * synthetic set, full batch; μ-EigenGame no later than α-EigenGame over mini-batches of MNIST.
     *
     * @param syntheticFull the synthetic set's full-batch runs
     * @param mnistBatch    MNIST's mini-batch runs
     */
    private static void claims(ExperimentContext ctx, List<RunRecord> syntheticFull, List<RunRecord> mnistBatch,
                               int k) {
        StopTarget streak = StopTarget.parse("longest_streak=" + k);
        Map<String, Double> full = stepsTo(syntheticFull, streak);
        double oja = full.get(OjaQrRule.METHOD.name());
        double others = RULES.stream().filter(r -> r != OjaQrRule.METHOD).mapToDouble(r -> full.get(r.name())).min()
                .orElseThrow();
        ctx.claimAtFullScale(new Claim("synthetic set, full batch: Oja's algorithm (oja-qr) reaches the longest streak "
                + k + " first among the four rules", "Gemp et al. 2021 §6 (their synthetic matrices): \"Oja's "
                + "algorithm performs best on synthetic experiments\"", "steps to streak " + k + ": " + text(full,
                RULES), oja <= others && Double.isFinite(oja)));
        Map<String, Double> batch = stepsTo(mnistBatch, streak);
        double mu = batch.get(EigenGameRule.MU_METHOD.name());
        double alpha = batch.get(EigenGameRule.ALPHA_METHOD.name());
        ctx.claimAtFullScale(new Claim("MNIST, mini-batch: μ-EigenGame reaches the longest streak " + k
                + " no later than α-EigenGame", "Gemp et al. 2022 §5, Fig. 3 (MNIST, mini-batches): μ-EigenGame "
                + "\"performs best in the longest streak metric\"", "steps to streak " + k + ": " + text(batch,
                List.of(EigenGameRule.MU_METHOD, EigenGameRule.ALPHA_METHOD)), mu <= alpha && Double.isFinite(mu)));
    }

    /** @return each method's first step reaching the target, +∞ when it did not */
    private static Map<String, Double> stepsTo(List<RunRecord> records, StopTarget target) {
        Map<String, Double> steps = new LinkedHashMap<>();
        records.forEach(r -> steps.put(RateSearch.contender(r), r.stepsTo(target)));
        return steps;
    }

    /** @return e.g. {@code gha 1200, oja-qr not reached} */
    private static String text(Map<String, Double> steps, List<RuleMethod> rules) {
        return String.join(", ", rules.stream().map(r -> r.name() + " " + (Double.isInfinite(steps.get(r.name()))
                ? "not reached" : String.format(Locale.ROOT, "%.0f", steps.get(r.name())))).toList());
    }

    /** @return Bao et al.'s synthetic set as their code draws it: d = 1000, N = 5000, eigenvalues 1 … 100 */
    private static DataSet synthetic(ExperimentContext ctx) {
        int d = ctx.pick(30, 1000);
        int m = ctx.pick(300, 5000);
        ctx.choose("Synthetic: Bao et al.'s set as their configs/synth.py and data_generators.py build it (d = " + d
                + ", N = " + m + ", variances 1 + 99·linspace(1, 0, d), Haar eigenvectors, NumPy's seed 1234, not "
                + "centred), the data of bao-fig4.");
        TrainingData data = BaoScaling.data(ctx, d, m, 1234);
        return new DataSet("synthetic", "Synthetic (d = " + d + ", N = " + m + ")",
                "synthetic:bao:n=" + d + ",m=" + m + ",seed=1234", data);
    }

    /** @return MNIST's training images, centred */
    private static DataSet mnist(ExperimentContext ctx) {
        LabelledSamples mnist = LabelledSamples.open("mnist", ctx.pick(1000, null));
        ctx.choose("MNIST: the " + mnist.rows().rows() + " training images as 784 pixels in [0, 1], centred.");
        TrainingData data = TrainingData.of(mnist.description(), mnist.rows(), null, true, ctx.console());
        return new DataSet("mnist", "MNIST (" + mnist.rows().rows() + " images)",
                ctx.quick() ? mnist.description() : "mnist", data);
    }

    /** @return the settings every run on this data and mode shares */
    private static Map<String, Object> shared(DataSet set, int k, Mode mode, int batch, long cap, long logEvery,
                                              List<String> targets) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("data", set.spec());
        s.put("no-center", !set.data().stats().centered());
        s.put("latent", (long) k);
        if (mode == Mode.FULL_BATCH) {
            s.put("steps", cap);
        } else {
            long perEpoch = Math.ceilDiv(set.data().stats().sampleCount(), batch);
            s.put("epochs", Math.ceilDiv(cap, perEpoch));
            s.put("batch", (long) batch);
        }
        s.put("log-every", logEvery);
        s.put("checkpoint-every", 0L);
        s.put("until", String.join(",", targets));
        return s;
    }

    /** @return the methods, named by their registry names: the losses with Adam, RAG with Nesterov, the rules with SGD */
    static List<RateSearch.Contender> contenders(int k, int n, List<Double> adamRates, List<Double> sgdRates,
                                                 List<Double> nesterovRates) {
        double[] lambdas = NonUniformL2Loss.squaredLinspace(0.1, Math.min(0.1 * (n - k - 1), n * 0.01), k);
        String adam = Optimizers.ADAM.name();
        List<RateSearch.Contender> list = new ArrayList<>();
        list.add(new RateSearch.Contender(OrderedLoss.METHOD.name(), Map.of("loss", OrderedLoss.METHOD.name(),
                "optimizer", adam), adamRates));
        list.add(new RateSearch.Contender(NonUniformL2Loss.METHOD.name(), Map.of("loss", NonUniformL2Loss.METHOD.name(),
                "lambdas", lambdas, "optimizer", adam), adamRates));
        list.add(new RateSearch.Contender(NestedDropoutLoss.METHOD.name(), Map.of("loss",
                NestedDropoutLoss.METHOD.name(), "optimizer", adam), adamRates));
        list.add(new RateSearch.Contender(RotationAugmentedRule.METHOD.name(), Map.of("loss", MseLoss.METHOD.name(),
                "reduction", Scale.MEAN.label(), "rule", RotationAugmentedRule.METHOD.name(), "optimizer",
                Optimizers.NESTEROV.name()), nesterovRates));
        for (RuleMethod rule : RULES) {
            list.add(new RateSearch.Contender(rule.name(), Map.of("rule", rule.name(), "optimizer",
                    Optimizers.SGD.name()), sgdRates));
        }
        return list;
    }

    /** Runs that reach the targets first, then those closest in d_align at the end; a diverged run last. */
    static Comparator<RunRecord> fastestToTargets(StopTarget both) {
        return Comparator.comparingDouble((RunRecord r) -> r.stepsTo(both))
                .thenComparingDouble(r -> r.state() == RunRecord.State.DIVERGED ? Double.POSITIVE_INFINITY
                        : r.last().map(MetricsRow::dAlign).filter(Double::isFinite).orElse(Double.POSITIVE_INFINITY));
    }

    /** @return flops of one step: the products with the data, from their shapes */
    static double flopsPerStep(String rule, int k, int n, Mode mode, int batch) {
        UpdateRule r = UpdateRules.create(rule);
        int columns = r.tiesWeights() ? k : 2 * k;
        return (mode == Mode.FULL_BATCH ? 2.0 * n * n : 4.0 * batch * n) * columns;
    }

    private static List<Map<String, String>> rows(List<RunRecord> records, int k, int n, Mode mode, int batch,
                                                  List<String> targets) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (RunRecord r : records) {
            double flops = flopsPerStep(r.run().config().rule(), k, n, mode, batch);
            Map<String, String> row = new LinkedHashMap<>();
            row.put("method", RateSearch.contender(r));
            row.put("lr", String.format(Locale.ROOT, "%.3g", r.run().config().lr()));
            for (String target : targets) {
                Optional<MetricsRow> first = r.firstReaching(StopTarget.parse(target));
                String label = target.startsWith("d_align") ? "d_align ≤ " + ALIGNED : "streak " + k;
                row.put("steps to " + label, first.map(f -> Long.toString(f.step())).orElse("not reached"));
                row.put("Gflop to " + label, first.map(f -> String.format(Locale.ROOT, "%.3g", f.step() * flops / 1e9))
                        .orElse("—"));
                row.put("s to " + label, first.map(f -> String.format(Locale.ROOT, "%.3g", f.seconds())).orElse("—"));
            }
            MetricsRow last = r.last().orElse(null);
            row.put("steps", last == null ? "—" : Long.toString(last.step()));
            row.put("final d_align", last == null ? "—" : String.format(Locale.ROOT, "%.3g", last.dAlign()));
            row.put("final streak", last == null ? "—" : String.format(Locale.ROOT, "%.0f", last.longestStreak()));
            row.put("status", r.state().label());
            rows.add(row);
        }
        return rows;
    }

    /** Records which method reached each target first, and by what factor the next one trails. */
    private static void winners(ExperimentContext ctx, String title, List<RunRecord> records, List<String> targets) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (String target : targets) {
            StopTarget t = StopTarget.parse(target);
            List<RunRecord> reaching = records.stream().filter(r -> Double.isFinite(r.stepsTo(t)))
                    .sorted(Comparator.comparingDouble(r -> r.stepsTo(t))).toList();
            Map<String, Object> w = new LinkedHashMap<>();
            if (reaching.isEmpty()) {
                w.put("winner", "none reached it");
            } else {
                double best = reaching.getFirst().stepsTo(t);
                w.put("winner", RateSearch.contender(reaching.getFirst()));
                w.put("steps", (long) best);
                if (reaching.size() > 1) {
                    w.put("runner_up", RateSearch.contender(reaching.get(1)));
                    w.put("runner_up_steps_ratio", reaching.get(1).stepsTo(t) / best);
                }
                w.put("reached_by", reaching.stream().map(RateSearch::contender).toList());
            }
            result.put(target, w);
        }
        ctx.summary().measure("first to each target: " + title, result);
    }

    /** One panel per data set and mode: every method's d_align against the step. */
    private static void draw(ExperimentContext ctx, Map<String, List<RunRecord>> reported, int k) {
        Panels figure = new Panels(2).title("d_align against the step, each method at its best rate (k = " + k
                + "; dashed grey: d_align = " + ALIGNED + ")");
        for (var panel : reported.entrySet()) {
            LineFigure f = new LineFigure(panel.getKey(), "step", "d_align").logY();
            List<RunRecord> runs = panel.getValue();
            for (int i = 0; i < runs.size(); i++) {
                RunRecord r = runs.get(i);
                if (!r.metrics().isEmpty()) {
                    f.add(RateSearch.contender(r), r.metrics().stream().mapToDouble(MetricsRow::step).toArray(),
                            r.metrics().stream().mapToDouble(MetricsRow::dAlign).toArray(), LineFigure.Style.SOLID,
                            Palette.color(i));
                }
            }
            f.horizontalLine(ALIGNED, "d_align = " + ALIGNED).unlisted("d_align = " + ALIGNED);
            figure.add(f);
        }
        ctx.figure(figure, "methods");
    }
}
