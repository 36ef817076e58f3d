package io.lae.io;

import io.lae.LaeException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes a NumPy {@code .npz} archive as {@code numpy.savez} does: a zip file holding one {@code NAME.npy}
 * per array, read back by {@code numpy.load(file)[NAME]}. Entries are deflated at level 0 (numbers do not
 * compress), and an archive beyond 4 GiB becomes a zip64 one, which NumPy reads.
 *
 * <p>The archive is written under a temporary name beside the file and appears under its own name only
 * at {@link #commit()}: readers never see a partial archive, and closing without committing (on an error)
 * leaves any old file as it was. Not thread-safe.
 */
public final class NpzWriter implements AutoCloseable {

    private final Path file;
    private final Path temp;
    private final ZipOutputStream zip;
    private final WritableByteChannel channel;
    private final Set<String> names = new HashSet<>();
    private boolean committed;

    /**
     * @param file the archive; replaced at {@link #commit()} if it exists
     * @throws LaeException if the temporary file cannot be created
     */
    public NpzWriter(Path file) {
        NpyFiles.requireNotDirectory(file);
        this.file = file.toAbsolutePath();
        this.temp = AtomicFiles.tempBeside(this.file);
        try {
            OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), 1 << 16);
            this.zip = new ZipOutputStream(out);
        } catch (IOException e) {
            throw NpyFiles.writeFailure(file.toString(), e);
        }
        zip.setLevel(Deflater.NO_COMPRESSION);
        this.channel = Channels.newChannel(zip);
    }

    /**
     * @param name  the array's name (its entry is {@code name.npy})
     * @param array a vector or matrix of any dtype and order
     * @param type  {@link DataType#DOUBLE} ({@code <f8}) or {@link DataType#FLOAT} ({@code <f4})
     */
    public void put(String name, INDArray array, DataType type) {
        String descr = Npy.descr(file + ":" + name, array, type);
        write(name, descr, array.shape(), () -> Npy.writeData(channel, array, type));
    }

    /**
     * @param name  the array's name
     * @param value the value of a 0-d float64 array
     */
    public void put(String name, double value) {
        write(name, "<f8", new long[0], () -> Npy.writeFully(channel,
                ByteBuffer.allocate(Double.BYTES).order(ByteOrder.LITTLE_ENDIAN).putDouble(value).flip()));
    }

    /**
     * @param name  the array's name
     * @param value the value of a 0-d int64 array
     */
    public void put(String name, long value) {
        write(name, "<i8", new long[0], () -> Npy.writeFully(channel,
                ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(value).flip()));
    }

    /**
     * @param name  the array's name
     * @param value the value of a 0-d bool array
     */
    public void put(String name, boolean value) {
        write(name, "|b1", new long[0], () -> Npy.writeFully(channel, ByteBuffer.wrap(new byte[] {(byte) (value ? 1 : 0)})));
    }

    /** Writes the data of one entry after its header. */
    @FunctionalInterface
    private interface Data {
        void write() throws IOException;
    }

    private void write(String name, String descr, long[] shape, Data data) {
        if (committed) {
            throw new IllegalStateException(file + " is already committed");
        }
        if (!names.add(name)) {
            throw new IllegalArgumentException(file + " already holds an array named " + name);
        }
        try {
            zip.putNextEntry(new ZipEntry(name + ".npy"));
            Npy.writeFully(channel, ByteBuffer.wrap(NpyHeader.encode(descr, shape)));
            data.write();
            zip.closeEntry();
        } catch (IOException e) {
            throw NpyFiles.writeFailure(file.toString(), e);
        }
    }

    /**
     * Finishes the archive and gives it its name.
     *
     * @throws LaeException if writing or renaming fails
     */
    public void commit() {
        try {
            zip.close();
            AtomicFiles.replace(temp, file);
            committed = true;
        } catch (IOException e) {
            throw NpyFiles.writeFailure(file.toString(), e);
        }
    }

    /** Deletes the temporary file unless the archive was committed. */
    @Override
    public void close() {
        if (!committed) {
            try {
                zip.close();
            } catch (IOException ignored) {
                // the temporary file is deleted below either way
            }
            AtomicFiles.deleteQuietly(temp);
        }
    }
}
