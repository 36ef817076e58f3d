package io.lae.cuda;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import io.lae.Precision;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A column-major rows×cols matrix in device memory: entry (i, j) at i + j·rows. It owns its memory unless it is a
 * {@linkplain #block view} of another. A view never outlives the memory it shows: once the matrix that owns the
 * memory is closed, every use of a view of it ({@link #pointer}, and so every copy, GEMM or kernel argument) throws
 * {@link IllegalStateException} naming both, instead of reading or writing freed device memory. Closing a view
 * releases nothing; closing the owner twice releases once.
 */
public final class DeviceMatrix implements AutoCloseable {

    private final DeviceMemory memory;
    private final int rows;
    private final int cols;
    private final Precision precision;
    private final MemorySegment pointer;
    /** The matrix that owns the memory: this one, or the one a view was taken from. */
    private final DeviceMatrix owner;
    /** The first entry of a view in its owner, counted column-major; 0 for an owner. */
    private final long offset;
    private boolean closed;

    private DeviceMatrix(DeviceMemory memory, int rows, int cols, Precision precision, MemorySegment pointer,
                         DeviceMatrix owner, long offset) {
        this.memory = memory;
        this.rows = rows;
        this.cols = cols;
        this.precision = precision;
        this.pointer = pointer;
        this.owner = owner == null ? this : owner;
        this.offset = offset;
    }

    /** @return a new zero rows×cols matrix in {@code memory} */
    static DeviceMatrix zeros(DeviceMemory memory, int rows, int cols, Precision precision) {
        long bytes = Math.max(1, (long) rows * cols * precision.bytes());
        DeviceMatrix m = new DeviceMatrix(memory, rows, cols, precision, memory.allocate(bytes), null, 0);
        m.zero();
        return m;
    }

    /** @return columns [from, from + count) of this matrix, a view of its memory */
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
     * @return a contiguous blockRows×blockCols view of this matrix's memory from {@code offset} on, usable while the
     *     matrix that owns the memory is open
     * @throws IllegalStateException if this matrix, or the one it views, is closed
     */
    public DeviceMatrix block(long offset, int blockRows, int blockCols) {
        if (offset < 0 || offset + (long) blockRows * blockCols > length()) {
            throw new IllegalArgumentException("a " + blockRows + "×" + blockCols + " block at " + offset + " of "
                    + length() + " entries");
        }
        MemorySegment start = MemorySegment.ofAddress(pointer().address() + offset * precision.bytes());
        return new DeviceMatrix(memory, blockRows, blockCols, precision, start, owner, this.offset + offset);
    }

    /** @return whether {@code next} starts where this matrix's memory ends */
    boolean isFollowedBy(DeviceMatrix next) {
        return pointer().address() + bytes() == next.pointer().address();
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

    /**
     * @return the device address
     * @throws IllegalStateException if this matrix is closed, or it is a view and the matrix it views is closed
     */
    public MemorySegment pointer() {
        if (closed) {
            throw new IllegalStateException(this + " used after its close");
        }
        if (owner.closed) {
            throw new IllegalStateException(this + " used after " + owner + ", whose memory it shows, was closed");
        }
        return pointer;
    }

    private long bytes() {
        return length() * precision.bytes();
    }

    /** Sets every entry to 0, on the device's stream. */
    public void zero() {
        memory.zeroAsync(pointer(), bytes());
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
        MemorySegment device = pointer();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment host = arena.allocate(Math.max(1, bytes()), 8);
            for (int k = 0; k < columnMajor.length; k++) {
                if (precision.isDouble()) {
                    host.setAtIndex(JAVA_DOUBLE, k, columnMajor[k]);
                } else {
                    host.setAtIndex(JAVA_FLOAT, k, (float) columnMajor[k]);
                }
            }
            memory.toDevice(device, host, bytes());
        }
    }

    /** @return the entries, column-major, after everything queued on the device's stream */
    public double[] download() {
        MemorySegment device = pointer();
        double[] values = new double[Math.toIntExact(length())];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment host = arena.allocate(Math.max(1, bytes()), 8);
            memory.toHost(host, device, bytes());
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
        memory.copyAsync(pointer(), source.pointer(), bytes());
    }

    /** Releases the memory of a matrix that owns it (once); a view only becomes unusable. */
    @Override
    public void close() {
        if (!closed && owner == this) {
            memory.free(pointer);
        }
        closed = true;
    }

    /** @return the shape and element type, and for a view where it lies in which matrix */
    @Override
    public String toString() {
        String shape = "the " + rows + "×" + cols + " " + precision + " device matrix";
        return owner == this ? shape : shape + " viewing entries from " + offset + " of " + owner;
    }
}
