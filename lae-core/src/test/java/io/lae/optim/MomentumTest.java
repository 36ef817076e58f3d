package io.lae.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class MomentumTest extends OptimizerContractTest {

    @Override
    Optimizer create() {
        return new Momentum(0.9, false);
    }

    @Override
    Reference reference() {
        return Reference.momentum(0.9, false);
    }

    @Override
    List<String> slots() {
        return List.of("velocity");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void withZeroMomentumEqualsSgdBitForBit(boolean nesterov) {
        Optimizer sgd = new Sgd();
        Optimizer momentum = new Momentum(0, nesterov);
        Map<String, INDArray> sgdParams = parameters(DataType.DOUBLE, 'c', 1);
        Map<String, INDArray> momentumParams = parameters(DataType.DOUBLE, 'c', 1);
        OptimizerState sgdState = sgd.init(sgdParams);
        OptimizerState momentumState = momentum.init(momentumParams);

        for (int t = 0; t < 3; t++) {
            sgd.apply(sgdParams, gradients(DataType.DOUBLE, t), sgdState, LEARNING_RATES[t]);
            momentum.apply(momentumParams, gradients(DataType.DOUBLE, t), momentumState, LEARNING_RATES[t]);
        }

        for (String name : NAMES) {
            assertArrayEquals(flat(sgdParams.get(name)), flat(momentumParams.get(name)), name);
        }
    }
}
