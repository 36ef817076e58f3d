package io.lae.io;

import io.lae.LaeException;
import io.lae.device.Host;
import io.lae.device.MemoryLimit;
import io.lae.device.MemoryPlan;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads the arrays of a NumPy {@code .npz} archive ({@code numpy.savez} or {@code savez_compressed}, or
 * {@link NpzWriter}) by name, each as {@link NpyReader} reads a {@code .npy} file. Not thread-safe.
 */
public final class NpzReader implements AutoCloseable {

    private static final String SUFFIX = ".npy";

    private final String file;
    private final FileSystem zip;

    /**
     * @param file the archive
     * @throws LaeException if it is missing or not a zip archive
     */
    public NpzReader(Path file) {
        this.file = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new LaeException(file + ": no such file; give the path of a .npz archive (e.g. from lae stats)");
        }
        try {
            this.zip = FileSystems.newFileSystem(file, Map.of());
        } catch (IOException | RuntimeException e) {
            throw unsafeEntry(file).map(entry -> new LaeException(file + ": holds an entry named '" + entry + "', a "
                    + "path that climbs out of the archive or starts at the root, so lae opens none of it; write it "
                    + "again with numpy.savez or lae stats", e)).orElseGet(() -> new LaeException(file + ": not a .npz "
                    + "archive (" + e.getMessage() + "); write it with numpy.savez or lae stats", e));
        }
    }

    /**
     * The JDK's zip file system refuses, without saying why, an archive with an entry such as {@code ../x.npy}:
     * names the first, so that the message says what is wrong.
     */
    private static Optional<String> unsafeEntry(Path file) {
        try (ZipFile archive = new ZipFile(file.toFile())) {
            return archive.stream().map(ZipEntry::getName)
                    .filter(n -> n.startsWith("/") || n.startsWith("\\") || Arrays.asList(n.split("[/\\\\]")).contains(".."))
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** @return the names of the arrays it holds (entries {@code NAME.npy}), sorted */
    public Set<String> names() {
        try (Stream<Path> entries = Files.list(zip.getPath("/"))) {
            Set<String> names = new TreeSet<>();
            entries.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(SUFFIX))
                    .forEach(n -> names.add(n.substring(0, n.length() - SUFFIX.length())));
            return names;
        } catch (IOException e) {
            throw NpyFiles.readFailure(file, e);
        }
    }

    /**
     * @param name an array's name
     * @return it, as float64 of its shape (rank 0, 1 or 2)
     * @throws LaeException if it is missing or unreadable; the message names the archive and the entry
     */
    public INDArray read(String name) {
        Path entry = zip.getPath(name + SUFFIX);
        if (!Files.exists(entry)) {
            throw new LaeException(file + ": holds no array '" + name + "' (it holds " + names()
                    + "); write it with lae stats");
        }
        requireInflatable(name, entry);
        try {
            return Npy.read(entry);
        } catch (LaeException e) {
            throw new LaeException(file + ":" + e.getMessage(), e);
        }
    }

    /**
     * Refuses an entry whose declared uncompressed size exceeds the memory available (the {@link MemoryLimit} if
     * one is set), before any of it is
     * inflated (a compressed archive can declare 50 GB in 250 MB). Inflation itself stops at the declared size,
     * and {@link NpyReader} then refuses data that is not exactly what the array's header promises.
     */
    private void requireInflatable(String name, Path entry) {
        long declared;
        try {
            declared = ((Number) Files.getAttribute(entry, "zip:size")).longValue();
        } catch (IOException | RuntimeException e) {
            throw new LaeException(file + ": cannot read the size of '" + name + "' (" + e.getMessage() + "); write "
                    + "it again with numpy.savez or lae stats", e);
        }
        long available = MemoryLimit.configured().orElse(Host.current().availableBytes());
        if (declared > available) {
            throw new LaeException(file + ": '" + name + "' inflates to " + MemoryPlan.gib(declared) + ", more than the "
                    + MemoryPlan.gib(available) + " of memory available; this is not an archive lae stats wrote for "
                    + "this machine's memory");
        }
    }

    /**
     * @param name a 0-d (or one-element) array's name
     * @return its value
     * @throws LaeException if it is missing, unreadable or holds more than one element
     */
    public double readScalar(String name) {
        INDArray value = read(name);
        if (value.length() != 1) {
            throw new LaeException(file + ": '" + name + "' holds " + value.length() + " values where one was "
                    + "expected; write it with lae stats");
        }
        return value.getDouble(0);
    }

    @Override
    public void close() {
        try {
            zip.close();
        } catch (IOException e) {
            throw NpyFiles.readFailure(file, e);
        }
    }
}
