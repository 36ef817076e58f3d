package io.lae.cuda;

import io.lae.Precision;
import io.lae.train.BatchOrder;

/**
 * A mini-batch run's rows in device memory, uploaded once: X (n'×m) and, for a regression, Y (n×m), samples
 * as columns. Each step's batch is gathered on the device in the {@link BatchOrder} ND4J's engine uses too, whose
 * permutation is sent once an epoch, so the two engines step over the same batches.
 */
public final class DeviceRows implements AutoCloseable {

    private final CudaDevice device;
    private final BatchOrder order;
    private final Precision precision;
    private final DeviceMatrix inputs;
    private final DeviceMatrix targets;
    private final DeviceMatrix permutation;
    private final DeviceMatrix batchInputs;
    private final DeviceMatrix batchTargets;
    private long cachedEpoch = -1;

    /**
     * @param device    the GPU
     * @param inputs    X, n'×m column-major (the rows of an m×n' row-major matrix)
     * @param inputDim  n'
     * @param targets   Y, n×m column-major, or null for an autoencoder
     * @param outputDim n
     * @param order     the batches' order over the m rows
     * @param precision the training precision
     */
    public DeviceRows(CudaDevice device, double[] inputs, int inputDim, double[] targets, int outputDim, BatchOrder order,
               Precision precision) {
        this.device = device;
        this.order = order;
        this.precision = precision;
        this.inputs = device.upload(inputs, inputDim, order.rows(), precision);
        this.targets = targets == null ? this.inputs : device.upload(targets, outputDim, order.rows(), precision);
        this.permutation = device.zeros(order.rows(), 1, Precision.FLOAT64);
        int b = Math.min(order.batchSize(), order.rows());
        this.batchInputs = device.zeros(inputDim, b, precision);
        this.batchTargets = targets == null ? batchInputs : device.zeros(outputDim, b, precision);
    }

    /**
     * @param n           the output dimension
     * @param inputDim    n'
     * @param autoencoder whether Y = X
     * @param order       the batches' order over the m rows
     * @param p           the latent size
     * @param precision   the training precision
     * @return bytes of device memory the rows, their order, one batch and its codes (Z, G and the Hebbian rules'
     *     AᵀX, p×b each) take
     */
    static long bytesNeeded(int n, int inputDim, boolean autoencoder, BatchOrder order, int p, Precision precision) {
        long b = Math.min(order.batchSize(), order.rows());
        long columns = b + order.rows();
        long values = columns * inputDim + (autoencoder ? 0 : columns * n) + 3 * p * b;
        return values * precision.bytes() + 8L * order.rows();
    }

    /**
     * @param step t, 0-based
     * @return step t's batch, gathered on the device's stream (valid until the next call)
     */
    DeviceBatch batch(long step) {
        BatchOrder.Window window = order.window(step);
        if (window.epoch() != cachedEpoch) {
            int[] rows = order.permutation(window.epoch());
            double[] values = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                values[i] = rows[i];
            }
            permutation.upload(values);
            cachedEpoch = window.epoch();
        }
        DeviceMatrix x = gather(inputs, batchInputs, window);
        DeviceMatrix y = targets == inputs ? x : gather(targets, batchTargets, window);
        return new DeviceBatch(x, y, window.size());
    }

    private DeviceMatrix gather(DeviceMatrix from, DeviceMatrix into, BatchOrder.Window window) {
        DeviceMatrix batch = into.block(0, into.rows(), window.size());
        device.launch("gather_columns", precision, (long) from.rows() * window.size(), from.rows(), window.size(),
                permutation, window.start(), from, batch);
        return batch;
    }

    @Override
    public void close() {
        inputs.close();
        permutation.close();
        batchInputs.close();
        if (targets != inputs) {
            targets.close();
            batchTargets.close();
        }
    }
}
