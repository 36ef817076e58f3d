package io.lae.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeatMapTest {

    @TempDir
    Path dir;

    private static double[][] identity(int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = 1;
        }
        return m;
    }

    private static int rgbAtCentre(BufferedImage image, Rectangle cell) {
        return image.getRGB((int) cell.getCenterX(), (int) cell.getCenterY()) & 0xFFFFFF;
    }

    @Test
    void identityOnGreyMinusOneToOneHasWhiteDiagonalAndMidGreyZeros() throws IOException {
        HeatMap map = new HeatMap(identity(4), -1, 1, ColorMap.GREY).title("I").rowLabel("row").columnLabel("col");
        Path file = dir.resolve("identity.png");
        Pngs.save(map, file);
        BufferedImage image = Pngs.read(file);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                Rectangle cell = map.cellBounds(i, j);
                assertTrue(cell.x + cell.width <= image.getWidth() && cell.y + cell.height <= image.getHeight());
                int grey = Pngs.grey(image, (int) cell.getCenterX(), (int) cell.getCenterY());
                assertEquals(i == j ? 255 : 128, grey, "cell (" + i + ", " + j + ")");
            }
        }
    }

    @Test
    void minusOneIsBlackAndValuesBeyondTheScaleAreClamped() {
        HeatMap map = new HeatMap(new double[][] {{-1, 7}, {-3, 0.5}}, -1, 1, ColorMap.GREY);
        BufferedImage image = Pngs.render(map);
        assertEquals(0x000000, rgbAtCentre(image, map.cellBounds(0, 0)));
        assertEquals(0xFFFFFF, rgbAtCentre(image, map.cellBounds(0, 1)));
        assertEquals(0x000000, rgbAtCentre(image, map.cellBounds(1, 0)));
        assertEquals(191, Pngs.grey(image, (int) map.cellBounds(1, 1).getCenterX(),
                (int) map.cellBounds(1, 1).getCenterY()));
    }

    @Test
    void divergingIsBlueWhiteRed() {
        HeatMap map = new HeatMap(new double[][] {{-2, 0, 2}}, -2, 2, ColorMap.DIVERGING);
        BufferedImage image = Pngs.render(map);
        int blue = rgbAtCentre(image, map.cellBounds(0, 0));
        int red = rgbAtCentre(image, map.cellBounds(0, 2));
        assertTrue((blue & 0xFF) > (blue >> 16), Integer.toHexString(blue));
        assertEquals(0xFFFFFF, rgbAtCentre(image, map.cellBounds(0, 1)));
        assertTrue((red >> 16) > (red & 0xFF), Integer.toHexString(red));
    }

    @Test
    void separatorsAreDrawnBetweenBlocks() {
        HeatMap map = new HeatMap(identity(4), -1, 1, ColorMap.GREY).rowSeparators(2).columnSeparators(2);
        BufferedImage image = Pngs.render(map);
        Rectangle below = map.cellBounds(2, 0);
        int separator = ColorMap.GREY.separator().getRGB() & 0xFFFFFF;
        assertEquals(separator, image.getRGB((int) below.getCenterX(), below.y) & 0xFFFFFF);
        Rectangle right = map.cellBounds(0, 2);
        assertEquals(separator, image.getRGB(right.x, (int) right.getCenterY()) & 0xFFFFFF);
        Rectangle above = map.cellBounds(1, 0);
        assertEquals(128, Pngs.grey(image, (int) above.getCenterX(), (int) above.getCenterY()),
                "cells away from the separators keep their colour");
    }

    @Test
    void largeMatricesKeepCellsOfAFewPixels() {
        double[][] m = new double[100][100];
        HeatMap map = new HeatMap(m, -1, 1, ColorMap.DIVERGING);
        BufferedImage image = Pngs.render(map);
        Rectangle last = map.cellBounds(99, 99);
        assertTrue(last.width >= 3, "cell is " + last.width + " pixels");
        assertTrue(last.x + last.width <= image.getWidth() && last.y + last.height <= image.getHeight());
        assertEquals(0xFFFFFF, rgbAtCentre(image, last));
    }

    @Test
    void badMatricesAreRejected() {
        assertMessage(() -> new HeatMap(new double[0][0], -1, 1, ColorMap.GREY), "empty");
        assertMessage(() -> new HeatMap(new double[][] {{1, 2}, {3}}, -1, 1, ColorMap.GREY),
                "ragged: row 1 has 1 values, row 0 has 2");
        assertMessage(() -> new HeatMap(new double[][] {{1, Double.NaN}}, -1, 1, ColorMap.GREY),
                "entry (0, 1) is NaN");
        assertMessage(() -> new HeatMap(identity(2), 1, 1, ColorMap.GREY), "min < max");
        assertMessage(() -> new HeatMap(identity(2), -1, 1, ColorMap.GREY).rowSeparators(2), "outside 1..1");
    }

    private static void assertMessage(Runnable action, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
