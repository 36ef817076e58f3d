package io.lae.cuda;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import io.lae.Precision;
import io.lae.cuda.bind.CudaRuntime;
import java.lang.foreign.MemorySegment;

/**
 * Σxx of an autoencoder's samples accumulated on the GPU (docs/math.md §1): row chunks go through two
 * page-locked host buffers in turn (the host fills one while the device copies and multiplies the
 * other), are shifted by the first chunk's mean (so that centring loses no precision) and added by
 * SYRK in the accumulation precision; {@link #build} symmetrises, centres or un-shifts, and forms tyy.
 */
public final class DeviceStatisticsAccumulator implements AutoCloseable {

    private final CudaDevice device;
    private final int n;
    private final int chunkRows;
    private final Precision accumulation;
    private final boolean floatRows;
    private final MemorySegment[] pinned = new MemorySegment[2];
    private final MemorySegment[] copied = new MemorySegment[2];
    private final DeviceMatrix[] raw = new DeviceMatrix[2];
    private final DeviceMatrix shifted;
    private final DeviceMatrix moment;
    private final DeviceMatrix sums;
    private final DeviceMatrix ones;
    private DeviceMatrix shift;
    private long count;
    private int slot;
    private final boolean[] used = new boolean[2];
    /** Whether {@link #build} handed the moment to the statistics it returned. */
    private boolean built;

    /**
     * @param device       the GPU
     * @param n            the sample dimension
     * @param chunkRows    the most rows one {@link #add} call passes
     * @param floatRows    whether the rows come as float32 (else float64)
     * @param accumulation the precision of the sums (float64 unless float32 is asked for)
     */
    public DeviceStatisticsAccumulator(CudaDevice device, int n, int chunkRows, boolean floatRows,
                                       Precision accumulation) {
        this.device = device;
        this.n = n;
        this.chunkRows = chunkRows;
        this.floatRows = floatRows;
        this.accumulation = accumulation;
        Precision rowType = floatRows ? Precision.FLOAT32 : Precision.FLOAT64;
        long bytes = (long) chunkRows * n * rowType.bytes();
        for (int i = 0; i < 2; i++) {
            pinned[i] = device.runtime().mallocHost(bytes);
            copied[i] = device.runtime().eventCreate();
            raw[i] = device.zeros(n, chunkRows, rowType);
        }
        shifted = device.zeros(n, chunkRows, accumulation);
        moment = device.zeros(n, n, accumulation);
        sums = device.zeros(n, 1, accumulation);
        ones = device.upload(filled(chunkRows), chunkRows, 1, accumulation);
    }

    private static double[] filled(int length) {
        double[] values = new double[length];
        java.util.Arrays.fill(values, 1.0);
        return values;
    }

    /**
     * Adds {@code rows} float32 samples.
     *
     * @param data row-major, {@code rows}·n values
     */
    public void add(float[] data, int rows) {
        requireChunk(rows, data.length, true);
        MemorySegment target = hostSlot();
        MemorySegment.copy(data, 0, target, JAVA_FLOAT, 0, rows * n);
        shiftByTheFirstChunk(rows, k -> data[k]);
        enqueue(rows);
    }

    /**
     * Adds {@code rows} float64 samples.
     *
     * @param data row-major, {@code rows}·n values
     */
    public void add(double[] data, int rows) {
        requireChunk(rows, data.length, false);
        MemorySegment target = hostSlot();
        MemorySegment.copy(data, 0, target, JAVA_DOUBLE, 0, rows * n);
        shiftByTheFirstChunk(rows, k -> data[k]);
        enqueue(rows);
    }

    private void requireChunk(int rows, int length, boolean asFloat) {
        if (asFloat != floatRows || rows < 1 || rows > chunkRows || (long) rows * n > length) {
            throw new IllegalArgumentException(rows + " rows of " + n + " (" + length + " values) for chunks of "
                    + chunkRows + (floatRows ? " float32" : " float64") + " rows");
        }
    }

