package io.lae.train;

import io.lae.LaeException;
import io.lae.optim.OptimizerState;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Everything needed to continue a run exactly: parameters, optimizer state and position. Random
 * draws are derived from (seed, step), so no generator state needs saving.
 *
 * @param step             steps done
 * @param seconds          training time so far
 * @param parameters       the parameters by name: {@code encoder} B and {@code decoder} A for an
 *                         autoencoder ({@link Model#parameters()}), more for the linear VAE
 * @param optimizerStep    the optimizer's own step count
 * @param optimizerBuffers the optimizer's buffers by name
 */
public record Checkpoint(long step, double seconds, Map<String, INDArray> parameters, long optimizerStep,
                         Map<String, INDArray> optimizerBuffers) {

    /**
     * A checkpoint of live training state: its arrays are copies (outside any workspace), so a store may
     * keep it while training goes on.
     *
     * @param step             steps done
     * @param seconds          training time so far
     * @param parameters       the live parameters by name
     * @param optimizerStep    the optimizer's own step count
     * @param optimizerBuffers the live optimizer buffers by name
     * @return the checkpoint of copies, names in the same order
     */
    public static Checkpoint snapshot(long step, double seconds, Map<String, INDArray> parameters, long optimizerStep,
                                      Map<String, INDArray> optimizerBuffers) {
        try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return new Checkpoint(step, seconds, copies(parameters), optimizerStep, copies(optimizerBuffers));
        }
    }

    private static Map<String, INDArray> copies(Map<String, INDArray> arrays) {
        Map<String, INDArray> copies = new LinkedHashMap<>();
        arrays.forEach((name, array) -> copies.put(name, array.dup(array.ordering())));
        return copies;
    }

    /** @return B, or null when the checkpoint holds a tied model (A only) */
    public INDArray encoder() {
        return parameters.get(Model.ENCODER);
    }

    /** @return A */
    public INDArray decoder() {
        return parameters.get(Model.DECODER);
    }

    /** @return the weights to continue from (A alone for a tied model), copied: training leaves the checkpoint as saved */
    public Model model() {
        INDArray decoder = decoder().dup(decoder().ordering());
        return encoder() == null ? Model.tied(decoder) : Model.of(encoder().dup(encoder().ordering()), decoder);
    }

    /** @return the optimizer state to continue from, copied */
    public OptimizerState optimizerState() {
        return OptimizerState.restore(optimizerStep, optimizerBuffers).copy();
    }

    /**
     * Refuses a checkpoint whose arrays do not fit the run that continues from it (a damaged or foreign
     * checkpoint): B is p×n', A is n×p (A alone for a tied run), each in the run's dtype, and each optimizer
     * buffer has its parameter's shape.
     *
     * @param outputDim n
     * @param inputDim  n'
     * @param latent    p
     * @param tied      whether the run trains A alone (B = Aᵀ)
     * @param type      the run's dtype
     * @param where     names where a parameter ({@code encoder}, {@code decoder}) or the optimizer's buffers
     *                  ({@code optimizer}) came from, for the message: a file, or the checkpoint itself
     * @throws LaeException naming the first array that does not fit
     */
    public void requireFits(int outputDim, int inputDim, int latent, boolean tied, DataType type,
                            Function<String, Object> where) {
        Map<String, long[]> expected = new LinkedHashMap<>();
        if (!tied) {
            expected.put(Model.ENCODER, new long[] {latent, inputDim});
        }
        expected.put(Model.DECODER, new long[] {outputDim, latent});
        for (var e : expected.entrySet()) {
            INDArray array = parameters.get(e.getKey());
            if (array == null || !Arrays.equals(array.shape(), e.getValue())) {
                throw new LaeException(where.apply(e.getKey()) + ": " + (array == null ? "missing"
                        : "shape " + Arrays.toString(array.shape())) + ", but this run's " + e.getKey() + " is "
                        + Arrays.toString(e.getValue()) + " (p = " + latent + ", n = " + outputDim + ", n' = "
                        + inputDim + "): the checkpoint is damaged or belongs to another run");
            }
            if (array.dataType() != type) {
                throw new LaeException(where.apply(e.getKey()) + ": " + array.dataType() + " values, but the run "
                        + "trains in " + type + ": the checkpoint belongs to another run");
            }
        }
        for (var e : optimizerBuffers.entrySet()) {
            INDArray parameter = parameters.get(e.getKey().split("/")[0]);
            if (parameter != null && !Arrays.equals(parameter.shape(), e.getValue().shape())) {
                throw new LaeException(where.apply("optimizer") + ": buffer " + e.getKey() + " has shape "
                        + Arrays.toString(e.getValue().shape()) + ", its parameter "
                        + Arrays.toString(parameter.shape()) + ": the checkpoint is damaged");
            }
        }
    }
}
