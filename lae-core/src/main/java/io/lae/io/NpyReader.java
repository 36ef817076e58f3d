package io.lae.io;

import io.lae.LaeException;
import io.lae.Precision;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Reads a NumPy {@code .npy} file whole or in blocks of rows, converting any supported dtype to float64 (or, when
 * it decodes {@linkplain #readRows(long, int, MemorySegment, Precision) into memory the caller owns}, to float32):
 * {@code float64}, {@code float32}, signed and unsigned integers of 1 to 8 bytes and {@code bool}, in either byte
 * order, stored in C or Fortran order.
 *
 * <p>The file is seen as a matrix: a 2-D array as it is, a 1-D array of length n as n rows of one
 * column, and a 0-d array as one row of one column. Arrays with more dimensions are rejected when
 * the reader opens. Data is read through a fixed-size buffer, so {@link #readRows} can stream over
 * files larger than memory. A reader is not thread-safe.
 */
public final class NpyReader implements AutoCloseable {

    /** The longest row a block can hold: the largest Java array. */
    private static final long MAX_COLUMNS = Integer.MAX_VALUE - 8;

    private final String file;
    private final FileChannel channel;
    private final NpyHeader header;
    private final NpyDtype dtype;
    private final long rows;
    private final long columns;
    private final int blockElements;
    private final ByteBuffer buffer;
    private Sha256Stream sha;

    /**
     * Opens a file and checks its header, its dtype, its rank and that it holds all the data
     * the header promises.
     *
     * @param file the {@code .npy} file
     * @throws LaeException if the file is missing, unreadable, not a valid {@code .npy} file, of an
     *                      unsupported dtype, of rank above 2, or truncated
     */
    public NpyReader(Path file) {
        this(file, NpyFiles.BLOCK_ELEMENTS);
    }

    /** As {@link #NpyReader(Path)}, decoding at most {@code blockElements} elements at a time. */
    NpyReader(Path path, int blockElements) {
        this.file = path.toString();
        this.blockElements = blockElements;
        try {
            this.channel = NpyFiles.openForReading(path);
        } catch (IOException e) {
            throw NpyFiles.readFailure(file, e);
        }
        boolean opened = false;
        try {
            this.header = NpyHeader.read(channel, file);
            this.dtype = NpyDtype.parse(header.descr(), file);
            long[] shape = checkShape(header.shape());
            this.rows = shape.length == 0 ? 1 : shape[0];
            this.columns = shape.length == 2 ? shape[1] : 1;
            checkComplete(channel.size() - header.dataOffset());
            this.buffer = ByteBuffer.allocate((int) Math.max(1, Math.min(blockElements, header.elementCount()))
                    * dtype.size());
            opened = true;
        } catch (IOException e) {
            throw NpyFiles.readFailure(file, e);
        } finally {
            if (!opened) {
                closeQuietly();
            }
        }
    }

    private long[] checkShape(long[] shape) {
        if (shape.length > 2) {
            throw new LaeException(file + ": a " + NpyHeader.describe(shape) + " array has " + shape.length
                    + " dimensions but lae reads only vectors and matrices; reshape it to 2-D"
                    + " (rows x columns) before saving");
        }
        if (shape.length == 2 && shape[1] > MAX_COLUMNS) {
            throw new LaeException(file + ": rows of " + shape[1] + " values are too long (lae reads at most "
                    + MAX_COLUMNS + " per row); save the transpose or split the columns");
        }
        return shape;
    }

    /** The data must be exactly what the header promises: fewer bytes is a truncated file, more is not a .npy file. */
    private void checkComplete(long available) {
        BigInteger promised = BigInteger.valueOf(header.elementCount()).multiply(BigInteger.valueOf(dtype.size()));
        if (header.elementCount() > available / dtype.size()) {
            throw new LaeException(file + ": truncated: the header promises " + NpyHeader.describe(header.shape())
                    + " " + dtype.kind().numpyName() + " (" + promised + " bytes) but only " + available
                    + " bytes follow; the file is incomplete, save the array again");
        }
        if (BigInteger.valueOf(available).compareTo(promised) > 0) {
            throw new LaeException(file + ": " + BigInteger.valueOf(available).subtract(promised) + " bytes follow the "
                    + promised + " bytes of data the header promises (" + NpyHeader.describe(header.shape()) + " "
                    + dtype.kind().numpyName() + "); this is not a file numpy.save wrote: save the array again");
        }
    }

    /**
     * Hashes the file's bytes as this reader reads them: the header at once, then each block of data. Reading every
     * row in order ({@link #readAll}, or {@link #readRows} from row 0 on) of a C-order file hashes the whole file;
     * a Fortran-order file is read a column at a time, so its hash {@linkplain Sha256Stream#isContiguous() breaks}.
     *
     * @param into the digest to feed
     * @throws LaeException if reading the header fails
     */
    public void hashInto(Sha256Stream into) {
        ByteBuffer headerBytes = ByteBuffer.allocate(Math.toIntExact(header.dataOffset()));
        try {
            NpyFiles.readFully(channel, headerBytes, 0);
        } catch (IOException e) {
            throw NpyFiles.readFailure(file, e);
        }
        into.update(0, headerBytes.flip());
        this.sha = into;
    }

    /** @return the file's size in bytes: the header and the data it promises */
    public long size() {
        return header.dataOffset() + header.elementCount() * dtype.size();
    }

    /** @return the file's header */
    public NpyHeader header() {
        return header;
    }

    /** @return the number of rows: the first dimension, the length of a 1-D array, 1 for a 0-d array */
    public long rows() {
        return rows;
    }

    /** @return the number of columns: the second dimension, or 1 for a 1-D or 0-d array */
    public long columns() {
        return columns;
    }

    /**
     * Reads the whole array.
     *
     * @return a float64 C-order array of the file's shape (rank 0, 1 or 2)
     * @throws LaeException if reading fails
     */
    public INDArray readAll() {
        INDArray matrix = read(0, rows);
        return switch (header.rank()) {
            case 0 -> Nd4j.scalar(matrix.getDouble(0));
            case 1 -> matrix.reshape('c', new long[] {rows});
            default -> matrix;
        };
    }

    /**
     * Reads consecutive rows: one contiguous read for a C-order file, one read per column for a
     * Fortran-order file.
     *
     * @param firstRow the first row to read, from 0
     * @param count    how many rows to read
     * @return a float64 C-order {@code count x columns()} array
     * @throws IllegalArgumentException if the rows are not all in the file
     * @throws IllegalStateException    if the reader is closed
     * @throws LaeException             if reading fails
     */
    public INDArray readRows(long firstRow, int count) {
        requireRows(firstRow, count);
        return read(firstRow, count);
    }

    /**
     * Reads consecutive rows straight into {@code out}, row-major, converted to {@code precision}, with no array in
     * between: memory the caller owns, such as a GPU's page-locked staging buffer. A C-order file is read in
     * contiguous runs, a Fortran-order file one column at a time; rows read in order from row 0 are hashed as
     * {@link #readRows(long, int)} hashes them.
     *
     * @param firstRow  the first row to read, from 0
     * @param count     how many rows to read
     * @param out       room for {@code count × columns()} values of {@code precision}
     * @param precision the values' type in {@code out}
     * @throws IllegalArgumentException if the rows are not all in the file, or {@code out} is too small
     * @throws IllegalStateException    if the reader is closed
     * @throws LaeException             if reading fails
     */
    public void readRows(long firstRow, int count, MemorySegment out, Precision precision) {
        requireRows(firstRow, count);
        if (out.byteSize() / precision.bytes() < count * columns) {
            throw new IllegalArgumentException(file + ": " + count + " rows of " + columns + " values do not fit in "
                    + out.byteSize() + " bytes of " + precision);
        }
        requireOpen();
        try {
            readInto(firstRow, count, out, precision);
        } catch (IOException e) {
            throw NpyFiles.readFailure(file, e);
        }
    }

    private void requireRows(long firstRow, int count) {
        if (firstRow < 0 || count < 0 || firstRow > rows - count) {
            throw new IllegalArgumentException(file + ": cannot read " + count + " rows from row " + firstRow
                    + " of " + rows);
        }
    }

    private void requireOpen() {
        if (!channel.isOpen()) {
            throw new IllegalStateException(file + ": the reader is closed");
        }
    }

    private INDArray read(long firstRow, long count) {
        requireOpen();
        if (count == 0 || columns == 0) {
            return Nd4j.create(DataType.DOUBLE, count, columns);
        }
        int blockRows = NpyFiles.blockRows(count, columns, blockElements);
        try {
            if (count == blockRows) {
                return readBlock(firstRow, blockRows);
            }
            INDArray out = Nd4j.create(DataType.DOUBLE, count, columns);
            for (long r = 0; r < count; r += blockRows) {
                int n = (int) Math.min(blockRows, count - r);
                out.get(NDArrayIndex.interval(r, r + n), NDArrayIndex.all()).assign(readBlock(firstRow + r, n));
            }
            return out;
        } catch (IOException e) {
            throw NpyFiles.readFailure(file, e);
        }
    }

    /** Reads {@code n} rows (n x columns at most max(blockElements, columns) values). */
    private INDArray readBlock(long firstRow, int n) throws IOException {
        double[] values = new double[Math.toIntExact(n * columns)];
        readInto(firstRow, n, MemorySegment.ofArray(values), Precision.FLOAT64);
        return Nd4j.createFromArray(values).reshape('c', n, columns);
    }

    /** Decodes rows [firstRow, firstRow + n) into {@code out}, row-major, as {@code precision}. */
    private void readInto(long firstRow, long n, MemorySegment out, Precision precision) throws IOException {
        if (header.fortranOrder()) {
            for (long j = 0; j < columns; j++) {
                readRun(j * rows + firstRow, out, j, columns, n, precision);
            }
        } else {
            readRun(firstRow * columns, out, 0, 1, n * columns, precision);
        }
    }

    /**
     * Decodes the {@code n} consecutive file elements from element number {@code first} into elements
     * {@code start}, {@code start + stride}, and so on of {@code out}, one buffer at a time.
     */
    private void readRun(long first, MemorySegment out, long start, long stride, long n, Precision precision)
            throws IOException {
        int perRead = buffer.capacity() / dtype.size();
        for (long done = 0; done < n; done += perRead) {
            int k = (int) Math.min(perRead, n - done);
            buffer.clear().limit(k * dtype.size());
            long position = header.dataOffset() + (first + done) * dtype.size();
            NpyFiles.readFully(channel, buffer, position);
            buffer.flip();
            if (sha != null) {
                sha.update(position, buffer);
            }
            dtype.decode(buffer, out, start + done * stride, stride, k, precision);
        }
    }

    /**
     * Closes the file; later reads fail.
     *
     * @throws LaeException if closing fails
     */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw NpyFiles.readFailure(file, e);
        }
    }

    private void closeQuietly() {
        try {
            channel.close();
        } catch (IOException e) {
            // The failure that made the reader give up is the one to report.
        }
    }
}
