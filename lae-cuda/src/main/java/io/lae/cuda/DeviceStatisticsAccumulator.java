package io.lae.cuda;

import io.lae.Precision;
import io.lae.cuda.bind.CudaRuntime;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * The statistics of docs/math.md §1 accumulated on the GPU: Σxx = XXᵀ, and for a regression Σyx = YXᵀ and
 * tyy = ‖Y‖². Row chunks go through two page-locked host buffers in turn (the host fills one while the
 * device copies and multiplies the other; a reader can decode straight into them, {@link #nextInputs}) and are
 * shifted by the first chunk's mean, so that centring loses no precision; SYRK adds X̃X̃ᵀ, GEMM adds ỸX̃ᵀ, in the
 * accumulation precision. {@link #build} symmetrises, centres or un-shifts (the moment P of shifted samples becomes P − s_y s_xᵀ/m, or
 * P + a s_xᵀ + s_y bᵀ + m a bᵀ for shifts a, b and shifted sums s), and forms tyy.
 */
public final class DeviceStatisticsAccumulator implements AutoCloseable {

    private final CudaDevice device;
    private final int chunkRows;
    private final Precision accumulation;
    private final boolean floatRows;
    private final Rows inputs;
    /** The targets' chunks, or null for an autoencoder. */
    private final Rows targets;
    private final DeviceMatrix momentXX;
    /** Σ ỹ ỹᵀ's trace so far, for a regression's tyy. */
    private final DeviceMatrix targetSquares;
    private final DeviceMatrix momentYX;
    private final DeviceMatrix ones;
    private long count;
    private int slot;
    /** Whether {@link #build} handed the moments to the statistics it returned. */
    private boolean built;

    /**
     * An autoencoder's accumulator (Y = X).
     *
     * @param device       the GPU
     * @param n            the sample dimension
     * @param chunkRows    the most rows one {@link #add} call passes
     * @param floatRows    whether the rows come as float32 (else float64)
     * @param accumulation the precision of the sums (float64 unless float32 is asked for)
     */
    public DeviceStatisticsAccumulator(CudaDevice device, int n, int chunkRows, boolean floatRows,
                                       Precision accumulation) {
        this(device, n, 0, chunkRows, floatRows, accumulation);
    }

    /**
     * @param device       the GPU
     * @param inputDim     n', the input dimension
     * @param targetDim    n, the target dimension of a regression, or 0 for an autoencoder
     * @param chunkRows    the most rows one {@code add} call passes
     * @param floatRows    whether the rows come as float32 (else float64)
     * @param accumulation the precision of the sums (float64 unless float32 is asked for)
     */
    public DeviceStatisticsAccumulator(CudaDevice device, int inputDim, int targetDim, int chunkRows,
                                       boolean floatRows, Precision accumulation) {
        this.device = device;
        this.chunkRows = chunkRows;
        this.floatRows = floatRows;
        this.accumulation = accumulation;
        inputs = new Rows(inputDim);
        targets = targetDim > 0 ? new Rows(targetDim) : null;
        momentXX = device.zeros(inputDim, inputDim, accumulation);
        momentYX = targets == null ? null : device.zeros(targetDim, inputDim, accumulation);
        targetSquares = targets == null ? null : device.zeros(1, 1, Precision.FLOAT64);
        double[] filled = new double[chunkRows];
        Arrays.fill(filled, 1.0);
        ones = device.upload(filled, chunkRows, 1, accumulation);
    }

    /**
     * @param inputDim     n'
     * @param targetDim    n of a regression, or 0 for an autoencoder
     * @param chunkRows    the most rows one {@code add} call passes
     * @param floatRows    whether the rows come as float32
     * @param accumulation the precision of the sums
     * @return the device memory an accumulator of this shape allocates: the moments, and per side two raw chunks, the
     *     shifted chunk, the sums and the shift
     */
    public static long bytesNeeded(int inputDim, int targetDim, int chunkRows, boolean floatRows,
                                   Precision accumulation) {
        long rowBytes = floatRows ? Float.BYTES : Double.BYTES;
        long side = (long) inputDim + targetDim;
        long moments = (long) inputDim * inputDim + (long) targetDim * inputDim;
        return accumulation.bytes() * (moments + side * ((long) chunkRows + 2) + chunkRows + 1)
                + 2 * rowBytes * side * chunkRows;
    }

    /**
     * Adds {@code rows} float32 samples of an autoencoder.
     *
     * @param data row-major, {@code rows}·n values
     */
    public void add(float[] data, int rows) {
        add(data, null, rows);
    }

    /**
     * Adds {@code rows} float32 samples.
     *
     * @param x row-major, {@code rows}·n' values
     * @param y row-major, {@code rows}·n values, or null for an autoencoder
     */
    public void add(float[] x, float[] y, int rows) {
        add(rows, true, MemorySegment.ofArray(x), y == null ? null : MemorySegment.ofArray(y));
    }

    /**
     * Adds {@code rows} float64 samples of an autoencoder.
     *
     * @param data row-major, {@code rows}·n values
     */
    public void add(double[] data, int rows) {
        add(data, null, rows);
    }

    /**
     * Adds {@code rows} float64 samples.
     *
     * @param x row-major, {@code rows}·n' values
     * @param y row-major, {@code rows}·n values, or null for an autoencoder
     */
    public void add(double[] x, double[] y, int rows) {
        add(rows, false, MemorySegment.ofArray(x), y == null ? null : MemorySegment.ofArray(y));
    }

    /**
     * @param x the inputs' values (a segment over the caller's array)
     * @param y the targets' values, or null for an autoencoder
     */
    private void add(int rows, boolean asFloat, MemorySegment x, MemorySegment y) {
        long valueBytes = asFloat ? Float.BYTES : Double.BYTES;
        requireChunk(rows, asFloat, x.byteSize() / valueBytes, y == null ? -1 : y.byteSize() / valueBytes);
        MemorySegment.copy(x, 0, nextInputs(), 0, (long) rows * inputs.width * valueBytes);
        if (targets != null) {
            MemorySegment.copy(y, 0, nextTargets(), 0, (long) rows * targets.width * valueBytes);
        }
        addStaged(rows);
    }

    /**
     * @return the page-locked buffer the next chunk's inputs go into, once the device has finished copying the chunk
     *     it last held: room for {@code chunkRows} rows of n' values, row-major, float32 or float64 as the rows come;
     *     a reader can decode into it with no copy in between. It is freed, and unusable, once this accumulator closes
     */
    public MemorySegment nextInputs() {
        return inputs.staging();
    }

    /**
     * @return the page-locked buffer the next chunk's targets go into, as {@link #nextInputs} for the inputs
     * @throws IllegalStateException for an autoencoder's accumulator
     */
    public MemorySegment nextTargets() {
        if (targets == null) {
            throw new IllegalStateException("an autoencoder's accumulator takes no targets");
        }
        return targets.staging();
    }

    /**
     * Adds the chunk written into {@link #nextInputs} (and {@link #nextTargets} for a regression).
     *
     * @param rows its rows, 1 to {@code chunkRows}
     */
    public void addStaged(int rows) {
        if (rows < 1 || rows > chunkRows) {
            throw new IllegalArgumentException(rows + " rows for chunks of at most " + chunkRows);
        }
        inputs.takeShift(rows);
        if (targets != null) {
            targets.takeShift(rows);
        }
        enqueue(rows);
    }

    /** @param yLength the targets' length, or −1 when none were passed */
    private void requireChunk(int rows, boolean asFloat, long xLength, long yLength) {
        if (asFloat != floatRows || rows < 1 || rows > chunkRows || (long) rows * inputs.width > xLength) {
            throw new IllegalArgumentException(rows + " rows of " + inputs.width + " (" + xLength
                    + " values) for chunks of " + chunkRows + (floatRows ? " float32" : " float64") + " rows");
        }
        if ((targets == null) != (yLength < 0)) {
            throw new IllegalArgumentException(targets == null ? "an autoencoder's accumulator takes no targets"
                    : "a regression's accumulator needs the targets of every row");
        }
        if (targets != null && (long) rows * targets.width > yLength) {
            throw new IllegalArgumentException(rows + " rows of " + targets.width + " targets, but " + yLength
                    + " values");
        }
    }

    private void enqueue(int rows) {
        DeviceMatrix x = inputs.upload(rows);
        device.cublas().syrkLower(accumulation.isDouble(), inputs.width, rows, 1, x.pointer(), inputs.width, 1,
                momentXX.pointer(), inputs.width);
        if (targets != null) {
            DeviceMatrix y = targets.upload(rows);
            device.cublas().gemm(accumulation.isDouble(), false, true, targets.width, inputs.width, rows, 1,
                    y.pointer(), targets.width, x.pointer(), inputs.width, 1, momentYX.pointer(), targets.width);
            device.launch(new Kernel.SumOfSquares(targets.width, rows, y, targetSquares), accumulation);
        }
        count += rows;
        slot = 1 - slot;
    }

    /** @return samples added so far */
    public long count() {
        return count;
    }

    /**
     * @param center   whether to subtract the means
     * @param training the precision of the statistics returned
     * @return Σxx, Σyx (Σxx itself for an autoencoder), tyy and m on the device; this accumulator's moments become
     *     theirs when the precisions agree
     * @throws CudaException if no sample was added or a sample holds NaN or infinity
     */
    public DeviceStatistics build(boolean center, Precision training) {
        if (count == 0) {
            throw new CudaException("the data set is empty: it needs at least one sample");
        }
        if (training != accumulation && training != Precision.FLOAT32) {
            throw new CudaException("float32 sums cannot give float64 statistics: accumulate in float64");
        }
        double[] inputSums = inputs.finiteSums();
        device.launch(new Kernel.SymmetrizeLower(inputs.width, momentXX), accumulation);
        finish(momentXX, inputs, inputs, center);
        double tyy;
        if (targets == null) {
            try (DeviceMatrix trace = device.zeros(1, 1, Precision.FLOAT64)) {
                device.launch(new Kernel.DiagonalSum(inputs.width, momentXX, trace), accumulation);
                tyy = trace.download()[0];
            }
        } else {
            double[] targetSums = targets.finiteSums();
            finish(momentYX, targets, inputs, center);
            tyy = unshiftedSquares(targetSquares.download()[0], targetSums, targets.shift.download(), center);
        }
        DeviceMatrix sxx = inTraining(momentXX, training);
        DeviceMatrix syx = targets == null ? sxx : inTraining(momentYX, training);
        built = true;
        return new DeviceStatistics(sxx, syx, tyy, count);
    }

    /**
     * Builds the statistics in float64 and copies them to the host, with the means.
     *
     * @param center whether to subtract the means
     * @return Σxx, Σyx (null for an autoencoder), tyy, m and the means x̄ = a + s/m (a the shift, s the shifted sums)
     * @throws CudaException if no sample was added or a sample holds NaN or infinity
     */
    public DownloadedStatistics download(boolean center) {
        if (!accumulation.isDouble()) {
            throw new IllegalStateException("statistics for the host are accumulated in float64");
        }
        try (DeviceStatistics stats = build(center, Precision.FLOAT64)) {
            return new DownloadedStatistics(stats.sigmaXX().download(),
                    stats.isAutoencoder() ? null : stats.sigmaYX().download(), stats.tyy(), count, inputs.mean(),
                    targets == null ? null : targets.mean());
        }
    }

    /** The moment of shifted rows P = Σ (y − a)(x − b)ᵀ becomes the centred or the raw moment. */
    private void finish(DeviceMatrix moment, Rows left, Rows right, boolean center) {
        device.launch(new Kernel.FinishMoment(left.width, right.width, moment, left.sums, right.sums, left.shift,
                right.shift, count, center), accumulation);
    }

    /**
     * @param squares Σ_s ‖y_s − a‖², a the shift
     * @param sums    s = Σ_s (y_s − a)
     * @param shift   a
     * @return Σ_s ‖y_s − ȳ‖² = squares − ‖s‖²/m when centring, else Σ_s ‖y_s‖² = squares + 2 aᵀs + m‖a‖²
     */
    private double unshiftedSquares(double squares, double[] sums, double[] shift, boolean center) {
        double tyy = squares;
        for (int i = 0; i < sums.length; i++) {
            tyy += center ? -sums[i] * sums[i] / count : 2 * shift[i] * sums[i] + count * shift[i] * shift[i];
        }
        return tyy;
    }

    /** @return {@code moment} in the training precision: itself, or a float32 copy (the moment is freed) */
    private DeviceMatrix inTraining(DeviceMatrix moment, Precision training) {
        if (training == accumulation) {
            return moment;
        }
        long size = moment.length();
        DeviceMatrix converted = device.zeros(moment.rows(), moment.cols(), Precision.FLOAT32);
        device.launch(new Kernel.DoubleToFloat(size, moment, converted), accumulation);
        moment.close();
        return converted;
    }

    @Override
    public void close() {
        device.synchronize();
        inputs.close();
        if (targets != null) {
            targets.close();
            targetSquares.close();
        }
        ones.close();
        if (!built) {
            momentXX.close();
            if (momentYX != null) {
                momentYX.close();
            }
        }
    }

    /**
     * One side's chunks (the inputs, or a regression's targets): two page-locked buffers used in turn with
     * their device copies, the chunk shifted by the first chunk's mean, and the running column sums of the
     * shifted rows.
     */
    private final class Rows implements AutoCloseable {
        final int width;
        /** Frees the page-locked buffers when it closes, after which any use of them throws. */
        private final Arena staging = Arena.ofShared();
        private final MemorySegment[] pinned = new MemorySegment[2];
        private final MemorySegment[] copied = new MemorySegment[2];
        private final DeviceMatrix[] raw = new DeviceMatrix[2];
        private final boolean[] used = new boolean[2];
        private final DeviceMatrix shifted;
        final DeviceMatrix sums;
        DeviceMatrix shift;

        Rows(int width) {
            this.width = width;
            Precision rowType = rowType();
            for (int i = 0; i < 2; i++) {
                pinned[i] = device.runtime().mallocHost((long) chunkRows * width * rowType.bytes())
                        .reinterpret(staging, device.runtime()::freeHost);
                copied[i] = device.runtime().eventCreate();
                raw[i] = device.zeros(width, chunkRows, rowType);
            }
            shifted = device.zeros(width, chunkRows, accumulation);
            sums = device.zeros(width, 1, accumulation);
        }

        private Precision rowType() {
            return floatRows ? Precision.FLOAT32 : Precision.FLOAT64;
        }

        /** @return the current slot's page-locked buffer, once the device has finished copying from it */
        MemorySegment staging() {
            if (used[slot]) {
                device.runtime().eventSynchronize(copied[slot]);
                used[slot] = false;
            }
            return pinned[slot];
        }

        /**
         * Takes the first chunk's mean as the shift of every chunk.
         *
         * @param rows the rows staged in the current slot
         */
        void takeShift(int rows) {
            if (shift != null) {
                return;
            }
            MemorySegment values = pinned[slot];
            double[] mean = new double[width];
            for (int r = 0; r < rows; r++) {
                for (int i = 0; i < width; i++) {
                    long k = (long) r * width + i;
                    mean[i] += (floatRows ? values.getAtIndex(ValueLayout.JAVA_FLOAT, k)
                            : values.getAtIndex(ValueLayout.JAVA_DOUBLE, k)) / rows;
                }
            }
            shift = device.upload(mean, width, 1, accumulation);
        }

        /** @return the staged chunk on the device, shifted, width×rows; its column sums are added to {@link #sums} */
        DeviceMatrix upload(int rows) {
            device.runtime().memcpyAsync(raw[slot].pointer(), pinned[slot], (long) rows * width * rowType().bytes(),
                    CudaRuntime.HOST_TO_DEVICE, device.stream());
            device.runtime().eventRecord(copied[slot], device.stream());
            used[slot] = true;
            DeviceMatrix chunk = shifted.block(0, width, rows);
            device.launch(floatRows ? new Kernel.ShiftFloatRows(width, rows, raw[slot], shift, chunk)
                    : new Kernel.ShiftDoubleRows(width, rows, raw[slot], shift, chunk), accumulation);
            device.cublas().gemv(accumulation.isDouble(), width, rows, 1, chunk.pointer(), width, ones.pointer(), 1,
                    sums.pointer());
            return chunk;
        }

        /** @return the column sums of the shifted rows @throws CudaException if one is NaN or infinite */
        double[] finiteSums() {
            double[] values = sums.download();
            for (double s : values) {
                if (!Double.isFinite(s)) {
                    throw new CudaException("the data hold NaN or infinity: remove or impute those samples");
                }
            }
            return values;
        }

        /** @return the mean row a + s/m, for shift a and shifted column sums s */
        double[] mean() {
            double[] mean = shift.download();
            double[] shiftedSums = sums.download();
            for (int i = 0; i < width; i++) {
                mean[i] += shiftedSums[i] / count;
            }
            return mean;
        }

        @Override
        public void close() {
            staging.close();
            for (int i = 0; i < 2; i++) {
                device.runtime().eventDestroy(copied[i]);
                raw[i].close();
            }
            shifted.close();
            sums.close();
            if (shift != null) {
                shift.close();
            }
        }
    }
}
