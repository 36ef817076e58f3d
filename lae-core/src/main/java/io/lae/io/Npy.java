package io.lae.io;

import io.lae.LaeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Reads and writes whole NumPy {@code .npy} files. See {@link NpyReader} to read large files in
 * blocks of rows.
 */
public final class Npy {

    private Npy() {
    }

    /**
     * Reads a whole {@code .npy} file, as {@link NpyReader#readAll()} does.
     *
     * @param file the file
     * @return a float64 C-order array of the file's shape (rank 0, 1 or 2)
     * @throws LaeException if the file is missing, unreadable, invalid, truncated, of an
     *                      unsupported dtype or of rank above 2
     */
    public static INDArray read(Path file) {
        try (NpyReader reader = new NpyReader(file)) {
            return reader.readAll();
        }
    }

    /**
     * Writes a vector or matrix as little-endian float64 in C order, as {@code numpy.save} does;
     * see {@link #write(Path, INDArray, DataType)}.
     *
     * @param file  the file; replaced if it exists
     * @param array a rank-1 or rank-2 array of any dtype, in any order, possibly a view
     * @throws LaeException if the rank is not supported, the path is a directory, or writing fails
     */
    public static void write(Path file, INDArray array) {
        write(file, array, DataType.DOUBLE);
    }

    /**
     * Writes a vector or matrix in C order with the file's shape equal to the array's, as
     * {@code numpy.save} does: a version 1.0 header padded so that the data starts at a multiple of
     * 64 bytes. The file is written under a temporary name in the same directory, then renamed, so
     * readers never see a partial file and a failed write leaves any old file as it was.
     *
     * @param file  the file; replaced if it exists
     * @param array a rank-1 or rank-2 array of any dtype, in any order, possibly a view
     * @param type  {@link DataType#DOUBLE} to write {@code <f8} or {@link DataType#FLOAT} to write
     *              {@code <f4} (values are rounded to the nearest float)
     * @throws LaeException if the type or rank is not supported, the path is a directory, or
     *                      writing fails
     */
    public static void write(Path file, INDArray array, DataType type) {
        String descr = descr(file.toString(), array, type);
        NpyFiles.requireNotDirectory(file);
        writeAtomically(file, descr, array, type);
    }

    /** @return the header's {@code descr} of {@code type}, after checking the type and the array's rank */
    static String descr(String file, INDArray array, DataType type) {
        String descr = switch (type) {
            case DOUBLE -> "<f8";
            case FLOAT -> "<f4";
            default -> throw new LaeException(file + ": cannot write " + type + " elements; lae writes"
                    + " FLOAT (float32) or DOUBLE (float64)");
        };
        if (array.rank() != 1 && array.rank() != 2) {
            throw new LaeException(file + ": cannot write an array of rank " + array.rank() + " (shape "
                    + Arrays.toString(array.shape()) + "); lae writes vectors and matrices, reshape it to 2-D");
        }
        return descr;
    }

    /** Writes to a new temporary file next to {@code file}, then renames it to {@code file}. */
    private static void writeAtomically(Path file, String descr, INDArray array, DataType type) {
        Path target = file.toAbsolutePath();
        Path temp = AtomicFiles.tempBeside(target);
        boolean written = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                writeFully(channel, ByteBuffer.wrap(NpyHeader.encode(descr, array.shape())));
                writeData(channel, array, type);
                channel.force(true);
            }
            AtomicFiles.replace(temp, target);
            written = true;
        } catch (IOException e) {
            throw NpyFiles.writeFailure(file.toString(), e);
        } finally {
            if (!written) {
                AtomicFiles.deleteQuietly(temp);
            }
        }
    }

    /** Writes the elements in C order, converting a block of rows at a time. */
    static void writeData(WritableByteChannel channel, INDArray array, DataType type) throws IOException {
        if (array.isEmpty()) {
            return;
        }
        INDArray matrix = array.rank() == 1 ? array.reshape(array.length(), 1) : array;
        long rows = matrix.size(0);
        long columns = matrix.size(1);
        int blockRows = NpyFiles.blockRows(rows, columns, NpyFiles.BLOCK_ELEMENTS);
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(blockRows * columns * type.width()))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (long r = 0; r < rows; r += blockRows) {
            INDArray block = matrix.get(NDArrayIndex.interval(r, Math.min(rows, r + blockRows)), NDArrayIndex.all());
            buffer.clear();
            for (double value : block.castTo(DataType.DOUBLE).dup('c').data().asDouble()) {
                if (type == DataType.FLOAT) {
                    buffer.putFloat((float) value);
                } else {
                    buffer.putDouble(value);
                }
            }
            writeFully(channel, buffer.flip());
        }
    }

    static void writeFully(WritableByteChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
