package io.lae.experiments;

import io.lae.linalg.Svd;
import io.lae.loss.Scale;
import io.lae.runs.TrainedRun;
import io.lae.runs.TrainingConfig;
import io.lae.runs.TrainingData;
import io.lae.train.Initialization;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@code kunin-fig7-8}: Kunin et al. 2019, App. D.1. On the MNIST test set (10 000 images, pixels/255,
 * centred) LAEs with k = 9 are trained over mini-batches of 32 for 100 epochs (Adam, lr 0.05 with
 * time decay 1e-3, λ = 10 per batch), from N(0, 1) weights as in the authors' notebook (cell 30).
 * Only the sum loss has decoder left singular vectors equal to the principal directions (Fig. 7);
 * with k = 2, from N(0, 0.05²) weights (cell 32), its latent codes are the PCA embedding up to an
 * orthogonal map and a per-direction scaling (Fig. 8).
 */
final class KuninMnist extends Experiment {

    static final String ID = "kunin-fig7-8";
    private static final int K = 9;
    private static final double LAMBDA = 10;
    private static final List<String> LOSSES = List.of("mse", "product", "sum");
    /** Init std of the Fig. 7 runs: {@code LAE(m, k, alpha, index, bias=True, stddev=1)}, notebook cell 30. */
    private static final double FIG7_INIT_STD = 1;
    /** Init std of the Fig. 8 run: cell 32 calls {@code LAE(m, k, alpha, 2, bias=True)}, default stddev 0.05. */
    private static final double FIG8_INIT_STD = 0.05;

    KuninMnist() {
        super(ID, "Kunin et al. 2019, Fig. 7–8: on MNIST only the sum loss's decoder singular vectors are the principal "
                + "directions; its 2-D codes are PCA's",
                Duration.ofMinutes(7), Duration.ofSeconds(15));
    }

    @Override
    public void run(ExperimentContext ctx) {
        long seed = ctx.seed(0);
        LabelledSamples mnist = LabelledSamples.open("mnist-test", ctx.pick(1000, null));
        int epochs = ctx.pick(3, 100);
        TrainingData data = TrainingData.of(mnist.description(), mnist.rows(), null, true, ctx.console());
        TrainingConfig.Builder base = TrainingConfig.builder().data(mnist.description()).scale(Scale.SUM)
                .optimizer("adam", 0.05).lrDecay(1e-3).miniBatches(epochs, 32).seed(seed)
                .dtype(ctx.dtype()).logEvery(ctx.pick(20L, 1000L)).checkpointEvery(ctx.pick(0L, 10_000L));
        ctx.choose("Centred data instead of the authors' biases on uncentred data (equivalent, Kunin App. A); scale "
                + "`sum` with λ = 10 on every batch of 32, Keras's time decay lr/(1 + 1e-3·t) per step, " + epochs
                + " epochs. Init N(0, 1) for the three Fig. 7 runs (the authors' notebook, cell 30: "
                + "`LAE(m, k, alpha, index, bias=True, stddev=1)`) and N(0, 0.05²) for the Fig. 8 run (cell 32: "
                + "`LAE(m, k, alpha, 2, bias=True)`, whose default stddev is 0.05).");
        ctx.choose("Fig. 7 shows one run and no tolerance: the sum loss's nine images match PCA's, the others' do "
                + "not. The claim compares the losses by the median over i ≤ 9 of 1 − |cos(uᵢ, ũᵢ)|, robust to a few "
                + "slow directions: the near-degenerate pairs σ₄² ≈ σ₅² and σ₈² ≈ σ₉² (ratios 1.08) and their "
                + "neighbours rotate into place slowly, and 100 epochs may leave them mixed.");
        INDArray u = data.truth().directions(K);
        Map<String, double[]> mismatch = new LinkedHashMap<>();
        Map<String, INDArray> leftVectors = new LinkedHashMap<>();
        for (String loss : LOSSES) {
            TrainedRun run = ctx.train("fig7/" + loss, base.loss(loss).lambda(loss.equals("mse") ? null : LAMBDA)
                    .latent(K).init(Initialization.Kind.NORMAL, FIG7_INIT_STD).build(), data);
            INDArray vectors = Svd.of(run.model().decoder().castTo(DataType.DOUBLE)).u()
                    .get(NDArrayIndex.all(), NDArrayIndex.interval(0, K));
            leftVectors.put(loss, vectors);
            mismatch.put(loss, mismatch(u, vectors));
        }
        ctx.summary().measure("fig7_one_minus_abs_cos", mismatch);
        ctx.claimAtFullScale(alignmentClaim(mismatch));
        ctx.claim(Claim.atLeast("unregularized and product: their decoders' left singular vectors are not the "
                        + "principal directions", "Fig. 7: other images differ",
                "smaller max over i of 1 − |cos(uᵢ, ũᵢ)| of mse, product",
                Math.min(max(mismatch.get("mse")), max(mismatch.get("product"))), 0.1));

        TrainedRun two = ctx.train("fig8/sum-k2", base.loss("sum").lambda(LAMBDA).latent(2)
                .init(Initialization.Kind.NORMAL, FIG8_INIT_STD).build(), data);
        INDArray centred = mnist.rows().subRowVector(data.stats().meanX().reshape(1, -1));
        INDArray codes = centred.mmul(two.model().encoder().castTo(DataType.DOUBLE).transpose());
        INDArray pca = centred.mmul(data.truth().directions(2));
        double outside = outsideFraction(two.model().encoder().castTo(DataType.DOUBLE), data.truth().directions(2));
        ctx.claimAtFullScale(Claim.atMost("k = 2, sum: the encoder lies in the span of u₁, u₂, so the codes are the PCA embedding "
                        + "up to an invertible 2×2 map", "Fig. 8: the two scatter plots match up to rotation",
                "fraction of ‖W₁‖² outside span(u₁, u₂)", outside, 1e-2));
        KuninFigures.drawMnist(ctx, u, leftVectors, codes, pca, mnist.labels());
    }

