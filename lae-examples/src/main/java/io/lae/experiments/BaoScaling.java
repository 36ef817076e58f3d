package io.lae.experiments;

import io.lae.data.SyntheticData;
import io.lae.loss.NonUniformL2Loss;
import io.lae.runs.TrainingData;
import io.lae.sweep.RunRecord;
import io.lae.sweep.Study;
import io.lae.train.MetricsRow;
import io.lae.Precision;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bao-fig4}: Bao et al. 2020, Fig. 4. On 5000 samples in d = 1000 with covariance eigenvalues
 * 100 → 1 (linear) and Haar eigenvectors, how many full-batch epochs each of five models needs to
 * reach d_align ≤ 0.3 as the latent size k grows: non-uniform L2 and both nested dropouts scale
 * poorly (their Hessians grow ill-conditioned with k), the linear VAE reaches it only at k = 2 and
 * only with Adam, RAG does not fail with Nesterov. As in the figure, a model's sweep stops after its first k that does not
 * reach 0.3 within the cap, and its last success carries a cross ("fails beyond this k").
 */
final class BaoScaling extends Experiment {

    static final String ID = "bao-fig4";
    static final double THRESHOLD = 0.3;
    private static final int[] FULL_KS = {2, 5, 10, 20, 50, 100, 200, 300, 400, 500};
    private static final int[] QUICK_KS = {2, 5};
    static final List<String> OPTIMIZERS = List.of("nesterov", "adam");
    /** The models that train as linear autoencoders, through the study; the linear VAE trains on its own. */
    static final List<Model> AUTOENCODERS = List.of(Model.NON_UNIFORM, Model.RAG, Model.NESTED_DROPOUT,
            Model.DETERMINISTIC_NESTED_DROPOUT);
    /**
     * Whether every model starts from the authors' own initial weights: their train_synth.py builds each
     * model right after {@code torch.manual_seed(seed)}, so at a given k all five start from one torch 1.3
     * draw ({@link io.lae.train.Model#torch}, {@code --init torch}; {@link io.lae.vae.VaeParameters#authorsInit}).
     * False starts them from lae's own N(0, 1e-4²) draw ({@code --init normal}), as before.
     */
    static final boolean AUTHORS_INIT = true;

    /**
     * The five models of Fig. 4 in its legend's order, with the authors' learning rates (their
     * configs/synth.py, tuned per model, optimizer and k) and the last k at which the figure shows
     * each reaching 0.3 before its cross (none for RAG with Nesterov, whose curve is complete; 0 for the
     * linear VAE with Nesterov, which has no point at all: its one cross, at k = 2 and ≈ 2 000 epochs, is
     * Adam's (the authors' code, data and initialisation give 1 960), while with Nesterov at 3e-4 it still
     * sits near the saddle W = 0 after 50 000 epochs, d_align 0.95: with σ² fitted to the mean variance
     * (≈ 50) the top direction grows e-fold only every ~9 000 epochs from the 1e-4 initialisation).
     */
    enum Model {
        NON_UNIFORM("nonuniform", "non-uniform L2", 50, 100),
        RAG("rag", "RAG", Integer.MAX_VALUE, 5),
        NESTED_DROPOUT("nested-dropout-stochastic", "nested dropout", 20, 20),
        DETERMINISTIC_NESTED_DROPOUT("nested-dropout", "deterministic nested dropout", 50, 300),
        VAE("vae", "linear VAE", 0, 2);

        private final String runName;
        private final String label;
        private final int lastNesterov;
        private final int lastAdam;

        Model(String runName, String label, int lastNesterov, int lastAdam) {
            this.runName = runName;
            this.label = label;
            this.lastNesterov = lastNesterov;
            this.lastAdam = lastAdam;
        }

        String runName() {
            return runName;
        }

        String label() {
            return label;
        }

        /**
         * @return the last k reaching 0.3 in the paper's Fig. 4, {@link Integer#MAX_VALUE} when it never fails,
         *     0 when it has no point
         */
        int figureLastSuccess(String optimizer) {
            return optimizer.equals("adam") ? lastAdam : lastNesterov;
        }

