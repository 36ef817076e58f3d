package io.lae.cuda;

import io.lae.optim.OptimizerState;
import io.lae.train.Model;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The host's {@link Model} and {@link OptimizerState} as the flat buffers {@link DeviceTraining} keeps:
 * θ = [B row-major | A column-major] (A alone for tied weights; B row-major p×n' is Bᵀ column-major), and
 * one buffer laid out like θ per optimizer slot, in the order the optimizer names them (Adam: m, v;
 * momentum: velocity), with the names ND4J's optimizers give them ({@code encoder/m}, …).
 */
final class FlatParameters {

    private final Map<String, long[]> shapes = new LinkedHashMap<>();
    private final List<String> slots;
    private final DataType type;

    /**
     * @param model the weights whose names, shapes and dtype the layout follows
     * @param fresh a fresh state of the run's optimizer, whose buffer names give the slots
     */
    FlatParameters(Model model, OptimizerState fresh) {
        model.parameters().forEach((name, array) -> shapes.put(name, array.shape()));
        this.type = model.decoder().dataType();
        this.slots = new ArrayList<>();
        for (String name : fresh.buffers().keySet()) {
            String slot = name.substring(name.indexOf('/') + 1);
            if (!slots.contains(slot)) {
                slots.add(slot);
            }
        }
    }

    /** @return the optimizer's slots, in buffer order */
    List<String> slots() {
        return List.copyOf(slots);
    }

    /** @return B as p×n' row-major, or an empty array for tied weights */
    double[] encoder(Model model) {
        return shapes.containsKey(Model.ENCODER) ? rowMajor(model.encoder()) : new double[0];
    }

    /** @return A as n×p column-major */
    double[] decoder(Model model) {
        return columnMajor(model.decoder());
    }

    /** @return θ */
    double[] theta(Model model) {
        return concat(List.of(encoder(model), decoder(model)));
    }

    /** Writes θ's entries into the model's arrays, in place. */
    void write(double[] theta, Model model) {
        Map<String, INDArray> parts = split(theta, "");
        if (parts.containsKey(Model.ENCODER)) {
            model.encoder().assign(parts.get(Model.ENCODER));
        }
        model.decoder().assign(parts.get(Model.DECODER));
    }

    /** @return each slot's buffer as one flat array laid out like θ */
    double[][] buffers(OptimizerState state) {
        double[][] flat = new double[slots.size()][];
        for (int s = 0; s < slots.size(); s++) {
            List<double[]> parts = new ArrayList<>();
            for (String parameter : shapes.keySet()) {
                INDArray buffer = state.buffers().get(OptimizerState.bufferName(parameter, slots.get(s)));
                parts.add(parameter.equals(Model.ENCODER) ? rowMajor(buffer) : columnMajor(buffer));
            }
            flat[s] = concat(parts);
        }
        return flat;
    }

    /** @return the optimizer state of these flat buffers after {@code step} updates */
    OptimizerState state(long step, double[][] buffers) {
        Map<String, INDArray> named = new LinkedHashMap<>();
        for (int s = 0; s < slots.size(); s++) {
            named.putAll(split(buffers[s], "/" + slots.get(s)));
        }
        return OptimizerState.restore(step, named);
    }

    /** @return θ-shaped {@code flat} cut into the parameters' arrays, named parameter + suffix */
    private Map<String, INDArray> split(double[] flat, String suffix) {
        Map<String, INDArray> parts = new LinkedHashMap<>();
        int offset = 0;
        for (Map.Entry<String, long[]> parameter : shapes.entrySet()) {
            long[] shape = parameter.getValue();
            int length = Math.toIntExact(shape[0] * shape[1]);
            double[] part = Arrays.copyOfRange(flat, offset, offset + length);
            offset += length;
            char order = parameter.getKey().equals(Model.ENCODER) ? 'c' : 'f';
            parts.put(parameter.getKey() + suffix, Nd4j.create(part, shape, order).castTo(type));
        }
        if (offset != flat.length) {
            throw new IllegalArgumentException(flat.length + " values for parameters of " + offset);
        }
        return parts;
    }

    private static double[] concat(List<double[]> parts) {
        double[] all = new double[parts.stream().mapToInt(p -> p.length).sum()];
        int offset = 0;
        for (double[] part : parts) {
            System.arraycopy(part, 0, all, offset, part.length);
            offset += part.length;
        }
        return all;
    }

    private static double[] rowMajor(INDArray matrix) {
        return matrix.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    private static double[] columnMajor(INDArray matrix) {
        return matrix.castTo(DataType.DOUBLE).dup('f').data().asDouble();
    }
}
