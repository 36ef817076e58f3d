package io.lae.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lae.LaeException;
import io.lae.Precision;
import io.lae.device.MemoryPlan;
import io.lae.train.Initialization;
import io.lae.train.MetricsRow;
import io.lae.train.NestedDropoutDraw;
import io.lae.train.StopTarget;
import org.junit.jupiter.api.Test;

class TrainingConfigTest {

    /** The memory plan counts what the run's names stand for: p, the rows a step holds, the dtype, the optimizer's buffers, tying. */
    @Test
    void itsMemoryPlanCountsWhatItsNamesStandFor() {
        TrainingConfig adam32 = TrainingConfig.builder().latent(7).optimizer("adam", 1e-3).dtype(Precision.FLOAT32)
                .miniBatches(2, 64).build();
        assertEquals(new MemoryPlan(30, 25, 1000, 7, 64, 4, 2, true, false, false),
                adam32.memoryPlan(30, 25, 1000, true, false));
        TrainingConfig gha = TrainingConfig.builder().latent(7).loss("mse").rule("gha").optimizer("sgd", 1e-3).build();
        assertEquals(new MemoryPlan(30, 30, 1000, 7, 0, 8, 0, false, true, true),
                gha.memoryPlan(30, 30, 1000, false, true));
        TrainingConfig perSample = TrainingConfig.builder().latent(7).loss("nested-dropout").optimizer("nesterov", 1e-3)
                .stochastic(NestedDropoutDraw.PER_SAMPLE).build();
        assertEquals(new MemoryPlan(30, 30, 1000, 7, 1000, 8, 1, false, false, false),
                perSample.memoryPlan(30, 30, 1000, false, false), "full batch, per sample: a step holds all m rows");
    }

    @Test
    void inverseTimeDecayFollowsKerasFormula() {
        TrainingConfig c = TrainingConfig.builder().optimizer("adam", 0.05).lrDecay(0.1).steps(4000).build();
        assertEquals(0.05, c.schedule(4000).at(0), 0);
        assertEquals(0.05 / (1 + 0.1 * 3999), c.schedule(4000).at(3999), 1e-18);
    }

    @Test
    void geometricAndConstantSchedules() {
        TrainingConfig geometric = TrainingConfig.builder().optimizer("adam", 1e-3).lrEnd(1e-6).steps(100).build();
        assertEquals(1e-6, geometric.schedule(100).at(99), 1e-18);
        TrainingConfig constant = TrainingConfig.builder().optimizer("sgd", 0.2).build();
        assertEquals(0.2, constant.schedule(100).at(77), 0);
    }

    @Test
    void bothDecaysAreRefused() {
        LaeException e = assertThrows(LaeException.class,
                () -> TrainingConfig.builder().lrEnd(1e-6).lrDecay(0.1).build());
        assertTrue(e.getMessage().contains("--lr-decay"), e.getMessage());
        assertThrows(LaeException.class, () -> TrainingConfig.builder().lrDecay(-1.0).build());
    }

    @Test
    void builderRoundTripsAndWithStepsChangesOnlySteps() {
        TrainingConfig c = TrainingConfig.builder().loss("sum").lambda(10.0).latent(3).seed(7).center(false)
                .miniBatches(2, 16).until(StopTarget.parse("d_align=0.3")).build();
        TrainingConfig longer = c.withSteps(99);
        assertEquals(99, longer.steps());
        assertEquals(c.toBuilder().steps(99).build().toString(), longer.toString());
        assertFalse(longer.center());
        assertEquals(16, longer.batch());
    }

    @Test
    void untilStepStopsAtThatStep() {
        StopTarget t = StopTarget.parse("step=50");
        MetricsRow at40 = MetricsRow.of(new double[] {40, 1, 1, 0, 0, 0, 1, 1, 0, 0, 1e-3, 1});
        MetricsRow at50 = MetricsRow.of(new double[] {50, 1, 1, 0, 0, 0, 1, 1, 0, 0, 1e-3, 1});
        assertFalse(t.reachedBy(at40));
        assertTrue(t.reachedBy(at50));
    }

    @Test
    void stochasticDrawIsWrittenByNameAndOldBooleansStillRead() throws Exception {
        ObjectMapper json = new ObjectMapper();
        TrainingConfig c = TrainingConfig.builder().loss("nested-dropout").stochastic(NestedDropoutDraw.PER_SAMPLE).build();
        ObjectNode written = json.valueToTree(c);
        assertEquals("per-sample", written.get("stochastic").asText());
        assertEquals(c.toString(), json.treeToValue(written, TrainingConfig.class).toString());
        // run.json files from before the per-sample draw hold a boolean; true meant one draw per step
        assertEquals(NestedDropoutDraw.PER_STEP,
                json.treeToValue(written.put("stochastic", true), TrainingConfig.class).stochastic());
        assertNull(json.treeToValue(written.put("stochastic", false), TrainingConfig.class).stochastic());
        assertTrue(c.needsRows(), "per-sample steps over the rows even at full batch");
        assertFalse(c.toBuilder().stochastic(NestedDropoutDraw.PER_STEP).build().needsRows());
    }

