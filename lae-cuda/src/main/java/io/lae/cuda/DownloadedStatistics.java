package io.lae.cuda;

/**
 * Statistics accumulated on the GPU ({@link DeviceStatisticsAccumulator#download}) as plain host arrays, float64.
 *
 * @param sigmaXX     Σxx, n'×n', column-major (symmetric)
 * @param sigmaYX     Σyx, n×n', column-major, or null for an autoencoder
 * @param tyy         ‖Y‖², after centring if asked
 * @param sampleCount m
 * @param meanX       the mean input (length n'), whether or not it was subtracted
 * @param meanY       the mean target (length n), or null for an autoencoder
 */
public record DownloadedStatistics(double[] sigmaXX, double[] sigmaYX, double tyy, long sampleCount, double[] meanX,
                                   double[] meanY) {

    /** @return whether Y = X */
    public boolean isAutoencoder() {
        return sigmaYX == null;
    }
}
