package io.lae.runs;

import io.lae.TestData;
import io.lae.closedform.GroundTruth;
import io.lae.stats.Statistics;
import io.lae.stats.StatisticsAccumulator;
import io.lae.train.TrainingListener;
import java.util.Random;

/** The trainer tests' data: n = 8, m = 40, eigenvalues 9 … 0.09, directions not the axes; p = 3. */
final class TrainingFixture {

    static final int P = 3;
    static TestData.Spectral data;
    static Statistics stats;
    static GroundTruth truth;

    private TrainingFixture() {
    }

    static synchronized void load() {
        TestData.useFloat64();
        if (data == null) {
            data = TestData.withSpectrum(new double[] {3.0, 2.6, 2.2, 1.8, 1.4, 1.0, 0.6, 0.3}, 40, new Random(11));
            stats = StatisticsAccumulator.of(data.rowArray(), false);
            truth = GroundTruth.of(stats);
        }
    }

    /**
     * @param step the step after which the "process" dies
     * @return a listener that throws there, as a killed run stops
     */
    static TrainingListener killedAfter(long step) {
        return new TrainingListener() {
            @Override
            public void stepped(long done) {
                if (done == step) {
                    throw new IllegalStateException("killed after step " + step);
                }
            }
        };
    }
}
