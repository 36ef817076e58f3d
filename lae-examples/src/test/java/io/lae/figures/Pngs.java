package io.lae.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/** Reads back and inspects what the figures wrote. */
final class Pngs {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private Pngs() {
    }

    /** @return the image in {@code file}, after checking it is a PNG and that no temporary file was left beside it */
    static BufferedImage read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        assertArrayEquals(SIGNATURE, Arrays.copyOf(bytes, SIGNATURE.length), file + " is not a PNG");
        try (Stream<Path> beside = Files.list(file.getParent())) {
            assertEquals(List.of(), beside.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
        }
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, file + " cannot be decoded");
        return image;
    }

    /** @return the figure drawn at one pixel per point (72 dpi): pixel coordinates are the figure's own */
    static BufferedImage render(Figure figure) {
        return new FigureOutput(EnumSet.of(FigureFormat.PNG), 72).image(figure);
    }

    /** Writes the figure to {@code png} (a name ending in .png) at 72 dpi, PNG only, as lae writes figures. */
    static void save(Figure figure, Path png) {
        String name = png.getFileName().toString();
        new FigureOutput(EnumSet.of(FigureFormat.PNG), 72).write(figure,
                png.resolveSibling(name.substring(0, name.length() - ".png".length())));
    }

    /** @return the grey level of the pixel (x, y), failing if it is not grey */
    static int grey(BufferedImage image, int x, int y) {
        int rgb = image.getRGB(x, y) & 0xFFFFFF;
        int r = rgb >> 16;
        assertEquals(r, rgb >> 8 & 0xFF, "pixel (" + x + ", " + y + ") is not grey: " + Integer.toHexString(rgb));
        assertEquals(r, rgb & 0xFF, "pixel (" + x + ", " + y + ") is not grey: " + Integer.toHexString(rgb));
        return r;
    }

    /** @return how many pixels have exactly the colour {@code rgb} (0xRRGGBB) */
    static long count(BufferedImage image, int rgb) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                n += (image.getRGB(x, y) & 0xFFFFFF) == rgb ? 1 : 0;
            }
        }
        return n;
    }
}
