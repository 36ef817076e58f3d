package io.lae.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lae.Precision;
import io.lae.loss.Scale;
import io.lae.runs.TrainingConfig;
import io.lae.sweep.PlannedRun;
import io.lae.sweep.Study;
import io.lae.sweep.StudyFile;
import io.lae.train.Initialization;
import java.util.List;
import org.junit.jupiter.api.Test;

/** kunin-fig3-6's λ sweep as a study file. */
class KuninLandscapeTest {

    /** Fig. 5's study trains, loss by loss and λ by λ, the configuration Fig. 3–4's runs have at that loss and λ. */
    @Test
    void theFig5StudyTrainsTheSettingsOfFig3And4AtEachLambda() {
        TrainingConfig.Builder base = TrainingConfig.builder().data("synthetic:haar:n=20,m=20,sv=linear,seed=7")
                .center(false).scale(Scale.SUM).optimizer("adam", 0.05).lrDecay(0.1).steps(400)
                .init(Initialization.Kind.NORMAL, 0.05).seed(7).dtype(Precision.FLOAT32).logEvery(10)
                .checkpointEvery(0);
        double[] lambdas = {441, 2.5, 1};
        Study study = StudyFile.parse(KuninLandscape.fig5Study(base.build(), lambdas), "kunin");
        ObjectMapper json = new ObjectMapper();
        int i = 0;
        for (String loss : List.of("sum", "product")) {
            for (double lambda : lambdas) {
                PlannedRun run = study.runs().get(i++);
                assertEquals(json.valueToTree(KuninLandscape.lossConfig(base, loss, lambda).latent(10).build()),
                        json.valueToTree(run.config()), run.name());
            }
        }
        assertEquals(i, study.runs().size());
    }
}
