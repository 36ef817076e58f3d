package io.lae.cuda;

import io.lae.Precision;
import io.lae.loss.LossForm;
import io.lae.train.TruncationDraws;
import java.util.function.LongToDoubleFunction;

/**
 * Training on the GPU, full batch over the statistics or over mini-batches of rows in device memory
 * ({@link DeviceRows}): the weights, the gradients and the optimizer's buffers stay in
 * device memory; the host sees them only through {@link #encoder}, {@link #decoder}, {@link #state}
 * and {@link #loss}. The parameters are one flat buffer θ = [Bᵀ | A] (n'·p + n·p entries; A alone for
 * tied rules), so an autoencoder's products come from one GEMM Σ·[Bᵀ | A] and each optimizer update
 * is one kernel.
 *
 * <p>Steps are deterministic: a run stopped after t steps and {@link #restore restored} continues
 * bit for bit as one that never stopped (same device, same libraries).
 */
public final class DeviceTraining implements AutoCloseable {

    /**
     * What a checkpoint holds.
     *
     * @param step    steps taken
     * @param theta   the flat parameters θ
     * @param buffers the optimizer's buffers, each shaped like θ
     */
    public record State(long step, double[] theta, double[][] buffers) {
    }

    private final CudaDevice device;
    private final DeviceStatistics stats;
    private final DeviceLoss loss;
    private final DeviceRule rule;
    private final DeviceOptimizer optimizer;
    private final int p;
    private final DeviceMatrix theta;
    private final DeviceMatrix encoderT;
    private final DeviceMatrix decoder;
    private final DeviceMatrix gradients;
    private final DeviceMatrix gradEncoderT;
    private final DeviceMatrix gradDecoder;
    private final DeviceMatrix direction;
    private final DeviceMatrix[] buffers;
    private final DeviceMatrix skew;
    /** ΣA (Hebbian rules) or MV = ΣV/m (EigenGame), n×p. */
    private final DeviceMatrix dataProducts;
    /** AᵀX of a mini-batch (p×b) for the rules that follow the data, allocated at the first batch. */
    private DeviceMatrix dataCodes;
    /** EigenGame's p×p weights of the players before each one, G·W, and the p radial parts (α). */
    private final DeviceMatrix gameWeights;
    private final DeviceMatrix gameProducts;
    private final DeviceMatrix gameRadial;
    /** A per-sample nested-dropout step's b_j (as doubles), allocated at its first step. */
    private DeviceMatrix truncations;
    private long step;

