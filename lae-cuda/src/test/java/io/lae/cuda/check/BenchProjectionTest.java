package io.lae.cuda.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bao-fig4 projection: every model × k × both optimizers × the epoch cap, from measured step times. */
class BenchProjectionTest {

    @Test
    void theGridIsTwoOptimizersTimesTheCapTimesEveryStep() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String dtype : List.of("float32", "float64")) {
            for (String step : List.of("nonuniform", "mse+rag", "nested-dropout")) {
                for (int k : new int[] {2, 500}) {
                    rows.add(Map.of("dtype", dtype, "step", step, "p", k, "step_ms", dtype.equals("float32") ? 0.1 : 0.2));
                }
            }
        }
        Map<String, Object> projection = Bench.projection(rows);
        // 6 runs per optimizer, 2 optimizers, 50 000 epochs of 0.1 ms: 60 s
        assertEquals(1.0, (Double) projection.get("full_grid_minutes_float32"), 1e-12);
        assertEquals(2.0, (Double) projection.get("full_grid_minutes_float64"), 1e-12);
    }
}
