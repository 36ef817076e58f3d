package io.lae.runs;

import io.lae.LaeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One process at a time per output directory: {@code lae.lock} in the directory holds the owner's pid
 * under an operating-system file lock, which the system releases when the process dies however it
 * dies. A second process (train, resume, experiment) is refused at once, naming the holder; a lock
 * file whose process is gone is taken over with a warning. Closing releases the lock and deletes the file.
 * The file is opened without following links: a {@code lae.lock} that is a symbolic link is refused, so
 * the pid is never written through it to a file outside the directory.
 */
public final class RunLock implements AutoCloseable {

    /** The lock file's name inside the directory. */
    public static final String FILE = "lae.lock";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @param dir     the output directory (created when missing)
     * @param console where a stale lock's take-over is reported
     * @return the held lock
     * @throws LaeException if another process (or this one) holds it
     */
    public static RunLock acquire(Path dir, PrintWriter console) {
        Path file = dir.resolve(FILE);
        try {
            Files.createDirectories(dir);
            refuseLink(dir, file);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            FileLock lock = tryLock(channel);
            String holder = read(channel);
            if (lock == null) {
                channel.close();
                throw inUse(dir, file, holder);
            }
            if (!holder.isEmpty() && !holder.equals(String.valueOf(ProcessHandle.current().pid()))) {
                console.printf("warning: %s: took over the lock of process %s, which no longer holds it%n", dir, holder);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(false);
            return new RunLock(file, channel, lock);
        } catch (IOException e) {
            throw new LaeException(dir + ": cannot lock the output directory (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Refuses at once when another process holds the directory's lock, without taking it (a new run
     * checks this before it looks at what the directory holds).
     *
     * @param dir the output directory
     * @throws LaeException naming the holder's pid
     */
    public static void refuseIfHeld(Path dir) {
        Path file = dir.resolve(FILE);
        refuseLink(dir, file);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                throw inUse(dir, file, read(channel));
            }
            lock.release();
        } catch (IOException e) {
            throw new LaeException(dir + ": cannot read " + file.getFileName() + " (" + e.getMessage() + ")", e);
        }
    }

    /**
     * @param dir a directory
     * @return whether a live process (this one included) holds the lock of a run in it
     */
    public static boolean isHeld(Path dir) {
        try {
            refuseIfHeld(dir);
            return false;
        } catch (LaeException held) {
            return true;
        }
    }

    private static void refuseLink(Path dir, Path file) {
        if (Files.isSymbolicLink(file)) {
            throw new LaeException(file + " is a symbolic link, not a lock lae wrote: remove it (lae writes nothing "
                    + "through links) and run again");
        }
    }

    /** @return the lock, or null when another process, or this one, holds it */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static LaeException inUse(Path dir, Path file, String holder) {
        return new LaeException(dir + " is in use by process " + (holder.isEmpty() ? "?" : holder) + " ("
                + file.getFileName() + "): wait for that run to end, or stop it, before starting another here");
    }

    private static String read(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(64);
        channel.read(buffer, 0);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
    }

    /** Deletes the lock file, then releases the lock. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
