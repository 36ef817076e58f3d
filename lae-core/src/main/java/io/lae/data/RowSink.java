package io.lae.data;

import io.lae.Precision;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.ref.Reference;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Memory a {@link DataSource} streams its rows straight into ({@link DataSource#forEachChunk(int, Precision,
 * RowSink)}): the consumer hands out a buffer for each chunk, such as a GPU's page-locked staging buffer, and the
 * source writes the chunk's rows into it row-major, with no array in between where its reader allows (a {@code .npy}
 * file decodes into it; data already in memory is copied once).
 */
public interface RowSink {

    /**
     * @param rows the next chunk's rows
     * @return memory for {@code rows × columns} values of the precision the pass was asked for; the source writes
     *     the chunk from its start, row-major
     */
    MemorySegment buffer(int rows);

    /**
     * The chunk is in the memory the last {@link #buffer} call returned.
     *
     * @param rows its rows
     */
    void filled(int rows);

    /**
     * Copies a chunk of rows once, row-major, into {@code out}: straight from the array's memory when it is float64
     * and its rows lie one after the other, else through a float64 C-order copy.
     *
     * @param rows      samples as rows
     * @param out       room for all of them as {@code precision}
     * @param precision the values' type in {@code out}
     */
    static void copy(INDArray rows, MemorySegment out, Precision precision) {
        long count = rows.length();
        INDArray c = rows.dataType() == DataType.DOUBLE && rows.ordering() == 'c' && rows.elementWiseStride() == 1
                ? rows : rows.castTo(DataType.DOUBLE).dup('c');
        MemorySegment values = MemorySegment.ofAddress(c.data().address() + c.offset() * Double.BYTES)
                .reinterpret(count * Double.BYTES);
        if (precision.isDouble()) {
            MemorySegment.copy(values, 0, out, 0, count * Double.BYTES);
        } else {
            for (long k = 0; k < count; k++) {
                out.setAtIndex(ValueLayout.JAVA_FLOAT, k, (float) values.getAtIndex(ValueLayout.JAVA_DOUBLE, k));
            }
        }
        Reference.reachabilityFence(c);
    }
}
