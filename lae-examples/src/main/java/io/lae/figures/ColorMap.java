package io.lae.figures;

import java.awt.Color;

/** Continuous colour scales for heat maps and images: a position in [0, 1] to a colour. */
public enum ColorMap {

    /** Black (0) to white (1), as the papers draw matrices of cosines in −1..1. */
    GREY(new Color(0xD62728), Color.BLACK, Color.WHITE),

    /** Blue (0) through white (½) to red (1), ColorBrewer's RdBu: for signed values around 0. */
    DIVERGING(Color.BLACK, new Color(0x2166AC), new Color(0x92C5DE), Color.WHITE, new Color(0xF4A582),
            new Color(0xB2182B)),

    /**
     * Dark purple (0) through blue and green to yellow (1), matplotlib's "viridis" (sampled at nine
     * points): lightness rises steadily, so it reads as an order, e.g. of a parameter's values.
     */
    VIRIDIS(new Color(0xD62728), new Color(0x440154), new Color(0x472D7B), new Color(0x3B528B), new Color(0x2C728E),
            new Color(0x21908C), new Color(0x27AD81), new Color(0x5DC863), new Color(0xAADC32), new Color(0xFDE725));

    private final Color separator;
    private final Color[] stops;

    ColorMap(Color separator, Color... stops) {
        this.separator = separator;
        this.stops = stops;
    }

    /**
     * @param position where on the scale, 0 to 1; values outside are clamped
     * @return the colour as 0xRRGGBB, linear between the scale's equally spaced stops
     * @throws IllegalArgumentException if {@code position} is NaN
     */
    public int rgb(double position) {
        if (Double.isNaN(position)) {
            throw new IllegalArgumentException("colour map position is NaN");
        }
        double t = Math.min(1, Math.max(0, position)) * (stops.length - 1);
        int i = Math.min((int) t, stops.length - 2);
        double f = t - i;
        Color a = stops[i];
        Color b = stops[i + 1];
        return mix(a.getRed(), b.getRed(), f) << 16 | mix(a.getGreen(), b.getGreen(), f) << 8
                | mix(a.getBlue(), b.getBlue(), f);
    }

    /**
     * @param value the value to colour
     * @param min   the value drawn at position 0
     * @param max   the value drawn at position 1, greater than {@code min}
     * @return the colour as 0xRRGGBB; values outside [min, max] get the end colours
     */
    public int rgb(double value, double min, double max) {
        return rgb((value - min) / (max - min));
    }

    /** The colour of lines drawn over this scale, visible on every colour of it. */
    Color separator() {
        return separator;
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }
}
