package io.lae.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.LaeException;
import io.lae.data.CsvHeader;
import io.lae.data.DataSource;
import io.lae.fetch.DataFetcher;
import io.lae.fetch.DataPackage;
import io.lae.fetch.PackageServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line fetches a missing named data set (from a local registry here), then opens it. */
class DataSetsTest {

    /** The test suite's MNIST subset (gzipped, with its own SHA256SUMS). */
    private static final Path FIXTURE = Path.of(System.getProperty("lae.data"), "mnist");

    @TempDir
    Path dir;

    @Test
    void aMissingDataSetIsFetchedThenOpened() throws IOException {
        Map<String, byte[]> gzipped = new LinkedHashMap<>();
        for (String file : DataPackage.FILES) {
            gzipped.put(file, Files.readAllBytes(FIXTURE.resolve(file + ".gz")));
        }
        // the subset's own sums, as the folder's SHA256SUMS declares them: lae checks the fetched files on load
        Files.createDirectories(dir.resolve("mnist"));
        Files.copy(FIXTURE.resolve("SHA256SUMS"), dir.resolve("mnist").resolve("SHA256SUMS"));
        try (PackageServer server = new PackageServer()) {
            DataFetcher fetcher = new DataFetcher(List.of(server.deb("mnist", gzipped)),
                    new PrintWriter(new StringWriter()));
            DataSource test = inDataFolder(() -> DataSets.open("mnist-test", CsvHeader.AUTO, fetcher));
            assertEquals(784, test.columns());
            assertEquals(1, server.requests());
            inDataFolder(() -> DataSets.open("mnist", CsvHeader.AUTO, fetcher));
            assertEquals(1, server.requests(), "the training split came with the same package");
        }
        assertTrue(Files.exists(dir.resolve("mnist").resolve("train-images-idx3-ubyte.gz")), "fetched into the data folder");
    }

    @Test
    void aFailingFetchSaysWhatFailed() throws IOException {
        try (PackageServer server = new PackageServer()) {
            DataPackage pkg = server.tarball("fashion-mnist", Map.of());
            server.serve(pkg.uri().getPath(), new byte[] {1, 2, 3});
            DataFetcher fetcher = new DataFetcher(List.of(pkg), new PrintWriter(new StringWriter()));
            LaeException e = assertThrows(LaeException.class, () -> inDataFolder(() -> DataSets.open("fashion-mnist",
                    CsvHeader.AUTO, fetcher)));
            assertTrue(e.getMessage().startsWith("fashion-mnist: ") && e.getMessage().contains("SHA-256"), e.getMessage());
        }
    }

    @Test
    void otherSourcesOpenAsTheyAre() {
        assertEquals(3, inDataFolder(() -> DataSets.open("synthetic:diag:n=3,m=5")).columns());
    }

    @Test
    void theDataFolderIsTheSettingWhenThereIsOne() {
        assertEquals(dir, inDataFolder(DataSets::folder));
    }

    @Test
    void withoutASettingTheDataFolderIsTheRepositorysBesideTheJar() throws IOException {
        Path jar = Files.createDirectories(dir.resolve("repo/lae-examples/target")).resolve("lae.jar");
        assertEquals(Optional.empty(), DataSets.repositoryData(jar), "no pom.xml, no data/");
        Files.writeString(dir.resolve("repo/pom.xml"), "<project/>");
        Files.createDirectories(dir.resolve("repo/data"));
        assertEquals(Optional.of(dir.resolve("repo/data")), DataSets.repositoryData(jar));
        assertEquals(Optional.empty(), DataSets.repositoryData(dir.getRoot().resolve("lae.jar")), "a jar at the root");
    }

    /** @return what {@code open} returns with {@link #dir} as the data folder */
    private <T> T inDataFolder(Supplier<T> open) {
        String saved = System.getProperty("lae.data");
        System.setProperty("lae.data", dir.toString());
        try {
            return open.get();
        } finally {
            System.setProperty("lae.data", saved);
        }
    }
}