        /**
         * @param optimizer nesterov or adam
         * @param k         the latent size
         * @return the authors' rate (configs/synth.py: "SGD" there is SGD with Nesterov momentum 0.9)
         */
        double learningRate(String optimizer, int k) {
            boolean adam = optimizer.equals("adam");
            return switch (this) {
                case NON_UNIFORM -> adam ? 3e-3 : 1e-3;
                case RAG -> adam ? 3e-4 : 1e-4;
                case NESTED_DROPOUT -> adam ? (k <= 20 ? 1e-2 : 3e-3) : 1e-3;
                case DETERMINISTIC_NESTED_DROPOUT -> adam ? (k <= 50 ? 3e-3 : 1e-2) : 1e-3;
                case VAE -> adam ? (k <= 20 ? 3e-3 : 1e-3) : 3e-4;
            };
        }

        /** @return the key of its sweep with one optimizer, e.g. {@code rag/adam} */
        String series(String optimizer) {
            return runName + "/" + optimizer;
        }
    }

    BaoScaling() {
        super(ID, "Bao et al. 2020, Fig. 4: epochs to d_align ≤ 0.3 against latent size k for five models; RAG scales, "
                + "the regularized losses and the VAE do not",
                Duration.ofHours(5), Duration.ofSeconds(12));
    }

    @Override
    public void run(ExperimentContext ctx) {
        long seed = ctx.seed(1234);
        int d = ctx.pick(30, 1000);
        int m = ctx.pick(300, 5000);
        long cap = ctx.pick(1500L, 50_000L);
        int[] ks = ctx.pick(QUICK_KS, FULL_KS);
        TrainingData data = data(ctx, d, m, seed);
        ctx.choose("Data as in the authors' code (data_generators.py, train_synth.py): x = U diag(√v) z with Haar U, "
                + "z ~ N(0, I) and variances v = 1 + 99·linspace(1, 0, d) (the code's; the text says \"singular values "
                + "1 … m\"), not centred: the ground truth is the uncentred XXᵀ's eigenvectors, as their SVD of X gives. "
                + "The very samples of their run: NumPy's legacy generator seeded with the seed, SciPy 1.3–1.8's "
                + "ortho_group, float32; every model starts from their initial weights too, the torch 1.3 CPU draw after "
                + "torch.manual_seed(seed) (nn.Linear's discarded Kaiming draws, then normal_(0, 1e-4) for the encoder, "
                + "then the decoder: one start for all five models at a given k). At k = 2 the top sample "
                + "variances are a few units apart at random (e.g. 145.8, 142.66, 142.64 for another draw), and how "
                + "soon d_align reaches 0.3 depends on them.");
        ctx.choose("Learning rates are the authors' (configs/synth.py), per model, optimizer and k: Nesterov (momentum "
                + "0.9) 1e-3 for non-uniform L2 and both nested dropouts, 1e-4 for RAG, 3e-4 for the VAE; Adam 3e-3 for "
                + "non-uniform L2, 1e-2 (k ≤ 20) or 3e-3 for nested dropout, 3e-3 (k ≤ 50) or 1e-2 for deterministic "
                + "nested dropout, 3e-4 for RAG, 3e-3 (k ≤ 20) or 1e-3 for the VAE. Init N(0, 1e-4²) for encoder and "
                + "decoder independently (RAG too, as in linear_autoencoder.py); scale `mean`; non-uniform λᵢ = "
                + "linspace(0.1, min(0.1(d − k − 1), d/100), k)² (train_synth.py's reg_list, squared by the model); "
                + "stochastic nested dropout draws b per sample; d_align checked every 10 epochs, as the authors do.");
        ctx.choose("Each model's sweep over k stops after its first k that does not reach 0.3 within " + cap
                + " epochs (a diverged run counts as not reaching it): Fig. 4 draws a cross at the last success and no "
                + "point beyond it.");
        Map<String, Map<Integer, Long>> epochs = sweep(ctx, data, ks, cap, seed, d, data.description());
        ctx.summary().measure("epochs_to_d_align_0.3 (-1: not within the cap of " + cap + ", or diverged; a sweep "
                + "stops after its first -1)", epochs);
        claims(ctx, epochs, ks);
        BaoFigures.drawScaling(ctx, epochs);
    }

