package io.lae.spark;

import io.lae.LaeException;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Opens the inputs of a request by their names: {@code .npy}, {@code .csv}, else Parquet (a file or a directory).
 *
 * @param x the inputs X
 * @param y the targets Y, or null for an autoencoder
 */
record RowSources(RowSource x, RowSource y) {

    /**
     * @param session the session to read with
     * @param data    the inputs' path
     * @param targets the targets' path, or null
     * @param columns the inputs' columns (CSV, Parquet); the targets take all theirs
     * @param layout  how .npy files are split; two of as many rows are split alike, so their rows pair in place
     * @return the sources, checked on the driver
     * @throws LaeException if a path is not a readable input of these kinds, or a column is missing or not numeric
     */
    static RowSources open(SparkSession session, String data, String targets, List<String> columns,
                           Partitioning layout) {
        RowSource x = open(session, data, columns);
        RowSource y = targets == null ? null : open(session, targets, List.of());
        if (x instanceof NpyRows npy) {
            x = npy.partitioned(layout, y instanceof NpyRows other ? other : null);
        }
        if (y instanceof NpyRows npy) {
            y = npy.partitioned(layout, x instanceof NpyRows other ? other : null);
        }
        return new RowSources(x, y);
    }

    private static RowSource open(SparkSession session, String path, List<String> columns) {
        JavaSparkContext spark = JavaSparkContext.fromSparkContext(session.sparkContext());
        if (path.endsWith(".npy")) {
            if (!columns.isEmpty()) {
                throw new LaeException(path + ": --columns applies to CSV and Parquet; a .npy file is read whole "
                        + "(save the columns you want with numpy)");
            }
            return new NpyRows(spark, path);
        }
        if (path.endsWith(".csv")) {
            return new CsvRows(spark, path, columns);
        }
        return new ParquetRows(session, path, columns);
    }
}
