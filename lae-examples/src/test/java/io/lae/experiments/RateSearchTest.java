package io.lae.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lae.sweep.PlannedRun;
import io.lae.sweep.Study;
import io.lae.sweep.StudyFile;
import io.lae.train.StopTarget;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The studies a learning-rate search writes: each method over its rates, then each at its best rate. */
class RateSearchTest {

    private static final Map<String, Object> SHARED = Map.of("data", "synthetic:diag:n=12,m=200", "latent", 3L,
            "steps", 50L, "until", "d_align=0.01,longest_streak=3");

    private static final List<RateSearch.Contender> CONTENDERS = OrderedPcaMethods.contenders(3, 12,
            List.of(1e-2, 1e-3), List.of(0.5, 0.05), List.of(0.02, 0.002));

    @Test
    void aMethodIsTunedOverItsRatesOnTheHeldOutSeed() {
        RateSearch search = new RateSearch(SHARED, config -> null);
        RateSearch.Contender nonuniform = CONTENDERS.get(1);
        Study study = StudyFile.parse(search.tuningStudy(nonuniform, 7), "tune");
        assertEquals(List.of("lr"), study.axes());
        assertEquals(List.of(1e-2, 1e-3), study.runs().stream().map(r -> r.config().lr()).toList());
        for (PlannedRun run : study.runs()) {
            assertEquals("nonuniform", run.config().loss());
            assertEquals("adam", run.config().optimizer());
            assertEquals(7, run.config().seed());
            assertEquals(StopTarget.parse("d_align=0.01,longest_streak=3"), run.config().until());
            assertArrayEquals((double[]) nonuniform.settings().get("lambdas"), run.config().lambdas(), 0.0,
                    "the λ list keeps every bit through the study file");
        }
    }

    @Test
    void theReportRunsEveryMethodAtItsRateOnEachSeed() {
        RateSearch search = new RateSearch(SHARED, config -> null);
        Map<String, Double> rates = new java.util.LinkedHashMap<>();
        CONTENDERS.forEach(c -> rates.put(c.name(), c.rates().getLast() / 3));
        Study one = StudyFile.parse(search.reportStudy(CONTENDERS, rates, List.of(5L), List.of("d_align=0.01")), "r");
        assertEquals(List.of(Study.RUN_AXIS), one.axes());
        assertEquals(CONTENDERS.stream().map(RateSearch.Contender::name).toList(),
                one.runs().stream().map(r -> r.settings().get(Study.RUN_AXIS)).toList());
        for (PlannedRun run : one.runs()) {
            assertEquals(rates.get(run.settings().get(Study.RUN_AXIS)), run.config().lr());
            assertEquals(5, run.config().seed());
        }
        assertEquals(List.of(StopTarget.parse("d_align=0.01")), one.targets());
        assertEquals("rag", one.run("rag").config().rule());
        assertEquals("mse", one.run("rag").config().loss());
        assertEquals("nesterov", one.run("rag").config().optimizer(), "Adam does not suit RAG (Bao et al. §7)");
        assertEquals("sgd", one.run("gha").config().optimizer());
        Study trials = StudyFile.parse(search.reportStudy(CONTENDERS, rates, List.of(1L, 2L, 3L),
                List.of("longest_streak=3")), "trials");
        assertEquals(3 * CONTENDERS.size(), trials.runs().size());
        assertEquals(List.of(Study.RUN_AXIS, "seed"), trials.axes());
    }
}
