package io.lae.cuda;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import io.lae.Precision;
import io.lae.cuda.bind.CudaRuntime;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A column-major rows×cols matrix in device memory: entry (i, j) at i + j·rows. It owns its memory
 * unless it is a {@link #columns view} of another.
 */
public final class DeviceMatrix implements AutoCloseable {

    private final CudaDevice device;
    private final int rows;
    private final int cols;
    private final Precision precision;
    private final MemorySegment pointer;
    private final boolean owner;
    private boolean closed;

    private DeviceMatrix(CudaDevice device, int rows, int cols, Precision precision, MemorySegment pointer,
                         boolean owner) {
        this.device = device;
        this.rows = rows;
        this.cols = cols;
        this.precision = precision;
        this.pointer = pointer;
        this.owner = owner;
    }

    /** @return a new zero rows×cols matrix on {@code device} */
    static DeviceMatrix zeros(CudaDevice device, int rows, int cols, Precision precision) {
        long bytes = Math.max(1, (long) rows * cols * precision.bytes());
        DeviceMatrix m = new DeviceMatrix(device, rows, cols, precision, device.runtime().malloc(bytes), true);
        m.zero();
        return m;
    }

    /** @return columns [from, from + count) of this matrix, sharing its memory */
    public DeviceMatrix columns(int from, int count) {
        if (from < 0 || count < 0 || from + count > cols) {
            throw new IllegalArgumentException("columns " + from + "+" + count + " of " + cols);
        }
        return block((long) from * rows, rows, count);
    }

    /**
     * @param offset      the first entry, counted column-major
     * @param blockRows   the view's rows
     * @param blockCols   the view's columns
     * @return a contiguous blockRows×blockCols view of this matrix's memory from {@code offset} on
     */
    public DeviceMatrix block(long offset, int blockRows, int blockCols) {
        if (offset < 0 || offset + (long) blockRows * blockCols > length()) {
            throw new IllegalArgumentException("a " + blockRows + "×" + blockCols + " block at " + offset + " of "
                    + length() + " entries");
        }
        MemorySegment start = MemorySegment.ofAddress(pointer.address() + offset * precision.bytes());
        return new DeviceMatrix(device, blockRows, blockCols, precision, start, false);
    }

    /** @return whether {@code next} starts where this matrix's memory ends */
    boolean isFollowedBy(DeviceMatrix next) {
        return pointer.address() + bytes() == next.pointer.address();
    }

    /** @return the number of rows */
    public int rows() {
        return rows;
    }

    /** @return the number of columns */
    public int cols() {
        return cols;
    }

    /** @return rows·cols */
    public long length() {
        return (long) rows * cols;
    }

    /** @return the element type */
    public Precision precision() {
        return precision;
    }

    /** @return the device address */
    public MemorySegment pointer() {
        if (closed) {
            throw new IllegalStateException("device matrix used after close");
        }
        return pointer;
    }

    private long bytes() {
        return length() * precision.bytes();
    }

    /** Sets every entry to 0, on the device's stream. */
    public void zero() {
        device.runtime().zeroAsync(pointer(), bytes(), device.stream());
    }

    /**
     * Copies host values in (rounded to float32 for a float32 matrix); waits for the device's stream first.
     *
     * @param columnMajor rows·cols values, entry (i, j) at i + j·rows
     */
    public void upload(double[] columnMajor) {
        if (columnMajor.length != length()) {
            throw new IllegalArgumentException(columnMajor.length + " values for a " + rows + "×" + cols + " matrix");
        }
        device.synchronize();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment host = arena.allocate(Math.max(1, bytes()), 8);
            for (int k = 0; k < columnMajor.length; k++) {
                if (precision.isDouble()) {
                    host.setAtIndex(JAVA_DOUBLE, k, columnMajor[k]);
                } else {
                    host.setAtIndex(JAVA_FLOAT, k, (float) columnMajor[k]);
                }
            }
            device.runtime().memcpy(pointer(), host, bytes(), CudaRuntime.HOST_TO_DEVICE);
        }
    }

    /** @return the entries, column-major, after everything queued on the device's stream */
    public double[] download() {
        device.synchronize();
        double[] values = new double[Math.toIntExact(length())];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment host = arena.allocate(Math.max(1, bytes()), 8);
            device.runtime().memcpy(host, pointer(), bytes(), CudaRuntime.DEVICE_TO_HOST);
            for (int k = 0; k < values.length; k++) {
                values[k] = precision.isDouble() ? host.getAtIndex(JAVA_DOUBLE, k) : host.getAtIndex(JAVA_FLOAT, k);
            }
        }
        return values;
    }

    /** Copies {@code source}'s entries into this matrix of the same shape, on the device's stream. */
    public void copyFrom(DeviceMatrix source) {
        if (source.rows != rows || source.cols != cols || source.precision != precision) {
            throw new IllegalArgumentException("copy of a " + source.rows + "×" + source.cols + " into a " + rows
                    + "×" + cols);
        }
        device.runtime().memcpyAsync(pointer(), source.pointer(), bytes(), CudaRuntime.DEVICE_TO_DEVICE,
                device.stream());
    }

    @Override
    public void close() {
        if (!closed && owner) {
            device.synchronize();
            device.runtime().free(pointer);
        }
        closed = true;
    }
}
