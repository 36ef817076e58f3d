package io.lae.stats;

import java.time.Duration;
import java.util.List;

/**
 * What a {@link StatisticsEngine} computes: the data (and targets for a regression), which columns,
 * whether to centre, and where the engine runs.
 *
 * @param data          the input rows: a .npy, .csv or .parquet path (or a directory of Parquet files)
 * @param targets       the target rows Y of a regression, in the same order, or null for an autoencoder
 * @param columns       the columns of a CSV or Parquet input to use, in order; empty: every numeric column
 *                      (or the one array column of a Parquet file)
 * @param center        whether to subtract the means (exactly: products are taken about a first-pass mean)
 * @param master        the cluster to run on, as the engine names it (Spark: {@code local[*]},
 *                      {@code spark://host:7077}, {@code yarn}, {@code k8s://…}); null for the engine's default
 * @param masterTimeout how long to wait for that cluster before giving up with one line
 */
public record StatisticsRequest(String data, String targets, List<String> columns, boolean center, String master,
                                Duration masterTimeout) {

    /** Copies the column list; the data path is required. */
    public StatisticsRequest {
        if (data == null || data.isBlank()) {
            throw new IllegalArgumentException("a statistics request needs data");
        }
        columns = List.copyOf(columns);
    }

    /** @return whether Y = X */
    public boolean isAutoencoder() {
        return targets == null;
    }
}
