package io.lae.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lae.runs.TrainingConfig;
import io.lae.sweep.PlannedRun;
import io.lae.sweep.RunRecord;
import io.lae.train.MetricsRow;
import io.lae.train.StopTarget;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the comparisons rank runs when they choose a rate, and what they count as a step's flops. */
class MethodComparisonTest {

    /** @return a run named {@code name} whose last logged row has these values */
    private static RunRecord run(String name, RunRecord.State state, long[] steps, double[] dAlign, double[] streak,
                                 double[] dSub) {
        TrainingConfig config = TrainingConfig.builder().data("d").latent(3).steps(1000).build();
        List<MetricsRow> rows = new ArrayList<>();
        for (int i = 0; i < steps.length; i++) {
            rows.add(new MetricsRow(steps[i], 1, 1, 0, 0, 0, dAlign[i], dSub[i], streak[i], Double.NaN, 1e-3, i));
        }
        return new RunRecord(new PlannedRun(name, config, Map.of("lr", name), name), state, rows, false, null);
    }

    private static String best(List<RunRecord> runs, Comparator<RunRecord> better) {
        return runs.stream().min(better).orElseThrow().run().name();
    }

    @Test
    void theFirstRunToReachBothTargetsWinsElseTheClosestInDAlign() {
        Comparator<RunRecord> better = OrderedPcaMethods.fastestToTargets(StopTarget.parse("d_align=0.01,longest_streak=3"));
        RunRecord late = run("late", RunRecord.State.STOPPED, new long[] {100, 300}, new double[] {0.5, 0.005},
                new double[] {1, 3}, new double[] {0.1, 0.01});
        RunRecord early = run("early", RunRecord.State.STOPPED, new long[] {100, 200}, new double[] {0.02, 0.009},
                new double[] {2, 3}, new double[] {0.1, 0.01});
        RunRecord alignedOutOfOrder = run("aligned", RunRecord.State.FINISHED, new long[] {100, 1000},
                new double[] {0.02, 0.001}, new double[] {1, 2}, new double[] {0.1, 0.01});
        RunRecord close = run("close", RunRecord.State.FINISHED, new long[] {1000}, new double[] {0.05},
                new double[] {3}, new double[] {0.01});
        RunRecord diverged = run("diverged", RunRecord.State.DIVERGED, new long[] {10}, new double[] {0.0001},
                new double[] {3}, new double[] {0.01});
        assertEquals("early", best(List.of(late, early, close, diverged), better));
        assertEquals("late", best(List.of(late, alignedOutOfOrder, close), better));
        assertEquals("aligned", best(List.of(alignedOutOfOrder, close, diverged), better),
                "not reached by either: the smaller final d_align");
        assertEquals("close", best(List.of(diverged, close), better), "a diverged run comes last");
    }

    @Test
    void theLongestFinalStreakWinsThenTheSmallerSubspaceDistance() {
        Comparator<RunRecord> better = GempMnist.longestStreak();
        RunRecord sixteen = run("sixteen", RunRecord.State.STOPPED, new long[] {10000}, new double[] {0.1},
                new double[] {16}, new double[] {0.02});
        RunRecord fifteen = run("fifteen", RunRecord.State.STOPPED, new long[] {10000}, new double[] {0.1},
                new double[] {15}, new double[] {0.001});
        RunRecord closer = run("closer", RunRecord.State.STOPPED, new long[] {10000}, new double[] {0.1},
                new double[] {16}, new double[] {0.01});
        RunRecord diverged = run("diverged", RunRecord.State.DIVERGED, new long[] {100}, new double[] {0.1},
                new double[] {16}, new double[] {0.0});
        assertEquals("sixteen", best(List.of(fifteen, sixteen, diverged), better));
        assertEquals("closer", best(List.of(sixteen, closer), better));
        assertEquals("fifteen", best(List.of(diverged, fifteen), better));
    }

    @Test
    void aStepCountsTheProductsWithTheDataFromTheirShapes() {
        int n = 1000;
        int k = 20;
        assertEquals(2.0 * n * n * k, OrderedPcaMethods.flopsPerStep("gha", k, n, OrderedPcaMethods.Mode.FULL_BATCH, 256),
                "a tied rule: Σxx·V");
        assertEquals(2.0 * n * n * 2 * k, OrderedPcaMethods.flopsPerStep("gradient", k, n,
                OrderedPcaMethods.Mode.FULL_BATCH, 256), "a loss: Σxx·[Bᵀ | A]");
        assertEquals(4.0 * 256 * n * k, OrderedPcaMethods.flopsPerStep("mu-eigengame", k, n,
                OrderedPcaMethods.Mode.MINI_BATCH, 256), "a tied rule over a batch: X·V and Xᵀ(XV)");
        assertEquals(4.0 * 256 * n * 2 * k, OrderedPcaMethods.flopsPerStep("rag", k, n,
                OrderedPcaMethods.Mode.MINI_BATCH, 256));
    }
}
