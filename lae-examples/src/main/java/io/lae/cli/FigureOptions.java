package io.lae.cli;

import io.lae.LaeException;
import io.lae.figures.FigureFormat;
import io.lae.figures.FigureOutput;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * {@code --figure-format} and {@code --dpi}, the same options in {@code train} and
 * {@code experiment} (a picocli mixin).
 */
final class FigureOptions {

    @Option(names = "--figure-format", defaultValue = "all", paramLabel = "png|svg|pdf|all",
            converter = FigureOptions.Formats.class,
            description = "Which files each figure is written as (default ${DEFAULT-VALUE}: PNG, SVG and PDF).")
    Set<FigureFormat> formats;

    @Option(names = "--dpi", defaultValue = "144", paramLabel = "DPI", converter = FigureOptions.Dpi.class,
            description = "Resolution of the PNG figures, 72 to 1200 dots per inch of the figure's printed size "
                    + "(default ${DEFAULT-VALUE}: twice the size in points).")
    int dpi;

    /** Reads {@code png}, {@code svg}, {@code pdf} or {@code all}, any case. */
    static final class Formats extends LabelConverter<Set<FigureFormat>> {
        Formats() {
            super(FigureFormat::parse);
        }
    }

    /** Reads a resolution in dots per inch, a whole number from 72 to 1200. */
    static final class Dpi extends LabelConverter<Integer> {
        Dpi() {
            super(FigureOptions::dpi);
        }
    }

    private static Integer dpi(String label) {
        try {
            int dpi = Integer.parseInt(label.strip());
            new FigureOutput(Set.of(FigureFormat.PNG), dpi);
            return dpi;
        } catch (NumberFormatException e) {
            throw new LaeException("figure resolution '" + label + "' is not a whole number of dots per inch");
        }
    }

    /** @return the chosen formats and resolution */
    FigureOutput output() {
        return new FigureOutput(formats, dpi);
    }
}
