package io.lae.figures;

import java.awt.Color;

/**
 * The qualitative colours every figure cycles through, in order (matplotlib's "tab10"), so the
 * k-th series or the digit k has the same colour in every figure; and, for more series than ten
 * that have an order, as many colours as wanted along {@link ColorMap#VIRIDIS}.
 */
public final class Palette {

    /** Where on {@link ColorMap#VIRIDIS} the last ordered colour lies: past it, yellow fades into white. */
    private static final double ORDERED_END = 0.85;

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

    /**
     * @param rank  a series' place among {@code count} ordered ones (λ from largest to smallest, say),
     *              0 to {@code count − 1}
     * @param count how many there are, at least 1
     * @return its colour, evenly spaced along {@link ColorMap#VIRIDIS} from dark purple (rank 0) to
     *         yellow green: as many distinct colours as there are series, which the eye reads in order
     */
    public static Color ordered(int rank, int count) {
        if (count < 1 || rank < 0 || rank >= count) {
            throw new IllegalArgumentException("rank " + rank + " of " + count + " ordered colours");
        }
        return new Color(ColorMap.VIRIDIS.rgb(count == 1 ? 0 : ORDERED_END * rank / (count - 1)));
    }
}
