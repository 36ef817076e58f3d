package io.lae.spark;

import io.lae.LaeException;
import io.lae.io.NpyReader;
import java.io.Serial;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.TaskCompletionListener;

/**
 * A 2-D {@code .npy} file (any dtype lae's {@link NpyReader} reads, converted to float64) split into ranges of
 * rows, one per partition: each task opens the file itself and reads its range, so the file must be at the same
 * path on every executor (a shared file system). The file is one segment, whatever partition reads a row; positions
 * are rows of the file.
 */
final class NpyRows implements RowSource {

    @Serial
    private static final long serialVersionUID = 1L;

    private final transient JavaSparkContext spark;
    private final String path;
    private final long rows;
    private final int columns;
    private final long rowsPerPartition;

    /**
     * Opens the file on the driver to check its header.
     *
     * @param spark the context the partitions run in
     * @param path  the file
     * @throws LaeException if the file is missing, not a readable .npy, not 2-D or has no rows
     */
    NpyRows(JavaSparkContext spark, String path) {
        this(spark, path, 0);
    }

    private NpyRows(JavaSparkContext spark, String path, long rowsPerPartition) {
        this.spark = spark;
        this.path = path;
        try (NpyReader reader = new NpyReader(Path.of(path))) {
            if (reader.header().rank() != 2) {
                throw new LaeException(path + ": data must be a 2-D array (samples as rows), but it has rank "
                        + reader.header().rank() + ": reshape it to rows × columns before saving");
            }
            this.rows = reader.rows();
            this.columns = (int) reader.columns();
        }
        if (rows == 0) {
            throw new LaeException(path + ": empty input (0 rows): the data set needs at least one sample");
        }
        this.rowsPerPartition = rowsPerPartition;
    }

    /**
     * @param layout how many rows a partition reads
     * @param other  a file read beside this one (the targets of a regression), or null
     * @return this file split by {@code layout} into ranges of rows; two files of as many rows get the same ranges,
     *     so their rows pair within each task
     */
    NpyRows partitioned(Partitioning layout, NpyRows other) {
        long bytes = rows * columns * (long) Double.BYTES;
        boolean paired = other != null && other.rows == rows;
        long perPartition = layout.rowsPerPartition(rows, paired ? bytes + rows * other.columns * (long) Double.BYTES
                : bytes, spark.defaultParallelism());
        return new NpyRows(spark, path, perPartition);
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public int columns() {
        return columns;
    }

    private int partitions() {
        return (int) ((rows + rowsPerPartition - 1) / rowsPerPartition);
    }

    @Override
    public JavaRDD<RowBlock> blocks(int blockRows) {
        int partitions = partitions();
        return spark.parallelize(IntStream.range(0, partitions).boxed().toList(), partitions)
                .mapPartitions(indices -> read(indices.next(), blockRows));
    }

    /** Reads partition p's rows, the reader closed at the end of the range or of the task. */
    private Iterator<RowBlock> read(int partition, int blockRows) {
        long first = partition * rowsPerPartition;
        long end = Math.min(rows, first + rowsPerPartition);
        NpyReader reader = new NpyReader(Path.of(path));
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((TaskCompletionListener) context -> reader.close());
        }
        return new Iterator<>() {
            private long next = first;

            @Override
            public boolean hasNext() {
                return next < end;
            }

            @Override
            public RowBlock next() {
                if (next >= end) {
                    throw new NoSuchElementException();
                }
                int count = (int) Math.min(blockRows, end - next);
                RowBlock block = new RowBlock(path, next, reader.readRows(next, count), next + count);
                next += count;
                return block;
            }
        };
    }

    @Override
    public String describe(RowProblem problem, SegmentCounts counts) {
        return String.format(Locale.ROOT, "%s: row %d (0-based) in partition %d %s: %s", path, problem.position(),
                problem.partition(), problem.what(), problem.fix());
    }

    @Override
    public boolean alignsWith(RowSource other) {
        return other instanceof NpyRows npy && npy.rows == rows && npy.rowsPerPartition == rowsPerPartition;
    }
}
