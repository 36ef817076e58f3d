package io.lae.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.lae.LaeException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How stochastic nested dropout (Rippel et al.; Bao Fig. 2) draws its truncation index b ~ p_B.
 *
 * <p>{@link #PER_SAMPLE} is the method as the authors run it ({@code linear_ae_nested_dropout.py}:
 * one multinomial draw per row of the batch): each sample's reconstruction keeps its own first b_j
 * units, so the step's gradient is an average over many draws and close to its expectation, the
 * deterministic loss's. {@link #PER_STEP} draws one b for the whole step: one truncated loss, cheap
 * to compute from the statistics but far noisier.
 */
public enum NestedDropoutDraw {

    /** One b_j per sample: the step needs the rows, O(n·Σ_j b_j) over m rows on the CPU (O(m·n·p) at most). */
    PER_SAMPLE("per-sample"),
    /** One b per step, shared by all samples: the step runs on the statistics, O(n²p). */
    PER_STEP("per-step");

    private final String label;

    NestedDropoutDraw(String label) {
        this.label = label;
    }

    /** @return the name on the command line and in run.json */
    @JsonValue
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }

    /**
     * @param rule the run's update rule
     * @throws LaeException if this draw needs the rows (per sample) and the rule solves over the statistics
     */
    public void requireSupportedBy(UpdateRule rule) {
        if (this == PER_SAMPLE && !rule.supportsMiniBatch()) {
            throw new LaeException("--rule " + rule.name() + " solves over the statistics, but --stochastic "
                    + PER_SAMPLE + " needs the rows: use --stochastic " + PER_STEP);
        }
    }

    /**
     * @param label {@code per-sample} or {@code per-step}, any case
     * @return the draw
     * @throws LaeException for any other name
     */
    public static NestedDropoutDraw fromLabel(String label) {
        for (NestedDropoutDraw d : values()) {
            if (d.label.equalsIgnoreCase(label)) {
                return d;
            }
        }
        throw new LaeException("--stochastic must be " + Arrays.stream(values()).map(NestedDropoutDraw::label)
                .collect(Collectors.joining(" or ")) + ", got '" + label + "'");
    }

    /**
     * Reads run.json: a label, or the boolean that run.json files from before the per-sample draw hold
     * ({@code true} then meant one draw per step).
     *
     * @param node the JSON value
     * @return the draw, or null for {@code false} (deterministic nested dropout)
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static NestedDropoutDraw fromJson(JsonNode node) {
        if (node.isBoolean()) {
            return node.booleanValue() ? PER_STEP : null;
        }
        return fromLabel(node.asText());
    }
}
