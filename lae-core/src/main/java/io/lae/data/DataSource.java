package io.lae.data;

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
