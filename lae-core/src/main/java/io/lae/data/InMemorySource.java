package io.lae.data;

import java.util.Optional;
import java.util.function.Consumer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** A data set already in memory (synthetic data, CSV, IDX images): chunks are views of one array. */
final class InMemorySource implements DataSource {

    private final String description;
    private final INDArray rows;
    private final int[] labels;

    InMemorySource(String description, INDArray rows, int[] labels) {
        this.description = description;
        this.rows = rows;
        this.labels = labels;
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
    public Optional<int[]> labels() {
        return Optional.ofNullable(labels);
    }
}
