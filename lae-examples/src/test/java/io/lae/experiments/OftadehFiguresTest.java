package io.lae.experiments;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.experiments.figures.Palette;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** Oftadeh Fig. 1: each axis and each decoder column has its own look, in the plot and in the legend. */
class OftadehFiguresTest {

    @Test
    void axesAndColumnsAreToldApart() {
        double[][] cloud = {{-1, 0, 1}, {0, 1, -1}};
        // render() refuses a legend with two entries drawn alike, as the three grey axes were
        BufferedImage image = OftadehFigures.toyPanel("ordered loss L", cloud,
                Nd4j.createFromArray(new double[][] {{1, 0}, {0, 1}, {0, 0.2}})).render();
        for (int k = 0; k < 5; k++) {
            int rgb = Palette.color(k).getRGB() & 0xFFFFFF;
            long n = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    n += (image.getRGB(x, y) & 0xFFFFFF) == rgb ? 1 : 0;
                }
            }
            assertTrue(n > 20, n + " pixels of palette colour " + k);
        }
    }
}
