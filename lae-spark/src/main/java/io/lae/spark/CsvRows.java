package io.lae.spark;

import io.lae.LaeException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Serial;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A numeric CSV file read as lae's local reader reads one: samples as rows, values separated by commas (quotes
 * allowed), spaces around values ignored, blank lines skipped, and a first line that is not all numbers taken as a
 * header. Spark splits the file into byte ranges of whole lines, one per partition (segment p); positions are
 * lines, counted within the partition and turned into the file's line numbers (1-based) on the driver.
 */
final class CsvRows implements RowSource {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).build();

    private final transient JavaSparkContext spark;
    private final String path;
    /** The header's line in the file (0-based), or -1 if the file has none. */
    private final long headerLine;
    /** The values every line has. */
    private final int width;
    /** The columns read, 0-based, in order. */
    private final int[] chosen;
    /** The chosen columns' names, for messages: the header's, or their 1-based numbers. */
    private final String[] names;

    /**
     * Reads the file's first lines on the driver (through Hadoop's file system, so any URL Spark reads works) to
     * find the header, the width and the chosen columns.
     *
     * @param spark   the context the partitions run in
     * @param path    the file
     * @param columns the columns to read, by header name (or 1-based number without a header); empty: all
     * @throws LaeException if the file is missing, has no data line, or a column is not in it
     */
    CsvRows(JavaSparkContext spark, String path, List<String> columns) {
        this.spark = spark;
        this.path = path;
        long line = 0;
        String[] first = null;
        try (BufferedReader reader = open(spark, path)) {
            for (String text = reader.readLine(); text != null; text = reader.readLine(), line++) {
                if (!text.isBlank()) {
                    first = values(text);
                    break;
                }
            }
        } catch (IOException e) {
            throw new LaeException(path + ": cannot read (" + e.getMessage() + "): check the path", e);
        }
        if (first == null) {
            throw new LaeException(path + ": empty input (no data rows): put one sample per line, values separated "
                    + "by commas");
        }
        boolean header = Arrays.stream(first).anyMatch(value -> !isNumber(value));
        this.headerLine = header ? line : -1;
        this.width = first.length;
        List<String> available = new ArrayList<>();
        for (int j = 0; j < width; j++) {
            available.add(header ? first[j] : Integer.toString(j + 1));
        }
        this.chosen = columns.isEmpty() ? IntStream.range(0, width).toArray()
                : columns.stream().mapToInt(name -> indexOf(available, name)).toArray();
        this.names = Arrays.stream(chosen).mapToObj(available::get).toArray(String[]::new);
    }

    private static BufferedReader open(JavaSparkContext spark, String path) throws IOException {
        Path file = new Path(path);
        FileSystem fs = file.getFileSystem(spark.hadoopConfiguration());
        if (!fs.exists(file)) {
            throw new LaeException(path + ": file not found: check the path (on a cluster: a path every executor "
                    + "reads, e.g. hdfs://…)");
        }
        return new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8));
    }

    private int indexOf(List<String> available, String name) {
        int index = available.indexOf(name);
        if (index < 0) {
            throw new LaeException(path + ": no column '" + name + "' (missing column): the file has "
                    + (headerLine >= 0 ? "the columns " + String.join(", ", available)
                    : "no header, so name columns by number, 1 to " + width));
        }
        return index;
    }

    private static boolean isNumber(String value) {
        try {
            Double.parseDouble(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Splits a line: by commas alone unless it has a quote, then as CSV. */
    private static String[] values(String line) {
        if (line.indexOf('"') < 0) {
            String[] values = line.split(",", -1);
            for (int j = 0; j < values.length; j++) {
                values[j] = values[j].strip();
            }
            return values;
        }
        try (CSVParser parser = CSVParser.parse(line, FORMAT)) {
            CSVRecord record = parser.getRecords().getFirst();
            return record.values();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public int columns() {
        return chosen.length;
    }

    @Override
    public JavaRDD<RowBlock> blocks(int blockRows) {
        return spark.textFile(path, spark.defaultParallelism())
                .mapPartitionsWithIndex((partition, lines) -> read(partition, lines, blockRows), false);
    }

    /** Parses a partition's lines into blocks; the last block (perhaps of no rows) reports every line read. */
    private Iterator<RowBlock> read(int partition, Iterator<String> lines, int blockRows) {
        String segment = String.format(Locale.ROOT, "%010d", partition);
        int n = chosen.length;
        return new Iterator<>() {
            private long line;
            private long rows;
            private boolean done;

            @Override
            public boolean hasNext() {
                return !done;
            }

            @Override
            public RowBlock next() {
                if (done) {
                    throw new NoSuchElementException();
                }
                double[] values = new double[blockRows * n];
                int count = 0;
                while (count < blockRows && lines.hasNext()) {
                    String text = lines.next();
                    if (!text.isBlank() && !(partition == 0 && line == headerLine)) {
                        parse(text, values, count * n, partition, segment, line);
                        count++;
                    }
                    line++;
                }
                done = !lines.hasNext();
                RowBlock block = new RowBlock(segment, rows, count == 0 ? Nd4j.create(DataType.DOUBLE, 0, n)
                        : Pairing.matrix(values, count, n), line);
                rows += count;
                return block;
            }
        };
    }

    /** Parses the chosen values of a line into {@code out[at…]}, or throws the line's problem. */
    private void parse(String text, double[] out, int at, int partition, String segment, long line) {
        String[] values = values(text);
        if (values.length != width) {
            throw problem(partition, segment, line, "has " + values.length + " values but the " + (headerLine >= 0 ? "header" : "first row")
                    + " has " + width, "every sample needs the same features");
        }
        for (int k = 0; k < chosen.length; k++) {
            String value = values[chosen[k]];
            double parsed;
            try {
                parsed = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw problem(partition, segment, line, "column '" + names[k] + "': '" + value + "' is not a number",
                        "fix the value, or choose numeric columns with --columns");
            }
            if (!Double.isFinite(parsed)) {
                throw problem(partition, segment, line, "holds NaN or infinity", "remove or impute it");
            }
            out[at + k] = parsed;
        }
    }

    private static RowProblem.Found problem(int partition, String segment, long line, String what, String fix) {
        return new RowProblem.Found(new RowProblem(partition, segment, line, what, fix));
    }

    @Override
    public String describe(RowProblem problem, SegmentCounts counts) {
        return String.format(Locale.ROOT, "%s: line %d (1-based) in partition %d %s: %s", path,
                counts.positionsBefore(problem.segment()) + problem.position() + 1, problem.partition(), problem.what(),
                problem.fix());
    }

    @Override
    public boolean alignsWith(RowSource other) {
        return false;
    }
}
