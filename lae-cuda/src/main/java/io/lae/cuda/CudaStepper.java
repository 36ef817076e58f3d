package io.lae.cuda;

import io.lae.Precision;
import io.lae.loss.Loss;
import io.lae.loss.LossForm;
import io.lae.optim.OptimizerState;
import io.lae.optim.Optimizers;
import io.lae.stats.Statistics;
import io.lae.train.BatchOrder;
import io.lae.train.MiniBatches;
import io.lae.train.Model;
import io.lae.train.NestedDropoutDraw;
import io.lae.train.StepSettings;
import io.lae.train.Stepper;
import io.lae.train.StochasticNestedDropout;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Training steps on the GPU, for the fit API (and so {@code lae train}): each step runs on {@link DeviceTraining}, whose weights
 * and optimizer buffers stay in device memory, over the statistics or over mini-batches of the rows, which are
 * uploaded at the first step and gathered on the device ({@link DeviceRows}); {@link #synchronize} copies them into the host's
 * {@link Model} and {@link #state} into an {@link OptimizerState} with the buffer names ND4J's
 * optimizers use, so checkpoints are the same files whichever engine wrote them, and the metrics are
 * computed on the host from the copy.
 */
public final class CudaStepper implements Stepper {

    private final CudaDevice device;
    private final Precision precision;
    private final Loss loss;
    private final int latent;
    private final DeviceStatistics stats;
    private final DeviceTraining training;
    private final StochasticNestedDropout stochastic;
    private final FlatParameters layout;
    /** The rows of a mini-batch run, uploaded at its first step; null until then and for full-batch runs. */
    private DeviceRows rows;

    /**
     * @param device   the GPU
     * @param settings the step's loss, rule and optimizer (see {@link #unsupported})
     * @param stats    the statistics, in the run's dtype
     * @param model    the initial weights
     * @param state    the optimizer state to continue from, or null
     * @throws CudaException if the engine does not run these settings, or the GPU lacks the memory
     */
    public CudaStepper(CudaDevice device, StepSettings settings, Statistics stats, Model model, OptimizerState state) {
        unsupported(settings).ifPresent(reason -> {
            throw new CudaException("--backend cuda: " + reason + "; use --backend cpu");
        });
        this.device = device;
        this.precision = stats.dataType() == DataType.DOUBLE ? Precision.FLOAT64 : Precision.FLOAT32;
        this.latent = settings.latent();
        DeviceOptimizer optimizer = DeviceOptimizer.of(settings.optimizer()).orElseThrow();
        requireFreeMemory(DeviceTraining.bytesNeeded(stats.outputDim(), stats.inputDim(), stats.isAutoencoder(),
                latent, precision, optimizer.kind().buffers()), "a smaller --latent");
        this.loss = settings.loss();
        this.stochastic = settings.stochastic() == null ? null
                : new StochasticNestedDropout(settings.stochastic(), loss, settings.seed());
        this.layout = new FlatParameters(model, settings.optimizer().init(model.parameters()));
        this.stats = DeviceStatistics.upload(device, columnMajor(stats.sigmaXX()),
                stats.isAutoencoder() ? null : columnMajor(stats.sigmaYX()), stats.outputDim(), stats.tyy(),
                stats.sampleCount(), precision);
        this.training = new DeviceTraining(device, this.stats, settings.lossSpec().form(latent),
                DeviceRule.of(settings.rule()).orElseThrow(), optimizer, layout.encoder(model), layout.decoder(model));
        if (state != null) {
            training.restore(new DeviceTraining.State(state.step(), layout.theta(model), layout.buffers(state)));
        }
    }

    private void requireFreeMemory(long needed, String smaller) {
        long free = device.freeBytes();
        if (needed > free) {
            throw new CudaException(String.format(java.util.Locale.ROOT, "the run needs %.2f GiB of GPU memory and"
                    + " %.2f GiB are free on %s: use --dtype float32, %s, or --backend cpu",
                    needed / 1073741824.0, free / 1073741824.0, device.description().name(), smaller));
        }
    }

    /**
     * The engine for {@link io.lae.fit.LinearAutoencoder.Builder#engine}.
     *
     * @param device the GPU, from {@link CudaDevice#open()}
     * @return steps on that GPU
     */
    public static Stepper.Factory factory(CudaDevice device) {
        return (settings, stats, model, state) -> new CudaStepper(device, settings, stats, model, state);
    }

    /**
     * @param settings a run's loss, rule and optimizer
     * @return why lae's CUDA engine cannot run it, or empty when it can: full-batch steps over the statistics,
     *     or mini-batch steps over the rows, of lae's own losses and optimizers, with a rule of {@link DeviceRule},
     *     and per-sample nested dropout with the gradient rule (the alternating solves and a user's
     *     own objects run on ND4J's engine)
     */
    public static Optional<String> unsupported(StepSettings settings) {
        if (settings.stochastic() == NestedDropoutDraw.PER_SAMPLE
                && DeviceRule.of(settings.rule()).orElse(null) != DeviceRule.GRADIENT) {
            return Optional.of("per-sample stochastic nested dropout runs on the GPU with --rule gradient only");
        }
        if (DeviceRule.of(settings.rule()).isEmpty()) {
            return Optional.of("--rule " + settings.rule().name() + " runs on the host (the GPU runs "
                    + DeviceRule.supported() + ")");
        }
        if (settings.lossSpec() == null) {
            return Optional.of("the loss '" + settings.loss().name() + "' is not one of lae's, whose forms the GPU "
                    + "kernels compute");
        }
        if (DeviceOptimizer.of(settings.optimizer()).isEmpty()) {
            return Optional.of("the optimizer '" + settings.optimizer().name() + "' is not one of lae's ("
                    + String.join(", ", Optimizers.REGISTRY.names()) + ")");
        }
        return Optional.empty();
    }

    @Override
    public void apply(Model model, long step, double learningRate, MiniBatches batches) {
        if (stochastic != null && stochastic.needsRows()) {
            training.step(learningRate, rows(batches), stochastic.draws());
            return;
        }
        if (stochastic != null) {
            training.setNestedWeights(LossForm.unit(latent, stochastic.truncationAt(step)));
        }
        if (batches == null) {
            training.step(learningRate);
        } else {
            training.step(learningRate, rows(batches));
        }
    }

    /** @return the run's rows in device memory, uploaded at the first call (in no order: all rows every step) */
    private DeviceRows rows(MiniBatches batches) {
        if (rows == null) {
            BatchOrder order = batches.order().orElse(null);
            boolean autoencoder = batches.targetRows() == batches.inputRows();
            int m = (int) batches.inputRows().rows();
            int inputDim = (int) batches.inputRows().columns();
            int n = (int) batches.targetRows().columns();
            requireFreeMemory(DeviceRows.bytesNeeded(n, inputDim, autoencoder, m, order, latent, precision),
                    order == null ? "fewer rows" : "fewer rows, a smaller --batch");
            rows = new DeviceRows(device, rowMajor(batches.inputRows()), inputDim,
                    autoencoder ? null : rowMajor(batches.targetRows()), n, m, order, precision);
        }
        return rows;
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
        if (rows != null) {
            rows.close();
        }
        training.close();
        stats.close();
    }

    private static double[] columnMajor(INDArray matrix) {
        return matrix.castTo(DataType.DOUBLE).dup('f').data().asDouble();
    }

    /** @return an m×n matrix's entries row by row: the n×m matrix of its rows as columns, column-major */
    private static double[] rowMajor(INDArray matrix) {
        return matrix.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }
}
