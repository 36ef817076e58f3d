package io.lae.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.LaeException;
import io.lae.TestData;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Each optimizer against its update written out in plain Java, and the state contract. */
class OptimizerTest {

    static final double[] THETA = {0.5, -1.0, 2.0, 0.25, -0.75, 1.5};
    static final double[][] GRADS = {{0.3, -0.2, 0.1, 1.0, -2.0, 0.05}, {-0.1, 0.4, 0.2, 0.5, 1.0, -0.3},
        {0.2, 0.2, -0.6, -0.4, 0.3, 0.9}};
    static final double LR = 0.1;
    static final double MU = 0.9;

    @BeforeAll
    static void float64() {
        TestData.useFloat64();
    }

    /** Runs three steps on a 2×3 parameter (and a 3×2 one with the gradients reversed). */
    static double[] run(Optimizer optimizer, DataType type) {
        Map<String, INDArray> params = new LinkedHashMap<>();
        params.put("encoder", Nd4j.createFromArray(THETA).reshape(2, 3).castTo(type));
        params.put("decoder", Nd4j.createFromArray(THETA).reshape(3, 2).castTo(type));
        OptimizerState state = optimizer.init(params);
        for (double[] g : GRADS) {
            Map<String, INDArray> directions = new LinkedHashMap<>();
            directions.put("encoder", Nd4j.createFromArray(g).reshape(2, 3).castTo(type));
            directions.put("decoder", Nd4j.createFromArray(g).reshape(3, 2).castTo(type));
            optimizer.apply(params, directions, state, LR);
        }
        assertEquals(GRADS.length, state.step());
        assertEquals(type, params.get("encoder").dataType());
        return params.get("encoder").castTo(DataType.DOUBLE).reshape(6).toDoubleVector();
    }

    /** The reference: PyTorch's formulas, element by element. */
    static double[] reference(String name) {
        double[] theta = THETA.clone();
        double[] v = new double[6];
        double[] m = new double[6];
        for (int t = 1; t <= GRADS.length; t++) {
            double[] g = GRADS[t - 1];
            for (int i = 0; i < 6; i++) {
                switch (name) {
                    case "sgd" -> theta[i] -= LR * g[i];
                    case "momentum" -> {
                        v[i] = MU * v[i] + g[i];
                        theta[i] -= LR * v[i];
                    }
                    case "nesterov" -> {
                        v[i] = MU * v[i] + g[i];
                        theta[i] -= LR * (g[i] + MU * v[i]);
                    }
                    default -> {
                        m[i] = 0.9 * m[i] + 0.1 * g[i];
                        v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                        double mHat = m[i] / (1 - Math.pow(0.9, t));
                        double vHat = v[i] / (1 - Math.pow(0.999, t));
                        theta[i] -= LR * mHat / (Math.sqrt(vHat) + 1e-8);
                    }
                }
            }
        }
        return theta;
    }

    @Test
    void everyOptimizerMatchesItsFormulaInFloat64AndFloat32() {
        for (String name : Optimizers.NAMES) {
            double[] expected = reference(name);
            double[] got = run(Optimizers.create(name, MU), DataType.DOUBLE);
            double[] got32 = run(Optimizers.create(name, MU), DataType.FLOAT);
            for (int i = 0; i < 6; i++) {
                assertEquals(expected[i], got[i], 1e-12, name + " float64 [" + i + "]");
                assertEquals(expected[i], got32[i], 1e-5, name + " float32 [" + i + "]");
            }
        }
    }

    @Test
    void zeroMomentumIsPlainGradientDescent() {
        double[] sgd = run(new Sgd(), DataType.DOUBLE);
        for (boolean nesterov : new boolean[] {false, true}) {
            double[] got = run(new Momentum(0, nesterov), DataType.DOUBLE);
            for (int i = 0; i < 6; i++) {
                assertEquals(sgd[i], got[i], 1e-15);
            }
        }
    }

