package io.lae.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScatterFigureTest {

    @TempDir
    Path dir;

    @Test
    void tenThousandPointsRenderQuicklyInTheirClassColours() throws IOException {
        int n = 10_000;
        Random random = new Random(7);
        double[] x = new double[n];
        double[] y = new double[n];
        int[] digits = new int[n];
        for (int i = 0; i < n; i++) {
            digits[i] = random.nextInt(10);
            x[i] = 4 * Math.cos(digits[i]) + random.nextGaussian();
            y[i] = 4 * Math.sin(digits[i]) + random.nextGaussian();
        }
        ScatterFigure figure = new ScatterFigure("codes", "z1", "z2").points(x, y, digits);
        Pngs.render(figure); // warm up fonts and classes
        // well inside a minute even on a busy machine: what is checked is that no step grows faster than the points
        BufferedImage image = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Pngs.render(figure));
        for (int k = 0; k < 10; k++) {
            // The legend's marker for class k is drawn opaque, in the palette colour itself.
            assertTrue(Pngs.count(image, Palette.color(k).getRGB() & 0xFFFFFF) > 0, "class " + k);
        }
        Path file = dir.resolve("scatter.png");
        Pngs.save(figure, file);
        assertEquals(800, Pngs.read(file).getWidth());
    }

    @Test
    void nanPointsAreDroppedAndBadInputIsRejected() {
        ScatterFigure figure = new ScatterFigure("s", "x", "y");
        Pngs.render(figure.points(new double[] {1, Double.NaN, 3}, new double[] {1, 2, 3}, new int[] {0, 1, 2}));
        assertThrows(IllegalArgumentException.class,
                () -> figure.points(new double[] {1, 2}, new double[] {1, 2}, new int[] {0}));
        assertThrows(IllegalArgumentException.class, () -> figure.points(new double[0], new double[0], new int[0]));
        assertThrows(IllegalArgumentException.class,
                () -> figure.points(new double[] {Double.NaN}, new double[] {1}, new int[] {0}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> figure.points(new double[] {1}, new double[] {1}, new int[] {-3}));
        assertTrue(e.getMessage().contains("point 0 has the negative label -3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Pngs.render(new ScatterFigure("s", "x", "y")
                .points(new double[] {1}, new double[] {1}, new int[] {4}).classNames("zero")));
    }
}