    /** @return the page-locked buffer to fill next, once the device has finished copying from it */
    private MemorySegment hostSlot() {
        if (used[slot]) {
            device.runtime().eventSynchronize(copied[slot]);
        }
        return pinned[slot];
    }

    /** The first chunk's mean becomes the shift of every chunk (entry k of the row-major chunk is {@code value(k)}). */
    private void shiftByTheFirstChunk(int rows, java.util.function.IntToDoubleFunction value) {
        if (shift != null) {
            return;
        }
        double[] mean = new double[n];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < n; i++) {
                mean[i] += value.applyAsDouble(r * n + i) / rows;
            }
        }
        shift = device.upload(mean, n, 1, accumulation);
    }

    private void enqueue(int rows) {
        Precision rowType = floatRows ? Precision.FLOAT32 : Precision.FLOAT64;
        long bytes = (long) rows * n * rowType.bytes();
        device.runtime().memcpyAsync(raw[slot].pointer(), pinned[slot], bytes, CudaRuntime.HOST_TO_DEVICE,
                device.stream());
        device.runtime().eventRecord(copied[slot], device.stream());
        used[slot] = true;
        DeviceMatrix chunk = shifted.block(0, n, rows);
        device.launch(floatRows ? "shift_float_rows" : "shift_double_rows", accumulation, (long) n * rows, n, rows,
                raw[slot], shift, chunk);
        device.cublas().gemv(accumulation.isDouble(), n, rows, 1, chunk.pointer(), n, ones.pointer(), 1,
                sums.pointer());
        device.cublas().syrkLower(accumulation.isDouble(), n, rows, 1, chunk.pointer(), n, 1, moment.pointer(), n);
        count += rows;
        slot = 1 - slot;
    }

    /** @return samples added so far */
    public long count() {
        return count;
    }

    /**
     * @param center   whether to subtract the mean
     * @param training the precision of the statistics returned
     * @return Σxx (= Σyx), tyy and m on the device; this accumulator's moment becomes theirs when the precisions agree
     * @throws CudaException if no sample was added or a sample holds NaN or infinity
     */
    public DeviceStatistics build(boolean center, Precision training) {
        if (count == 0) {
            throw new CudaException("the data set is empty: it needs at least one sample");
        }
        double[] columnSums = sums.download();
        for (double s : columnSums) {
            if (!Double.isFinite(s)) {
                throw new CudaException("the data hold NaN or infinity: remove or impute those samples");
            }
        }
        device.launch("symmetrize_lower", accumulation, (long) n * n, n, moment);
        device.launch("finish_moment", accumulation, (long) n * n, n, n, moment, sums, sums, shift, shift,
                new Kernels.F64(count), center ? 1 : 0);
        try (DeviceMatrix trace = device.zeros(1, 1, Precision.FLOAT64)) {
            device.launch("diagonal_sum", accumulation, n, n, moment, trace);
            double tyy = trace.download()[0];
            DeviceMatrix sigma = moment;
            if (training != accumulation) {
                if (training != Precision.FLOAT32) {
                    throw new CudaException("float32 sums cannot give float64 statistics: accumulate in float64");
                }
                sigma = device.zeros(n, n, Precision.FLOAT32);
                device.launch("double_to_float", accumulation, (long) n * n, (long) n * n, moment, sigma);
                moment.close();
            }
            built = true;
            return new DeviceStatistics(sigma, sigma, tyy, count);
        }
    }

    @Override
    public void close() {
        device.synchronize();
        for (int i = 0; i < 2; i++) {
            device.runtime().freeHost(pinned[i]);
            device.runtime().eventDestroy(copied[i]);
            raw[i].close();
        }
        shifted.close();
        sums.close();
        ones.close();
        if (shift != null) {
            shift.close();
        }
        if (!built) {
            moment.close();
        }
    }
}
