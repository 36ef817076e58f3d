package io.lae.experiments;

import io.lae.figures.LineFigure;
import io.lae.figures.Palette;
import io.lae.figures.Panels;
import io.lae.loss.NestedDropoutLoss;
import io.lae.loss.NestedReconstruction;
import io.lae.loss.Scale;
import io.lae.runs.TrainedRun;
import io.lae.runs.TrainingConfig;
import io.lae.runs.TrainingData;
import io.lae.train.Initialization;
import io.lae.train.Model;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code bao-fig4-prior}: why deterministic nested dropout fails beyond k = 300 in Bao et al.'s
 * Fig. 4. With the geometric prior ρ = 0.9 unit i (0-based) enters the loss with weight
 * q_i = P(B ≥ i) = 0.9^i: 2·10⁻¹⁴ at i = 299, below 6·10⁻¹⁶ from i = 333 on, where the authors'
 * {@code 1 - sum(prior[:i])} even cancels to exactly 0 ({@link NestedDropoutLoss#geometricPriorAsBaoCode}).
 * Every gradient of unit i carries the factor q_i (T_ii = q_i, and S_ij = q_max(i,j) ≤ q_i), so those
 * units keep their initial values with Nesterov, and with Adam move by about lr·g/ε once |g| ≪ ε = 1e-8.
 * On bao-fig4's data at k = 400, this trains both priors with both optimizers for a few thousand
 * epochs and measures how far each unit moved from its initial value.
 */
final class BaoNestedDropoutPrior extends Experiment {

    static final String ID = "bao-fig4-prior";
    private static final double KEEP = NestedDropoutLoss.DEFAULT_KEEP;
    /** Units with q_i below this are "tail" units: their weight in the loss is below 10⁻¹⁵ of unit 0's. */
    private static final double TAIL = 1e-15;
    /** The head units: the first ten. */
    private static final int HEAD = 10;

    /** The two ways of computing q_i = P(B ≥ i). */
    private enum Prior {
        LAE("lae: qᵢ = 0.9ⁱ"),
        BAO_CODE("authors' code: qᵢ → 0");

        private final String label;

        Prior(String label) {
            this.label = label;
        }

        double[] prior(int k) {
            return this == LAE ? NestedDropoutLoss.geometricPrior(k, KEEP) : NestedDropoutLoss.geometricPriorAsBaoCode(k, KEEP);
        }
    }

    BaoNestedDropoutPrior() {
        super(ID, "Bao et al. 2020, Fig. 4: deterministic nested dropout fails beyond k = 300 because the geometric "
                + "prior gives the last units (next to) no weight; per-unit movement at k = 400",
                Duration.ofMinutes(12), Duration.ofSeconds(8));
    }

    @Override
    public void run(ExperimentContext ctx) {
        long seed = ctx.seed(1234);
        int k = 400;
        int d = ctx.pick(k, 1000);
        int m = ctx.pick(500, 5000);
        long epochs = ctx.pick(20L, 2000L);
        TrainingData data = BaoScaling.data(ctx, d, m, seed);
        ctx.choose("bao-fig4's data and settings for deterministic nested dropout (init N(0, 1e-4²), scale `mean`, "
                + "Nesterov 1e-3, Adam 1e-2: the authors' rates at k ≥ 100) at k = " + k + ", " + epochs + " full-batch "
                + "epochs; a unit's movement is ‖(aᵢ, bᵢ) − (aᵢ, bᵢ)₀‖ / ‖(aᵢ, bᵢ)₀‖ over its decoder column and "
                + "encoder row. Quick scale uses d = " + k + " so that k = 400 still fits.");
        Model start = Model.random(d, d, k, 1e-4, false, false, seed, ctx.dtype().dataType());
        Map<String, double[]> movement = new LinkedHashMap<>();
        Map<Prior, double[]> keep = new LinkedHashMap<>();
        for (Prior prior : Prior.values()) {
            double[] p = prior.prior(k);
            keep.put(prior, new NestedReconstruction(p, Scale.MEAN).tailWeights());
            for (String optimizer : BaoScaling.OPTIMIZERS) {
                TrainingConfig config = TrainingConfig.builder().data(data.description()).loss("nested-dropout")
                        .prior(p).scale(Scale.MEAN).center(false).latent(k)
                        .optimizer(optimizer, optimizer.equals("adam") ? 1e-2 : 1e-3).momentum(0.9).steps(epochs)
                        .init(Initialization.Kind.NORMAL, 1e-4).seed(seed).dtype(ctx.dtype()).logEvery(Math.max(1, epochs / 4))
                        .checkpointEvery(ctx.pick(0L, 1000L)).build();
                TrainedRun run = ctx.train(prior.name().toLowerCase().replace('_', '-') + "-" + optimizer, config, data);
                movement.put(prior + "/" + optimizer, unitMovement(start, run.model()));
            }
        }
        ctx.summary().measure("relative_movement_by_unit", movement);
        claims(ctx, movement, keep);
        draw(ctx, movement, k);
    }

    /**
     * @return for each unit i, min over s = ±1 of ‖(aᵢ, bᵢ) − s(aᵢ, bᵢ)₀‖ / ‖(aᵢ, bᵢ)₀‖: the movement up to the sign
     *     a fitted model fixes for each component ({@link Model#canonicalSigns}), which a unit that never moved may
     *     have had flipped
     */
    static double[] unitMovement(Model start, Model end) {
        INDArray a0 = start.decoder().castTo(DataType.DOUBLE);
        INDArray b0 = start.encoder().castTo(DataType.DOUBLE);
        INDArray a = end.decoder().castTo(DataType.DOUBLE);
        INDArray b = end.encoder().castTo(DataType.DOUBLE);
        return IntStream.range(0, (int) a0.columns()).mapToDouble(i -> {
            double same = sq(a.getColumn(i).sub(a0.getColumn(i))) + sq(b.getRow(i).sub(b0.getRow(i)));
            double flipped = sq(a.getColumn(i).add(a0.getColumn(i))) + sq(b.getRow(i).add(b0.getRow(i)));
            return Math.sqrt(Math.min(same, flipped) / (sq(a0.getColumn(i)) + sq(b0.getRow(i))));
        }).toArray();
    }

    private static double sq(INDArray v) {
        return v.mul(v).sumNumber().doubleValue();
    }

    private static void claims(ExperimentContext ctx, Map<String, double[]> movement, Map<Prior, double[]> keep) {
        double[] codeKeep = keep.get(Prior.BAO_CODE);
        int[] zero = IntStream.range(0, codeKeep.length).filter(i -> codeKeep[i] == 0).toArray();
        double zeroMoved = 0;
        for (String optimizer : BaoScaling.OPTIMIZERS) {
            double[] moved = movement.get(Prior.BAO_CODE + "/" + optimizer);
            zeroMoved = Math.max(zeroMoved, Arrays.stream(zero).mapToDouble(i -> moved[i]).max().orElse(Double.NaN));
        }
        ctx.claim(new Claim("the authors' keep probabilities: the units whose q_i cancels to 0 never move, with "
                + "Nesterov or Adam", "linear_ae_nested_dropout.py line 33: 1 − sum(prior[:i])",
                zero.length + " units with q_i = 0 (from i = " + (zero.length == 0 ? "-" : zero[0]) + ", 0-based); "
                        + "largest relative movement among them: " + Claim.format(zeroMoved), zero.length > 0
                        && zeroMoved == 0));
        double[] laeKeep = keep.get(Prior.LAE);
        int[] tail = IntStream.range(0, laeKeep.length).filter(i -> laeKeep[i] < TAIL).toArray();
        int[] head = IntStream.range(0, HEAD).toArray();
        double[] nesterov = movement.get(Prior.LAE + "/nesterov");
        double tailMax = Arrays.stream(tail).mapToDouble(i -> nesterov[i]).max().orElse(Double.NaN);
        double headMin = Arrays.stream(head).mapToDouble(i -> nesterov[i]).min().orElse(Double.NaN);
        ctx.claim(new Claim("lae's keep probabilities, Nesterov: the units with q_i < 1e-15 stay at their initial "
                + "values (relative movement ≤ 1e-6) while the first ten move", "Fig. 4: no success beyond k = 300",
                tail.length + " units with q_i < 1e-15; largest movement among them " + Claim.format(tailMax)
                        + ", smallest among units 0–9 " + Claim.format(headMin),
                tail.length > 0 && tailMax <= 1e-6 && headMin > 1));
        double[] adam = movement.get(Prior.LAE + "/adam");
        double tailMedian = median(Arrays.stream(tail).mapToDouble(i -> adam[i]).toArray());
        double headMedian = median(Arrays.stream(head).mapToDouble(i -> adam[i]).toArray());
        ctx.claim(new Claim("lae's keep probabilities, Adam: the units with q_i < 1e-15 move at least 100× less than "
                + "the first ten (the step is about lr·g/ε once |g| ≪ ε = 1e-8)", "Fig. 4: no success beyond k = 300",
                "median movement: units with q_i < 1e-15 " + Claim.format(tailMedian) + ", units 0–9 "
                        + Claim.format(headMedian), tail.length > 0 && tailMedian * 100 <= headMedian));
    }

    private static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /**
     * One panel per optimizer, one curve per prior: lae's solid, the authors' code's dashed over it,
     * so that both show where they coincide (on the first units, whose keep probabilities agree).
     */
    private static void draw(ExperimentContext ctx, Map<String, double[]> movement, int k) {
        Panels panels = new Panels(2).title("Deterministic nested dropout at k = " + k + ": how far each unit "
                + "moved from its initial value (0 not drawn on the log axis)");
        double[] units = IntStream.range(0, k).asDoubleStream().toArray();
        for (String optimizer : BaoScaling.OPTIMIZERS) {
            LineFigure f = new LineFigure(optimizer, "unit i (0-based)", "relative movement").logY().size(700, 520);
            for (Prior prior : Prior.values()) {
                f.add(prior.label, units, movement.get(prior + "/" + optimizer),
                        prior == Prior.LAE ? LineFigure.Style.SOLID : LineFigure.Style.DASHED,
                        Palette.color(prior.ordinal()));
            }
            panels.add(f);
        }
        ctx.figure(panels, "fig4-prior-unit-movement");
    }

}
