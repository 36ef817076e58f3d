package io.lae.spark;

import io.lae.io.Npy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Writes the tests' data sets as .npy, CSV and Parquet. */
final class TestInputs {

    private TestInputs() {
    }

    /**
     * @return m×n Gaussian rows with column j centred at 1000·(j + 1) and scaled by j + 1: means far from zero
     *     against the spread, where only exact centring keeps the statistics accurate
     */
    static double[][] rows(int m, int n, long seed) {
        Random random = new Random(seed);
        double[][] rows = new double[m][n];
        for (double[] row : rows) {
            for (int j = 0; j < n; j++) {
                row[j] = 1000.0 * (j + 1) + (j + 1) * random.nextGaussian();
            }
        }
        return rows;
    }

    static INDArray matrix(double[][] rows) {
        return Nd4j.createFromArray(rows);
    }

    static Path npy(Path dir, String name, double[][] rows) {
        Path file = dir.resolve(name + ".npy");
        Npy.write(file, matrix(rows));
        return file;
    }

    /** A CSV file with a header row of names a0, a1, … unless {@code header} is false. */
    static Path csv(Path dir, String name, double[][] rows, boolean header) {
        List<String> lines = new ArrayList<>();
        if (header) {
            lines.add(IntStream.range(0, rows[0].length).mapToObj(j -> "a" + j).collect(Collectors.joining(",")));
        }
        for (double[] row : rows) {
            lines.add(Arrays.stream(row).mapToObj(Double::toString).collect(Collectors.joining(", ")));
        }
        return write(dir.resolve(name + ".csv"), lines);
    }

    static Path write(Path file, List<String> lines) {
        try {
            return Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A directory of {@code files} Parquet files, numeric columns a0, a1, … and a string column "label". */
    static Path parquet(SparkSession session, Path dir, String name, double[][] rows, int files) {
        int n = rows[0].length;
        List<StructField> fields = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            fields.add(DataTypes.createStructField("a" + j, DataTypes.DoubleType, true));
        }
        fields.add(DataTypes.createStructField("label", DataTypes.StringType, true));
        List<Row> data = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            Object[] values = new Object[n + 1];
            for (int j = 0; j < n; j++) {
                values[j] = rows[i][j];
            }
            values[n] = "row" + i;
            data.add(RowFactory.create(values));
        }
        return write(session.createDataFrame(data, DataTypes.createStructType(fields)), dir, name, files);
    }

    /** A directory of Parquet files holding one column "features" of array&lt;float|double&gt;. */
    static Path parquetArrays(SparkSession session, Path dir, String name, double[][] rows, int files, boolean float32) {
        StructType schema = DataTypes.createStructType(List.of(DataTypes.createStructField("features",
                DataTypes.createArrayType(float32 ? DataTypes.FloatType : DataTypes.DoubleType), true)));
        List<Row> data = new ArrayList<>();
        for (double[] row : rows) {
            Object[] values = float32 ? Arrays.stream(row).mapToObj(v -> (float) v).toArray()
                    : Arrays.stream(row).boxed().toArray();
            data.add(RowFactory.create((Object) values));
        }
        return write(session.createDataFrame(data, schema), dir, name, files);
    }

    /** Writes in order: {@code coalesce} keeps the rows' order, file k holding the k-th run of rows (files ≤ 2). */
    private static Path write(Dataset<Row> frame, Path dir, String name, int files) {
        Path out = dir.resolve(name + ".parquet");
        frame.coalesce(files).write().parquet(out.toString());
        return out;
    }

    /** @return rows as float32 would hold them, in float64 */
    static double[][] rounded(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = Arrays.stream(rows[i]).map(v -> (float) v).toArray();
        }
        return out;
    }
}
