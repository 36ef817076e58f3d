package io.lae.cli;

import io.lae.Precision;
import picocli.CommandLine.Option;

/** {@code --dtype}, the same option in {@code train}, {@code stats} and {@code experiment} (a picocli mixin). */
final class PrecisionOption {

    @Option(names = "--dtype", defaultValue = "float64", paramLabel = "float32|float64",
            converter = PrecisionOption.Converter.class, completionCandidates = NameCandidates.Precisions.class,
            description = "Precision of the weights and steps (lae stats: of the saved matrices; statistics always "
                    + "accumulate in float64): ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    Precision precision;

    /** Reads {@code float32} or {@code float64}, any case. */
    static final class Converter extends LabelConverter<Precision> {
        Converter() {
            super(Precision::of);
        }
    }

    /** @return {@code float32} or {@code float64} */
    String label() {
        return precision.label();
    }
}
