package io.lae.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Every series gets a colour of its own, however many there are. */
class PaletteTest {

    /** Kunin Fig. 5 has 11 λ at full scale: on the ten-colour cycle λ = 441 and λ = 1 were both blue. */
    @Test
    void orderedColoursAreDistinctForElevenSeriesAndMore() {
        for (int count : new int[] {11, 20}) {
            List<Color> colors = IntStream.range(0, count).mapToObj(k -> Palette.ordered(k, count)).toList();
            for (int i = 0; i < count; i++) {
                for (int j = 0; j < i; j++) {
                    assertTrue(distance(colors.get(i), colors.get(j)) >= (count == 11 ? 18 : 9), count
                            + " series: colours " + j + " and " + i + " are too close: " + colors.get(j) + ", "
                            + colors.get(i));
                }
            }
        }
        assertEquals(Palette.color(0), Palette.color(10), "the qualitative palette still cycles after ten");
    }

    /** The last colour stops short of viridis' pale yellow, which vanishes on a white background. */
    @Test
    void orderedColoursRunDarkToLightAndStayVisibleOnWhite() {
        double first = luminance(Palette.ordered(0, 11));
        double last = luminance(Palette.ordered(10, 11));
        assertTrue(first < last, first + " → " + last);
        assertTrue(distance(Palette.ordered(10, 11), Color.WHITE) > 120, "last colour " + Palette.ordered(10, 11));
        assertEquals(Palette.ordered(0, 11), Palette.ordered(0, 1));
        assertThrows(IllegalArgumentException.class, () -> Palette.ordered(3, 3));
    }

    private static double distance(Color a, Color b) {
        int r = a.getRed() - b.getRed();
        int g = a.getGreen() - b.getGreen();
        int bl = a.getBlue() - b.getBlue();
        return Math.sqrt(r * r + g * g + bl * bl);
    }

    private static double luminance(Color c) {
        return 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
    }
}
