package io.lae.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lae.Precision;
import io.lae.io.Npy;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Streaming rows straight into a consumer's memory gives the rows that {@link DataSource#forEachChunk(int,
 * java.util.function.Consumer)} gives, in the same chunks, in float64 and rounded to float32: from a {@code .npy}
 * file (decoded into the memory), and from data in memory (a CSV file; chunks that are views at an offset, of either
 * order and type).
 */
class RowSinkTest {

    @TempDir
    static Path dir;

    /** Every chunk a pass wrote, as row-major float64 values, collected from one reused buffer. */
    private static final class Collected implements RowSink {
        final List<double[]> chunks = new ArrayList<>();
        private final MemorySegment buffer;
        private final Precision precision;
        private final int columns;

        Collected(Arena arena, int maxRows, int columns, Precision precision) {
            this.buffer = arena.allocate((long) maxRows * columns * precision.bytes(), 8);
            this.precision = precision;
            this.columns = columns;
        }

        @Override
        public MemorySegment buffer(int rows) {
            buffer.fill((byte) 0x7f);
            return buffer;
        }

        @Override
        public void filled(int rows) {
            double[] values = new double[rows * columns];
            for (int k = 0; k < values.length; k++) {
                values[k] = precision.isDouble() ? buffer.getAtIndex(ValueLayout.JAVA_DOUBLE, k)
                        : buffer.getAtIndex(ValueLayout.JAVA_FLOAT, k);
            }
            chunks.add(values);
        }
    }

    private static void assertSameChunks(DataSource source, int maxRows) {
        List<double[]> expected = new ArrayList<>();
        source.forEachChunk(maxRows, chunk -> {
            double[] values = new double[(int) chunk.length()];
            for (int k = 0; k < values.length; k++) {
                values[k] = chunk.getDouble(k / chunk.columns(), k % chunk.columns());
            }
            expected.add(values);
        });
        for (Precision precision : Precision.values()) {
            try (Arena arena = Arena.ofConfined()) {
                Collected sink = new Collected(arena, maxRows, source.columns(), precision);
                source.forEachChunk(maxRows, precision, sink);
                assertEquals(expected.size(), sink.chunks.size(), source.description());
                for (int c = 0; c < expected.size(); c++) {
                    double[] values = expected.get(c).clone();
                    for (int k = 0; k < values.length && !precision.isDouble(); k++) {
                        values[k] = (float) values[k];
                    }
                    assertArrayEquals(values, sink.chunks.get(c), source.description() + " chunk " + c + " " + precision);
                }
            }
        }
    }

    @Test
    void aNpyFileDecodesIntoTheSinksMemoryInEitherPrecision() {
        INDArray rows = Nd4j.rand(DataType.DOUBLE, 1000, 13).subi(0.5).muli(1e3);
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            Path file = dir.resolve("rows-" + type + ".npy");
            Npy.write(file, rows, type);
            assertSameChunks(DataSources.open(file.toString(), dir), 128);
        }
    }

    @Test
    void dataInMemoryIsCopiedOnceFromViewsOfAnyOrderAndType() throws Exception {
        Path csv = Files.writeString(dir.resolve("rows.csv"), "a,b,c\n1,2,3\n4.5,-5,6e-3\n7,8,9\n10,11,12\n");
        assertSameChunks(DataSources.open(csv.toString(), dir), 3);
        INDArray rows = Nd4j.rand(DataType.DOUBLE, 50, 6);
        assertSameChunks(DataSources.inMemory("c", rows), 7);
        assertSameChunks(DataSources.inMemory("f", rows.dup('f')), 7);
        assertSameChunks(DataSources.inMemory("float32", rows.castTo(DataType.FLOAT)), 16);
    }
}
