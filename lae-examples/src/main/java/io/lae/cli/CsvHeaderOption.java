package io.lae.cli;

import io.lae.data.CsvHeader;
import picocli.CommandLine.Option;

/** {@code --header}, the same option in {@code train}, {@code stats} and {@code encode} (a picocli mixin). */
final class CsvHeaderOption {

    @Option(names = "--header", defaultValue = "auto", paramLabel = "auto|yes|no", converter = CsvHeaderOption.Converter.class,
            description = "Whether the first row of a .csv file names the columns: auto (when one of its cells is text "
                    + "that is not a number; nan and inf are numbers), yes or no (default ${DEFAULT-VALUE}).")
    CsvHeader header;

    /** Reads {@code auto}, {@code yes} or {@code no}, any case. */
    static final class Converter extends LabelConverter<CsvHeader> {
        Converter() {
            super(CsvHeader::of);
        }
    }
}
