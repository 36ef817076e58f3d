package io.lae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lae bench} runs on a tiny grid and writes every field of its JSON; no timing is asserted. */
class BenchCommandTest {

    @Test
    void writesEveryFieldForEveryMethod(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("bench.json");
        CliRunner r = CliRunner.run("bench", "--sizes", "40:4", "--memory-steps", "120", "--seconds", "0.01",
                "--breakdown", "--json", json.toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        JsonNode results = root.get("results");
        boolean peerRan = r.out().contains("NumPy peer: NumPy ");
        assertTrue(peerRan || r.out().contains("NumPy peer: not run ("), "one line about the peer: " + r.out());
        assertEquals(14, results.size(), "7 methods × 2 dtypes");
        Set<String> losses = new TreeSet<>();
        results.forEach(result -> losses.add(result.get("loss").asText()));
        assertEquals(new TreeSet<>(List.of("ordered", "mse", "sum", "product", "nonuniform", "nested-dropout", "rag")),
                losses);
        for (JsonNode result : results) {
            for (String field : new String[] {"n", "p", "dtype", "loss", "optimizer", "step_seconds", "gemm_seconds",
                    "ratio", "gflops"}) {
                assertTrue(result.has(field), field + " missing in " + result);
            }
            assertTrue(result.get("step_seconds").asDouble() > 0, result.toString());
            assertEquals(result.get("step_seconds").asDouble() / result.get("gemm_seconds").asDouble(),
                    result.get("ratio").asDouble(), 1e-9 * result.get("ratio").asDouble());
            assertTrue(result.has("lae_over_numpy") && result.has("numpy_step_seconds"), result.toString());
            if (peerRan) {
                assertEquals(result.get("step_seconds").asDouble() / result.get("numpy_step_seconds").asDouble(),
                        result.get("lae_over_numpy").asDouble(), 1e-9 * result.get("lae_over_numpy").asDouble());
            } else {
                assertTrue(result.get("lae_over_numpy").isNull(), result.toString());
            }
        }
        JsonNode breakdown = root.get("breakdown");
        assertEquals(14, breakdown.size(), "--breakdown: one per method and dtype");
        for (JsonNode part : breakdown) {
            assertEquals(part.get("step_seconds").asDouble(), part.get("gemm_seconds").asDouble()
                    + part.get("small_gemm_seconds").asDouble() + part.get("element_wise_seconds").asDouble()
                    + part.get("optimizer_seconds").asDouble(), 1e-9 * part.get("step_seconds").asDouble());
        }
        assertTrue(root.get("statistics").get(0).get("ratio").asDouble() > 0);
        JsonNode perSample = root.get("per_sample");
        assertEquals(2, perSample.size(), "one per dtype");
        for (JsonNode result : perSample) {
            assertEquals(60_000, result.get("m").asInt());
            assertEquals(result.get("step_seconds").asDouble() / result.get("gemm_seconds").asDouble(),
                    result.get("ratio").asDouble(), 1e-9 * result.get("ratio").asDouble());
        }
        assertTrue(root.get("minibatch").get(0).get("samples_per_second").asDouble() > 0);
        JsonNode memory = root.get("memory").get(0);
        assertEquals(120, memory.get("late_steps").asLong());
        for (String field : new String[] {"early_mib", "late_mib", "early_heap_mib", "late_heap_mib", "growth",
                "native_growth"}) {
            assertTrue(memory.has(field), field + " missing in " + memory);
        }
        assertTrue(root.get("machine").has("backend"));
        assertTrue(r.out().contains("ratio"), r.out());
    }

    @Test
    void aBadSizeIsOneClearLine() {
        CliRunner r = CliRunner.run("bench", "--sizes", "10:20");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("bad size '10:20'"), r.err());
    }
}