    /**
     * The authors' synthetic data (data_generators.py, train_synth.py), uncentred, drawn as their code
     * draws it ({@link SyntheticData#bao}, {@code synthetic:bao}): at small k the outcome hinges on the sample's
     * eigengaps, so the replay uses their very samples.
     *
     * @param ctx  the experiment
     * @param d    the dimension
     * @param m    the samples
     * @param seed NumPy's seed (the authors' 1234)
     * @return x = U diag(√v) z for m samples, v = 1 + 99·linspace(1, 0, d), U from SciPy's ortho_group, in float32
     */
    static TrainingData data(ExperimentContext ctx, int d, int m, long seed) {
        var samples = SyntheticData.bao(d, m, seed);
        return TrainingData.of(samples.description(), samples.readAll(), null, false, ctx.console());
    }

    /**
     * Trains the four autoencoders through the study engine ({@link #study}: each model and optimizer a series over k,
     * stopped after its first failure, the series side by side), then the linear VAE, which has its own parameters
     * and objective, per optimizer over k the same way.
     *
     * @return epochs to d_align ≤ 0.3 (−1: not reached) by series and k, for the k each series ran
     */
    private static Map<String, Map<Integer, Long>> sweep(ExperimentContext ctx, TrainingData data, int[] ks, long cap,
                                                         long seed, int d, String description) {
        Map<String, Map<Integer, Long>> epochs = new LinkedHashMap<>();
        for (Model model : Model.values()) {
            for (String optimizer : OPTIMIZERS) {
                epochs.put(model.series(optimizer), new LinkedHashMap<>());
            }
        }
        List<RunRecord> records = ctx.study("study", study(ks, cap, seed, d, description, ctx.dtype(),
                ctx.pick(0L, 5000L)), config -> data);
        for (RunRecord r : records) {
            if (r.state() != RunRecord.State.SKIPPED) {
                String series = r.run().settings().get(Study.RUN_AXIS) + "/" + r.run().config().optimizer();
                epochs.get(series).put(r.run().config().latent(), r.succeeded() ? r.last().orElseThrow().step() : -1L);
            }
        }
        for (String optimizer : OPTIMIZERS) {
            Map<Integer, Long> series = epochs.get(Model.VAE.series(optimizer));
            for (int k : ks) {
                if (series.containsValue(-1L)) {
                    break;
                }
                List<MetricsRow> rows = BaoRun.vae(ctx, Model.VAE.runName() + "-" + optimizer + "/k-" + k, data,
                        new BaoRun.VaeSettings(k, cap, optimizer, Model.VAE.learningRate(optimizer, k), seed,
                                AUTHORS_INIT, THRESHOLD, ctx.pick(0L, 5000L))).metrics();
                MetricsRow last = rows.get(rows.size() - 1);
                series.put(k, last.dAlign() <= THRESHOLD ? last.step() : -1L);
            }
        }
        return epochs;
    }

