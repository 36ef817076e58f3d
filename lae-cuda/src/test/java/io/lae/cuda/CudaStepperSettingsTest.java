package io.lae.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.loss.Loss;
import io.lae.loss.LossEvaluation;
import io.lae.loss.LossSpec;
import io.lae.optim.Adam;
import io.lae.optim.Momentum;
import io.lae.optim.Optimizer;
import io.lae.optim.OptimizerState;
import io.lae.stats.Statistics;
import io.lae.train.AlternatingRule;
import io.lae.train.GradientRule;
import io.lae.train.HebbianRule;
import io.lae.train.NestedDropoutDraw;
import io.lae.train.OjaQrRule;
import io.lae.train.RotationAugmentedRule;
import io.lae.train.StepSettings;
import io.lae.train.TiedRule;
import io.lae.train.UpdateRule;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Which settings lae's CUDA engine takes, decided on the host before any GPU is opened: lae's losses,
 * rules and optimizers map onto the device's (with their hyperparameters), and everything else is
 * refused with the reason, so {@code auto} can fall back to ND4J's engine and the fit API can say why.
 */
class CudaStepperSettingsTest {

    private static final int P = 3;

    private static StepSettings settings(UpdateRule rule, Optimizer optimizer) {
        LossSpec spec = LossSpec.named("ordered");
        return new StepSettings(spec.create(P), spec, rule, optimizer, null, 0);
    }

    @Test
    void lae_sOwnRulesAndOptimizersMapOntoTheDevice_s() {
        assertEquals(Optional.of(DeviceRule.GRADIENT), DeviceRule.of(new GradientRule()));
        assertEquals(Optional.of(DeviceRule.RAG), DeviceRule.of(new RotationAugmentedRule()));
        assertEquals(Optional.of(DeviceRule.GHA), DeviceRule.of(new HebbianRule("gha")));
        assertEquals(Optional.of(DeviceRule.OJA), DeviceRule.of(new HebbianRule("oja")));
        assertEquals(Optional.of(DeviceRule.TIED), DeviceRule.of(new TiedRule()));
        assertEquals(Optional.empty(), DeviceRule.of(new AlternatingRule()));
        assertEquals(Optional.empty(), DeviceRule.of(new OjaQrRule()));
        assertEquals(Optional.of(new DeviceOptimizer(DeviceOptimizer.Kind.ADAM, 0, 0.8, 0.99, 1e-6)),
                DeviceOptimizer.of(new Adam(0.8, 0.99, 1e-6)), "Adam keeps the user's β₁, β₂, ε");
        assertEquals(Optional.of(DeviceOptimizer.momentum(0.5, true)), DeviceOptimizer.of(new Momentum(0.5, true)));
        for (UpdateRule rule : new UpdateRule[] {new GradientRule(), new RotationAugmentedRule(), new TiedRule()}) {
            assertEquals(Optional.empty(), CudaStepper.unsupported(settings(rule, new Adam())), rule.name());
        }
    }

    @Test
    void whatTheEngineDoesNotRunIsRefusedWithTheReason() {
        assertReason("--rule alternating", CudaStepper.unsupported(settings(new AlternatingRule(), new Adam())));
        assertReason("--rule oja-qr runs on the host", CudaStepper.unsupported(settings(new OjaQrRule(), new Adam())));
        LossSpec nested = LossSpec.named("nested-dropout");
        assertReason("per-sample", CudaStepper.unsupported(new StepSettings(nested.create(P), nested,
                new RotationAugmentedRule(), new Adam(), NestedDropoutDraw.PER_SAMPLE, 0)));
        for (NestedDropoutDraw draw : NestedDropoutDraw.values()) {
            assertEquals(Optional.empty(), CudaStepper.unsupported(new StepSettings(nested.create(P), nested,
                    new GradientRule(), new Adam(), draw, 0)), draw + " draws run there with the gradient rule");
        }
        Loss own = new Loss() {
            private final Loss inner = LossSpec.named("mse").create(P);

            @Override
            public String name() {
                return "mine";
            }

            @Override
            public int latentSize() {
                return P;
            }

            @Override
            public LossEvaluation evaluate(INDArray encoder, INDArray decoder, Statistics stats) {
                return inner.evaluate(encoder, decoder, stats);
            }
        };
        assertReason("the loss 'mine'", CudaStepper.unsupported(new StepSettings(own, null, new GradientRule(),
                new Adam(), null, 0)));
        Optimizer ownOptimizer = new Optimizer() {
            @Override
            public String name() {
                return "lion";
            }

            @Override
            public OptimizerState init(Map<String, INDArray> params) {
                return OptimizerState.zeros(params);
            }

            @Override
            public void apply(Map<String, INDArray> params, Map<String, INDArray> directions, OptimizerState state,
                              double learningRate) {
            }
        };
        assertReason("the optimizer 'lion'", CudaStepper.unsupported(settings(new GradientRule(), ownOptimizer)));
    }

    private static void assertReason(String expected, Optional<String> reason) {
        assertTrue(reason.isPresent() && reason.get().contains(expected), expected + " in " + reason);
    }
}
