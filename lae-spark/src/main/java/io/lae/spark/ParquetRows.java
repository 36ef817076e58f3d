package io.lae.spark;

import io.lae.LaeException;
import java.io.Serial;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A Parquet file, or a directory of them, read through Spark SQL: numeric columns in order (cast to float64), or
 * one column of arrays of numbers (array&lt;double&gt;, array&lt;float&gt;, …), each array one sample. The rows
 * are ordered by file name, then as stored in each file: segment = the file, position = the row in it
 * ({@code _metadata.row_index}), which is what messages name.
 */
final class ParquetRows implements RowSource {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final String FILE = "_metadata.file_path";
    private static final String ROW = "_metadata.row_index";

    private final transient Dataset<Row> selected;
    private final String path;
    private final String[] names;
    /** The samples' width when they are arrays (then {@code names} holds the one column), else 0. */
    private final int arrayWidth;

    /**
     * Reads the schema on the driver and chooses the columns; for an array column, the first row gives the width.
     *
     * @param session the session to read with
     * @param path    a Parquet file or a directory of them
     * @param columns the columns to read; empty: every numeric column, or else the one array column
     * @throws LaeException if the path holds no Parquet data or no rows, or a column is missing or not numeric
     */
    ParquetRows(SparkSession session, String path, List<String> columns) {
        this.path = path;
        Dataset<Row> all;
        try {
            all = session.read().parquet(path);
        } catch (Exception e) { // Spark's AnalysisException, checked to Java's eyes though no signature says so
            if (!(e instanceof AnalysisException)) {
                throw SparkFailures.unwrapped(e);
            }
            throw new LaeException(path + ": cannot read it as Parquet (" + firstLine(e.getMessage())
                    + "): give a Parquet file or a directory of them", e);
        }
        StructType schema = all.schema();
        this.names = columns.isEmpty() ? defaultColumns(schema) : checked(schema, columns);
        DataType first = schema.apply(names[0]).dataType();
        Column[] values;
        if (first instanceof ArrayType) {
            values = new Column[] {functions.col(quoted(names[0])).cast("array<double>")};
            List<Row> head = all.select(functions.size(functions.col(quoted(names[0])))).takeAsList(1);
            if (head.isEmpty()) {
                throw new LaeException(path + ": empty input (no rows): the data set needs at least one sample");
            }
            this.arrayWidth = Math.max(1, head.getFirst().getInt(0));
        } else {
            values = Arrays.stream(names).map(name -> functions.col(quoted(name)).cast("double")).toArray(Column[]::new);
            this.arrayWidth = 0;
        }
        this.selected = all.select(Stream.concat(Arrays.stream(values),
                Stream.of(functions.col(FILE), functions.col(ROW))).toArray(Column[]::new));
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    private static String quoted(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /** Every numeric column, or else the one array-of-numbers column. */
    private String[] defaultColumns(StructType schema) {
        String[] numeric = Arrays.stream(schema.fields()).filter(f -> f.dataType() instanceof NumericType)
                .map(StructField::name).toArray(String[]::new);
        if (numeric.length > 0) {
            return numeric;
        }
        String[] arrays = Arrays.stream(schema.fields()).filter(f -> isNumericArray(f.dataType()))
                .map(StructField::name).toArray(String[]::new);
        if (arrays.length != 1) {
            throw new LaeException(path + ": no numeric column and " + arrays.length + " columns of numeric arrays ("
                    + schema.simpleString() + "): choose the columns with --columns");
        }
        return arrays;
    }

    private String[] checked(StructType schema, List<String> columns) {
        List<String> available = Arrays.asList(schema.fieldNames());
        for (String name : columns) {
            if (!available.contains(name)) {
                throw new LaeException(path + ": no column '" + name + "' (missing column): it has the columns "
                        + String.join(", ", available));
            }
            DataType type = schema.apply(name).dataType();
            boolean array = isNumericArray(type);
            if (!(type instanceof NumericType) && !(array && columns.size() == 1)) {
                throw new LaeException(path + ": column '" + name + "' holds " + type.simpleString() + ", not numbers: "
                        + "choose numeric columns (or one column of numeric arrays) with --columns");
            }
        }
        return columns.toArray(String[]::new);
    }

    private static boolean isNumericArray(DataType type) {
        return type instanceof ArrayType array && array.elementType() instanceof NumericType;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public int columns() {
        return arrayWidth > 0 ? arrayWidth : names.length;
    }

    @Override
    public JavaRDD<RowBlock> blocks(int blockRows) {
        return selected.javaRDD().mapPartitionsWithIndex((partition, rows) -> read(partition, rows, blockRows), false);
    }

    /** Blocks of consecutive rows of one file each. */
    private Iterator<RowBlock> read(int partition, Iterator<Row> rows, int blockRows) {
        int n = columns();
        int fileAt = arrayWidth > 0 ? 1 : names.length;
        return new Iterator<>() {
            private Row pending = rows.hasNext() ? rows.next() : null;

            @Override
            public boolean hasNext() {
                return pending != null;
            }

            @Override
            public RowBlock next() {
                if (pending == null) {
                    throw new NoSuchElementException();
                }
                String file = pending.getString(fileAt);
                long first = pending.getLong(fileAt + 1);
                double[] values = new double[blockRows * n];
                int count = 0;
                while (pending != null && count < blockRows && pending.getString(fileAt).equals(file)
                        && pending.getLong(fileAt + 1) == first + count) {
                    copy(pending, values, count * n, partition, file, first + count);
                    count++;
                    pending = rows.hasNext() ? rows.next() : null;
                }
                return new RowBlock(file, first, Pairing.matrix(values, count, n), first + count);
            }
        };
    }

    /** Copies a row's values into {@code out[at…]}, or throws its problem (a null, an array of another length). */
    private void copy(Row row, double[] out, int at, int partition, String file, long index) {
        if (arrayWidth > 0) {
            List<Double> array = row.isNullAt(0) ? null : row.getList(0);
            if (array == null || array.size() != arrayWidth) {
                throw problem(partition, file, index, array == null ? "column '" + names[0] + "' is null"
                        : "the array has " + array.size() + " values but the first row's has " + arrayWidth,
                        "every sample needs the same features");
            }
            for (int k = 0; k < arrayWidth; k++) {
                Double value = array.get(k);
                if (value == null) {
                    throw problem(partition, file, index, "column '" + names[0] + "' has a null at " + k,
                            "fill or drop the missing values");
                }
                out[at + k] = value;
            }
            return;
        }
        for (int k = 0; k < names.length; k++) {
            if (row.isNullAt(k)) {
                throw problem(partition, file, index, "column '" + names[k] + "' is null",
                        "fill or drop the missing values");
            }
            out[at + k] = row.getDouble(k);
        }
    }

    private static RowProblem.Found problem(int partition, String file, long row, String what, String fix) {
        return new RowProblem.Found(new RowProblem(partition, file, row, what, fix));
    }

    @Override
    public String describe(RowProblem problem, SegmentCounts counts) {
        return String.format(Locale.ROOT, "%s: row %d (0-based) of %s, read by partition %d, %s: %s", path,
                problem.position(), problem.segment(), problem.partition(), problem.what(), problem.fix());
    }

    @Override
    public boolean alignsWith(RowSource other) {
        return false;
    }
}
