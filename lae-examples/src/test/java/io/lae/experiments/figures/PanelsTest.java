package io.lae.experiments.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PanelsTest {

    @TempDir
    Path dir;

    @Test
    void threeHeatMapsSideBySideWithATitle() throws IOException {
        double[][] m = {{1, 0}, {0, 1}};
        HeatMap heat = new HeatMap(m, -1, 1, ColorMap.GREY).title("mse");
        BufferedImage one = heat.render();
        Path file = dir.resolve("panels.png");
        new Panels(3).title("Cosines").add(heat).add(heat).add(heat).save(file);
        BufferedImage image = Pngs.read(file);
        assertEquals(3 * one.getWidth(), image.getWidth());
        assertEquals(one.getHeight() + Panels.TITLE_HEIGHT, image.getHeight());
    }

    @Test
    void panelsFillRowsAndCellsFitTheLargestPanel() {
        BufferedImage small = Theme.canvas(200, 100);
        BufferedImage tall = Theme.canvas(150, 140);
        BufferedImage image = new Panels(2).add(small).add(tall).add(small).add(small).add(small).render();
        assertEquals(2 * 200, image.getWidth());
        assertEquals(3 * 140, image.getHeight());
    }

    @Test
    void badPanelsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Panels(0));
        assertThrows(IllegalStateException.class, () -> new Panels(2).render());
    }
}
