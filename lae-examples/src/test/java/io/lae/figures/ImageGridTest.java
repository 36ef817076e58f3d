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

class ImageGridTest {

    @TempDir
    Path dir;

    /** @return the grey level of pixel (row, column) of image {@code k} in row {@code r} of the grid */
    private static int pixel(ImageGrid grid, BufferedImage image, int r, int k, int row, int column, int scale) {
        Rectangle at = grid.imageBounds(r, k);
        return Pngs.grey(image, at.x + column * scale + scale / 2, at.y + row * scale + scale / 2);
    }

    @Test
    void symmetricMapsZeroToMidGreyAndTheLargestMagnitudeToWhiteOrBlack() throws IOException {
        // 2 × 3, row-major: the largest |value| is 4, so 4 is white, -4 black, 0 mid-grey, 2 three-quarters.
        double[] image = {0, 4, -4, 2, -2, 0};
        ImageGrid grid = new ImageGrid(2, 3, ImageGrid.Normalisation.SYMMETRIC).scale(5).title("signs")
                .columnTitles("a", "b").addRow("row", image, new double[6]);
        Path file = dir.resolve("grid.png");
        Pngs.save(grid, file);
        BufferedImage png = Pngs.read(file);
        assertEquals(128, pixel(grid, png, 0, 0, 0, 0, 5));
        assertEquals(255, pixel(grid, png, 0, 0, 0, 1, 5));
        assertEquals(0, pixel(grid, png, 0, 0, 0, 2, 5));
        assertEquals(191, pixel(grid, png, 0, 0, 1, 0, 5));
        assertEquals(64, pixel(grid, png, 0, 0, 1, 1, 5));
        assertEquals(128, pixel(grid, png, 0, 1, 1, 2, 5), "an all-zero image is mid-grey");
    }

    @Test
    void unitRangeIsFixedAndClamped() {
        ImageGrid grid = new ImageGrid(1, 4, ImageGrid.Normalisation.UNIT).addRow("", new double[] {0, 0.5, 1, 3});
        BufferedImage image = Pngs.render(grid);
        assertEquals(0, pixel(grid, image, 0, 0, 0, 0, 3));
        assertEquals(128, pixel(grid, image, 0, 0, 0, 1, 3));
        assertEquals(255, pixel(grid, image, 0, 0, 0, 2, 3));
        assertEquals(255, pixel(grid, image, 0, 0, 0, 3, 3));
    }

    @Test
    void imagesAreScaledUpAndRowsStackDown() {
        ImageGrid grid = new ImageGrid(28, 28, ImageGrid.Normalisation.SYMMETRIC)
                .addRow("first", new double[784], new double[784]).addRow("second", new double[784]);
        BufferedImage image = Pngs.render(grid);
        Rectangle a = grid.imageBounds(0, 0);
        Rectangle b = grid.imageBounds(0, 1);
        Rectangle c = grid.imageBounds(1, 0);
        assertEquals(84, a.width);
        assertEquals(84, a.height);
        assertTrue(b.x >= a.x + a.width && b.y == a.y);
        assertTrue(c.y >= a.y + a.height && c.x == a.x);
        assertTrue(b.x + b.width <= image.getWidth() && c.y + c.height <= image.getHeight());
    }

    @Test
    void aVectorOfTheWrongLengthIsRejectedWithTheExpectedShape() {
        ImageGrid grid = new ImageGrid(28, 28, ImageGrid.Normalisation.UNIT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> grid.addRow("MSE", new double[784], new double[780]));
        assertTrue(e.getMessage().contains("image 1 of row 'MSE' has 780 values; expected 28 × 28 = 784"),
                e.getMessage());
        double[] nan = new double[784];
        nan[3] = Double.NaN;
        assertThrows(IllegalArgumentException.class, () -> grid.addRow("nan", nan));
        assertThrows(IllegalArgumentException.class, () -> grid.addRow("none"));
        assertThrows(IllegalStateException.class, () -> Pngs.render(grid));
    }
}
