package io.lae.cuda;

import io.lae.Precision;

/**
 * The sufficient statistics of docs/math.md §1 in device memory: Σxx = XXᵀ (n'×n'), Σyx = YXᵀ (n×n',
 * the same matrix as Σxx for an autoencoder), tyy = ‖Y‖² and the sample count m on the host.
 *
 * @param sigmaXX     Σxx, symmetric
 * @param sigmaYX     Σyx, column-major; {@code sigmaXX} itself for an autoencoder
 * @param tyy         Tr(YYᵀ)
 * @param sampleCount m
 */
public record DeviceStatistics(DeviceMatrix sigmaXX, DeviceMatrix sigmaYX, double tyy, long sampleCount)
        implements AutoCloseable {

    /**
     * @param device      the GPU
     * @param sigmaXX     Σxx, n'×n' (symmetric, so either order)
     * @param sigmaYX     Σyx, n×n' column-major, or null for an autoencoder
     * @param outputDim   n
     * @param tyy         ‖Y‖²
     * @param sampleCount m
     * @param precision   the training precision
     * @return the statistics on the device
     */
    public static DeviceStatistics upload(CudaDevice device, double[] sigmaXX, double[] sigmaYX, int outputDim,
                                          double tyy, long sampleCount, Precision precision) {
        int inputDim = (int) Math.round(Math.sqrt(sigmaXX.length));
        DeviceMatrix sxx = device.upload(sigmaXX, inputDim, inputDim, precision);
        DeviceMatrix syx = sigmaYX == null ? sxx : device.upload(sigmaYX, outputDim, inputDim, precision);
        return new DeviceStatistics(sxx, syx, tyy, sampleCount);
    }

    /** @return whether Y = X */
    public boolean isAutoencoder() {
        return sigmaYX == sigmaXX;
    }

    /** @return n' */
    public int inputDim() {
        return sigmaXX.rows();
    }

    /** @return n */
    public int outputDim() {
        return sigmaYX.rows();
    }

    @Override
    public void close() {
        if (!isAutoencoder()) {
            sigmaYX.close();
        }
        sigmaXX.close();
    }
}
