package io.lae.optim;

import io.lae.LaeException;
import io.lae.linalg.HostMemory;
import java.util.Arrays;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.factory.Nd4j;

/** What every optimizer's {@link Optimizer#apply} shares: argument checks and the final step. */
final class Updates {

    private Updates() {
    }

    /**
     * Checks, before anything is modified, that the learning rate is positive and finite, that
     * every parameter has a direction like it and a buffer like it for each slot.
     */
    static void validate(Map<String, INDArray> params, Map<String, INDArray> directions, OptimizerState state,
            double learningRate, String... slots) {
        LearningRates.require(learningRate, "--lr");
        if (directions.size() != params.size() || !directions.keySet().containsAll(params.keySet())) {
            throw new IllegalArgumentException("directions " + directions.keySet() + " do not match parameters "
                    + params.keySet());
        }
        params.forEach((name, param) -> {
            INDArray direction = directions.get(name);
            if (!alike(direction, param)) {
                throw new IllegalArgumentException("direction for '" + name + "' is " + describe(direction)
                        + " but the parameter is " + describe(param));
            }
            for (String slot : slots) {
                String bufferName = OptimizerState.bufferName(name, slot);
                INDArray buffer = state.buffers().get(bufferName);
                if (buffer == null) {
                    throw new LaeException("the optimizer state has no buffer '" + bufferName + "' (has "
                            + state.buffers().keySet() + "): the checkpoint is from another model or optimizer");
                }
                if (!alike(buffer, param)) {
                    throw new LaeException("optimizer buffer '" + bufferName + "' is " + describe(buffer)
                            + " but parameter '" + name + "' is " + describe(param)
                            + ": the checkpoint is from another model");
                }
            }
        });
    }

    /** θ ← θ − α·u in one fused op, or one plain-Java pass with the same bits on the CPU (u is read, not modified). */
    static void descend(INDArray param, INDArray update, double alpha) {
        if (HostMemory.flat(param, update)) {
            HostUpdates.axpy(update, param, -alpha);
        } else {
            Nd4j.exec(new Axpy(update, param, param, -alpha));
        }
    }

    private static boolean alike(INDArray a, INDArray b) {
        return a.dataType() == b.dataType() && Arrays.equals(a.shape(), b.shape());
    }

    private static String describe(INDArray a) {
        return a.dataType().toString().toLowerCase() + " " + Arrays.toString(a.shape());
    }
}
