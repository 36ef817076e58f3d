package io.lae.io;

import io.lae.LaeException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** File plumbing shared by the {@code .npy} reader and writer: opening, full reads, one-line failures. */
final class NpyFiles {

    /** Elements converted per block when reading or writing: 4 MiB as doubles. */
    static final int BLOCK_ELEMENTS = 1 << 19;

    private NpyFiles() {
    }

    /**
     * How many rows of {@code columns} elements to convert at a time: as many as fit in
     * {@code blockElements}, at least one and at most {@code rows}.
     */
    static int blockRows(long rows, long columns, int blockElements) {
        return (int) Math.max(1, Math.min(rows, blockElements / Math.max(1, columns)));
    }

    /**
     * Opens a file for reading.
     *
     * @throws LaeException if it is a directory
     */
    static FileChannel openForReading(Path file) throws IOException {
        requireNotDirectory(file);
        return FileChannel.open(file, StandardOpenOption.READ);
    }

    /** @throws LaeException if the path names a directory */
    static void requireNotDirectory(Path file) {
        if (Files.isDirectory(file)) {
            throw new LaeException(file + ": a directory, not a .npy file; give the path of a file");
        }
    }

    /**
     * Fills the buffer's remaining space from the channel, starting at a file position.
     *
     * @throws EOFException if the file ends first (the caller checked the size, so the file shrank)
     */
    static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new EOFException("the file ended early; is another program writing it?");
            }
            at += n;
        }
    }

    /** The exception to throw when reading {@code file} failed with {@code e}. */
    static LaeException readFailure(String file, IOException e) {
        String problem;
        if (e instanceof NoSuchFileException) {
            problem = "file not found; check the path";
        } else if (e instanceof AccessDeniedException) {
            problem = "permission denied; check that you may read the file";
        } else {
            problem = "cannot read it (" + detail(e) + "); check the file and the disk";
        }
        return new LaeException(file + ": " + problem, e);
    }

    /** The exception to throw when writing {@code file} failed with {@code e}. */
    static LaeException writeFailure(String file, IOException e) {
        String problem;
        if (e instanceof NoSuchFileException) {
            problem = "cannot write: its directory does not exist; create the directory first";
        } else if (e instanceof AccessDeniedException) {
            problem = "cannot write: permission denied; check that you may write to its directory";
        } else {
            problem = "cannot write (" + detail(e) + "); check the path and the free disk space";
        }
        return new LaeException(file + ": " + problem, e);
    }

    /** The exception's message on one line, or its type where it has none. */
    private static String detail(IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
