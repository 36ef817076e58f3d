package io.lae;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The floating-point precision of a run's weights and steps ({@code --dtype}) and of a device array;
 * statistics always accumulate in float64.
 *
 * <p>Only {@link #dataType()} touches ND4J, so lae-cuda's device check, which runs without ND4J on the
 * class path, uses the rest.
 */
public enum Precision {
    /** IEEE float32 (no TF32 on a GPU): half the memory, about twice the GEMM rate. */
    FLOAT32(4),
    /** IEEE float64, lae's default. */
    FLOAT64(8);

    private final int bytes;

    Precision(int bytes) {
        this.bytes = bytes;
    }

    /** @return its name on the command line and in run.json: {@code float32} or {@code float64} */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return bytes per element */
    public int bytes() {
        return bytes;
    }

    /** @return whether this is float64 */
    public boolean isDouble() {
        return this == FLOAT64;
    }

    /** @return the ND4J data type */
    public DataType dataType() {
        return isDouble() ? DataType.DOUBLE : DataType.FLOAT;
    }

    /**
     * @param label {@code float32} or {@code float64}, in any case
     * @return the precision
     * @throws LaeException naming the choices otherwise
     */
    @JsonCreator
    public static Precision of(String label) {
        return Arrays.stream(values()).filter(p -> p.label().equalsIgnoreCase(label)).findFirst()
                .orElseThrow(() -> new LaeException("--dtype must be " + Arrays.stream(values()).map(Precision::label)
                        .collect(Collectors.joining(" or ")) + ", got '" + label + "'"));
    }

    @Override
    public String toString() {
        return label();
    }
}
