package io.lae.cuda.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.Precision;
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
}
