package io.lae.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
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
        BufferedImage one = Pngs.render(heat);
        Path file = dir.resolve("panels.png");
        Pngs.save(new Panels(3).title("Cosines").add(heat).add(heat).add(heat), file);
        BufferedImage image = Pngs.read(file);
        assertEquals(3 * one.getWidth(), image.getWidth());
        assertEquals(one.getHeight() + Panels.TITLE_HEIGHT, image.getHeight());
    }

    @Test
    void panelsFillRowsAndCellsFitTheLargestPanel() {
        Figure small = new Blank(200, 100);
        Figure tall = new Blank(150, 140);
        BufferedImage image = Pngs.render(new Panels(2).add(small).add(tall).add(small).add(small).add(small));
        assertEquals(2 * 200, image.getWidth());
        assertEquals(3 * 140, image.getHeight());
    }

    /** bao-fig4-prior's title ran past both edges of its two panels: a long title wraps, inside the figure. */
    @Test
    void aLongTitleWrapsInsideThePanels() {
        BufferedImage image = Pngs.render(new Panels(2).title("Deterministic nested dropout at k = 400: how far each"
                + " unit moved from its initial value (0 not drawn on the log axis)").add(new Blank(300, 100))
                .add(new Blank(300, 100)));
        int lines = (image.getHeight() - 100) / Panels.TITLE_HEIGHT;
        assertTrue(lines >= 2, lines + " title lines");
        for (int row = 0; row < image.getHeight(); row++) {
            assertEquals(0xFFFFFF, image.getRGB(0, row) & 0xFFFFFF, "ink at the left edge, row " + row);
            assertEquals(0xFFFFFF, image.getRGB(image.getWidth() - 1, row) & 0xFFFFFF, "ink at the right edge");
        }
    }

    @Test
    void badPanelsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Panels(0));
        assertThrows(IllegalStateException.class, () -> Pngs.render(new Panels(2)));
    }

    /** A figure of a given size that paints nothing. */
    private record Blank(int width, int height) implements Figure {
        @Override
        public void paint(Graphics2D g) {
        }
    }
}
