package io.lae.data;

import java.util.Optional;
import java.util.function.Consumer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A data set already in memory (synthetic data, CSV, IDX images): chunks are views of one array. Its fingerprint is
 * the file's it was read from, when it was, else that of its float64 values, taken when first asked for.
 */
final class InMemorySource implements DataSource {

    private final String description;
    private final INDArray rows;
    private final int[] labels;
    private DataFingerprint fingerprint;

    /**
     * @param description a one-line description
     * @param rows        the samples as rows (m×n), float64
     * @param labels      their classes, or null
     * @param fingerprint the fingerprint of the file they were read from, or null for data made in memory
     */
    InMemorySource(String description, INDArray rows, int[] labels, DataFingerprint fingerprint) {
        this.description = description;
        this.rows = rows;
        this.labels = labels;
        this.fingerprint = fingerprint;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public long rows() {
        return rows.rows();
    }

    @Override
    public int columns() {
        return (int) rows.columns();
    }

    @Override
    public void forEachChunk(int maxRows, Consumer<INDArray> chunk) {
        for (long start = 0; start < rows.rows(); start += maxRows) {
            chunk.accept(rows.get(NDArrayIndex.interval(start, Math.min(rows.rows(), start + maxRows)), NDArrayIndex.all()));
        }
    }

    @Override
    public INDArray readAll() {
        return rows;
    }

    @Override
    public DataFingerprint fingerprint() {
        if (fingerprint == null) {
            fingerprint = DataFingerprint.ofValues(rows);
        }
        return fingerprint;
    }

    @Override
    public Optional<int[]> labels() {
        return Optional.ofNullable(labels);
    }
}
