package io.lae.io;

import io.lae.LaeException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces files atomically: the new contents go to a temporary file beside the target, which is
 * then renamed over it, so a killed process never leaves a half-written file.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /**
     * @param file the file to replace or create
     * @param text its new contents, UTF-8
     * @throws LaeException if it cannot be written
     */
    public static void writeString(Path file, String text) {
        writeBytes(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param file  the file to replace or create
     * @param bytes its new contents
     * @throws LaeException if it cannot be written
     */
    public static void writeBytes(Path file, byte[] bytes) {
        write(file, out -> out.write(bytes));
    }

    /**
     * Streams a file's new contents into place: they go to a temporary file beside it, renamed over it only
     * once {@code contents} returns; if it throws, the file is left as it was and the temporary file is deleted.
     *
     * @param file     the file to replace or create
     * @param contents writes the new contents (it need not close the stream); a {@link LaeException} it throws
     *                 passes through unchanged
     * @throws LaeException if it cannot be written
     */
    public static void write(Path file, Contents contents) {
        Path temp = null;
        boolean written = false;
        try {
            temp = tempBeside(file.toAbsolutePath());
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                contents.writeTo(out);
            }
            replace(temp, file);
            written = true;
        } catch (IOException e) {
            throw new LaeException(file + ": cannot write (" + e.getMessage() + "); check the path and the free disk space", e);
        } finally {
            if (!written && temp != null) {
                deleteQuietly(temp);
            }
        }
    }

    /** Writes a file's contents, for {@link #write(Path, Contents)}. */
    @FunctionalInterface
    public interface Contents {
        /**
         * @param out the temporary file's stream
         * @throws IOException if writing (or reading what is written) fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * @return a new, unused name for a temporary file in the directory of {@code target}; created
     *         with {@code CREATE_NEW} it gets the usual permissions (umask), unlike
     *         {@link Files#createTempFile}, which makes it private to the owner
     */
    static Path tempBeside(Path target) {
        return target.resolveSibling("." + target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
    }

    /**
     * @param name   a file name
     * @param target the name of the file being written
     * @return whether {@code name} is one of {@link #tempBeside}'s temporary names for {@code target}, as a
     *         crash while writing it leaves behind
     */
    public static boolean isTemporaryOf(String name, String target) {
        String prefix = "." + target + ".";
        return name.startsWith(prefix) && name.endsWith(".tmp") && name.length() > prefix.length() + 4
                && name.substring(prefix.length(), name.length() - 4).chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    /** Renames {@code temp} to {@code target} atomically where the file system can. */
    static void replace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // The failure that stopped the write is the one to report; a stray temp file is harmless.
        }
    }
}
