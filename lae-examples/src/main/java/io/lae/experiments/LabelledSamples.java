package io.lae.experiments;

import io.lae.data.DataSource;
import io.lae.runs.DataSets;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Samples held in memory with their class labels (MNIST), possibly the first rows only (quick scale).
 *
 * @param description the data, for run.json and the summary
 * @param rows        the samples as rows, m×n float64
 * @param labels      one class label per row, or null
 */
record LabelledSamples(String description, INDArray rows, int[] labels) {

    /**
     * @param source    a data source (README, Commands), e.g. {@code mnist}
     * @param firstRows keep only the first this many samples, or null for all
     * @return the samples
     */
    static LabelledSamples open(String source, Integer firstRows) {
        DataSource data = DataSets.open(source);
        INDArray rows = data.readAll();
        int[] labels = data.labels().orElse(null);
        if (firstRows == null || firstRows >= rows.rows()) {
            return new LabelledSamples(source + ": " + data.description(), rows, labels);
        }
        return new LabelledSamples(source + " (first " + firstRows + " samples of " + data.description() + ")",
                rows.get(NDArrayIndex.interval(0, firstRows), NDArrayIndex.all()).dup(),
                labels == null ? null : Arrays.copyOf(labels, firstRows));
    }
}
