package io.lae.loss;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The data-term scale c of docs/math.md §1: {@code sum} c = 1, {@code mean} 1/m, {@code half-mean} 1/(2m). */
public enum Scale {
    /** c = 1. */
    SUM("sum"),
    /** c = 1/m. */
    MEAN("mean"),
    /** c = 1/(2m). */
    HALF_MEAN("half-mean");

    private final String label;

    Scale(String label) {
        this.label = label;
    }

    /**
     * @param sampleCount m
     * @return the factor c for a data set of m samples
     */
    public double factor(long sampleCount) {
        return switch (this) {
            case SUM -> 1.0;
            case MEAN -> 1.0 / sampleCount;
            case HALF_MEAN -> 0.5 / sampleCount;
        };
    }

    /** @return the name used on the command line and in run.json */
    @JsonValue
    public String label() {
        return label;
    }

    /**
     * @param label {@code sum}, {@code mean} or {@code half-mean}, in any case
     * @return the scale of that name
     * @throws io.lae.LaeException for any other name
     */
    @JsonCreator
    public static Scale fromLabel(String label) {
        for (Scale s : values()) {
            if (s.label.equalsIgnoreCase(label)) {
                return s;
            }
        }
        throw new io.lae.LaeException("unknown --reduction '" + label + "': use sum, mean or half-mean");
    }

    @Override
    public String toString() {
        return label;
    }
}
