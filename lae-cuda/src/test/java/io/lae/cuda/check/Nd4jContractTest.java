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

    @Test
    void theStatisticsCasesCatchAWrongMean() {
        ContractEngine nd4j = new Nd4jContractEngine();
        ContractEngine movedMean = new ContractEngine() {
            @Override
            public String name() {
                return "ND4J with its first mean moved";
            }

            @Override
            public DownloadedStatistics statistics(double[][] rows, double[][] targets, Precision rowType,
                                                   boolean center) {
                DownloadedStatistics right = nd4j.statistics(rows, targets, rowType, center);
                double[] meanX = right.meanX().clone();
                meanX[0] += 1e-9 * (1 + Math.abs(meanX[0]));
                return new DownloadedStatistics(right.sigmaXX(), right.sigmaYX(), right.tyy(), right.sampleCount(),
                        meanX, right.meanY());
            }

            @Override
            public Session train(Problem problem) {
                return nd4j.train(problem);
            }
        };
        List<Object> failed = new ContractCases(movedMean).run(Precision.FLOAT64).stream()
                .filter(r -> !(Boolean) r.get("passed")).map(r -> r.get("case")).toList();
        assertTrue(!failed.isEmpty() && failed.stream().allMatch(c -> c.toString().startsWith("statistics")),
                failed.toString());
    }

    @Test
    void thePerSampleCasesCatchOtherDraws() {
        ContractEngine nd4j = new Nd4jContractEngine();
        ContractEngine otherSeed = new ContractEngine() {
            @Override
            public String name() {
                return "ND4J drawing with another seed";
            }

            @Override
            public DownloadedStatistics statistics(double[][] rows, double[][] targets, Precision rowType,
                                                   boolean center) {
                return nd4j.statistics(rows, targets, rowType, center);
            }

            @Override
            public Session train(Problem p) {
                return nd4j.train(new Problem(p.x(), p.y(), p.precision(), p.loss(), p.p(), p.rule(), p.optimizer(),
                        p.encoder(), p.decoder(), p.batches(), p.perSample(), p.seed() + 1));
            }
        };
        List<Object> failed = new ContractCases(otherSeed).run(Precision.FLOAT64).stream()
                .filter(r -> !(Boolean) r.get("passed")).map(r -> r.get("case")).toList();
        assertEquals(3, failed.size(), failed.toString());
        assertTrue(failed.stream().allMatch(c -> c.toString().startsWith("per-sample")), failed.toString());
    }
}
