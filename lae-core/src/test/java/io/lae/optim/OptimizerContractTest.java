package io.lae.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.lae.LaeException;
import io.lae.linalg.HostMemory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * What every optimizer must do: follow its formula ({@link Reference}) over several steps with
 * changing gradients and learning rates, in float64 and float32, for parameters of any names and
 * shapes; keep its whole memory in an {@link OptimizerState} that copies deeply and restores
 * bit-identically; reject bad learning rates and mismatched checkpoints.
 */
abstract class OptimizerContractTest {

    /** Two parameters of different shapes, with names the optimizer cannot know in advance. */
    static final Map<String, long[]> SHAPES = Map.of("encoder", new long[] {2, 3}, "decoder", new long[] {3, 4});
    static final List<String> NAMES = List.of("encoder", "decoder");
    static final double[] LEARNING_RATES = {0.1, 0.05, 0.02, 0.03, 0.01};

    /** @return the optimizer under test */
    abstract Optimizer create();

    /** @return its formula in plain Java */
    abstract Reference reference();

    /** @return the buffer slots per parameter, in order */
    abstract List<String> slots();

    @BeforeAll
    static void float64() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @Test
    void threeFloat64StepsFollowTheFormula() {
        assertFollowsFormula(DataType.DOUBLE, 1e-12);
    }

