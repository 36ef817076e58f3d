package io.lae.stats;

import io.lae.data.DataSource;
import java.util.function.LongConsumer;

/**
 * Computes the statistics of docs/math.md §1 from the rows of data sources, read in chunks: on the host by
 * {@link StatisticsAccumulator} ({@link #HOST}), or on a GPU by lae-cuda's {@code CudaStatistics}. Every
 * implementation sums in float64, centres when asked, records the means either way, and reports a
 * non-finite sample or a row-count mismatch with {@link StatisticsAccumulator#nonFiniteSample} and
 * {@link StatisticsAccumulator#requireOneTargetPerSample}'s words.
 */
@FunctionalInterface
public interface StreamedStatistics {

    /** The streaming accumulator of lae-core, on ND4J's backend. */
    StreamedStatistics HOST = StatisticsAccumulator::of;

    /**
     * @param inputs   the samples X as rows
     * @param targets  the targets Y as rows, in the same order, or null for an autoencoder (Y = X)
     * @param center   whether to subtract the means
     * @param rowsDone told the number of rows added so far after each chunk (progress)
     * @return the statistics, float64
     * @throws io.lae.LaeException on a non-finite value, a row-count mismatch or an empty source
     */
    Statistics of(DataSource inputs, DataSource targets, boolean center, LongConsumer rowsDone);
}
