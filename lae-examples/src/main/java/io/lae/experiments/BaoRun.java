package io.lae.experiments;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lae.Precision;
import io.lae.io.AtomicFiles;
import io.lae.io.Npy;
import io.lae.loss.LossSpec;
import io.lae.loss.Scale;
import io.lae.method.Settings;
import io.lae.optim.LearningRateSchedule;
import io.lae.optim.Optimizers;
import io.lae.runs.RunDirectory;
import io.lae.runs.RunProgress;
import io.lae.runs.TrainedRun;
import io.lae.runs.TrainingConfig;
import io.lae.runs.TrainingData;
import io.lae.train.Checkpoint;
import io.lae.train.Evaluator;
import io.lae.train.MetricsRow;
import io.lae.train.Model;
import io.lae.train.RunStatus;
import io.lae.vae.LinearVaeTrainer;
import io.lae.vae.VaeParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One model of Bao's Fig. 2: its logged metrics and final decoder, from a linear autoencoder run or
 * from the linear VAE (which has its own parameters and objective, so it trains outside {@code Trainer}).
 *
 * @param metrics the rows logged every 10 steps (d_align, d_sub, …)
 * @param decoder the final W₂
 */
record BaoRun(List<MetricsRow> metrics, INDArray decoder) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String VAE_JSON = "vae.json";
    /** The authors' init_scale for every model. */
    private static final double INIT_STD = 1e-4;

    static BaoRun autoencoder(ExperimentContext ctx, String name, TrainingConfig config, TrainingData data) {
        TrainedRun run = ctx.train(name, config, data);
        return new BaoRun(run.metrics(), run.model().decoder());
    }

    /**
     * The settings of one linear VAE run.
     *
     * @param latent          k
     * @param steps           the most full-batch steps
     * @param optimizer       nesterov (μ 0.9) or adam
     * @param lr              the constant learning rate
     * @param seed            the initialisation seed (N(0, 1e-4²), the authors' init_scale)
     * @param authorsInit     whether to draw the weights as the authors' torch 1.3 code did after
     *                        {@code torch.manual_seed(seed)} ({@link VaeParameters#authorsInit}), else with
     *                        {@link VaeParameters#random}
     * @param untilDAlign     stop at the first logged step with d_align at or below this, or null to run all steps
     * @param checkpointEvery steps between checkpoints
     */
    record VaeSettings(int latent, long steps, String optimizer, double lr, long seed, boolean authorsInit,
                       Double untilDAlign, long checkpointEvery) {

        /** @return the settings that identify the run in vae.json (a finished run with the same ones is read back) */
        Map<String, Object> describe(String data, Precision dtype) {
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("model", "linear VAE, diagonal posterior covariance (Lucas et al. 2019)");
            settings.put("data", data);
            settings.put("latent", latent);
            settings.put("steps", steps);
            settings.put("optimizer", optimizer);
            settings.put("momentum", 0.9);
            settings.put("lr", lr);
            settings.put("init_std", INIT_STD);
            settings.put("seed", seed);
            if (authorsInit) {
                settings.put("init", "the authors' torch 1.3 draw");
            }
            settings.put("dtype", dtype.label());
            if (untilDAlign != null) {
                settings.put("until_d_align", untilDAlign);
            }
            return settings;
        }
    }

    /**
     * Trains the linear VAE (Lucas et al. 2019) full batch from the statistics, logging every 10 steps
     * and checkpointing as the settings say; reads a finished run with the same settings back, and
     * continues an interrupted one from its checkpoint. Its metrics rows hold the negative ELBO as the loss and
     * the direction metrics of its decoder W₂; the loss ratio and transpose gap are left empty.
     */
    static BaoRun vae(ExperimentContext ctx, String name, TrainingData data, VaeSettings vae) {
        Path dir = ctx.out().resolve(name);
        Map<String, Object> settings = vae.describe(data.description(), ctx.dtype());
        Optional<RunStatus> status = statusOf(dir, settings);
        if (status.isEmpty() && !RunDirectory.holdsOnlyLeftovers(dir)) {
            ctx.requireOwn(dir, "holds a run whose " + VAE_JSON + " differs from the one this experiment starts, or "
                    + "files lae did not write");
        }
        RunDirectory run = new RunDirectory(dir);
        if (status.filter(RunStatus.FINISHED::equals).isPresent()) {
            ctx.console().printf("%s: already done in %s, read back%n", name, dir);
            List<MetricsRow> rows = run.readMetrics();
            ctx.summary().run(rows.get(rows.size() - 1).seconds(), true);
            return new BaoRun(rows, Npy.read(dir.resolve("decoder.npy")));
        }
        Checkpoint from = null;
        if (status.isPresent() && run.hasCheckpoint()) {
            ctx.console().printf("%s: resuming from %s%n", name, dir.resolve("checkpoint"));
            from = run.readCheckpoint();
            run.truncateMetrics(from.step());
        } else {
            run.truncateMetrics(-1); // stopped before its first checkpoint: from step 0, in place
        }
        writeVaeJson(dir, settings, RunStatus.RUNNING, Map.of());
        int n = data.stats().inputDim();
        int k = vae.latent();
        var dtype = ctx.dtype().dataType();
        // the direction metrics on W₂; the loss column is replaced by the VAE's negative ELBO
        Evaluator evaluator = new Evaluator(LossSpec.named("mse").withScale(Scale.MEAN).create(k),
                data.stats().as(dtype), data.truth());
        LinearVaeTrainer trainer = new LinearVaeTrainer(Optimizers.create(vae.optimizer(),
                Settings.NONE.with(Optimizers.MOMENTUM, 0.9)), LearningRateSchedule.constant(vae.lr()),
                vae.steps(), 10, vae.checkpointEvery());
        long start = System.nanoTime();
        double secondsBefore = from == null ? 0 : from.seconds();
        MetricsRow[] last = new MetricsRow[1];
        LinearVaeTrainer.Stop stop = vae.untilDAlign() == null ? LinearVaeTrainer.Stop.NEVER
                : (step, params) -> last[0].dAlign() <= vae.untilDAlign();
        LinearVaeTrainer.Result result;
        try (RunProgress progress = ctx.progress(name)) {
            progress.started(from == null ? 0 : from.step(), vae.steps());
            LinearVaeTrainer.Callback log = (step, params, loss) -> {
                MetricsRow m = evaluator.evaluate(step, Model.of(params.encoder(), params.decoder()), vae.lr(),
                        secondsBefore + (System.nanoTime() - start) * 1e-9);
                MetricsRow row = new MetricsRow(step, loss, Double.NaN, m.ratioTp(), m.ratioFp(), m.ratioTotal(),
                        m.dAlign(), m.dSub(), m.longestStreak(), Double.NaN, vae.lr(), m.seconds());
                run.appendMetrics(row);
                last[0] = row;
                progress.logged(row);
                progress.stepped(step);
            };
            result = from == null
                    ? trainer.train(data.stats(), vae.authorsInit()
                            ? VaeParameters.authorsInit(n, k, INIT_STD, vae.seed(), dtype)
                            : VaeParameters.random(n, k, INIT_STD, vae.seed(), dtype), log,
                            run::writeCheckpoint, stop)
                    : trainer.resume(data.stats(), from, log, run::writeCheckpoint, stop);
        }
        Npy.write(dir.resolve("encoder.npy"), result.parameters().encoder());
        Npy.write(dir.resolve("decoder.npy"), result.parameters().decoder());
        writeVaeJson(dir, settings, RunStatus.FINISHED, Map.of("final_loss", result.loss(),
                "noise_variance", result.parameters().noiseVariance(), "steps_done", result.steps()));
        List<MetricsRow> rows = run.readMetrics();
        ctx.summary().run(rows.get(rows.size() - 1).seconds(), false);
        return new BaoRun(rows, result.parameters().decoder());
    }

    /** Writes {@code vae.json}: the settings, the status and, once finished, the final loss and noise variance. */
    private static void writeVaeJson(Path dir, Map<String, Object> settings, RunStatus status,
                                     Map<String, Object> results) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("settings", settings);
        root.put("status", status.label());
        root.putAll(results);
        try {
            Files.createDirectories(dir);
            AtomicFiles.writeString(dir.resolve(VAE_JSON), JSON.writeValueAsString(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the status in {@code vae.json} when its settings are these, else empty */
    private static Optional<RunStatus> statusOf(Path dir, Map<String, Object> settings) {
        Path file = dir.resolve(VAE_JSON);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            var root = JSON.readTree(file.toFile());
            // both sides parsed from text: valueToTree would keep a long 250 as a LongNode, the file gives an IntNode
            var expected = JSON.readTree(JSON.writeValueAsString(settings));
            return root.get("settings").equals(expected) ? RunStatus.fromLabel(root.path("status").asText())
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
