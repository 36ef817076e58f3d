package io.lae.data;

import io.lae.Precision;
import java.util.Optional;
import java.util.function.Consumer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A data set with samples as rows (m×n), float64, that can be streamed so it never has to fit in memory. */
public interface DataSource {

    /** @return a one-line description for logs and run.json */
    String description();

    /** @return m, the number of samples */
    long rows();

    /** @return n, the number of features */
    int columns();

    /**
     * Streams the samples in order.
     *
     * @param maxRows the largest chunk
     * @param chunk   receives c×n float64 chunks, c ≤ maxRows
     */
    void forEachChunk(int maxRows, Consumer<INDArray> chunk);

    /**
     * Streams the samples in order straight into the consumer's memory: each chunk is written into the buffer
     * {@code sink} hands out for it, row-major, as {@code precision}. The same pass as {@link #forEachChunk(int,
     * Consumer)}, fingerprint included; this default copies each of its chunks once ({@link RowSink#copy}), and a
     * source whose reader can decode into memory (a {@code .npy} file) writes the buffer itself.
     *
     * @param maxRows   the largest chunk
     * @param precision the values' type in the sink's buffers
     * @param sink      hands out a buffer for each chunk, and hears when it is filled
     */
    default void forEachChunk(int maxRows, Precision precision, RowSink sink) {
        forEachChunk(maxRows, chunk -> {
            int rows = (int) chunk.rows();
            RowSink.copy(chunk, sink.buffer(rows), precision);
            sink.filled(rows);
        });
    }

    /** @return all samples, m×n float64 */
    INDArray readAll();

    /**
     * @return the fingerprint of the bytes this source holds: taken while the first full pass
     *     ({@link #forEachChunk} over every row, or {@link #readAll}) read them, or by a read of its own when asked
     *     for before one
     */
    DataFingerprint fingerprint();

    /** @return class labels, where the data set has them (MNIST, Fashion-MNIST) */
    default Optional<int[]> labels() {
        return Optional.empty();
    }
}