    @Test
    void adamFirstStepMovesEachCoordinateByTheLearningRate() {
        Map<String, INDArray> p = Map.of("w", Nd4j.zeros(DataType.DOUBLE, 1, 3));
        Adam adam = new Adam();
        OptimizerState s = adam.init(p);
        adam.apply(p, Map.of("w", Nd4j.createFromArray(new double[][] {{3.0, -0.01, 200}})), s, 0.5);
        double[] moved = p.get("w").toDoubleVector();
        assertEquals(-0.5, moved[0], 1e-8);
        assertEquals(0.5, moved[1], 1e-5);
        assertEquals(-0.5, moved[2], 1e-8);
    }

    @Test
    void restoringTheStateContinuesBitForBit() {
        for (String name : Optimizers.NAMES) {
            Optimizer opt = Optimizers.create(name, MU);
            Map<String, INDArray> straight = Map.of("w", Nd4j.createFromArray(THETA).reshape(2, 3));
            Map<String, INDArray> split = Map.of("w", Nd4j.createFromArray(THETA).reshape(2, 3));
            OptimizerState a = opt.init(straight);
            OptimizerState b = opt.init(split);
            for (int step = 0; step < 5; step++) {
                double[] g = GRADS[step % 3];
                opt.apply(straight, Map.of("w", Nd4j.createFromArray(g).reshape(2, 3)), a, LR);
                if (step == 2) {
                    OptimizerState copy = b.copy();
                    for (String buffer : b.buffers().keySet()) {
                        assertNotSame(b.buffers().get(buffer), copy.buffers().get(buffer), "copy() is deep");
                    }
                    b = OptimizerState.restore(copy.step(), copy.buffers());
                }
                opt.apply(split, Map.of("w", Nd4j.createFromArray(g).reshape(2, 3)), b, LR);
            }
            assertEquals(straight.get("w"), split.get("w"), name);
            assertEquals(5, b.step());
        }
    }

    @Test
    void initGivesZeroBuffersLikeTheParameters() {
        OptimizerState s = new Adam().init(Map.of("w", Nd4j.ones(DataType.FLOAT, 4, 2)));
        assertEquals(2, s.buffers().size());
        for (INDArray b : s.buffers().values()) {
            assertEquals(DataType.FLOAT, b.dataType());
            assertEquals(0.0, b.amaxNumber().doubleValue());
            assertEquals(4, b.rows());
        }
    }

    @Test
    void badNamesAndMomentaAreRefused() {
        LaeException e = assertThrows(LaeException.class, () -> Optimizers.create("lbfgs", 0.9));
        assertTrue(e.getMessage().contains("adam"), e.getMessage());
        assertThrows(LaeException.class, () -> Optimizers.create("nesterov", 1.0));
    }

    @Test
    void schedules() {
        LearningRateSchedule geo = LearningRateSchedule.geometric(1e-3, 1e-6, 1000);
        assertEquals(1e-3, geo.at(0), 1e-18);
        assertEquals(1e-6, geo.at(999), 1e-18);
        assertEquals(Math.sqrt(1e-3 * 1e-6), LearningRateSchedule.geometric(1e-3, 1e-6, 3).at(1), 1e-18);
        for (long t = 1; t < 1000; t++) {
            assertTrue(geo.at(t) < geo.at(t - 1));
        }
        assertEquals(0.25, LearningRateSchedule.stepDecay(1, 0.5, 10).at(25));
        assertEquals(0.05 / 2, LearningRateSchedule.inverseTime(0.05, 0.1).at(10), 1e-15);
        assertEquals(0.3, LearningRateSchedule.constant(0.3).at(12345));
        assertThrows(LaeException.class, () -> LearningRateSchedule.constant(0));
        assertThrows(LaeException.class, () -> LearningRateSchedule.constant(Double.NaN));
        LaeException e = assertThrows(LaeException.class, () -> LearningRateSchedule.geometric(1, -1, 10));
        assertTrue(e.getMessage().contains("--lr-end"));
    }
}
