package io.lae.cuda;

import io.lae.loss.Loss;
import io.lae.loss.LossForm;
import io.lae.optim.OptimizerState;
import io.lae.optim.Optimizers;
import io.lae.stats.Statistics;
import io.lae.train.MiniBatches;
import io.lae.train.Model;
import io.lae.train.NestedDropoutDraw;
import io.lae.train.StochasticNestedDropout;
import io.lae.train.Stepper;
import io.lae.train.TrainingConfig;
import java.util.Optional;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * lae's {@link io.lae.train.Trainer} on the GPU: each step runs on {@link DeviceTraining}, whose weights
 * and optimizer buffers stay in device memory; {@link #synchronize} copies them into the host's
 * {@link Model} and {@link #state} into an {@link OptimizerState} with the buffer names ND4J's
 * optimizers use, so checkpoints are the same files whichever engine wrote them, and the metrics are
 * computed on the host from the copy.
 */
public final class CudaStepper implements Stepper {

    private static final Set<String> RULES = Set.of("gradient", "rag", "gha", "oja", "tied");

    private final TrainingConfig config;
    private final Loss loss;
    private final DeviceStatistics stats;
    private final DeviceTraining training;
    private final StochasticNestedDropout stochastic;
    private final FlatParameters layout;

    /**
     * @param device the GPU
     * @param config the run's configuration (see {@link #unsupported})
     * @param stats  the statistics, in the run's dtype
     * @param model  the initial weights
     * @param state  the optimizer state to continue from, or null
     */
    public CudaStepper(CudaDevice device, TrainingConfig config, Statistics stats, Model model, OptimizerState state) {
        unsupported(config).ifPresent(reason -> {
            throw new CudaException("--backend cuda: " + reason + "; use --backend cpu");
        });
        this.config = config;
        Precision precision = config.dataType() == DataType.DOUBLE ? Precision.FLOAT64 : Precision.FLOAT32;
        int p = config.latent();
        DeviceOptimizer optimizer = DeviceOptimizer.named(config.optimizer(), config.momentum());
        long needed = DeviceTraining.bytesNeeded(stats.outputDim(), stats.inputDim(), p, precision,
                optimizer.kind().buffers());
        long free = device.freeBytes();
        if (needed > free) {
            throw new CudaException(String.format(java.util.Locale.ROOT, "the run needs %.2f GiB of GPU memory and"
                    + " %.2f GiB are free on %s: use --dtype float32, a smaller --latent, or --backend cpu",
                    needed / 1073741824.0, free / 1073741824.0, device.description().name()));
        }
        this.loss = config.lossSpec().create(p);
        this.stochastic = config.stochastic() == null ? null
                : new StochasticNestedDropout(config.stochastic(), loss, config.seed());
        this.layout = new FlatParameters(model, Optimizers.create(config.optimizer(), config.momentum())
                .init(model.parameters()));
        this.stats = DeviceStatistics.upload(device, columnMajor(stats.sigmaXX()),
                stats.isAutoencoder() ? null : columnMajor(stats.sigmaYX()), stats.outputDim(), stats.tyy(),
                stats.sampleCount(), precision);
        this.training = new DeviceTraining(device, this.stats, config.lossSpec().form(p), DeviceRule.named(config.rule()),
                optimizer, layout.encoder(model), layout.decoder(model));
        if (state != null) {
            training.restore(new DeviceTraining.State(state.step(), layout.theta(model), layout.buffers(state)));
        }
    }

    /**
     * @param config a run's configuration
     * @return why lae's CUDA engine cannot run it, or empty when it can: full-batch steps over the statistics
     *     with the gradient, rag, gha, oja or tied rule (mini-batches, per-sample nested dropout and the
     *     alternating solves run on the CPU)
     */
    public static Optional<String> unsupported(TrainingConfig config) {
        if (config.usesMiniBatches()) {
            return Optional.of("mini-batch training (--epochs, --batch) runs on the CPU only");
        }
        if (config.stochastic() == NestedDropoutDraw.PER_SAMPLE) {
            return Optional.of("per-sample stochastic nested dropout steps over the rows, on the CPU only"
                    + " (--stochastic per-step runs on the GPU)");
        }
        if (!RULES.contains(config.rule())) {
            return Optional.of("--rule " + config.rule() + " solves on the host (the GPU runs gradient, rag, gha, oja"
                    + " and tied)");
        }
        return Optional.empty();
    }

    @Override
    public void apply(Model model, long step, double learningRate, MiniBatches batches) {
        if (batches != null) {
            throw new IllegalArgumentException("lae's CUDA engine steps over the statistics, not over rows");
        }
        if (stochastic != null) {
            training.setNestedWeights(LossForm.unit(config.latent(), stochastic.truncationAt(step)));
        }
        training.step(learningRate);
    }

    @Override
    public void synchronize(Model model) {
        layout.write(training.parameters(), model);
    }

    @Override
    public OptimizerState state() {
        return layout.state(training.step(), training.optimizerBuffers());
    }

    @Override
    public Loss loss() {
        return loss;
    }

    @Override
    public void close() {
        training.close();
        stats.close();
    }

    private static double[] columnMajor(INDArray matrix) {
        return matrix.castTo(DataType.DOUBLE).dup('f').data().asDouble();
    }
}
