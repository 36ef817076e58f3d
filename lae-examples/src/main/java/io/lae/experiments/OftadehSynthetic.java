package io.lae.experiments;

import io.lae.runs.TrainedRun;
import io.lae.runs.TrainingConfig;
import io.lae.runs.TrainingData;
import io.lae.train.Initialization;
import io.lae.train.MetricsRow;
import io.lae.train.StopTarget;
import java.time.Duration;
import java.util.List;

/**
 * {@code oftadeh-fig2}: Oftadeh et al. 2020, §6 and Fig. 2. From 2000 samples of N(0, diag(1, …, 1000))
 * the ordered loss and MSE are trained at p = 100 with Adam (lr 1e-3 → 1e-6, init std 1e-7, full
 * batch); both are stopped at the step where the ordered loss has found all p directions. Both loss
 * ratios fall to 1, but only the ordered loss finds the principal directions, the last ones slowly.
 */
final class OftadehSynthetic extends Experiment {

    static final String ID = "oftadeh-fig2";
    /**
     * The schedule's length, lae's choice: the paper gives the endpoints (Adam, 1e-3 → 1e-6) but no
     * iteration count. On this data (seed 0) the smallest relative eigengap among the top 100 is 3.9e-4
     * (directions 70/71), and no length tried separates that pair: 100 000 geometric steps end at
     * Ratio_TP 0.98, and a 300 000-step schedule was still at 0.98 after 77 000 steps with d_align
     * drifting up (docs/results.md). The summary says so.
     */
    private static final long FULL_STEPS = 100_000;

    OftadehSynthetic() {
        super(ID, "Oftadeh et al. 2020, Fig. 2: at n = 1000, p = 100 both losses reach their optimum, only the ordered "
                + "loss finds all principal directions",
                Duration.ofMinutes(85), Duration.ofSeconds(7));
    }

    @Override
    public void run(ExperimentContext ctx) {
        long seed = ctx.seed(0);
        int n = ctx.pick(40, 1000);
        int m = ctx.pick(200, 2000);
        int p = ctx.pick(5, 100);
        long steps = ctx.pick(3000L, FULL_STEPS);
        String spec = "synthetic:diag:n=" + n + ",m=" + m + ",seed=" + seed;
        TrainingConfig.Builder base = TrainingConfig.builder().data(spec).latent(p).optimizer("adam", 1e-3)
                .lrEnd(1e-6).steps(steps).init(Initialization.Kind.NORMAL, 1e-7).seed(seed).dtype(ctx.dtype())
                .logEvery(ctx.pick(10L, 100L)).checkpointEvery(ctx.pick(0L, 2000L));
        TrainingData data = TrainingData.load(base.build(), ctx.console());
        ctx.choose("The paper gives the schedule's endpoints, not its length: the geometric schedule 1e-3 → 1e-6 spans "
                + steps + " steps (lae's choice), and the ordered run stops as soon as Ratio_TP = 1 (checked every "
                + base.build().logEvery() + " steps); MSE then runs to that same step on the same schedule. Whether "
                + "and when Ratio_TP reaches 1 depends on the length and on the data's smallest relative eigengap "
                + "among the top p (" + Claim.format(smallestRelativeGap(data, p)) + " here). On lae's seed-0 data "
                + "(smallest gap 3.9e-4, directions 70/71) 100 000 steps end at Ratio_TP 0.98, and a 300 000-step "
                + "schedule was still at 0.98 after 77 000 steps (rate 1.7e-4) with d_align drifting up from 7e-4 to "
                + "1e-2: Adam does not separate that pair at these rates, so the Ratio_TP = 1 claim fails here.");
        TrainedRun ordered = ctx.train("ordered", base.loss("ordered").until(StopTarget.parse("ratio_tp=1")).build(), data);
        long stop = ordered.last().step();
        TrainedRun mse = ctx.train("mse", base.loss("mse").until(StopTarget.parse("step=" + stop)).build(), data);
        ctx.summary().measure("stop_step", stop);
        ctx.summary().measure("ordered_seconds_to_stop", ordered.last().seconds());

        ctx.claimAtFullScale(Claim.atLeast("ordered reaches Ratio_TP = 1 at p = " + p, "Fig. 2b: L finds all " + p + " directions",
                "final Ratio_TP (ordered)", ordered.last().ratioTp(), 1));
        ctx.claim(Claim.atMost("ordered: no false positives at the end", "Fig. 2b: Ratio_FP of L returns to 0",
                "final Ratio_FP (ordered)", ordered.last().ratioFp(), 0));
        double mseBest = mse.metrics().stream().mapToDouble(MetricsRow::ratioTp).max().orElse(Double.NaN);
        ctx.claim(Claim.atMost("MSE Ratio_TP stays about 0", "Fig. 2b: L̃ finds no direction",
                "largest Ratio_TP of mse during the run", mseBest, 0.02));
        double worstRatio = Math.max(ordered.last().lossRatio(), mse.last().lossRatio());
        ctx.claimAtFullScale(Claim.atMost("both loss ratios fall to 1", "Fig. 2a: both curves converge to 1",
                "larger final loss ratio − 1", worstRatio - 1, 1e-3));
        long ninety = firstStep(ordered.metrics(), 0.9);
        ctx.summary().measure("ordered_step_ratio_tp_0.9", ninety);
        ctx.claimAtFullScale(Claim.atMost("the last directions take longest: Ratio_TP 0.9 comes in under half the steps of 1",
                "§6: \"finds almost all the principal directions rather quickly\"",
                "steps to Ratio_TP ≥ 0.9 / steps to Ratio_TP = 1",
                ninety < 0 || ordered.last().ratioTp() < 1 ? Double.NaN : (double) ninety / stop, 0.5));
        OftadehFigures.drawSynthetic(ctx, List.of(ordered, mse));
    }

    /** @return min over i &lt; p of (λᵢ − λᵢ₊₁)/λᵢ, the eigengap the ordered loss must resolve last */
    private static double smallestRelativeGap(TrainingData data, int p) {
        double[] eigenvalues = data.truth().eigenvalues();
        double smallest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < Math.min(p, eigenvalues.length - 1); i++) {
            smallest = Math.min(smallest, (eigenvalues[i] - eigenvalues[i + 1]) / eigenvalues[i]);
        }
        return smallest;
    }

    private static long firstStep(List<MetricsRow> rows, double ratioTp) {
        return rows.stream().filter(r -> r.ratioTp() >= ratioTp).mapToLong(MetricsRow::step).findFirst().orElse(-1);
    }
}
