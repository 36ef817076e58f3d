package io.lae.cuda;

import io.lae.Precision;
import io.lae.train.BatchOrder;

/**
 * A run's rows in device memory, uploaded once: X (n'×m) and, for a regression, Y (n×m), samples as columns.
 * Each step's mini-batch is gathered on the device in the {@link BatchOrder} ND4J's engine uses too, whose
 * permutation is sent once an epoch, so the two engines step over the same batches; without an order every step
 * takes all rows in their order (full-batch per-sample nested dropout).
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
     * @param rows      m
     * @param order     the batches' order over the m rows, or null for all rows at every step
     * @param precision the training precision
     */
    public DeviceRows(CudaDevice device, double[] inputs, int inputDim, double[] targets, int outputDim, int rows,
                      BatchOrder order, Precision precision) {
        this.device = device;
        this.order = order;
        this.precision = precision;
        this.inputs = device.upload(inputs, inputDim, rows, precision);
        this.targets = targets == null ? this.inputs : device.upload(targets, outputDim, rows, precision);
        if (order == null) {
            this.permutation = null;
            this.batchInputs = null;
            this.batchTargets = null;
            return;
        }
        this.permutation = device.zeros(rows, 1, Precision.FLOAT64);
        int b = Math.min(order.batchSize(), rows);
        this.batchInputs = device.zeros(inputDim, b, precision);
        this.batchTargets = targets == null ? batchInputs : device.zeros(outputDim, b, precision);
    }

    /**
     * @param n           the output dimension
     * @param inputDim    n'
     * @param autoencoder whether Y = X
     * @param rows        m
     * @param order       the batches' order over the m rows, or null for all rows at every step
     * @param p           the latent size
     * @param precision   the training precision
     * @return bytes of device memory the rows, their order, one batch and its codes (Z, G and the Hebbian rules'
     *     AᵀX, p×b each) and per-sample truncations take
     */
    static long bytesNeeded(int n, int inputDim, boolean autoencoder, int rows, BatchOrder order, int p,
                            Precision precision) {
        long b = order == null ? rows : Math.min(order.batchSize(), rows);
        long columns = (order == null ? 0 : b) + rows;
        long values = columns * inputDim + (autoencoder ? 0 : columns * n) + 3 * p * b;
        return values * precision.bytes() + 8L * (rows + b);
    }

    /**
     * @param step t, 0-based
     * @return step t's batch, gathered on the device's stream (valid until the next call)
     */
    DeviceBatch batch(long step) {
        if (order == null) {
            return new DeviceBatch(inputs, targets, inputs.cols());
        }
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
        device.launch(new Kernel.GatherColumns(from.rows(), window.size(), permutation, window.start(), from, batch),
                precision);
        return batch;
    }

    @Override
    public void close() {
        inputs.close();
        if (targets != inputs) {
            targets.close();
        }
        if (order != null) {
            permutation.close();
            batchInputs.close();
            if (batchTargets != batchInputs) {
                batchTargets.close();
            }
        }
    }
}
