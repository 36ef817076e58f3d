package io.lae.io;

import io.lae.LaeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes an m×n float64 {@code .npy} file a block of rows at a time, for outputs larger than memory
 * ({@code lae encode}): the header states the final shape up front, the rows are appended, and only a
 * file with all m rows replaces {@code file} on {@link #close()} (as {@link Npy#write} does, through a
 * temporary file beside it).
 */
public final class NpyRowWriter implements AutoCloseable {

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final long rows;
    private final long columns;
    private long written;

    /**
     * @param file    the file; replaced once all rows are written
     * @param rows    m
     * @param columns n
     * @throws LaeException if the file cannot be created
     */
    public NpyRowWriter(Path file, long rows, long columns) {
        NpyFiles.requireNotDirectory(file);
        this.target = file.toAbsolutePath();
        this.temp = AtomicFiles.tempBeside(target);
        this.rows = rows;
        this.columns = columns;
        try {
            this.channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Npy.writeFully(channel, ByteBuffer.wrap(NpyHeader.encode("<f8", new long[] {rows, columns})));
        } catch (IOException e) {
            AtomicFiles.deleteQuietly(temp);
            throw NpyFiles.writeFailure(file.toString(), e);
        }
    }

    /**
     * @param block the next rows, k×n
     * @throws LaeException if they have another width or go past m rows
     */
    public void append(INDArray block) {
        if (block.columns() != columns || written + block.rows() > rows) {
            throw new IllegalArgumentException("block of " + block.rows() + "×" + block.columns() + " after " + written
                    + " of " + rows + "×" + columns + " rows");
        }
        try {
            Npy.writeData(channel, block, DataType.DOUBLE);
        } catch (IOException e) {
            throw NpyFiles.writeFailure(target.toString(), e);
        }
        written += block.rows();
    }

    /** Renames the file into place when all m rows were written; otherwise deletes it. */
    @Override
    public void close() {
        boolean complete = written == rows;
        try {
            channel.force(true);
            channel.close();
            if (complete) {
                AtomicFiles.replace(temp, target);
            }
        } catch (IOException e) {
            throw NpyFiles.writeFailure(target.toString(), e);
        } finally {
            if (!complete) {
                AtomicFiles.deleteQuietly(temp);
            }
        }
    }
}
