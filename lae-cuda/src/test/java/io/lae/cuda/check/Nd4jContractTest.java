package io.lae.cuda.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.Precision;
import io.lae.cuda.DownloadedStatistics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The device check's contract cases run here against ND4J's CPU engine: the same cases, references and
 * tolerances the GPU engine must meet in the pack, so a case that fails on the GPU points at the engine,
 * not at the case.
 */
class Nd4jContractTest {

    @Test
    void everyContractCasePassesOnNd4j() {
        List<Map<String, Object>> results = new ContractCases(new Nd4jContractEngine())
                .run(Precision.FLOAT64, Precision.FLOAT32);
        List<Object> failed = results.stream().filter(r -> !(Boolean) r.get("passed")).map(r -> r.get("case")
                + " (error " + r.get("error") + ")").map(Object.class::cast).toList();
        assertEquals(List.of(), failed);
        assertTrue(results.size() >= 70, "the cases ran: " + results.size());
    }

    /** ND4J's engine with one of its answers altered: the contract must notice. */
    private static class Altered implements ContractEngine {
        final ContractEngine nd4j = new Nd4jContractEngine();

        @Override
        public String name() {
            return "ND4J, altered";
        }

        @Override
        public DownloadedStatistics statistics(double[][] rows, double[][] targets, Precision rowType, boolean center) {
            return nd4j.statistics(rows, targets, rowType, center);
        }

        @Override
        public Session train(Problem problem) {
            return nd4j.train(problem);
        }

        /** @return the names of the float64 cases this engine fails */
        List<String> failedCases() {
            return new ContractCases(this).run(Precision.FLOAT64).stream().filter(r -> !(Boolean) r.get("passed"))
                    .map(r -> r.get("case").toString()).toList();
        }
    }

    @Test
    void theStatisticsCasesCatchAWrongMean() {
        List<String> failed = new Altered() {
            @Override
            public DownloadedStatistics statistics(double[][] rows, double[][] targets, Precision rowType,
                                                   boolean center) {
                DownloadedStatistics right = nd4j.statistics(rows, targets, rowType, center);
                double[] meanX = right.meanX().clone();
                meanX[0] += 1e-9 * (1 + Math.abs(meanX[0]));
                return new DownloadedStatistics(right.sigmaXX(), right.sigmaYX(), right.tyy(), right.sampleCount(),
                        meanX, right.meanY());
            }
        }.failedCases();
        assertEquals(4, failed.size(), failed.toString());
        assertTrue(failed.stream().allMatch(c -> c.startsWith("statistics")), failed.toString());
    }

    @Test
    void thePerSampleCasesCatchOtherDraws() {
        List<String> failed = new Altered() {
            @Override
            public Session train(Problem p) {
                return nd4j.train(new Problem(p.x(), p.y(), p.precision(), p.loss(), p.p(), p.rule(), p.optimizer(),
                        p.encoder(), p.decoder(), p.batches(), p.perSample(), p.seed() + 1));
            }
        }.failedCases();
        assertEquals(3, failed.size(), failed.toString());
        assertTrue(failed.stream().allMatch(c -> c.startsWith("per-sample")), failed.toString());
    }
}
