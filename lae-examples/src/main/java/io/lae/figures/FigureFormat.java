package io.lae.figures;

import io.lae.LaeException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** A file format lae writes figures in. */
public enum FigureFormat {

    /** A bitmap, at the resolution {@link FigureOutput#dpi()} asks for. */
    PNG,
    /** Scalable vector graphics; text stays text, so labels can be searched and edited. */
    SVG,
    /** A one-page PDF of the figure's size in points, vector throughout. */
    PDF;

    /** @return the file extension, without the dot: {@code png}, {@code svg}, {@code pdf} */
    public String extension() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param label {@code png}, {@code svg}, {@code pdf} or {@code all}, in any case
     * @return the formats it names
     * @throws LaeException if it names none of them
     */
    public static Set<FigureFormat> parse(String label) {
        String name = label.strip().toLowerCase(Locale.ROOT);
        if (name.equals("all")) {
            return EnumSet.allOf(FigureFormat.class);
        }
        return Arrays.stream(values()).filter(f -> f.extension().equals(name)).findFirst().map(EnumSet::of)
                .orElseThrow(() -> new LaeException("unknown figure format '" + label + "'; use png, svg, pdf or all"));
    }
}
