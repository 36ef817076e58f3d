package io.lae.cuda;

import io.lae.LaeException;
import io.lae.Precision;
import io.lae.data.DataSource;
import io.lae.data.RowSink;
import io.lae.stats.Statistics;
import io.lae.stats.StatisticsAccumulator;
import io.lae.stats.StreamedStatistics;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Locale;
import java.util.function.LongConsumer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The statistics of {@code lae stats} and {@code lae train} computed on the GPU: the data sources' chunks go
 * through a {@link DeviceStatisticsAccumulator} (SYRK and GEMM in float64), and Σxx, Σyx, tyy and the means come
 * back to the host as {@link Statistics}. An autoencoder's rows are written by the source's reader straight into
 * the accumulator's page-locked staging buffers ({@link RowSink}: a {@code .npy} file decodes into them, data in
 * memory is copied once); each chunk is checked there for NaN and ±Inf before it is uploaded, so a bad sample is
 * named by its row, as on the host path. A regression reads both sources whole to pair their rows, as
 * {@link StatisticsAccumulator} does, and copies each chunk from them into the staging buffers.
 */
public final class CudaStatistics implements StreamedStatistics {

    /** The rows uploaded at a time: 8 192 × n float64 per buffer, large enough to keep SYRK busy. */
    static final int CHUNK_ROWS = 8192;

    private final CudaDevice device;

    /** @param device the GPU */
    public CudaStatistics(CudaDevice device) {
        this.device = device;
    }

    /**
     * @param inputDim  n'
     * @param targetDim n of a regression, or 0 for an autoencoder
     * @return whether the GPU has the free memory for the accumulator
     */
    public boolean fits(int inputDim, int targetDim) {
        return bytesNeeded(inputDim, targetDim) <= device.freeBytes();
    }

    private static long bytesNeeded(int inputDim, int targetDim) {
        return DeviceStatisticsAccumulator.bytesNeeded(inputDim, targetDim, CHUNK_ROWS, false, Precision.FLOAT64);
    }

    @Override
    public Statistics of(DataSource inputs, DataSource targets, boolean center, LongConsumer rowsDone) {
        int inputDim = inputs.columns();
        int targetDim = targets == null ? 0 : targets.columns();
        if (!fits(inputDim, targetDim)) {
            throw new CudaException(String.format(Locale.ROOT, "the statistics need %.2f GiB of GPU memory and %.2f GiB"
                    + " are free on %s: use --backend cpu", bytesNeeded(inputDim, targetDim) / 1073741824.0,
                    device.freeBytes() / 1073741824.0, device.description().name()));
        }
        try (DeviceStatisticsAccumulator acc = new DeviceStatisticsAccumulator(device, inputDim, targetDim, CHUNK_ROWS,
                false, Precision.FLOAT64)) {
            if (targets == null) {
                inputs.forEachChunk(CHUNK_ROWS, Precision.FLOAT64, new RowSink() {
                    @Override
                    public MemorySegment buffer(int rows) {
                        return acc.nextInputs();
                    }

                    @Override
                    public void filled(int rows) {
                        add(acc, rows, inputDim, 0, rowsDone);
                    }
                });
            } else {
                StatisticsAccumulator.requireOneTargetPerSample(inputs, targets);
                INDArray x = inputs.readAll();
                INDArray y = targets.readAll();
                for (long start = 0; start < x.rows(); start += CHUNK_ROWS) {
                    long end = Math.min(x.rows(), start + CHUNK_ROWS);
                    RowSink.copy(x.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()), acc.nextInputs(),
                            Precision.FLOAT64);
                    RowSink.copy(y.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()), acc.nextTargets(),
                            Precision.FLOAT64);
                    add(acc, (int) (end - start), inputDim, targetDim, rowsDone);
                }
            }
            if (acc.count() == 0) {
                throw new LaeException("the data set is empty: it needs at least one sample");
            }
            return onHost(acc.download(center), center);
        }
    }

    /** Checks the staged chunk's values, then adds it. */
    private static void add(DeviceStatisticsAccumulator acc, int rows, int inputDim, int targetDim,
                            LongConsumer rowsDone) {
        requireFinite(acc.nextInputs(), rows, inputDim, acc.count(), "input");
        if (targetDim > 0) {
            requireFinite(acc.nextTargets(), rows, targetDim, acc.count(), "target");
        }
        acc.addStaged(rows);
        rowsDone.accept(acc.count());
    }

    /**
     * @param values   a chunk, row-major float64, one sample per row
     * @param rows     its rows
     * @param width    the values per row
     * @param firstRow the 0-based row of its first sample in the data
     * @param what     "input" or "target"
     * @throws LaeException naming the first sample that holds NaN or ±Inf
     */
    static void requireFinite(MemorySegment values, int rows, int width, long firstRow, String what) {
        long count = (long) rows * width;
        for (long k = 0; k < count; k++) {
            if (!Double.isFinite(values.getAtIndex(ValueLayout.JAVA_DOUBLE, k))) {
                throw StatisticsAccumulator.nonFiniteSample(what, firstRow + k / width);
            }
        }
    }

    /**
     * @param stats  statistics copied from the GPU
     * @param center whether the means were subtracted
     * @return them as lae-core's statistics (an autoencoder's Σyx the same array as Σxx)
     */
    static Statistics onHost(DownloadedStatistics stats, boolean center) {
        int inputDim = stats.meanX().length;
        INDArray sxx = Nd4j.create(stats.sigmaXX(), new long[] {inputDim, inputDim}, 'f');
        INDArray meanX = Nd4j.createFromArray(stats.meanX());
        if (stats.isAutoencoder()) {
            return new Statistics(sxx, sxx, stats.tyy(), stats.sampleCount(), meanX, meanX, center);
        }
        int targetDim = stats.meanY().length;
        INDArray syx = Nd4j.create(stats.sigmaYX(), new long[] {targetDim, inputDim}, 'f');
        return new Statistics(sxx, syx, stats.tyy(), stats.sampleCount(), meanX,
                Nd4j.createFromArray(stats.meanY()), center);
    }
}