    /**
     * @param device    the GPU
     * @param stats     the statistics, in {@code precision}
     * @param form      the loss
     * @param rule      the update rule
     * @param optimizer the optimizer
     * @param encoder   B as p×n' row-major (the same numbers as Bᵀ column-major); ignored by tied rules
     * @param decoder   A as n×p column-major
     */
    public DeviceTraining(CudaDevice device, DeviceStatistics stats, LossForm form, DeviceRule rule,
                          DeviceOptimizer optimizer, double[] encoder, double[] decoder) {
        this.device = device;
        this.stats = stats;
        this.rule = rule;
        this.optimizer = optimizer;
        this.p = form.latentSize();
        int n = stats.outputDim();
        int inputDim = stats.inputDim();
        Precision precision = stats.sigmaXX().precision();
        if (rule.tiesWeights() && !stats.isAutoencoder()) {
            throw new CudaException("--rule " + rule + " ties B = Aᵀ, which needs an autoencoder: remove --targets");
        }
        if (rule == DeviceRule.OJA && p != 1) {
            throw new CudaException("--rule oja learns one direction: use --latent 1, or --rule gha for p = " + p);
        }
        this.loss = new DeviceLoss(device, form, n, inputDim, stats.isAutoencoder(), precision);
        long encoderLength = rule.tiesWeights() ? 0 : (long) inputDim * p;
        long length = encoderLength + (long) n * p;
        this.theta = device.zeros(Math.toIntExact(length), 1, precision);
        this.decoder = theta.block(encoderLength, n, p);
        this.encoderT = rule.tiesWeights() ? this.decoder : theta.block(0, inputDim, p);
        double[] initial = new double[Math.toIntExact(length)];
        if (!rule.tiesWeights()) {
            System.arraycopy(encoder, 0, initial, 0, encoder.length);
        }
        System.arraycopy(decoder, 0, initial, (int) encoderLength, decoder.length);
        theta.upload(initial);
        this.gradients = device.zeros(Math.toIntExact((long) inputDim * p + (long) n * p), 1, precision);
        this.gradEncoderT = gradients.block(0, inputDim, p);
        this.gradDecoder = gradients.block((long) inputDim * p, n, p);
        this.direction = rule.tiesWeights() ? gradDecoder : gradients;
        this.buffers = new DeviceMatrix[optimizer.kind().buffers()];
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = device.zeros(Math.toIntExact(length), 1, precision);
        }
        this.skew = rule == DeviceRule.RAG || rule.followsData() ? device.zeros(p, p, precision) : null;
        this.dataProducts = rule.followsData() ? device.zeros(n, p, precision) : null;
        this.gameWeights = rule.isGame() ? device.zeros(p, p, precision) : null;
        this.gameProducts = rule == DeviceRule.EIGENGAME ? device.zeros(p, p, precision) : null;
        this.gameRadial = rule == DeviceRule.EIGENGAME ? device.zeros(p, 1, precision) : null;
    }

    /**
     * What a run keeps in device memory: Σxx (and Σyx), θ, its gradient and the optimizer's buffers, the
     * loss's n'×2p products (and n×p for a regression) and a few p×p matrices (a mini-batch run's rows and
     * codes: {@link DeviceRows#bytesNeeded}).
     *
     * @param n           the output dimension
     * @param inputDim    n'
     * @param autoencoder whether Y = X
     * @param p           the latent size
     * @param precision   the training precision
     * @param buffers     the optimizer's buffers
     * @return bytes of device memory
     */
    public static long bytesNeeded(int n, int inputDim, boolean autoencoder, int p, Precision precision, int buffers) {
        long statistics = (long) inputDim * inputDim + (autoencoder ? 0 : (long) n * inputDim);
        long theta = (long) (inputDim + n) * p;
        long loss = (long) inputDim * 2 * p + (autoencoder ? 0 : (long) n * p) + 8L * p * p;
        return (statistics + theta * (2 + buffers) + loss) * precision.bytes();
    }

    /** @return steps taken */
    public long step() {
        return step;
    }

    /**
     * Replaces the loss's nested weights for the next steps (per-step stochastic nested dropout: e_b).
     *
     * @param weights w_1..w_p
     */
    public void setNestedWeights(double[] weights) {
        loss.setNestedWeights(weights);
    }

    /**
     * Queues one full-batch step with learning rate {@code lr}; returns without waiting for the device.
     *
     * @param lr α for this step
     */
    public void step(double lr) {
        stepOn(null, lr);
    }

    /**
     * Queues one step with learning rate {@code lr} over this step's mini-batch of {@code rows}; returns without
     * waiting for the device.
     *
     * @param lr   α for this step
     * @param rows the run's rows in device memory
     */
    public void step(double lr, DeviceRows rows) {
        stepOn(rows.batch(step), lr);
    }

    /**
     * Queues one per-sample stochastic nested-dropout step (gradient rule) over this step's batch of {@code rows}
     * (all of them when the rows have no order), its j-th sample keeping the first b_j units of step t's draws.
     *
     * @param lr    α for this step
     * @param rows  the run's rows in device memory
     * @param draws the truncations b ~ p_B of each step
     */
    public void step(double lr, DeviceRows rows, TruncationDraws draws) {
        if (rule != DeviceRule.GRADIENT) {
            throw new CudaException("per-sample nested dropout descends its gradient: use --rule gradient");
        }
        DeviceBatch batch = rows.batch(step);
        int[] drawn = draws.at(step, batch.size());
        double[] values = new double[drawn.length];
        for (int j = 0; j < drawn.length; j++) {
            values[j] = drawn[j];
        }
        if (truncations == null || truncations.rows() < values.length) {
            if (truncations != null) {
                truncations.close();
            }
            truncations = device.zeros(values.length, 1, Precision.FLOAT64);
        }
        truncations.block(0, values.length, 1).upload(values);
        loss.perSampleGradients(encoderT, decoder, batch, truncations, gradEncoderT, gradDecoder);
        optimizer.apply(device, theta, gradients, buffers, step, lr);
        step++;
    }

    /**
     * @param batch the step's rows, or null for a step over the statistics
     * @param lr    α for this step
     */
    private void stepOn(DeviceBatch batch, double lr) {
        long samples = batch == null ? stats.sampleCount() : batch.size();
        if (rule.isHebbian()) {
            hebbianDirection(batch, samples);
        } else if (rule.isGame()) {
            gameDirection(batch, samples);
        } else {
            if (batch == null) {
                loss.gradients(encoderT, decoder, stats, gradEncoderT, gradDecoder);
            } else {
                loss.gradients(encoderT, decoder, batch, gradEncoderT, gradDecoder);
            }
            if (rule == DeviceRule.RAG) {
                rotate(samples);
            } else if (rule == DeviceRule.TIED) {
                device.launch(new Kernel.AddScaledColumns(gradDecoder.rows(), p, 1.0, null, gradEncoderT,
                        gradDecoder), theta.precision());                              // ∇_A + (∇_B)ᵀ
            }
        }
        DeviceMatrix flatDirection = direction.block(0, Math.toIntExact(theta.length()), 1);
        optimizer.apply(device, theta, flatDirection, buffers, step, lr);
        if (rule.isGame()) {
            device.launch(new Kernel.NormalizeColumns(decoder.rows(), p, decoder), theta.precision());
        }
        step++;
    }

    /**
     * Queues {@code count} steps.
     *
     * @param count how many
     * @param lr    α as a function of the 0-based step
     */
    public void steps(long count, LongToDoubleFunction lr) {
        for (long i = 0; i < count; i++) {
            step(lr.applyAsDouble(step));
        }
    }

    /**
     * g_Bᵀ += (1/m) Bᵀ(mΓ), g_A += (1/m) A(mΓ), mΓ = BΣxxBᵀ ∘ Ω (Bao Alg. 1; Γ is skew-symmetric); over a batch
     * BΣxxBᵀ is ZZᵀ and m is b.
     *
     * @param samples m, or b over a batch
     */
    private void rotate(long samples) {
        device.launch(new Kernel.SkewHalf(p, loss.codeMoment(), skew), theta.precision());
        double perSample = 1.0 / samples;
        device.gemm(false, false, perSample, encoderT, skew, 1, gradEncoderT);
        device.gemm(false, false, perSample, decoder, skew, 1, gradDecoder);
    }

    /**
     * direction = (1/m)(A·UT(AᵀΣA) − ΣA), Sanger's rule in terms of A = Wᵀ; over a batch ΣA is X(AᵀX)ᵀ and m is b.
     *
     * @param batch   the step's rows, or null for the statistics
     * @param samples m, or b over a batch
     */
    private void hebbianDirection(DeviceBatch batch, long samples) {
        multiplyByData(batch, 1);                                                             // ΣA
        device.gemm(true, false, 1, decoder, dataProducts, 0, skew);                          // AᵀΣA
        device.launch(new Kernel.UpperWithDiagonal(p, skew), theta.precision());
        double perSample = 1.0 / samples;
        device.gemm(false, false, perSample, decoder, skew, 0, gradDecoder);
        device.launch(new Kernel.AddScaledColumns(gradDecoder.rows(), p, -perSample, null, dataProducts,
                gradDecoder), theta.precision());
    }

    /**
     * The EigenGame directions on V = A with unit columns, M = Σ/m (docs/math.md §3): μ: −Δ = V·W − MV with
     * W_ji = ⟨vⱼ, Mvᵢ⟩ for j &lt; i; α: −∇ᴿ = 2(MV·W − MV) + V diag(r) with W_ji = ⟨vⱼ, Mvᵢ⟩/⟨vⱼ, Mvⱼ⟩ and
     * r_i = ⟨∇ᵢ, vᵢ⟩ = 2(G − GW)_ii, G = VᵀMV.
     *
     * @param batch   the step's rows, or null for the statistics
     * @param samples m, or b over a batch
     */
    private void gameDirection(DeviceBatch batch, long samples) {
        int n = decoder.rows();
        Precision precision = theta.precision();
        device.launch(new Kernel.NormalizeColumns(n, p, decoder), precision);                // players start at unit length
        multiplyByData(batch, 1.0 / samples);                                                 // MV
        device.gemm(true, false, 1, decoder, dataProducts, 0, skew);                          // G = VᵀMV
        boolean alpha = rule == DeviceRule.EIGENGAME;
        device.launch(new Kernel.GameWeights(p, alpha, skew, gameWeights), precision);
        if (alpha) {
            device.gemm(false, false, 2, dataProducts, gameWeights, 0, gradDecoder);          // 2 MV·W
            device.launch(new Kernel.AddScaledColumns(n, p, -2, null, dataProducts, gradDecoder), precision);
            device.gemm(false, false, 1, skew, gameWeights, 0, gameProducts);                 // G·W
            device.launch(new Kernel.GameRadial(p, skew, gameProducts, gameRadial), precision);
            device.launch(new Kernel.AddScaledColumns(n, p, 1, gameRadial, decoder, gradDecoder), precision);
        } else {
            device.gemm(false, false, 1, decoder, gameWeights, 0, gradDecoder);               // V·W
            device.launch(new Kernel.AddScaledColumns(n, p, -1, null, dataProducts, gradDecoder), precision);
        }
    }

    /**
     * dataProducts = scale · ΣA over the statistics, or scale · X(AᵀX)ᵀ over a batch of rows X.
     *
     * @param batch the step's rows, or null for the statistics
     * @param scale the factor
     */
    private void multiplyByData(DeviceBatch batch, double scale) {
        if (batch == null) {
            device.gemm(false, false, scale, stats.sigmaXX(), decoder, 0, dataProducts);
        } else {
            if (dataCodes == null || dataCodes.cols() < batch.size()) {
                if (dataCodes != null) {
                    dataCodes.close();
                }
                dataCodes = device.zeros(p, batch.size(), theta.precision());
            }
            DeviceMatrix codes = dataCodes.block(0, p, batch.size());
            device.gemm(true, false, 1, decoder, batch.x(), 0, codes);                        // AᵀX
            device.gemm(false, true, scale, batch.x(), codes, 0, dataProducts);               // X(AᵀX)ᵀ
        }
    }

    /** @return L at the current weights (waits for the device) */
    public double loss() {
        return loss.value(encoderT, decoder, stats);
    }

    /** @return B as p×n' row-major (Aᵀ for tied rules) */
    public double[] encoder() {
        return encoderT.download();
    }

    /** @return A as n×p column-major */
    public double[] decoder() {
        return decoder.download();
    }

    /** @return θ, the flat parameters (waits for the device) */
    public double[] parameters() {
        return theta.download();
    }

    /** @return the optimizer's buffers, each laid out like θ (waits for the device) */
    public double[][] optimizerBuffers() {
        double[][] copies = new double[buffers.length][];
        for (int i = 0; i < buffers.length; i++) {
            copies[i] = buffers[i].download();
        }
        return copies;
    }

    /** @return the step count, θ and the optimizer's buffers, for a checkpoint */
    public State state() {
        return new State(step, parameters(), optimizerBuffers());
    }

    /**
     * Continues from a checkpoint: after it the steps equal those of the run that wrote it.
     *
     * @param state what {@link #state} returned
     */
    public void restore(State state) {
        if (state.theta().length != theta.length() || state.buffers().length != buffers.length) {
            throw new CudaException("the checkpoint holds " + state.theta().length + " weights and "
                    + state.buffers().length + " optimizer buffers, but this run has " + theta.length() + " and "
                    + buffers.length + ": it belongs to another run");
        }
        theta.upload(state.theta());
        for (int i = 0; i < buffers.length; i++) {
            buffers[i].upload(state.buffers()[i]);
        }
        step = state.step();
    }

    /** Waits for the queued steps. */
    public void synchronize() {
        device.synchronize();
    }

    @Override
    public void close() {
        loss.close();
        theta.close();
        gradients.close();
        for (DeviceMatrix b : buffers) {
            b.close();
        }
        if (skew != null) {
            skew.close();
        }
        for (DeviceMatrix m : new DeviceMatrix[] {dataProducts, dataCodes, gameWeights, gameProducts, gameRadial}) {
            if (m != null) {
                m.close();
            }
        }
        if (truncations != null) {
            truncations.close();
        }
    }
}
