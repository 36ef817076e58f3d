package io.lae.cuda;

import io.lae.Precision;
import io.lae.data.DataSource;
import io.lae.data.DataSources;
import io.lae.data.RowSink;
import io.lae.stats.StatisticsAccumulator;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A timing harness run by hand, not a test: rows per second from a data source's reader into a host staging buffer
 * of {@link CudaStatistics#CHUNK_ROWS} float64 rows, the way {@link CudaStatistics} fills the page-locked buffers it
 * uploads from (a plain host buffer here), with the NaN/±Inf check.
 *
 * <p>{@code StagingThroughput FILE... [--repeat R]}: for each .npy or .csv file, the best of R passes (default 3, after
 * one warm-up pass, the two paths taking turns) of
 * <ul>
 *   <li>{@code former}: each chunk as an ND4J array, then {@code castTo().dup().asDouble()}, then copied into the
 *       buffer (the path statistics took before rows went straight into the staging buffers);</li>
 *   <li>{@code direct}: the source writes each chunk into the buffer ({@link io.lae.data.RowSink}).</li>
 * </ul>
 * A CSV file is parsed when it is opened; its passes time the chunks from memory into the buffer.
 */
public final class StagingThroughput {

    private StagingThroughput() {
    }

    /** @param args the files, then optionally {@code --repeat R} */
    public static void main(String[] args) {
        int repeat = 3;
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--repeat")) {
                repeat = Integer.parseInt(args[++i]);
            } else {
                files.add(args[i]);
            }
        }
        for (String file : files) {
            DataSource source = DataSources.open(file, Path.of("."));
            try (Arena arena = Arena.ofConfined()) {
                long bytes = (long) CudaStatistics.CHUNK_ROWS * source.columns() * Double.BYTES;
                MemorySegment staging = arena.allocate(bytes, 64);
                double[] best = {Double.MAX_VALUE, Double.MAX_VALUE};
                for (int pass = 0; pass <= repeat; pass++) {
                    for (int path = 0; path < 2; path++) {
                        long start = System.nanoTime();
                        if (path == 0) {
                            former(source, staging);
                        } else {
                            direct(source, staging);
                        }
                        double seconds = (System.nanoTime() - start) / 1e9;
                        if (pass > 0) {
                            best[path] = Math.min(best[path], seconds);
                        }
                    }
                }
                System.out.printf(Locale.ROOT, "%s  %d×%d  former: %,.0f rows/s  direct: %,.0f rows/s%n", file,
                        source.rows(), source.columns(), source.rows() / best[0], source.rows() / best[1]);
            }
        }
    }

    /** The direct path: the reader writes each chunk into the staging buffer, which is checked there. */
    private static void direct(DataSource source, MemorySegment staging) {
        long[] done = {0};
        source.forEachChunk(CudaStatistics.CHUNK_ROWS, Precision.FLOAT64, new RowSink() {
            @Override
            public MemorySegment buffer(int rows) {
                return staging;
            }

            @Override
            public void filled(int rows) {
                CudaStatistics.requireFinite(staging, rows, source.columns(), done[0], "input");
                done[0] += rows;
            }
        });
    }

    /** The former path: chunk → INDArray → castTo(DOUBLE).dup('c').asDouble() → finite check → staging. */
    private static void former(DataSource source, MemorySegment staging) {
        long[] done = {0};
        source.forEachChunk(CudaStatistics.CHUNK_ROWS, (INDArray chunk) -> {
            double[] values = chunk.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            int width = (int) chunk.columns();
            for (int k = 0; k < values.length; k++) {
                if (!Double.isFinite(values[k])) {
                    throw StatisticsAccumulator.nonFiniteSample("input", done[0] + k / width);
                }
            }
            MemorySegment.copy(MemorySegment.ofArray(values), 0, staging, 0, (long) values.length * Double.BYTES);
            done[0] += chunk.rows();
        });
    }
}
