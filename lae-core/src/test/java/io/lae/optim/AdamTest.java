package io.lae.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class AdamTest extends OptimizerContractTest {

    @Override
    Optimizer create() {
        return new Adam();
    }

    @Override
    Reference reference() {
        return Reference.adam(0.9, 0.999, 1e-8);
    }

    @Override
    List<String> slots() {
        return List.of("m", "v");
    }

    /**
     * m̂ = g and v̂ = g² after one step, so the step is α g/(|g| + ε) = α sign(g) up to α ε/|g|
     * (and the rounding of θ: float32 parameters are O(1)).
     */
    @ParameterizedTest
    @ValueSource(strings = {"DOUBLE", "FLOAT"})
    void firstStepIsLearningRateTimesSignOfGradient(DataType dtype) {
        double lr = 0.01;
        Map<String, INDArray> params = parameters(dtype, 'c', 1);
        Map<String, double[]> before = values(params);
        Map<String, double[]> g = values(gradients(dtype, 0));
        Optimizer adam = new Adam();

        adam.apply(params, gradients(dtype, 0), adam.init(params), lr);

        for (String name : NAMES) {
            double[] after = flat(params.get(name));
            for (int i = 0; i < after.length; i++) {
                double gi = g.get(name)[i];
                double rounding = dtype == DataType.DOUBLE ? 1e-15 : 5e-7;
                assertEquals(-lr * Math.signum(gi), after[i] - before.get(name)[i], lr * 1e-8 / Math.abs(gi) + rounding);
            }
        }
    }
}
