package io.lae.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lae.method.Settings;
import io.lae.optim.Optimizer;
import io.lae.optim.OptimizerState;
import io.lae.optim.Optimizers;
import io.lae.train.Model;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The host ↔ device layout of {@link CudaStepper}: θ = [B row-major | A column-major] and the optimizer's
 * buffers laid out alike round-trip into the same model and state (names, shapes, values, dtype).
 */
class FlatParametersTest {

    @ParameterizedTest
    @CsvSource({"adam,false,DOUBLE", "nesterov,false,FLOAT", "adam,true,DOUBLE", "sgd,false,DOUBLE"})
    void modelAndStateRoundTripThroughTheFlatLayout(String optimizerName, boolean tied, DataType type) {
        Model model = Model.random(5, 5, 3, 0.3, false, tied, 11, type);
        Optimizer optimizer = Optimizers.create(optimizerName, Settings.NONE.with(Optimizers.MOMENTUM, 0.9));
        FlatParameters layout = new FlatParameters(model, optimizer.init(model.parameters()));
        double[] theta = layout.theta(model);
        assertEquals(tied ? 15 : 30, theta.length);
        INDArray a = model.decoder();
        assertEquals(a.getDouble(1, 0), theta[(tied ? 0 : 15) + 1], 0, "A is column-major: A(1,0) right after A(0,0)");
        if (!tied) {
            assertEquals(model.encoder().getDouble(0, 1), theta[1], 0, "B is row-major: B(0,1) right after B(0,0)");
        }
        Model copy = Model.random(5, 5, 3, 0.3, false, tied, 12, type);
        layout.write(theta, copy);
        assertEquals(model.decoder(), copy.decoder());
        assertEquals(model.encoder(), copy.encoder());

        OptimizerState state = OptimizerState.restore(7, model.parameters().entrySet().stream()
                .flatMap(e -> layout.slots().stream().map(slot -> java.util.Map.entry(
                        OptimizerState.bufferName(e.getKey(), slot), e.getValue().mul(slot.length()))))
                .collect(java.util.stream.Collectors.toMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue)));
        double[][] flat = layout.buffers(state);
        OptimizerState back = layout.state(7, flat);
        assertEquals(7, back.step());
        assertEquals(state.buffers().keySet(), back.buffers().keySet());
        state.buffers().forEach((name, buffer) -> {
            assertEquals(buffer.dataType(), back.buffers().get(name).dataType(), name);
            assertArrayEquals(buffer.shape(), back.buffers().get(name).shape(), name);
            assertEquals(buffer, back.buffers().get(name), name);
        });
        assertEquals(optimizerName.equals("adam") ? List.of("m", "v") : optimizerName.equals("sgd") ? List.of()
                : List.of("velocity"), layout.slots());
    }
}