    /** Names and the loss's hyperparameters are checked when the configuration is made, before any data are read. */
    @Test
    void namesAndHyperparametersAreCheckedUpFront() {
        String[][] cases = {
            {"optimizer", "unknown --optimizer 'Adam2'"},
            {"rule", "unknown --rule 'magic'"},
            {"loss", "unknown loss 'ordred'"},
            {"lambdas", "--lambdas"},
            {"stochastic", "--stochastic samples the nested-dropout index"},
            {"mini-batch rule", "--rule alternating solves over the whole data set: drop --epochs/--batch"},
            {"per-sample rule", "needs the rows: use --stochastic per-step"},
            {"player steps", "--player-steps does not apply to --rule 'gha' (only to eigengame, mu-eigengame)"},
        };
        for (String[] c : cases) {
            LaeException e = assertThrows(LaeException.class, () -> {
                TrainingConfig.Builder b = TrainingConfig.builder().latent(3);
                switch (c[0]) {
                    case "optimizer" -> b.optimizer("Adam2", 1e-3);
                    case "rule" -> b.rule("magic");
                    case "loss" -> b.loss("ordred");
                    case "lambdas" -> b.loss("nonuniform").lambdas(new double[] {1, 2});
                    case "mini-batch rule" -> b.rule("alternating").optimizer("sgd", 1).miniBatches(2, 8);
                    case "per-sample rule" -> b.loss("nested-dropout").rule("alternating").optimizer("sgd", 1)
                            .stochastic(NestedDropoutDraw.PER_SAMPLE);
                    case "player steps" -> b.rule("gha").playerSteps(10L);
                    default -> b.loss("mse").stochastic(NestedDropoutDraw.PER_SAMPLE);
                }
                b.build();
            });
            assertTrue(e.getMessage().contains(c[1]), c[0] + ": " + e.getMessage());
        }
    }

    /** EigenGame's steps per player reach the rule and run.json, and a run.json without them reads as parallel. */
    @Test
    void stepsPerPlayerReachTheRuleAndRunJson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        TrainingConfig c = TrainingConfig.builder().latent(3).rule("mu-eigengame").optimizer("sgd", 0.9)
                .playerSteps(25L).build();
        assertEquals(25, ((io.lae.train.EigenGameRule) c.ruleObject()).playerSteps());
        ObjectNode written = json.valueToTree(c);
        assertEquals(25, written.get("player_steps").asLong());
        written.remove("player_steps");
        TrainingConfig parallel = json.treeToValue(written, TrainingConfig.class);
        assertEquals(0, ((io.lae.train.EigenGameRule) parallel.ruleObject()).playerSteps());
        assertFalse(json.valueToTree(TrainingConfig.builder().build()).has("player_steps"),
                "a run without them writes no key");
    }

    /** run.json keys are snake_case; a run.json of an earlier lae (camelCase keys) reads to the same configuration. */
    @Test
    void runJsonKeysAreSnakeCaseAndOldKeysStillRead() throws Exception {
        ObjectMapper json = new ObjectMapper();
        TrainingConfig c = TrainingConfig.builder().optimizer("adam", 0.01).lrEnd(1e-4).init(Initialization.Kind.NORMAL, 0.3)
                .logEvery(7).checkpointEvery(70).build().withSteps(5000);
        ObjectNode written = json.valueToTree(c);
        for (String key : new String[] {"lr_end", "init_std", "log_every", "checkpoint_every", "decay_steps"}) {
            assertTrue(written.has(key), key + " in " + written);
        }
        ObjectNode old = json.createObjectNode();
        written.fields().forEachRemaining(e -> old.set(camel(e.getKey()), e.getValue()));
        assertTrue(old.has("lrEnd") && old.has("decaySteps"), old.toString());
        assertEquals(c.toString(), json.treeToValue(old, TrainingConfig.class).toString());
    }

    private static String camel(String snake) {
        StringBuilder s = new StringBuilder();
        boolean upper = false;
        for (char ch : snake.toCharArray()) {
            if (ch == '_') {
                upper = true;
            } else {
                s.append(upper ? Character.toUpperCase(ch) : ch);
                upper = false;
            }
        }
        return s.toString();
    }
}