    @Test
    void float32ParametersStayFloat32AndFollowTheFormula() {
        assertFollowsFormula(DataType.FLOAT, 1e-6);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DOUBLE", "FLOAT"})
    void initGivesZeroBuffersLikeTheParametersAtStepZero(DataType dtype) {
        Map<String, INDArray> params = parameters(dtype, 'c', 1);
        OptimizerState state = create().init(params);

        assertEquals(0, state.step());
        List<String> expectedNames = new ArrayList<>();
        for (String name : NAMES) {
            for (String slot : slots()) {
                expectedNames.add(name + "/" + slot);
            }
        }
        assertEquals(expectedNames, List.copyOf(state.buffers().keySet()));
        for (String name : NAMES) {
            for (String slot : slots()) {
                INDArray buffer = state.buffers().get(name + "/" + slot);
                assertEquals(dtype, buffer.dataType());
                assertArrayEquals(SHAPES.get(name), buffer.shape());
                assertEquals(0.0, buffer.amaxNumber().doubleValue());
            }
        }
        assertThrows(UnsupportedOperationException.class, () -> state.buffers().clear());
    }

    @Test
    void eachApplyAdvancesTheStepByOne() {
        Optimizer optimizer = create();
        Map<String, INDArray> params = parameters(DataType.DOUBLE, 'c', 1);
        OptimizerState state = optimizer.init(params);
        for (int t = 0; t < 3; t++) {
            optimizer.apply(params, gradients(DataType.DOUBLE, t), state, 0.1);
            assertEquals(t + 1, state.step());
        }
    }

    @Test
    void copyIsDeep() {
        Optimizer optimizer = create();
        Map<String, INDArray> params = parameters(DataType.DOUBLE, 'c', 1);
        OptimizerState state = optimizer.init(params);
        optimizer.apply(params, gradients(DataType.DOUBLE, 0), state, 0.1);
        OptimizerState copy = state.copy();
        Map<String, double[]> before = values(copy.buffers());

        optimizer.apply(params, gradients(DataType.DOUBLE, 1), state, 0.1);

        assertEquals(1, copy.step());
        assertEquals(2, state.step());
        assertEquals(state.buffers().keySet(), copy.buffers().keySet());
        before.forEach((name, values) -> {
            assertNotSame(state.buffers().get(name), copy.buffers().get(name));
            assertArrayEquals(values, flat(copy.buffers().get(name)));
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"DOUBLE", "FLOAT"})
    void resumingFromRestoredBuffersIsBitIdentical(DataType dtype) {
        Optimizer optimizer = create();
        Map<String, INDArray> straight = parameters(dtype, 'c', 1);
        OptimizerState straightState = optimizer.init(straight);
        for (int t = 0; t < 5; t++) {
            optimizer.apply(straight, gradients(dtype, t), straightState, LEARNING_RATES[t]);
        }

        Map<String, INDArray> resumed = parameters(dtype, 'c', 1);
        OptimizerState first = optimizer.init(resumed);
        for (int t = 0; t < 2; t++) {
            optimizer.apply(resumed, gradients(dtype, t), first, LEARNING_RATES[t]);
        }
        Map<String, INDArray> saved = new LinkedHashMap<>();
        first.buffers().forEach((name, buffer) -> saved.put(name, buffer.dup()));
        OptimizerState restored = OptimizerState.restore(first.step(), saved);
        Optimizer fresh = create();
        for (int t = 2; t < 5; t++) {
            fresh.apply(resumed, gradients(dtype, t), restored, LEARNING_RATES[t]);
        }

        assertEquals(5, restored.step());
        for (String name : NAMES) {
            assertArrayEquals(flat(straight.get(name)), flat(resumed.get(name)), name);
        }
        straightState.buffers().forEach((name, buffer) ->
                assertArrayEquals(flat(buffer), flat(restored.buffers().get(name)), name));
    }

    @Test
    void fortranOrderParametersWithCOrderGradientsFollowTheFormula() {
        Optimizer optimizer = create();
        Map<String, INDArray> fortran = parameters(DataType.DOUBLE, 'f', 1);
        Map<String, INDArray> c = parameters(DataType.DOUBLE, 'c', 1);
        OptimizerState fortranState = optimizer.init(fortran);
        OptimizerState cState = optimizer.init(c);
        for (int t = 0; t < 3; t++) {
            optimizer.apply(fortran, gradients(DataType.DOUBLE, t), fortranState, LEARNING_RATES[t]);
            optimizer.apply(c, gradients(DataType.DOUBLE, t), cState, LEARNING_RATES[t]);
        }
        for (String name : NAMES) {
            assertEquals('f', fortran.get(name).ordering());
            assertArrayEquals(flat(c.get(name)), flat(fortran.get(name)), 1e-15, name);
        }
    }

    /**
     * On the CPU backend a step over dense arrays is one plain-Java pass ({@link HostUpdates}); over strided views
     * BLAS-style loops cannot take, it is ND4J's ops. Both give the same bits, parameters and buffers, over 40
     * steps of gradients from 10⁻³ to 10³ (2 800 elements a parameter: several chunks of the pass).
     */
    @ParameterizedTest
    @ValueSource(strings = {"DOUBLE", "FLOAT"})
    void thePlainJavaPassGivesTheBitsOfNd4jsOps(DataType dtype) {
        Random rng = new Random(7);
        INDArray start = gaussian(dtype, rng, 1.0);
        Map<String, INDArray> dense = Map.of("w", start.dup('c'));
        Map<String, INDArray> strided = Map.of("w", everyOtherColumn(start));
        assertTrue(HostMemory.flat(dense.get("w")), "dense arrays take the plain-Java pass");
        assertFalse(HostMemory.flat(strided.get("w")), "strided views take ND4J's ops");
        Optimizer optimizer = create();
        OptimizerState denseState = optimizer.init(dense);
        OptimizerState stridedState = optimizer.init(strided);
        for (int t = 0; t < 40; t++) {
            INDArray g = gaussian(dtype, rng, Math.pow(10, rng.nextInt(7) - 3));
            double lr = LEARNING_RATES[t % LEARNING_RATES.length];
            optimizer.apply(dense, Map.of("w", g.dup('c')), denseState, lr);
            optimizer.apply(strided, Map.of("w", everyOtherColumn(g)), stridedState, lr);
        }
        assertArrayEquals(flat(strided.get("w")), flat(dense.get("w")));
        stridedState.buffers().forEach((name, buffer) ->
                assertArrayEquals(flat(buffer), flat(denseState.buffers().get(name)), name));
        assertTrue(dense.get("w").sub(start).amaxNumber().doubleValue() > 1e-3, "the parameters must move");
    }

    private static INDArray gaussian(DataType dtype, Random rng, double scale) {
        double[] data = new double[40 * 70];
        for (int i = 0; i < data.length; i++) {
            data[i] = scale * rng.nextGaussian();
        }
        return Nd4j.create(data, new long[] {40, 70}, 'c').castTo(dtype);
    }

    /** @return x's values in a view of every other column of a wider array: not dense */
    private static INDArray everyOtherColumn(INDArray x) {
        INDArray wide = Nd4j.create(x.dataType(), new long[] {x.rows(), 2 * x.columns()}, 'c');
        INDArray view = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2, 2 * x.columns()));
        view.assign(x);
        return view;
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -0.1, Double.NaN, Double.POSITIVE_INFINITY})
    void badLearningRateIsRejectedNamingLrAndChangesNothing(double lr) {
        Optimizer optimizer = create();
        Map<String, INDArray> params = parameters(DataType.DOUBLE, 'c', 1);
        OptimizerState state = optimizer.init(params);
        Map<String, double[]> before = values(params);

        LaeException e = assertThrows(LaeException.class,
                () -> optimizer.apply(params, gradients(DataType.DOUBLE, 0), state, lr));

        assertTrue(e.getMessage().startsWith("--lr "), e.getMessage());
        assertEquals(0, state.step());
        before.forEach((name, values) -> assertArrayEquals(values, flat(params.get(name))));
    }

    @Test
    void stateOfAnotherModelIsRejected() {
        assumeFalse(slots().isEmpty(), "no buffers to mismatch");
        Optimizer optimizer = create();
        Map<String, INDArray> params = parameters(DataType.DOUBLE, 'c', 1);
        Map<String, INDArray> transposed = new LinkedHashMap<>();
        params.forEach((name, p) -> transposed.put(name, p.transpose().dup()));
        OptimizerState wrongShapes = optimizer.init(transposed);
        OptimizerState wrongNames = optimizer.init(Map.of("weights", params.get("encoder")));

        LaeException shapes = assertThrows(LaeException.class,
                () -> optimizer.apply(params, gradients(DataType.DOUBLE, 0), wrongShapes, 0.1));
        LaeException names = assertThrows(LaeException.class,
                () -> optimizer.apply(params, gradients(DataType.DOUBLE, 0), wrongNames, 0.1));

        assertTrue(shapes.getMessage().contains("[3, 2]"), shapes.getMessage());
        assertTrue(names.getMessage().contains("encoder/" + slots().get(0)), names.getMessage());
    }

    private void assertFollowsFormula(DataType dtype, double tolerance) {
        Optimizer optimizer = create();
        Map<String, INDArray> params = parameters(dtype, 'c', 1);
        OptimizerState state = optimizer.init(params);
        Map<String, double[]> theta = values(params);
        Map<String, double[][]> buffers = new LinkedHashMap<>();
        theta.forEach((name, values) -> buffers.put(name, new double[slots().size()][values.length]));

        for (int t = 0; t < 3; t++) {
            Map<String, INDArray> g = gradients(dtype, t);
            Map<String, double[]> gValues = values(g);
            for (String name : NAMES) {
                reference().step(theta.get(name), gValues.get(name), buffers.get(name), t + 1, LEARNING_RATES[t]);
            }
            optimizer.apply(params, g, state, LEARNING_RATES[t]);
        }

        for (String name : NAMES) {
            INDArray param = params.get(name);
            assertEquals(dtype, param.dataType());
            assertArrayEquals(SHAPES.get(name), param.shape());
            assertArrayEquals(theta.get(name), flat(param), tolerance, name);
            for (int s = 0; s < slots().size(); s++) {
                INDArray buffer = state.buffers().get(name + "/" + slots().get(s));
                assertEquals(dtype, buffer.dataType());
                assertArrayEquals(buffers.get(name)[s], flat(buffer), tolerance, name + "/" + slots().get(s));
            }
        }
        assertTrue(maxChange(params, dtype) > 1e-3, "the parameters must actually move");
    }

    private static double maxChange(Map<String, INDArray> params, DataType dtype) {
        Map<String, INDArray> initial = parameters(dtype, 'c', 1);
        double max = 0;
        for (String name : NAMES) {
            max = Math.max(max, params.get(name).sub(initial.get(name)).amaxNumber().doubleValue());
        }
        return max;
    }

    /** Fixed parameters of mixed signs, O(1). */
    static Map<String, INDArray> parameters(DataType dtype, char order, long seed) {
        return arrays(dtype, order, new Random(seed), 1.0);
    }

    /** A different fixed gradient for each step t, of a different scale each step. */
    static Map<String, INDArray> gradients(DataType dtype, int t) {
        return arrays(dtype, 'c', new Random(100 + t), 0.5 + t);
    }

    private static Map<String, INDArray> arrays(DataType dtype, char order, Random rng, double scale) {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        for (String name : NAMES) {
            long[] shape = SHAPES.get(name);
            double[] data = new double[(int) (shape[0] * shape[1])];
            for (int i = 0; i < data.length; i++) {
                data[i] = scale * rng.nextGaussian();
            }
            arrays.put(name, Nd4j.create(data, shape, 'c').castTo(dtype).dup(order));
        }
        return arrays;
    }

    /** The values in C order, as doubles (exactly, for float32). */
    static double[] flat(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    static Map<String, double[]> values(Map<String, INDArray> arrays) {
        Map<String, double[]> values = new LinkedHashMap<>();
        arrays.forEach((name, a) -> values.put(name, flat(a)));
        return values;
    }
}
