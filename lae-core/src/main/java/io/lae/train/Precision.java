package io.lae.train;

import io.lae.LaeException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.buffer.DataType;

/** The floating-point precision of a run's weights and steps ({@code --dtype}); statistics accumulate in float64. */
public enum Precision {
    /** IEEE single precision: half the memory, about twice the GEMM rate. */
    FLOAT32(DataType.FLOAT),
    /** IEEE double precision, lae's default. */
    FLOAT64(DataType.DOUBLE);

    private final DataType dataType;

    Precision(DataType dataType) {
        this.dataType = dataType;
    }

    /** @return its name on the command line and in run.json: {@code float32} or {@code float64} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the ND4J data type */
    public DataType dataType() {
        return dataType;
    }

    /**
     * @param label {@code float32} or {@code float64}, in any case
     * @return the precision
     * @throws LaeException naming the choices otherwise
     */
    public static Precision of(String label) {
        return Arrays.stream(values()).filter(p -> p.label().equalsIgnoreCase(label)).findFirst()
                .orElseThrow(() -> new LaeException("--dtype must be " + Arrays.stream(values()).map(Precision::label)
                        .collect(Collectors.joining(" or ")) + ", got '" + label + "'"));
    }
}