    /**
     * The study file of the four autoencoders, as the authors' code configures them: a series per model
     * ({@code [[runs]]}) and optimizer over k ({@code [grid]}, {@code [stop]}), the authors' learning rate per model,
     * optimizer and k and non-uniform L2's λ per k as overrides ({@code [[set]]}).
     *
     * @param ks              the latent sizes
     * @param cap             the most epochs
     * @param seed            NumPy's and torch's seed
     * @param d               the dimension
     * @param data            the data's description, its source in the study
     * @param dtype           the precision
     * @param checkpointEvery steps between checkpoints (0: at the end only)
     * @return the study in TOML
     */
    static String study(int[] ks, long cap, long seed, int d, String data, Precision dtype, long checkpointEvery) {
        StringBuilder t = new StringBuilder();
        t.append("# Bao et al. 2020, Fig. 4: epochs to d_align <= 0.3 against k (the linear VAE trains beside it)\n");
        t.append("data = ").append(Toml.quoted(data)).append('\n');
        t.append("no-center = true\nreduction = \"mean\"\nmomentum = 0.9\nsteps = ").append(cap).append('\n');
        t.append("init = \"").append(AUTHORS_INIT ? "torch" : "normal").append("\"\ninit-std = 1e-4\nseed = ")
                .append(seed).append('\n');
        t.append("dtype = \"").append(dtype.label()).append("\"\nlog-every = 10\ncheckpoint-every = ")
                .append(checkpointEvery).append("\nuntil = \"d_align=").append(THRESHOLD).append("\"\n\n");
        t.append("[grid]\nlatent = ").append(Arrays.toString(ks)).append("\noptimizer = [")
                .append(String.join(", ", OPTIMIZERS.stream().map(Toml::quoted).toList())).append("]\n\n");
        t.append("[stop]\naxis = \"latent\"\n");
        for (Model model : AUTOENCODERS) {
            t.append("\n[[runs]]\nname = \"").append(model.runName()).append("\"\n").append(switch (model) {
                case NON_UNIFORM -> "loss = \"nonuniform\"\n";
                case RAG -> "loss = \"mse\"\nrule = \"rag\"\n";
                case NESTED_DROPOUT -> "loss = \"nested-dropout\"\nstochastic = \"per-sample\"\n";
                case DETERMINISTIC_NESTED_DROPOUT -> "loss = \"nested-dropout\"\n";
                case VAE -> throw new IllegalArgumentException("the linear VAE trains outside the study (BaoRun.vae)");
            });
        }
        for (Model model : AUTOENCODERS) {
            for (String optimizer : OPTIMIZERS) {
                Map<Double, List<Integer>> byRate = new LinkedHashMap<>();
                for (int k : ks) {
                    byRate.computeIfAbsent(model.learningRate(optimizer, k), r -> new ArrayList<>()).add(k);
                }
                byRate.forEach((rate, at) -> t.append("\n[[set]]\nwhen = { run = \"").append(model.runName())
                        .append("\", optimizer = \"").append(optimizer).append("\", latent = ").append(at)
                        .append(" }\nlr = ").append(rate).append('\n'));
            }
        }
        for (int k : ks) {
            t.append("\n[[set]]\nwhen = { run = \"").append(Model.NON_UNIFORM.runName()).append("\", latent = ")
                    .append(k).append(" }\nlambdas = ").append(Arrays.toString(
                            NonUniformL2Loss.squaredLinspace(0.1, Math.min(0.1 * (d - k - 1), d * 0.01), k)))
                    .append('\n');
        }
        return t.toString();
    }

    /** The figure's statements, each computed from the runs that completed. */
    private static void claims(ExperimentContext ctx, Map<String, Map<Integer, Long>> epochs, int[] ks) {
        int largest = ks[ks.length - 1];
        Map<String, Object> lastSuccess = new LinkedHashMap<>();
        epochs.forEach((series, byK) -> lastSuccess.put(series, ScalingCurve.of(byK).lastSuccess().orElse(null)));
        ctx.summary().measure("last_k_reaching_0.3", lastSuccess);
        for (String optimizer : OPTIMIZERS) {
            for (Model model : Model.values()) {
                ctx.claimAtFullScale(ScalingCurve.of(epochs.get(model.series(optimizer))).failsBeyond(
                        model.label() + " (" + optimizer + ")", model.figureLastSuccess(optimizer), largest));
            }
        }
        int from = ctx.pick(5, 50);
        ScalingCurve rag = ScalingCurve.of(epochs.get(Model.RAG.series("nesterov")));
        List<Model> regularized = List.of(Model.NON_UNIFORM, Model.DETERMINISTIC_NESTED_DROPOUT);
        Map<String, ScalingCurve> others = new LinkedHashMap<>();
        regularized.forEach(model -> others.put(model.label(), ScalingCurve.of(epochs.get(model.series("nesterov")))));
        ctx.claimAtFullScale(rag.fasterFrom(from, others, "Fig. 4 (solid): RAG ≈ 850 / 3 100 epochs at k = 2 / 5 against 100–800 "
                + "for the regularized losses; at k = 20 deterministic nested dropout (≈ 3 060) is still ahead of RAG "
                + "(≈ 3 700); RAG is below both from k = 50 on"));
        ctx.claimAtFullScale(rag.growsSlowerThan(others, "Fig. 4 (solid): RAG ≈ 850 → 4 000 epochs from k = 2 to 50; non-uniform "
                + "L2 ≈ 120 → 32 000, deterministic nested dropout ≈ 100 → 24 000"));
    }
}