    /**
     * Fig. 7 as a comparative claim: the sum loss's decoder singular vectors are closer to the
     * principal directions than mse's and product's.
     *
     * @param mismatch 1 − |cos(uᵢ, ũᵢ)|, i = 1…k, per loss (mse, product, sum)
     * @return the claim that median(sum) &lt; min(median(mse), median(product)), the per-direction values
     *         in its measured text
     */
    static Claim alignmentClaim(Map<String, double[]> mismatch) {
        double others = Math.min(median(mismatch.get("mse")), median(mismatch.get("product")));
        StringBuilder values = new StringBuilder();
        mismatch.forEach((loss, v) -> values.append(values.isEmpty() ? "" : "; ").append(loss).append(' ')
                .append(formatAll(v)));
        return Claim.smaller("sum: the decoder's left singular vectors are closer to the principal directions than "
                        + "mse's and product's", "Fig. 7: the sum-loss images match the principal directions, the "
                        + "others do not",
                "median over i ≤ 9 of 1 − |cos(uᵢ, ũᵢ)| (per direction i = 1…9: " + values + ")",
                new Claim.Measurement("sum", median(mismatch.get("sum"))),
                new Claim.Measurement("smaller of mse, product", others));
    }

    /** @return 1 − |cos(uᵢ, vᵢ)| for each column i of the unit-column matrices u and v */
    static double[] mismatch(INDArray u, INDArray v) {
        double[] out = new double[(int) u.columns()];
        for (int i = 0; i < out.length; i++) {
            out[i] = 1 - Math.abs(u.getColumn(i).mul(v.getColumn(i)).sumNumber().doubleValue());
        }
        return out;
    }

    /** @return the middle value of the sorted values, or the mean of the two middle ones for an even count */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    private static String formatAll(double[] values) {
        return Arrays.stream(values).mapToObj(Claim::format).collect(Collectors.joining(", ", "[", "]"));
    }

    /** @return ‖W₁ − W₁UUᵀ‖² / ‖W₁‖² */
    private static double outsideFraction(INDArray encoder, INDArray u) {
        INDArray residual = encoder.sub(encoder.mmul(u).mmul(u.transpose()));
        return Math.pow(residual.norm2Number().doubleValue() / encoder.norm2Number().doubleValue(), 2);
    }
}
