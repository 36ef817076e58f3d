package io.lae.experiments.figures;

import java.awt.Color;

/**
 * The qualitative colours every figure cycles through, in order (matplotlib's "tab10"), so the
 * k-th series or the digit k has the same colour in every figure.
 */
public final class Palette {

    private static final Color[] COLORS = {
        new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C), new Color(0xD62728), new Color(0x9467BD),
        new Color(0x8C564B), new Color(0xE377C2), new Color(0x7F7F7F), new Color(0xBCBD22), new Color(0x17BECF),
    };

    private Palette() {
    }

    /**
     * @param index a series index or class label, at least 0; the ten colours repeat after 9
     * @return its colour: blue, orange, green, red, purple, brown, pink, grey, olive, cyan
     */
    public static Color color(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("colour index " + index + " is negative");
        }
        return COLORS[index % COLORS.length];
    }
}
