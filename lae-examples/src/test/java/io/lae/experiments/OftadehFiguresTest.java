package io.lae.experiments;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.figures.FigureFormat;
import io.lae.figures.FigureOutput;
import io.lae.figures.Palette;
import java.awt.image.BufferedImage;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** Oftadeh Fig. 1: each axis and each decoder column has its own look, and the axes show over the columns. */
class OftadehFiguresTest {

    @Test
    void axesAndColumnsAreToldApartAndTheAxesShowOverTheColumns() {
        double[][] cloud = {{-1, 0, 1}, {0, 1, -1}, {1, -1, 0}};
        // column 1 lies on the x₁ axis, column 2 on the x₂ axis, as the ordered loss puts them
        BufferedImage image = new FigureOutput(EnumSet.of(FigureFormat.PNG), 144).image(OftadehFigures.toyPanel(
                "ordered loss", cloud, Nd4j.createFromArray(new double[][] {{1, 0}, {0, 1}, {0, 0}}), new int[] {0, 1}));
        // blue and orange: the columns; red and green: the x₁ and x₂ axes, dashed over them
        for (int k = 0; k < 4; k++) {
            int rgb = Palette.color(k).getRGB() & 0xFFFFFF;
            long n = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    n += (image.getRGB(x, y) & 0xFFFFFF) == rgb ? 1 : 0;
                }
            }
            assertTrue(n > 100, n + " pixels of palette colour " + k);
        }
    }
}
